import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MARKET_IDS, marketByName, marketOfPhone, STANDALONE_MARKETS } from "./markets.ts";
import { formatMicros, MoneyError, markupOf, toMicros } from "./money.ts";
import { decidePricing, metaDecision } from "./pricing.ts";
import { parseRateCardCsv, RateCardFormatError } from "./rate-csv.ts";
import { DEFAULT_CARD, rateOf } from "./rates.ts";

describe("markets from the recipient's calling code", () => {
  it("has Meta's 30 standalone countries and the regions", () => {
    expect(Object.keys(STANDALONE_MARKETS)).toHaveLength(30);
    expect(MARKET_IDS).toContain("rest_of_latin_america");
    expect(MARKET_IDS).toContain("other");
  });

  it.each([
    ["+34612345678", "ES"],
    ["+5491123456789", "AR"],
    ["+5511987654321", "BR"],
    ["+12025550143", "north_america"], // US
    ["+14165550143", "north_america"], // Canada
    ["+17875550143", "rest_of_latin_america"], // Puerto Rico 787
    ["+19395550143", "rest_of_latin_america"], // Puerto Rico 939
    ["+18095550143", "rest_of_latin_america"], // Dominican Republic 809
    ["+18295550143", "rest_of_latin_america"], // Dominican Republic 829
    ["+18495550143", "rest_of_latin_america"], // Dominican Republic 849
    ["+18765550143", "rest_of_latin_america"], // Jamaica
    ["+59171234567", "rest_of_latin_america"], // Bolivia
    ["+351912345678", "rest_of_western_europe"], // Portugal
    ["+254712345678", "rest_of_africa"], // Kenya
    ["+81312345678", "rest_of_asia_pacific"], // Japan
    ["+97333123456", "rest_of_middle_east"], // Bahrain
    ["+380501234567", "rest_of_central_eastern_europe"], // Ukraine
    ["+3545551234", "other"], // Iceland
    ["447911123456", "GB"], // a WhatsApp id without "+"
    ["447700900123", "GB"], // a number in no valid range: the calling code's main country
  ])("%s is in %s", (phone, market) => {
    expect(marketOfPhone(phone)).toBe(market);
  });

  it("reads Meta's market names", () => {
    expect(marketByName("Rest of Latin America")).toBe("rest_of_latin_america");
    expect(marketByName("North America")).toBe("north_america");
    expect(marketByName("United Kingdom")).toBe("GB");
    expect(marketByName("Rest of Central & Eastern Europe")).toBe("rest_of_central_eastern_europe");
    expect(marketByName("Atlantis")).toBeUndefined();
  });
});

describe("money in micro-units", () => {
  it("converts exactly and refuses what is finer than a micro-unit or not an amount", () => {
    expect(toMicros("0.0618")).toBe(61_800);
    expect(toMicros("$1,250.5")).toBe(1_250_500_000);
    expect(toMicros("-3")).toBe(-3_000_000);
    expect(() => toMicros("0.0000001")).toThrow(MoneyError);
    expect(() => toMicros("abc")).toThrow(MoneyError);
    expect(formatMicros(61_800)).toBe("0.061800");
    expect(formatMicros(-1_500_000)).toBe("-1.500000");
  });

  it("rounds the markup half up to the micro-unit", () => {
    expect(markupOf(26_000, 2000)).toBe(5_200);
    expect(markupOf(5, 1000)).toBe(1); // 0.5 -> 1
    expect(markupOf(4, 1000)).toBe(0); // 0.4 -> 0
    expect(markupOf(61_800, 0)).toBe(0);
    expect(markupOf(3, 3333)).toBe(1); // 0.9999 -> 1
  });
});

