import { describe, expect, it } from "vitest";
import { hiddenActionsNote, keyPageNote } from "./hidden-actions";
import { ROLES } from "./roles";

describe("hiddenActionsNote", () => {
  it("tells a viewer what each page hides and who can do it", () => {
    expect(hiddenActionsNote("viewer", "keys")).toBe(
      "Your role here is Viewer: you cannot create, rotate or revoke keys (owners, admins and developers can). Ask one of them if you need it done.",
    );
    expect(hiddenActionsNote("viewer", "settings")).toBe(
      "Your role here is Viewer: you cannot rename the project or change its permission names (owners and admins can), delete the project (only owners can) or choose what a leaked key does (owners and admins can). Ask one of them if you need it done.",
    );
  });

  it("tells an admin only what owners keep, and an owner nothing", () => {
    expect(hiddenActionsNote("admin", "settings")).toBe("Your role here is Admin: you cannot delete the project (only owners can). Ask one of them if you need it done.");
    expect(hiddenActionsNote("admin", "members")).toContain("manage owners or transfer ownership (only owners can)");
    expect(hiddenActionsNote("admin", "keys")).toBeNull();
    for (const page of ["keys", "members", "embed", "settings"] as const) expect(hiddenActionsNote("owner", page)).toBeNull();
  });

  it("says something on every page where a role lacks a permission the page's controls need", () => {
    for (const role of ROLES) {
      expect(hiddenActionsNote(role, "embed") === null).toBe(role === "owner" || role === "admin");
      expect(hiddenActionsNote(role, "members") === null).toBe(role === "owner");
    }
  });

  it("says on a key's page why it cannot be changed", () => {
    expect(keyPageNote("viewer", { revoked: false, canManage: false })).toBe(
      "Your role here is Viewer: you cannot rename this key or change its policy (owners, admins and developers can).",
    );
    expect(keyPageNote("developer", { revoked: false, canManage: false })).toContain("only owners and admins can change a live key someone else created");
    expect(keyPageNote("owner", { revoked: true, canManage: true })).toBe("This key is revoked: its name and policy can no longer change.");
    expect(keyPageNote("developer", { revoked: false, canManage: true })).toBeNull();
  });
});
