"use client";

import { useSyncExternalStore } from "react";

export type Toast = { id: number; kind: "success" | "error"; message: string };

// A tiny store outside React so that hooks and components anywhere can raise
// a toast without prop drilling; the Toaster renders it.
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function toast(kind: Toast["kind"], message: string) {
  // Both answers to a double submit (one creation, lib/idempotency) say the same: one toast.
  if (toasts.some((t) => t.kind === kind && t.message === message)) return;
  const id = nextId++;
  toasts = [...toasts, { id, kind, message }];
  emit();
  setTimeout(() => dismissToast(id), kind === "error" ? 8000 : 4000);
}

export function dismissToast(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

/** The toasts on screen now (what the Toaster renders). */
export const currentToasts = (): Toast[] => toasts;

export function useToasts(): Toast[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    currentToasts,
    currentToasts,
  );
}
