import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { itemAt } from "../support/lists";

describe("AES-256-GCM secret encryption", () => {
  const key = randomBytes(32);

  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("s3cret-value", key);
    expect(stored).not.toContain("s3cret-value");
    expect(stored.startsWith("v1.")).toBe(true);
    expect(decryptSecret(stored, key)).toBe("s3cret-value");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a tampered ciphertext or the wrong key", () => {
    const stored = encryptSecret("value", key);
    const parts = stored.split(".");
    const ciphertext = Buffer.from(itemAt(parts, 3, "ciphertext part"), "base64url");
    ciphertext.writeUInt8(ciphertext.readUInt8(0) ^ 1, 0);
    parts[3] = ciphertext.toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow();
  });
});
