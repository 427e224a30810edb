import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { SignInButton } from "./_components/sign-in-button";

export const metadata: Metadata = { title: "Sign in" };

// next-auth's error codes, in words a person can act on.
const SIGN_IN_ERRORS: Record<string, string> = {
  OAuthSignin: "Could not reach the identity provider. Try again in a moment.",
  OAuthCallback: "The identity provider's answer could not be verified. Please sign in again.",
  OAuthAccountNotLinked: "This email is already linked to another sign-in. Ask an administrator.",
  Callback: "Signing in failed. Please try again.",
  AccessDenied: "Access was denied.",
  Configuration: "Sign-in is misconfigured on the server. An administrator has to fix it.",
  SessionRequired: "Please sign in to continue.",
};

export default async function LoginPage({
  searchParams,
}: {
  // Any of them may be repeated in the URL, and so arrive as an array.
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; signedOut?: string | string[]; state?: string | string[] }>;
}) {
  const { callbackUrl, error, signedOut: signedOutFlag, state } = await searchParams;
  // `state=signed-out` is echoed back by the identity provider after logout.
  const signedOut = signedOutFlag === "1" || state === "signed-out";
  const destination = safeCallbackPath(callbackUrl);
  if (await getSessionUser()) redirect(destination);
  // Own keys only: `?error=__proto__` must not reach the prototype.
  const known = typeof error === "string" && Object.hasOwn(SIGN_IN_ERRORS, error) ? SIGN_IN_ERRORS[error] : undefined;
  const errorMessage = error ? (known ?? "Signing in failed. Please try again.") : null;

  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <div className="flex items-center gap-2">
          <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-indigo-600 font-mono text-sm font-bold text-white">
            kd
          </span>
          <span className="text-lg font-semibold">Keydeck</span>
        </div>
        <h1 className="mt-6 text-xl font-semibold">Sign in to your dashboard</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Manage projects, API keys and usage. You sign in with your organisation&apos;s Keycloak account.
        </p>
        {signedOut && !errorMessage && (
          <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-300">
            You are signed out.
          </p>
        )}
        {errorMessage && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/50 dark:text-red-300">
            {errorMessage}
          </p>
        )}
        <SignInButton callbackUrl={destination} />
      </div>
    </main>
  );
}
