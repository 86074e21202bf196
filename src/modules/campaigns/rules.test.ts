import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parametersFor, variantOf } from "./render.ts";
import { firstRunAt, localToUtc, nextRunAfter, quietUntil } from "./schedule.ts";

describe("campaign rules", () => {
  it("splits the audience by the variants' weights, the same way each time", () => {
    const ids = Array.from({ length: 20_000 }, () => randomUUID());
    const counts = [0, 0];
    for (const id of ids) counts[variantOf(id, [1, 3])]!++;
    expect(counts[0]! / ids.length).toBeGreaterThan(0.22);
    expect(counts[0]! / ids.length).toBeLessThan(0.28);
    expect(ids.slice(0, 50).map((id) => variantOf(id, [1, 3]))).toEqual(
      ids.slice(0, 50).map((id) => variantOf(id, [1, 3])),
    );
  });

  it("fills parameters from contact fields with fallbacks, media by link or id, and the redirect token", () => {
    const params = parametersFor(
      {
        header: { image: { id: "media-123" } },
        body: [{ field: "name", fallback: "cliente" }, { field: "attributes.city" }, { value: "fijo" }],
        buttons: [{ index: 0, redirectUrl: "https://shop.example.com" }],
      },
      { name: null, phone: "+5491155550001", attributes: { city: "Córdoba" } },
      "tok123",
    );
    expect(params).toEqual({
      header: { image: { id: "media-123" } },
      body: ["cliente", "Córdoba", "fijo"],
      buttons: [{ index: 0, text: "tok123" }],
    });
  });

  it("reads times in a time zone, cron recurrences and quiet hours in a contact's country", () => {
    expect(localToUtc("2026-12-01T09:00", "America/Sao_Paulo")?.toISOString()).toBe(
      "2026-12-01T12:00:00.000Z",
    );
    expect(localToUtc("2026-07-01T09:00", "Europe/Madrid")?.toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(localToUtc("2026-02-30T09:00", "UTC")).toBeNull();
    const now = new Date("2026-11-30T12:00:00Z");
    const cron = { kind: "cron" as const, cron: "0 9 * * 1", timezone: "America/Argentina/Buenos_Aires" };
    expect(firstRunAt(cron, now).toISOString()).toBe("2026-12-07T12:00:00.000Z");
    expect(nextRunAfter(cron, new Date("2026-12-07T12:00:00Z"))?.toISOString()).toBe(
      "2026-12-14T12:00:00.000Z",
    );
    expect(() => firstRunAt({ kind: "at", at: "2020-01-01T00:00", timezone: "UTC" }, now)).toThrow(/passed/);
    const quiet = { start: "21:00", end: "09:00" };
    // 03:00 in Buenos Aires: quiet until 09:00 there (12:00 UTC); 12:00 there is not quiet.
    expect(quietUntil(quiet, "AR", new Date("2026-11-30T06:00:00Z"))?.toISOString()).toBe(
      "2026-11-30T12:00:00.000Z",
    );
    expect(quietUntil(quiet, "AR", new Date("2026-11-30T15:00:00Z"))).toBeNull();
    expect(quietUntil(quiet, undefined, new Date())).toBeNull();
  });
});
