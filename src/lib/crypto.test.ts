import { describe, expect, it } from "vitest";
import { hashPassword, SecretBox, safeEqual, verifyPassword } from "./crypto.ts";

describe("SecretBox", () => {
  const box = SecretBox.fromString("a".repeat(64));

  it("round-trips a secret and never stores the plaintext", () => {
    const sealed = box.seal("EAAG-access-token");
    expect(sealed).not.toContain("EAAG");
    expect(box.open(sealed)).toBe("EAAG-access-token");
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it("rejects a tampered envelope and a wrong key", () => {
    const sealed = box.seal("secret");
    const parts = sealed.split(":");
    parts[3] = Buffer.from("SECRET").toString("base64url");
    expect(() => box.open(parts.join(":"))).toThrow();
    expect(() => SecretBox.fromString("b".repeat(64)).open(sealed)).toThrow();
  });
});

describe("passwords", () => {
  it("verifies the right password only", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("wrong horse", hash)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("compares strings of different lengths safely", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});
