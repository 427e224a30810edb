import { Button } from "@/components/ui/button";

export function LoadMoreKeys({ loading, onLoadMore }: { loading: boolean; onLoadMore: () => void }) {
  return (
    <div className="mt-4 flex justify-center">
      <Button variant="secondary" pending={loading} onClick={onLoadMore}>
        Load more keys
      </Button>
    </div>
  );
}
