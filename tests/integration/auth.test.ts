import { describe, expect, inject, it } from "vitest";
import { createPartner } from "../support/factories";
import { randomClientIp } from "../support/http";
import { signInWithPassword } from "../support/sign-in";

describe("sign-in (next-auth credentials)", () => {
  it("POST /api/auth/callback/credentials – right password gives an http-only session cookie with the user's role", async () => {
    const partner = await createPartner();
    const result = await signInWithPassword({ email: partner.email, password: partner.password, ip: randomClientIp() });
    expect(result.sessionCookie).not.toBeNull();
    expect(result.rawSessionCookie?.toLowerCase()).toContain("httponly");
    expect(result.rawSessionCookie?.toLowerCase()).toContain("samesite=lax");
    const session = await fetch(`${inject("baseUrl")}/api/auth/session`, {
      headers: { cookie: result.sessionCookie ?? "" },
    });
    expect(await session.json()).toMatchObject({
      user: { email: partner.email, role: "partner", partnerId: partner.partnerId },
    });
  });

  it("POST /api/auth/callback/credentials – wrong password and unknown email give no session", async () => {
    const partner = await createPartner();
    const wrong = await signInWithPassword({
      email: partner.email,
      password: "not the password",
      ip: randomClientIp(),
    });
    expect(wrong.sessionCookie).toBeNull();
    expect(wrong.location).toContain("error=CredentialsSignin");
    const unknown = await signInWithPassword({
      email: "nobody@example.test",
      password: "whatever123",
      ip: randomClientIp(),
    });
    expect(unknown.sessionCookie).toBeNull();
  });

  it("an account under attack refuses addresses that failed on it, not its owner's (no lock-out)", async () => {
    const partner = await createPartner();
    const attackers = Array.from({ length: 7 }, (_, index) => `192.0.2.${10 + index}`);
    for (const ip of attackers) {
      for (let attempt = 0; attempt < 3; attempt++) {
        await signInWithPassword({ email: partner.email, password: "wrong password!", ip });
      }
    }
    const blocked = await signInWithPassword({ email: partner.email, password: partner.password, ip: attackers[0] });
    expect(blocked.sessionCookie).toBeNull();
    expect(blocked.location).toContain("code=rate_limited");
    const owner = await signInWithPassword({ email: partner.email, password: partner.password, ip: "192.0.2.200" });
    expect(owner.sessionCookie).not.toBeNull();
  });

  it("five failures on one account from one address block that address for the account", async () => {
    const partner = await createPartner();
    const ip = "192.0.2.250";
    for (let attempt = 0; attempt < 5; attempt++) {
      await signInWithPassword({ email: partner.email, password: "wrong password!", ip });
    }
    const blocked = await signInWithPassword({ email: partner.email, password: partner.password, ip });
    expect(blocked.location).toContain("code=rate_limited");
  });

  it("sign-in is rate limited per IP across accounts", async () => {
    const ip = randomClientIp();
    for (let attempt = 0; attempt < 10; attempt++) {
      await signInWithPassword({ email: `nobody-${attempt}@example.test`, password: "wrong password!", ip });
    }
    const partner = await createPartner();
    const blocked = await signInWithPassword({ email: partner.email, password: partner.password, ip });
    expect(blocked.sessionCookie).toBeNull();
    expect(blocked.location).toContain("code=rate_limited");
  });
});
