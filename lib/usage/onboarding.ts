import { db } from "../db";

/** How far a project has come towards its first counted call. Each fact, once true, stays true. */
export type OnboardingFacts = {
  /** A live or test key exists (a revoked one too: keys are never deleted). */
  keyCreated: boolean;
  /** A call with one of the project's keys reached the verification API, answered or refused. */
  callMade: boolean;
  /** A call was answered 200 and counted. */
  callCounted: boolean;
};

export async function onboardingFacts(projectId: string): Promise<OnboardingFacts> {
  // EXISTS stops at the first row: cheap to poll however much usage there is.
  const [facts] = await db.$queryRaw<OnboardingFacts[]>`
    SELECT EXISTS (SELECT 1 FROM api_keys WHERE project_id = ${projectId} AND environment IN ('live', 'test')) AS "keyCreated",
           EXISTS (SELECT 1 FROM usage_daily WHERE project_id = ${projectId}
                      AND requests + refused_unauthorized + refused_quota + refused_rate > 0) AS "callMade",
           EXISTS (SELECT 1 FROM usage_daily WHERE project_id = ${projectId} AND requests > 0) AS "callCounted"`;
  return facts!;
}
