/** In-memory state of the emulator. */
import type {
  BusinessProfile,
  MessageTemplate,
  MessagingLimitTier,
  QualityRating,
  TemplateDefinition,
} from "../whatsapp/types.ts";
import type { EmulatorConfig, SeedPhoneNumber } from "./config.ts";

export interface PhoneState {
  id: string;
  wabaId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: QualityRating;
  messagingLimitTier: MessagingLimitTier;
  registered: boolean;
  pin: string | undefined;
  codeVerificationStatus: "VERIFIED" | "NOT_VERIFIED" | "EXPIRED";
  pendingCode: string | null;
  throughputPerSecond: number | undefined;
  profile: BusinessProfile;
  bucket: { tokens: number; last: number };
  /** Display name review (onboarding/): the name's status, a requested new name and its status. */
  nameStatus?: string;
  newDisplayName?: string;
  newNameStatus?: string;
  /** Registration limits (onboarding/registration.ts): wrong PIN guesses, requests, last deregistration. */
  pinGuesses?: { wrong: number; last: number };
  registrationRequests?: number[];
  deregisteredAt?: number;
  /** Display-name reviews under way: the name, whether a change, the decision and when (survive a restart). */
  nameReviews?: { dueAt: number; name: string; change: boolean; outcome: string; rejectionReason: string }[];
  /** While its throughput upgrade runs (131057), until when (epoch ms; survives a restart). */
  maintenanceUntil?: number | undefined;
}

export interface WabaState {
  id: string;
  name: string;
  portfolioId: string;
  phoneNumberIds: string[];
  /** The policy review (onboarding/): PENDING, APPROVED, REJECTED; apps subscribed to its webhooks. */
  accountReviewStatus?: string;
  /** The policy review under way: its decision and when (survives a restart). */
  accountReview?: { dueAt: number; outcome: string };
  subscribedApps?: string[];
}

export interface TemplateState extends MessageTemplate {
  wabaId: string;
  createdAt: number;
  /** Times Meta paused it for low quality (the third time disables it). */
  pauses?: number;
  /** Under pacing: messages sent so far, until when. */
  pacing?: { sends: number; until: number };
  /** When an approved template was edited (Meta allows one a day, ten in 30 days). */
  approvedEdits?: number[];
  /** When its pending review decides (epoch ms; survives a restart). */
  reviewDueAt?: number | undefined;
  /** When a RED quality is checked for a pause, and when a pause ends (epoch ms; survive a restart). */
  pauseCheckAt?: number | undefined;
  pausedUntil?: number | undefined;
}

export interface PortfolioState {
  id: string;
  /** Its messaging limit (TIER_250 ... TIER_UNLIMITED); its numbers' messaging_limit_tier mirror it. */
  tier: string;
  /** waId -> when last reached by a business-initiated message (outside a service window). */
  reached: Map<string, number>;
  scalePending: boolean;
  /** When the pending step up happens (epoch ms; survives a restart). */
  scaleDueAt?: number | undefined;
  /** Business verification (onboarding/): not_verified, pending, verified, rejected. */
  verificationStatus?: string;
  /** The verification under way: its decision and when (survives a restart). */
  verificationReview?: { dueAt: number; outcome: string; rejectionReasons: string[] };
  name?: string;
}

export interface StatusRecord {
  status: "sent" | "delivered" | "read" | "failed";
  timestamp: number;
  errorCode?: number | undefined;
}

export interface SentMessage {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  to: string;
  waId: string;
  /** The user's BSUID (when business-scoped user ids are on); `sentToUserId`: sent with `recipient`. */
  userId?: string | undefined;
  sentToUserId?: boolean;
  type: string;
  /** request body as received */
  body: Record<string, unknown>;
  acceptedAt: number;
  /** latest status ("accepted" until the first status webhook) */
  status: "accepted" | StatusRecord["status"];
  statuses: StatusRecord[];
  errorCode?: number | undefined;
  pricing?: { billable: boolean; pricing_model: string; category: string; type: string } | undefined;
  /** Held by template pacing: released at `until` (epoch ms; survives a restart), then its statuses. */
  held?: { until: number; templateId: string; pricing: NonNullable<SentMessage["pricing"]> } | undefined;
}

export interface InboundRecord {
  id: string;
  from: string;
  phoneNumberId: string;
  receivedAt: number;
  message: Record<string, unknown>;
}

export interface MediaRecord {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  data: Buffer;
  sha256: string;
  filename: string | undefined;
  createdAt: number;
}

export interface EmulatorStats {
  graphRequests: number;
  messagesAccepted: number;
  rateLimited: number;
  pairRateLimited: number;
  injectedErrors: number;
  injectedTimeouts: number;
  failedAsync: number;
}

