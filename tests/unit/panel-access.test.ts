import { describe, expect, it } from "vitest";
import { type ZodError, z } from "zod";
import { type Access, decideAccess, hasPartnerRole } from "@/lib/panel/access";
import { fieldError, labelForField, zodFieldErrors } from "@/lib/panel/action-state";

const partnerUser = { role: "partner" as const, partnerId: "ptr_1" };
const approved = { status: "approved" };

describe("panel access decisions", () => {
  it("sends a signed-out visitor to sign in, whatever the page requires", () => {
    for (const access of [{ role: "admin" }, { role: "partner" }, { role: "signed_in" }] satisfies Access[]) {
      expect(decideAccess({ access, user: null })).toEqual({ outcome: "signed_out" });
    }
  });

  it("lets anyone use a public entry point, signed in or not", () => {
    expect(decideAccess({ access: { role: "anyone" }, user: null })).toEqual({ outcome: "allowed" });
  });

  it("sends a user of another area to their own home", () => {
    const access: Access = { role: "partner" };
    expect(decideAccess({ access, user: { role: "admin", partnerId: null } })).toEqual({
      outcome: "wrong_area",
      home: "/admin/partners",
    });
    expect(decideAccess({ access, user: { role: "end_user", partnerId: null } })).toEqual({
      outcome: "wrong_area",
      home: "/catalog",
    });
    expect(decideAccess({ access: { role: "admin" }, user: partnerUser, partner: approved })).toEqual({
      outcome: "wrong_area",
      home: "/dashboard",
    });
  });

  it("tells a declined partner it was declined and a pending one that it is pending", () => {
    const access: Access = { role: "partner", approved: true };
    const declined = decideAccess({ access, user: partnerUser, partner: { status: "rejected" } });
    expect(declined).toMatchObject({ outcome: "not_approved", status: "rejected" });
    expect(declined.outcome === "not_approved" && declined.message).toMatch(/declined/);
    expect(declined.outcome === "not_approved" && declined.message).not.toMatch(/pending/);
    const pending = decideAccess({ access, user: partnerUser, partner: { status: "pending" } });
    expect(pending).toMatchObject({ outcome: "not_approved", status: "pending" });
    expect(pending.outcome === "not_approved" && pending.message).toMatch(/pending approval/);
  });

  it("lets an unapproved partner through where approval is not required (pages, access-reducing actions)", () => {
    const decision = decideAccess({ access: { role: "partner" }, user: partnerUser, partner: { status: "rejected" } });
    expect(decision).toEqual({ outcome: "allowed" });
  });

  it("refuses a member whose role in the partner is weaker than required", () => {
    const access: Access = { role: "partner", partnerRole: "developer" };
    const base = { access, user: partnerUser, partner: approved };
    expect(decideAccess({ ...base, memberRole: "viewer" })).toMatchObject({
      outcome: "role_too_weak",
      required: "developer",
    });
    expect(decideAccess({ ...base, memberRole: "developer" })).toEqual({ outcome: "allowed" });
    expect(decideAccess({ ...base, memberRole: "owner" })).toEqual({ outcome: "allowed" });
    expect(hasPartnerRole("owner", "viewer")).toBe(true);
    expect(hasPartnerRole("viewer", "owner")).toBe(false);
  });

  it("treats a partner user without a partner company as an error, not as another area", () => {
    const decision = decideAccess({ access: { role: "partner" }, user: { role: "partner", partnerId: null } });
    expect(decision).toEqual({ outcome: "no_partner" });
  });
});

describe("form field errors", () => {
  it("names the field in front of a rule fragment and keeps whole sentences as written", () => {
    expect(fieldError("name", "is required")).toBe("Name is required");
    expect(fieldError("api_user", "must be at most 200 characters")).toBe("API user must be at most 200 characters");
    expect(fieldError("expiresOn", "must be a date", { expiresOn: "Expiry date" })).toBe("Expiry date must be a date");
    expect(fieldError("email", "Enter your email address.")).toBe("Enter your email address.");
    expect(labelForField("check_interval_seconds")).toBe("Check interval seconds");
    expect(labelForField("timeZone")).toBe("Time zone");
  });

  it("reports the first issue of each field from a zod error", () => {
    const schema = z.object({ name: z.string().min(1, "is required"), url: z.string().url("must be a URL") });
    const result = schema.safeParse({ name: "", url: "nope" });
    expect(result.success).toBe(false);
    const errors = zodFieldErrors(result.error as ZodError);
    expect(errors).toEqual({ name: "Name is required", url: "URL must be a URL" });
  });
});
