import { Button } from "./button";

/** A dialog form's footer: Cancel, then the submit button (busy while pending). */
export function FormActions({
  submitLabel,
  onCancel,
  pending,
  disabled,
  danger = false,
}: {
  submitLabel: string;
  onCancel: () => void;
  pending: boolean;
  disabled?: boolean;
  danger?: boolean;
}) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" variant={danger ? "danger" : "primary"} pending={pending} disabled={disabled}>
        {submitLabel}
      </Button>
    </div>
  );
}
