import { PERMISSION_NAME } from "./permission-query";

// What a key is granted, against what its project defines. A grant is a
// project's name or a pattern where `*` stands for one or more characters
// (`charges.*` covers `charges.write` and `charges.refunds.read`). A key holds
// a name only while its project defines it: removing a name from the project
// takes it from every key, wildcard or not.

export const MAX_PROJECT_PERMISSIONS = 200;

/** Names AND and OR are the query's operators, so no permission may be called that. */
export function isPermissionName(name: string): boolean {
  return PERMISSION_NAME.test(name) && name !== "AND" && name !== "OR";
}

function grantMatcher(grant: string): (name: string) => boolean {
  if (!grant.includes("*")) return (name) => name === grant;
  const pattern = new RegExp(`^${grant.split("*").map((part) => part.replace(/[.]/g, "\\.")).join(".+")}$`);
  return (name) => pattern.test(name);
}

/**
 * The project's names a key holds, sorted: all of them when `all` is set
 * (the default for a key), else those its grants cover.
 */
export function effectivePermissions(projectNames: readonly string[], grant: { all: boolean; grants: readonly string[] }): string[] {
  if (grant.all) return [...projectNames].sort();
  const matchers = grant.grants.map(grantMatcher);
  return projectNames.filter((name) => matchers.some((matches) => matches(name))).sort();
}
