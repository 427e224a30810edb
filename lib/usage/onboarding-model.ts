import type { OnboardingFacts } from "./onboarding";

// What the Overview's "Get started" checklist says, decided here; the
// component only lays it out.

export type OnboardingStepId = "create-key" | "first-call" | "counted";

export type OnboardingStep = { id: OnboardingStepId; title: string; done: boolean; detail: string };

export type OnboardingChecklist = { steps: OnboardingStep[]; complete: boolean };

/** While a step is open the Overview asks this often, so the first call shows within seconds of landing. */
export const ONBOARDING_POLL_MS = 5_000;

export const onboardingComplete = (facts: OnboardingFacts) => facts.keyCreated && facts.callMade && facts.callCounted;

/** `locale` undefined means the runtime's own (the browser's, in the dashboard). */
export function onboardingChecklist(
  facts: OnboardingFacts,
  today: { requests: number; units: number },
  options: { canCreateKeys: boolean; locale: string | undefined },
): OnboardingChecklist {
  const count = new Intl.NumberFormat(options.locale, { maximumFractionDigits: 0 });
  const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;
  const steps: OnboardingStep[] = [
    {
      id: "create-key",
      title: "Create an API key",
      done: facts.keyCreated,
      detail: facts.keyCreated
        ? "The project has a key. Its plaintext was shown once, when it was created."
        : options.canCreateKeys
          ? "A key identifies the service that calls your API. Create one on the API keys tab and copy it: it is shown only once."
          : "Your role cannot create keys: ask a developer, admin or owner of the project for one.",
    },
    {
      id: "first-call",
      title: "Make your first verify call",
      done: facts.callMade,
      detail: facts.callMade
        ? "Keydeck has received a call with one of the project's keys."
        : "Paste your key into KEYDECK_API_KEY and run the call below, as your API will for each of its requests.",
    },
    {
      id: "counted",
      title: "See it counted",
      done: facts.callCounted,
      detail: facts.callCounted
        ? `Counted: ${plural(today.requests, "request", "requests")} and ${plural(today.units, "unit", "units")} today.`
        : facts.callMade
          ? "The calls so far were refused (401 or 429): only a call answered 200 is counted. Check that the key is active and the quota not used up."
          : "A call answered 200 is counted here within seconds, and on the Usage tab.",
    },
  ];
  return { steps, complete: onboardingComplete(facts) };
}
