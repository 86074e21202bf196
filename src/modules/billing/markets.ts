import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * Meta's pricing markets (per-message pricing, 2026): 30 countries priced on their own and regional
 * groups. A market id is the ISO country code for a standalone country, a slug for a region. The
 * recipient's market follows from the calling code; +1 numbers are told apart by area code
 * (libphonenumber-js knows it), so Puerto Rico (787/939) and the Dominican Republic (809/829/849)
 * fall in Rest of Latin America, not North America.
 */
export const STANDALONE_MARKETS: Record<string, string> = {
  AR: "Argentina",
  BR: "Brazil",
  CL: "Chile",
  CO: "Colombia",
  EG: "Egypt",
  FR: "France",
  DE: "Germany",
  HK: "Hong Kong",
  HU: "Hungary",
  IN: "India",
  ID: "Indonesia",
  IL: "Israel",
  IT: "Italy",
  MY: "Malaysia",
  MX: "Mexico",
  NL: "Netherlands",
  NG: "Nigeria",
  PK: "Pakistan",
  PE: "Peru",
  PL: "Poland",
  QA: "Qatar",
  RO: "Romania",
  RU: "Russia",
  SA: "Saudi Arabia",
  SG: "Singapore",
  ZA: "South Africa",
  ES: "Spain",
  TR: "Turkey",
  AE: "United Arab Emirates",
  GB: "United Kingdom",
};

/** The regional groups and the countries Meta lists in each (minus those now standalone). */
export const REGIONS: Record<string, { name: string; countries: string[] }> = {
  north_america: { name: "North America", countries: ["US", "CA"] },
  rest_of_africa: {
    name: "Rest of Africa",
    countries: (
      "DZ AO BJ BW BF BI CM TD CG CD ER ET GA GM GH GW CI KE LS LR LY MG MW ML MR MA MZ NA NE RW SN SL SO " +
      "SS SD SZ TZ TG TN UG ZM ZW"
    ).split(" "),
  },
  rest_of_asia_pacific: {
    name: "Rest of Asia Pacific",
    countries: "AF AU BD KH CN JP LA MN NP NZ PG PH LK TW TJ TH TM UZ VN".split(" "),
  },
  rest_of_central_eastern_europe: {
    name: "Rest of Central & Eastern Europe",
    countries: "AL AM AZ BY BG HR CZ GE GR LV LT MK MD RS SK SI UA".split(" "),
  },
  rest_of_western_europe: {
    name: "Rest of Western Europe",
    countries: "AT BE DK FI IE NO PT SE CH".split(" "),
  },
  rest_of_latin_america: {
    name: "Rest of Latin America",
    countries: "BO CR DO EC SV GT HT HN JM NI PA PY PR UY VE".split(" "),
  },
  rest_of_middle_east: { name: "Rest of Middle East", countries: "BH IQ JO KW LB OM YE".split(" ") },
};

export const OTHER_MARKET = "other";

const regionOfCountry = new Map<string, string>();
for (const [id, region] of Object.entries(REGIONS))
  for (const country of region.countries) regionOfCountry.set(country, id);

/** Every market id: standalone countries, regions, and "other". */
export const MARKET_IDS = [...Object.keys(STANDALONE_MARKETS), ...Object.keys(REGIONS), OTHER_MARKET];

/** A market's display name (as Meta's rate card spells it). */
export function marketName(id: string): string {
  return STANDALONE_MARKETS[id] ?? REGIONS[id]?.name ?? "Other";
}

/** Territories that share a country's calling code and are priced as that country. */
const SAME_CALLING_CODE: Record<string, string> = { GG: "GB", JE: "GB", IM: "GB" };

/** The market of an ISO country code. */
export function marketOfCountry(code: string | undefined): string {
  if (!code) return OTHER_MARKET;
  const country = SAME_CALLING_CODE[code] ?? code;
  if (STANDALONE_MARKETS[country]) return country;
  return regionOfCountry.get(country) ?? OTHER_MARKET;
}

/** Markets by phone: the libphonenumber parse was ~7 % of ingest's main thread (analytics), and reserve and estimate parse the same phones. */
const marketsByPhone = new Map<string, string>();
const MAX_MARKETS = 50_000;

/** The market of a recipient's phone (E.164, or digits as WhatsApp ids are). */
export function marketOfPhone(phone: string | null): string {
  // A contact known only by its business-scoped user id has no calling code: Meta's "other" rates.
  if (phone === null) return marketOfCountry(undefined);
  let market = marketsByPhone.get(phone);
  if (market === undefined) {
    const e164 = phone.startsWith("+") ? phone : `+${phone}`;
    const parsed = parsePhoneNumberFromString(e164);
    // A number libphonenumber cannot place precisely still has its calling code's main country.
    market = marketOfCountry(parsed?.country ?? parsed?.getPossibleCountries()[0]);
    // Dropped whole when full: refilling costs one parse a phone.
    if (marketsByPhone.size >= MAX_MARKETS) marketsByPhone.clear();
    marketsByPhone.set(phone, market);
  }
  return market;
}

const byName = new Map<string, string>();
for (const id of MARKET_IDS) byName.set(normalise(marketName(id)), id);
// Spellings Meta's cards have used.
for (const [alias, id] of [
  ["Rest of Central and Eastern Europe", "rest_of_central_eastern_europe"],
  ["Rest of C&E Europe", "rest_of_central_eastern_europe"],
  ["UAE", "AE"],
  ["UK", "GB"],
  ["Türkiye", "TR"],
  ["Other", OTHER_MARKET],
] as const)
  byName.set(normalise(alias), id);

function normalise(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}&]+/gu, " ")
    .trim()
    .toLowerCase();
}

/** The market id of a rate card's market name (or id); undefined when unknown. */
export function marketByName(name: string): string | undefined {
  const trimmed = name.trim();
  if (MARKET_IDS.includes(trimmed)) return trimmed;
  return byName.get(normalise(trimmed));
}
