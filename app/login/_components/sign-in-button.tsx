"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      className="mt-6 w-full"
      pending={pending}
      onClick={() => {
        setPending(true);
        void signIn("keycloak", { callbackUrl });
      }}
    >
      Sign in with Keycloak
    </Button>
  );
}