export const DEFAULT_TEMPLATES: readonly (TemplateDefinition & { status: "APPROVED" })[] = [
  {
    name: "hello_world",
    language: "en_US",
    category: "UTILITY",
    status: "APPROVED",
    components: [
      { type: "HEADER", format: "TEXT", text: "Hello World" },
      {
        type: "BODY",
        text: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API emulator.",
      },
      { type: "FOOTER", text: "WhatsApp Business Platform sample message" },
    ],
  },
  {
    name: "order_update",
    language: "en_US",
    category: "UTILITY",
    status: "APPROVED",
    components: [
      {
        type: "BODY",
        text: "Hi {{1}}, your order {{2}} is on its way.",
        example: { body_text: [["Ana", "A-1"]] },
      },
    ],
  },
  {
    name: "spring_sale",
    language: "es",
    category: "MARKETING",
    status: "APPROVED",
    components: [
      { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aW1hZ2U="] } },
      {
        type: "BODY",
        text: "Hola {{1}}, ¡{{2}}% de descuento esta semana!",
        example: { body_text: [["Ana", "20"]] },
      },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Stop promotions" }] },
    ],
  },
];

export class EmulatorState {
  readonly wabas = new Map<string, WabaState>();
  readonly phones = new Map<string, PhoneState>();
  readonly templates = new Map<string, TemplateState>();
  readonly messages = new Map<string, SentMessage>();
  readonly inbound: InboundRecord[] = [];
  readonly media = new Map<string, MediaRecord>();
  /** `${phoneNumberId}:${waId}` -> last inbound time (ms) */
  readonly windows = new Map<string, number>();
  /** `${phoneNumberId}:${waId}` -> a referral (ad / Page CTA) and when the business's reply opened the free entry point. */
  readonly entryPoints = new Map<string, { referralAt: number; opensAt?: number }>();
  readonly pairBuckets = new Map<string, { tokens: number; last: number }>();
  /** Business portfolios: their messaging limit and the users reached outside a service window. */
  readonly portfolios = new Map<string, PortfolioState>();
  /** `${phoneNumberId}:${waId}` -> typing indicator shown to that user (until expiresAt). */
  readonly typing = new Map<string, { messageId: string; expiresAt: number }>();
  /** waId -> times marketing templates were delivered to that user outside a service window. */
  readonly marketingReceived = new Map<string, number[]>();
  /** `${portfolioId}:${bsuid}` -> the user's phone number (digits). */
  readonly bsuids = new Map<string, string>();
  stats: EmulatorStats = emptyStats();
  private seq = 0;

  constructor(config: EmulatorConfig) {
    this.seed(config);
  }

  seed(config: EmulatorConfig): void {
    this.wabas.clear();
    this.phones.clear();
    this.templates.clear();
    this.messages.clear();
    this.inbound.length = 0;
    this.media.clear();
    this.windows.clear();
    this.entryPoints.clear();
    this.pairBuckets.clear();
    this.portfolios.clear();
    this.typing.clear();
    this.marketingReceived.clear();
    this.bsuids.clear();
    this.stats = emptyStats();
    for (const w of config.wabas) {
      const portfolioId = w.portfolioId ?? w.id;
      this.wabas.set(w.id, {
        id: w.id,
        name: w.name,
        portfolioId,
        phoneNumberIds: w.phoneNumbers.map((p) => p.id),
      });
      if (!this.portfolios.has(portfolioId)) {
        const tier = w.phoneNumbers[0]?.messagingLimitTier ?? "TIER_250";
        this.portfolios.set(portfolioId, { id: portfolioId, tier, reached: new Map(), scalePending: false });
      }
      for (const p of w.phoneNumbers) this.phones.set(p.id, phoneFromSeed(w.id, p));
      for (const t of DEFAULT_TEMPLATES) {
        const id = this.nextNumericId("9");
        this.templates.set(id, { ...structuredClone(t), id, wabaId: w.id, createdAt: Date.now() });
      }
    }
  }

  nextNumericId(prefix: string): string {
    this.seq++;
    return `${prefix}${String(Date.now()).slice(-8)}${String(this.seq).padStart(6, "0")}`;
  }

  windowOpen(phoneNumberId: string, waId: string, windowMs: number, now = Date.now()): boolean {
    const last = this.windows.get(`${phoneNumberId}:${waId}`);
    return last !== undefined && now - last < windowMs;
  }

  phoneOfWaba(wabaId: string): PhoneState[] {
    const w = this.wabas.get(wabaId);
    if (!w) return [];
    return w.phoneNumberIds.map((id) => this.phones.get(id)).filter((p): p is PhoneState => p !== undefined);
  }
}

function emptyStats(): EmulatorStats {
  return {
    graphRequests: 0,
    messagesAccepted: 0,
    rateLimited: 0,
    pairRateLimited: 0,
    injectedErrors: 0,
    injectedTimeouts: 0,
    failedAsync: 0,
  };
}

function phoneFromSeed(wabaId: string, p: SeedPhoneNumber): PhoneState {
  return {
    id: p.id,
    wabaId,
    displayPhoneNumber: p.displayPhoneNumber,
    verifiedName: p.verifiedName,
    qualityRating: p.qualityRating ?? "GREEN",
    messagingLimitTier: p.messagingLimitTier ?? "TIER_1K",
    registered: p.registered ?? true,
    pin: p.pin,
    codeVerificationStatus: p.registered === false ? "NOT_VERIFIED" : "VERIFIED",
    pendingCode: null,
    throughputPerSecond: p.throughputPerSecond,
    profile: { ...(p.profile ?? {}) },
    bucket: { tokens: Number.POSITIVE_INFINITY, last: 0 },
  };
}
