"use client";

import { useQueryClient } from "@tanstack/react-query";
import { rotateEmbedSecret } from "../actions/rotate-embed-secret";
import type { Overlap } from "../keys/schemas";
import { useActionMutation } from "./action-mutation";
import { storeEmbedSettings } from "./use-get-embed-settings";

export function useRotateEmbedSecret(projectId: string) {
  const queryClient = useQueryClient();
  return useActionMutation({
    action: (overlap: Overlap) => rotateEmbedSecret({ projectId, overlap }),
    holdsSecret: true, // holds the new secret's plaintext
    onSuccess: ({ settings }) => storeEmbedSettings(queryClient, projectId, settings),
    successToast: "Signing secret rotated.",
  });
}
