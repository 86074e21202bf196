/** Emulator configuration, seeded accounts and defaults. */
import type { BusinessProfile, MessagingLimitTier, QualityRating } from "../whatsapp/types.ts";
import { defaultOnboarding, type OnboardingConfig } from "./onboarding/config.ts";
import { defaultRules, type RulesConfig } from "./rules/config.ts";

export const DEFAULT_ACCESS_TOKEN = "charla-emulator-token";
export const DEFAULT_APP_SECRET = "charla-emulator-app-secret";
export const DEFAULT_VERIFY_TOKEN = "charla-emulator-verify-token";
/** Code accepted by verify_code after request_code. */
export const DEFAULT_VERIFICATION_CODE = "123456";

export interface SeedPhoneNumber {
  id: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating?: QualityRating;
  messagingLimitTier?: MessagingLimitTier;
  registered?: boolean;
  /** 6-digit two-step verification PIN set at registration; undefined = not set yet. */
  pin?: string;
  /** messages per second for this number; defaults to config.throughputPerSecond */
  throughputPerSecond?: number;
  profile?: BusinessProfile;
}

export interface SeedWaba {
  id: string;
  name: string;
  /** The business portfolio it belongs to (messaging limits are per portfolio); default: its own id. */
  portfolioId?: string;
  phoneNumbers: SeedPhoneNumber[];
}

/** Seeded accounts: one WABA with two registered numbers and one unregistered, and a second WABA. */
export const DEFAULT_WABAS: readonly SeedWaba[] = [
  {
    id: "100000000000001",
    name: "Charla Demo",
    phoneNumbers: [
      {
        id: "110000000000001",
        displayPhoneNumber: "+1 555-010-0001",
        verifiedName: "Charla Demo",
        qualityRating: "GREEN",
        messagingLimitTier: "TIER_1K",
        registered: true,
        pin: "000000",
        profile: {
          about: "Charla demo business",
          address: "1 Emulator Way",
          description: "A business living in the Charla Cloud API emulator",
          email: "demo@example.com",
          websites: ["https://example.com"],
          vertical: "OTHER",
        },
      },
      {
        id: "110000000000002",
        displayPhoneNumber: "+1 555-010-0002",
        verifiedName: "Charla Demo Support",
        qualityRating: "GREEN",
        messagingLimitTier: "TIER_1K",
        registered: true,
        pin: "000000",
      },
      {
        id: "110000000000003",
        displayPhoneNumber: "+1 555-010-0003",
        verifiedName: "Charla Demo New",
        qualityRating: "UNKNOWN",
        messagingLimitTier: "TIER_250",
        registered: false,
      },
    ],
  },
  {
    id: "100000000000002",
    name: "Charla Second",
    phoneNumbers: [
      {
        id: "120000000000001",
        displayPhoneNumber: "+44 7700 900001",
        verifiedName: "Charla Second",
        qualityRating: "GREEN",
        messagingLimitTier: "TIER_10K",
        registered: true,
        pin: "000000",
      },
    ],
  },
];

export interface FaultConfig {
  /** Added latency on every Graph API request. */
  latencyMs: number;
  /** Fraction [0,1] of POST /messages answered with a 5xx (131000 / 131016 / code 2). */
  errorRate: number;
  /** Fraction [0,1] of POST /messages that hang `timeoutMs` and then drop the connection. */
  timeoutRate: number;
  timeoutMs: number;
  /** Next N Graph requests (any path but /_emulator) fail with this error. */
  failNext: { count: number; code: number; details?: string } | null;
  /** Fractions [0,1] of webhook deliveries dropped / sent twice / delayed to reorder. */
  webhookDropRate: number;
  webhookDuplicateRate: number;
  webhookReorderRate: number;
  /** Extra random delay [0, reorderWindowMs] for reordered deliveries. */
  webhookReorderWindowMs: number;
}

