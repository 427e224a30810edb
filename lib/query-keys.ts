// Query keys for React Query, one factory per domain, so invalidation after a
// mutation names exactly what it affects.
export const projectKeys = {
  all: ["projects"] as const,
  list: () => [...projectKeys.all, "list"] as const,
};
