import { z } from "zod";

/** Every setting Charla reads from the environment, validated once at start. */
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** 32-byte key (hex or base64) that encrypts stored secrets; generated under DATA_DIR when absent. */
  SECRET_KEY: z.string().min(32).optional(),
  /** Start the local Cloud API emulator and point Charla at it (the sandbox). */
  SANDBOX: booleanFlag.default(true),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  WHATSAPP_GRAPH_URL: z.url().default("https://graph.facebook.com"),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v25.0")
    .default("v25.0"),
  /** Meta app secret that signs webhooks (X-Hub-Signature-256); the emulator's in the sandbox. */
  WHATSAPP_APP_SECRET: z.string().min(8).optional(),
  /** Meta app id of Embedded Signup's code exchange (the sandbox emulator's app by default). */
  WHATSAPP_APP_ID: z
    .string()
    .regex(/^\d{5,20}$/, "Meta's numeric app id")
    .default("1000000000000001"),
  /** Token Meta echoes in the webhook subscription handshake. */
  WHATSAPP_VERIFY_TOKEN: z.string().min(8).optional(),
  /** Inbound texts that opt a contact out, compared without case or accents. */
  OPT_OUT_KEYWORDS: z
    .string()
    .default("STOP,BAJA,SAIR,UNSUBSCRIBE,CANCELAR SUSCRIPCION")
    .transform((value) =>
      value
        .split(",")
        .map((keyword) => keyword.trim())
        .filter(Boolean),
    ),
  /** How long a dispatch whose outcome is unknown (worker died mid-call) waits for Meta's webhooks before resending. */
  DISPATCH_RECONCILE_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** First retry delay of a failed customer webhook delivery; later ones grow from it. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Accept webhook URLs on loopback/private hosts; defaults to SANDBOX (yes in the sandbox, no in production). */
  WEBHOOKS_ALLOW_PRIVATE: booleanFlag.optional(),
  /** Templates with no policy finding skip the platform's human review and go to Meta at once. */
  TEMPLATE_AUTO_APPROVE_CLEAN: booleanFlag.default(false),
  /** JSON file of prohibited-content categories merged into the defaults. */
  TEMPLATE_PROHIBITED_CATEGORIES: z.string().min(1).optional(),
  /** pg-boss cron of the template status sync with Meta; "off" disables polling. */
  TEMPLATE_SYNC_CRON: z.string().min(1).default("*/15 * * * *"),
  /** How often the job queue looks for jobs whose worker died (missed heartbeats) to retry them. */
  JOBS_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** Caps every job queue's retry delay, back-off included (unset: each queue's own); tests wait short ones. */
  JOBS_RETRY_DELAY_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  SEED_DEMO: booleanFlag.default(true),
  /** Accounts connected through the API or Embedded Signup send templates only once a platform admin enables them. */
  NOTIFICATIONS_REVIEW_REQUIRED: booleanFlag.default(true),
  /** Portal sessions end after this long without a request... */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(43_200).default(480),
  /** ...and this long after sign-in, however active. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(8_760).default(168),
  /** Failed sign-ins per email within LOGIN_LOCK_MINUTES before that email is locked. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1_000).default(5),
  /** Failed sign-ins per client address within LOGIN_LOCK_MINUTES before that address is locked. */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(8_760).default(72),
  /** Behind a reverse proxy: take the client address and protocol from X-Forwarded-* headers. */
  TRUST_PROXY: booleanFlag.default(false),
  /** Bots' optional intent step: an OpenAI-compatible chat-completions URL and model (off when unset). */
  BOTS_LLM_URL: z.url().optional(),
  BOTS_LLM_MODEL: z.string().min(1).max(200).optional(),
  BOTS_LLM_API_KEY: z.string().min(1).optional(),
  /** Bots' voice notes: which speech-to-text provider transcribes them ("auto": the URL when set, else pocketsphinx when installed). */
  BOTS_STT_PROVIDER: z.enum(["auto", "openai", "pocketsphinx", "off"]).default("auto"),
  BOTS_STT_URL: z.url().optional(),
  BOTS_STT_MODEL: z.string().min(1).max(200).default("whisper-1"),
  BOTS_STT_API_KEY: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/** Reads the configuration; unknown variables are ignored, empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(configSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join(".");
        return `${key}=${JSON.stringify(relevant[key] ?? "")}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

/** The documented settings, used to render the README table and `charla config`. */
export const configDocs: Record<keyof Config, string> = {
  DATABASE_URL: "PostgreSQL URL; when unset Charla uses embedded PGlite under DATA_DIR",
  BOTS_LLM_URL:
    "OpenAI-compatible chat-completions URL for the bots' intent step (e.g. https://api.openai.com/v1/chat/completions); off when unset",
  BOTS_LLM_MODEL: "model name sent to BOTS_LLM_URL",
  BOTS_LLM_API_KEY: "bearer token for BOTS_LLM_URL (optional)",
  BOTS_STT_PROVIDER:
    "speech-to-text for customers' voice notes: auto (BOTS_STT_URL when set, else pocketsphinx when installed), openai, pocketsphinx or off",
  BOTS_STT_URL:
    "OpenAI-compatible transcription URL (e.g. https://api.openai.com/v1/audio/transcriptions); multipart file + model",
  BOTS_STT_MODEL: "model name sent to BOTS_STT_URL",
  BOTS_STT_API_KEY: "bearer token for BOTS_STT_URL (optional)",
  DATA_DIR: "where PGlite, the generated secret key and media are stored",
  HOST: "address the HTTP server binds",
  PORT: "HTTP port of the API, docs and portal",
  LOG_LEVEL: "pino log level",
  SECRET_KEY:
    "key that encrypts stored secrets (tokens, webhook secrets); generated when unset; every process on one database must share it (checked at start)",
  SANDBOX: "start the local WhatsApp Cloud API emulator and use it instead of Meta",
  SANDBOX_PORT: "port of the sandbox emulator",
  WHATSAPP_GRAPH_URL: "Graph API base URL when SANDBOX=false",
  WHATSAPP_API_VERSION: "Graph API version",
  WHATSAPP_APP_SECRET: "Meta app secret that signs incoming webhooks (the emulator's in the sandbox)",
  WHATSAPP_VERIFY_TOKEN: "token for Meta's webhook subscription handshake",
  WHATSAPP_APP_ID:
    "Meta app id used to exchange Embedded Signup codes (with WHATSAPP_APP_SECRET); the sandbox emulator's app by default",
  OPT_OUT_KEYWORDS: "comma-separated inbound keywords that opt a contact out (STOP, BAJA, SAIR...)",
  DISPATCH_RECONCILE_SECONDS: "wait for Meta's webhooks before resending a dispatch whose outcome is unknown",
  WORKER_CONCURRENCY: "jobs a worker process runs at once per queue",
  JOBS_SUPERVISE_SECONDS: "how often jobs of dead workers (missed heartbeats) are found and retried",
  JOBS_RETRY_DELAY_MAX_SECONDS:
    "cap of every job queue's retry delay, back-off included (unset: each queue's own; tests set a short one)",
  WEBHOOK_RETRY_BASE_MS: "first retry delay of a failed customer webhook delivery (later ones grow from it)",
  WEBHOOK_MAX_ATTEMPTS: "attempts before a customer webhook delivery is dead",
  WEBHOOK_TIMEOUT_MS: "timeout of one customer webhook POST",
  WEBHOOKS_ALLOW_PRIVATE: "accept webhook URLs on loopback/private hosts (default: same as SANDBOX)",
  TEMPLATE_AUTO_APPROVE_CLEAN: "templates with no policy finding skip the platform's human review",
  TEMPLATE_PROHIBITED_CATEGORIES: "JSON file of prohibited-content categories merged into the defaults",
  TEMPLATE_SYNC_CRON: 'cron of the template status sync with Meta ("off" disables)',
  SEED_DEMO: "seed a demo tenant with an API key at start",
  NOTIFICATIONS_REVIEW_REQUIRED:
    "accounts connected through the API or Embedded Signup send templates only after a platform admin enables notifications (sandbox-connected accounts and accounts connected before this setting are enabled)",
  SESSION_IDLE_MINUTES: "a portal session ends after this many minutes without a request",
  SESSION_MAX_HOURS: "a portal session ends this many hours after sign-in, however active",
  LOGIN_MAX_FAILURES: "failed sign-ins per email within LOGIN_LOCK_MINUTES before the email is locked",
  LOGIN_MAX_FAILURES_PER_IP:
    "failed sign-ins per client address within LOGIN_LOCK_MINUTES before it is locked",
  LOGIN_LOCK_MINUTES: "window in which failed sign-ins count, and how long a lock lasts",
  INVITATION_TTL_HOURS: "how long an invitation to the portal can be accepted",
  TRUST_PROXY: "take the client address and protocol from X-Forwarded-* headers (behind a reverse proxy)",
};