export interface EmulatorConfig extends RulesConfig, OnboardingConfig {
  /**
   * Versions Graph serves: `latestVersion` is the newest (a newer path is code 2500), an older
   * one than `oldestVersion` is served as the oldest (Meta upgrades calls to expired versions),
   * and an unversioned path gets `defaultVersion` (the app's default).
   */
  graphApi: { oldestVersion: string; latestVersion: string; defaultVersion: string };
  /**
   * Webhook shapes that changed over time: `phone_number_quality_update` with
   * `max_daily_conversations_per_business` ("2026", Meta's since February 2026), with
   * `current_limit` / `old_limit` ("legacy"), or with both ("both").
   */
  webhookFormat: { phoneNumberQuality: "2026" | "legacy" | "both" };
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  /** Where webhooks are POSTed; null = not delivered (still logged). */
  webhookUrl: string | null;
  wabas: SeedWaba[];
  /** Recipients "not on WhatsApp": exact numbers, prefixes or a regexp source (digits only, no "+"). */
  notOnWhatsApp: { numbers: string[]; prefixes: string[]; pattern: string | null };
  /** Recipients who never read (only sent, delivered). */
  neverRead: { numbers: string[]; prefixes: string[] };
  /** Delays after acceptance of each status webhook. read null = never read. */
  statusDelaysMs: { sent: number; delivered: number; read: number | null };
  /** Per-number throughput (token bucket, 1 s burst); 0 disables. */
  throughputPerSecond: number;
  /** Pair rate: bucket of `burst` messages to one recipient refilled one every `intervalMs`; null disables. */
  pairRate: { burst: number; intervalMs: number } | null;
  /** 24h customer-service window enforcement for non-template messages. */
  enforceWindow: boolean;
  windowMs: number;
  /**
   * How 131026 / 131047 surface. "async" (Meta's behaviour): accepted with a wamid, then a
   * failed status webhook. "sync": returned as an HTTP error.
   */
  recipientErrorMode: "async" | "sync";
  templateReview: {
    delayMs: number;
    /** Case-insensitive words; a template whose name or text contains one is REJECTED. */
    bannedWords: string[];
    rejectReason: string;
  };
  webhookDelivery: {
    /** Attempts before giving up; 0: no cap, retries go on until `maxAgeMs`. */
    attempts: number;
    baseDelayMs: number;
    /** The longest gap between two attempts. */
    maxDelayMs: number;
    /** Meta retries a notification for up to 7 days, then drops it (compress it for tests). */
    maxAgeMs: number;
    timeoutMs: number;
    /**
     * Meta may put several changes in one notification: up to this many events (1: one per POST)
     * gathered for at most `batchWindowMs`, one entry per WABA with their changes in order.
     */
    batchMaxEvents: number;
    batchWindowMs: number;
    /**
     * Threads that make the POSTs (0: the emulator's own thread). Under load (thousands of status
     * webhooks a second) they take the sockets and the signing off the thread answering Graph.
     */
    workers: number;
    /** Keep-alive connections to the receiver (per thread), and requests pipelined on each (1: none). */
    connections: number;
    pipelining: number;
  };
  faults: FaultConfig;
  /** Where the state persists across restarts (emulator-state.json); null: in memory only. */
  dataDir: string | null;
  /** How often the state is saved under dataDir (also on close). */
  persistIntervalMs: number;
  /** Max entries kept in each log (messages, webhooks). */
  maxLogEntries: number;
  /** Seed for the fault-injection RNG (deterministic runs). */
  randomSeed: number;
}

export type EmulatorConfigInput = Partial<
  Omit<
    EmulatorConfig,
    | "faults"
    | "statusDelaysMs"
    | "templateReview"
    | "webhookDelivery"
    | "graphApi"
    | "webhookFormat"
    | keyof RulesConfig
    | keyof OnboardingConfig
  >
> & {
  [K in keyof RulesConfig]?: Partial<RulesConfig[K]>;
} & {
  [K in keyof OnboardingConfig]?: Partial<OnboardingConfig[K]>;
} & {
  graphApi?: Partial<EmulatorConfig["graphApi"]>;
  webhookFormat?: Partial<EmulatorConfig["webhookFormat"]>;
  faults?: Partial<FaultConfig>;
  statusDelaysMs?: Partial<EmulatorConfig["statusDelaysMs"]>;
  templateReview?: Partial<EmulatorConfig["templateReview"]>;
  webhookDelivery?: Partial<EmulatorConfig["webhookDelivery"]>;
};

export function defaultConfig(): EmulatorConfig {
  return {
    ...defaultRules(),
    ...defaultOnboarding(),
    graphApi: { oldestVersion: "v18.0", latestVersion: "v25.0", defaultVersion: "v25.0" },
    webhookFormat: { phoneNumberQuality: "2026" },
    accessToken: DEFAULT_ACCESS_TOKEN,
    appSecret: DEFAULT_APP_SECRET,
    verifyToken: DEFAULT_VERIFY_TOKEN,
    webhookUrl: null,
    wabas: structuredClone(DEFAULT_WABAS) as SeedWaba[],
    notOnWhatsApp: { numbers: [], prefixes: ["999"], pattern: null },
    neverRead: { numbers: [], prefixes: [] },
    statusDelaysMs: { sent: 200, delivered: 800, read: 2_000 },
    throughputPerSecond: 80,
    pairRate: { burst: 45, intervalMs: 6_000 },
    enforceWindow: true,
    windowMs: 24 * 60 * 60 * 1000,
    recipientErrorMode: "async",
    templateReview: { delayMs: 1_000, bannedWords: ["forbidden", "scam"], rejectReason: "ABUSIVE_CONTENT" },
    webhookDelivery: {
      // As Meta: at once, then gaps doubling from 0.5 s up to an hour, for up to 7 days.
      attempts: 0,
      baseDelayMs: 500,
      maxDelayMs: 3_600_000,
      maxAgeMs: 7 * 24 * 3_600_000,
      timeoutMs: 5_000,
      batchMaxEvents: 1,
      batchWindowMs: 50,
      workers: 0,
      connections: 16,
      pipelining: 1,
    },
    faults: {
      latencyMs: 0,
      errorRate: 0,
      timeoutRate: 0,
      timeoutMs: 30_000,
      failNext: null,
      webhookDropRate: 0,
      webhookDuplicateRate: 0,
      webhookReorderRate: 0,
      webhookReorderWindowMs: 500,
    },
    dataDir: null,
    persistIntervalMs: 1_000,
    maxLogEntries: 100_000,
    randomSeed: 42,
  };
}

/** Merges a partial config (one level deep for nested objects) into a config. */
export function mergeConfig(base: EmulatorConfig, input: EmulatorConfigInput): EmulatorConfig {
  const out: EmulatorConfig = { ...base };
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    const cur = (base as unknown as Record<string, unknown>)[k];
    if (
      v !== null &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      cur !== null &&
      typeof cur === "object" &&
      !Array.isArray(cur) &&
      k !== "pairRate"
    ) {
      (out as unknown as Record<string, unknown>)[k] = { ...(cur as object), ...(v as object) };
    } else {
      (out as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
