import { describe, expect, it } from "vitest";
import { hiddenActionsNote } from "./hidden-actions";
import { ROLES } from "./roles";

describe("hiddenActionsNote", () => {
  it("tells a viewer what each page hides and who can do it", () => {
    expect(hiddenActionsNote("viewer", "keys")).toBe(
      "Your role here is Viewer: you cannot create, rotate or revoke keys (owners, admins and developers can). Ask one of them if you need it done.",
    );
    expect(hiddenActionsNote("viewer", "settings")).toBe(
      "Your role here is Viewer: you cannot rename the project (owners and admins can) or delete the project (only owners can). Ask one of them if you need it done.",
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
});
