/**
 * Meta's 2026 platform rules, each configurable (see the emulator README). Durations are in
 * milliseconds so a test can compress days into moments.
 */
export interface RulesConfig {
  /** The pricing object of every status, per the rules on the message's date. */
  pricing: {
    /** From this date (UTC) service messages and utility templates inside the window are charged. null: never. */
    serviceChargedFrom: string | null;
    /** The date the rules are read on (ISO); null: the message's own acceptance time. */
    date: string | null;
  };
  /**
   * Business-scoped user ids in webhooks and `recipient` on sends; `usernames` lists the phone
   * numbers (digits) of users who adopted a username: their webhooks carry no wa_id / from.
   */
  businessScopedUserIds: { enabled: boolean; usernames: string[] };
  /** `typing_indicator` on a read receipt: shown until the business replies or `expiryMs` passes. */
  typingIndicator: { expiryMs: number };
  /** Marketing templates: per-user limit (131049) and countries that get none. */
  marketing: {
    enabled: boolean;
    /** Marketing templates one user may get (outside a service window) per `windowMs`. */
    perUserLimit: number;
    windowMs: number;
    /** Recipients' countries (ISO 3166) never delivered marketing templates: 131049. */
    blockedCountries: string[];
    /** Countries where the per-user limit does not apply (EEA, UK, Japan, South Korea). */
    exemptCountries: string[];
  };
  /**
   * Messaging limits per business portfolio: unique users reached outside a service window per
   * rolling `windowMs`. A WABA's portfolio is its seed's `portfolioId` (default: the WABA itself).
   */
  messagingLimits: {
    enabled: boolean;
    windowMs: number;
    /** Error of a message over the limit (a failed status). */
    errorCode: number;
    /** Automatic scaling: one level up once half the limit was used in `scaleLookbackMs`, after `scaleDelayMs`. */
    autoScale: boolean;
    scaleLookbackMs: number;
    scaleDelayMs: number;
  };
  /**
   * Template pausing: a template whose quality stays RED for `afterRedMs` (0: at once) is paused
   * for `firstPauseMs`, the second time `secondPauseMs`, the third time DISABLED.
   */
  templatePausing: { enabled: boolean; afterRedMs: number; firstPauseMs: number; secondPauseMs: number };
  /**
   * Template pacing: past `threshold` messages a paced template's sends are held for `holdMs`
   * (held_for_quality_assessment). New templates of `categories` are paced; a utility template
   * is paced for `afterPauseMs` after a pause (Meta: 7 days).
   */
  templatePacing: {
    enabled: boolean;
    categories: string[];
    threshold: number;
    holdMs: number;
    afterPauseMs: number;
  };
  /** Throughput upgrade to `upgradedPerSecond`: 131057 for `downtimeMs`, then THROUGHPUT_UPGRADE webhook. */
  throughputUpgrade: { upgradedPerSecond: number; downtimeMs: number };
}

const EEA_UK_JP_KR = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
  "IS",
  "LI",
  "NO",
  "GB",
  "JP",
  "KR",
];

export function defaultRules(): RulesConfig {
  return {
    pricing: { serviceChargedFrom: "2026-10-01", date: null },
    businessScopedUserIds: { enabled: true, usernames: [] },
    typingIndicator: { expiryMs: 25_000 },
    marketing: {
      enabled: true,
      perUserLimit: 10,
      windowMs: 24 * 3_600_000,
      blockedCountries: ["US"],
      exemptCountries: EEA_UK_JP_KR,
    },
    messagingLimits: {
      enabled: true,
      windowMs: 24 * 3_600_000,
      errorCode: 131048,
      autoScale: true,
      scaleLookbackMs: 7 * 24 * 3_600_000,
      scaleDelayMs: 6 * 3_600_000,
    },
    templatePausing: {
      enabled: true,
      afterRedMs: 3_600_000,
      firstPauseMs: 3 * 3_600_000,
      secondPauseMs: 6 * 3_600_000,
    },
    templatePacing: {
      enabled: true,
      categories: ["MARKETING"],
      threshold: 1_000,
      holdMs: 3_600_000,
      afterPauseMs: 7 * 24 * 3_600_000,
    },
    throughputUpgrade: { upgradedPerSecond: 1_000, downtimeMs: 60_000 },
  };
}

/** The 2026 ladder of messaging limits (unique users per rolling 24 h). */
export const LIMIT_TIERS = [
  { tier: "TIER_250", users: 250 },
  { tier: "TIER_2K", users: 2_000 },
  { tier: "TIER_10K", users: 10_000 },
  { tier: "TIER_100K", users: 100_000 },
  { tier: "TIER_UNLIMITED", users: Number.POSITIVE_INFINITY },
] as const;

/** Users a tier allows; the pre-2025 per-number tiers map to their nearest 2026 level. */
export function tierUsers(tier: string): number {
  const legacy: Record<string, number> = { TIER_50: 50, TIER_1K: 1_000, TIER_NOT_SET: 250 };
  return LIMIT_TIERS.find((t) => t.tier === tier)?.users ?? legacy[tier] ?? 250;
}

/** The next level up (unlimited stays). */
export function nextTier(tier: string): string {
  const users = tierUsers(tier);
  return LIMIT_TIERS.find((t) => t.users > users)?.tier ?? "TIER_UNLIMITED";
}