describe("Meta's pricing rules, by date", () => {
  const before = new Date("2026-09-30T23:59:59Z");
  const after = new Date("2026-10-01T00:00:00Z");
  const rule = (category: never, windowOpen: boolean, at: Date, entryPointOpen = false) =>
    decidePricing({ category, windowOpen, at, entryPointOpen });

  it("until 2026-09-30: service and in-window utility are free; templates out of the window are charged with tiers", () => {
    expect(rule("service" as never, true, before)).toMatchObject({
      billable: false,
      type: "free_customer_service",
    });
    expect(rule("utility" as never, true, before)).toMatchObject({
      billable: false,
      type: "free_customer_service",
    });
    expect(rule("utility" as never, false, before)).toMatchObject({
      billable: true,
      tiered: true,
      rateCategory: "utility",
    });
    expect(rule("marketing" as never, true, before)).toMatchObject({
      billable: true,
      tiered: false,
      type: "regular",
    });
    expect(rule("authentication" as never, true, before)).toMatchObject({ billable: true, tiered: true });
  });

  it("from 2026-10-01: service and in-window utility at the utility rate without tiers; entry points stay free", () => {
    expect(rule("service" as never, true, after)).toMatchObject({
      billable: true,
      type: "regular",
      category: "service",
      rateCategory: "utility",
      tiered: false,
    });
    expect(rule("utility" as never, true, after)).toMatchObject({ billable: true, tiered: false });
    expect(rule("utility" as never, false, after)).toMatchObject({ billable: true, tiered: true });
    expect(rule("marketing" as never, false, after, true)).toMatchObject({
      billable: false,
      type: "free_entry_point",
    });
  });

  it("reads Meta's pricing object, type first (billable is being deprecated)", () => {
    expect(metaDecision({ billable: true, type: "regular", category: "service" })).toMatchObject({
      billable: true,
      rateCategory: "utility",
      tiered: false,
    });
    expect(
      metaDecision({ billable: true, type: "free_entry_point", category: "referral_conversion" }),
    ).toMatchObject({
      billable: false,
    });
    expect(metaDecision({ billable: true, category: "marketing" })).toMatchObject({
      billable: true,
      category: "marketing",
    });
    expect(
      metaDecision({ billable: true, type: "regular", category: "authentication-international" }),
    ).toMatchObject({
      category: "authentication-international",
      tiered: true,
    });
  });
});

describe("Meta's rate card CSV", () => {
  it("ships a default card with every market, each with marketing, utility and authentication", () => {
    const { rates, currency } = parseRateCardCsv(readFileSync(DEFAULT_CARD.file, "utf8"));
    expect(currency).toBe("USD");
    for (const market of MARKET_IDS)
      for (const category of ["marketing", "utility", "authentication", "service"])
        expect(
          rates.find((rate) => rate.market === market && rate.category === category),
          `${market} ${category}`,
        ).toBeDefined();
    const international = rates.filter((rate) => rate.category === "authentication-international");
    expect(international.map((rate) => rate.market).sort()).toEqual([
      "AE",
      "EG",
      "ID",
      "IN",
      "MY",
      "NG",
      "PK",
      "SA",
      "ZA",
    ]);
  });

  it("reads the base card after its preamble and the tier card", () => {
    const base = parseRateCardCsv(
      [
        "WhatsApp Business Platform rate card,,,,,,",
        "Effective October 1 2026,,,,,,",
        "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service",
        "Spain,EUR,$0.0570,$0.0185,$0.0185,n/a,$0.0185",
        '"Rest of Latin America",EUR,0.0680,0.0104,0.0104,,0.0104',
      ].join("\n"),
    );
    expect(base.currency).toBe("EUR");
    expect(base.rates).toContainEqual({
      market: "ES",
      category: "marketing",
      tierFrom: 1,
      rateMicros: 57_000,
    });
    expect(base.rates.filter((rate) => rate.market === "ES")).toHaveLength(4);
    expect(base.rates).toContainEqual({
      market: "rest_of_latin_america",
      category: "service",
      tierFrom: 1,
      rateMicros: 10_400,
    });

    const tiers = parseRateCardCsv(
      [
        "Market,Currency,Category,Tier,Rate",
        "Spain,EUR,Utility,1:250000,0.0185",
        "Spain,EUR,Utility,250001:2000000,0.0170",
        "Spain,EUR,Utility,25000001+,0.0100",
      ].join("\n"),
    );
    expect(tiers.rates.map((rate) => rate.tierFrom)).toEqual([1, 250_001, 25_000_001]);
    const table = new Map([
      ["ES/utility", tiers.rates.map(({ tierFrom, rateMicros }) => ({ tierFrom, rateMicros }))],
    ]);
    expect(rateOf(table, "ES", "utility", 1)).toBe(18_500);
    expect(rateOf(table, "ES", "utility", 250_001)).toBe(17_000);
    expect(rateOf(table, "ES", "utility", 30_000_000)).toBe(10_000);
    expect(rateOf(table, "ES", "utility", null)).toBe(18_500);
    expect(rateOf(table, "FR", "utility", 1)).toBeNull();
  });

  it("says which line is wrong", () => {
    expect(() => parseRateCardCsv("Market,Marketing\nAtlantis,0.1")).toThrow(/line 2: unknown market/);
    expect(() => parseRateCardCsv("Market,Marketing\nSpain,0.00000001")).toThrow(RateCardFormatError);
    expect(() => parseRateCardCsv("no header here")).toThrow(/Market column/);
  });
});
