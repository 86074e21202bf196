/**
 * Self-service Embedded Signup (v4 style) against the sandbox: the portal opens the emulator's
 * signup page; with the code it returns, Charla gets the business token, connects the shared WABA,
 * subscribes its app to the WABA's webhooks and registers the number with the tenant's PIN.
 */
import type { Services } from "../../app/services.ts";
import { AppError } from "../../lib/problem.ts";
import { WhatsAppApiError } from "../../whatsapp/errors.ts";
import { createTransport } from "../../whatsapp/transport.ts";
import type { Actor } from "../accounts/index.ts";
import { connectAccount, refreshAccountNumbers } from "./service.ts";

type Ctx = Pick<Services, "database" | "graph" | "secrets" | "boss" | "config" | "sandbox">;

/** The signup page's URL; Embedded Signup runs against the sandbox only (Meta's needs the JS SDK). */
export function signupUrl(services: Ctx, redirectUri: string, state: string): string {
  if (!services.sandbox) {
    throw new AppError(
      404,
      "embedded_signup_unavailable",
      "Embedded Signup runs against the sandbox (SANDBOX=true)",
    );
  }
  const url = new URL("/_emulator/signup", services.sandbox.emulatorUrl);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("state", state);
  return url.toString();
}

function graphTransport(services: Ctx, accessToken: string) {
  return createTransport({
    baseUrl: services.graph.baseUrl,
    version: services.graph.version,
    accessToken,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
}

/** Meta's refusal of a signup step, named. */
async function step<T>(name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof WhatsAppApiError)) throw error;
    throw new AppError(
      422,
      "embedded_signup_failed",
      `Meta refused the ${name}: ${error.details ?? error.message}`,
      {
        step: name,
        metaCode: error.code,
      },
    );
  }
}

export interface SignupCompletion {
  code: string;
  wabaId: string;
  phoneNumberId: string;
  pin: string;
}

/** Finishes a signup: token, account (numbers imported), app subscription, registration with the PIN. */
export async function completeSignup(services: Ctx, tenantId: string, input: SignupCompletion, actor: Actor) {
  const transport = graphTransport(services, "none");
  let accessToken: string;
  try {
    const answer = await step("code exchange", () =>
      transport.call<{ access_token: string }>({
        method: "GET",
        path: "oauth/access_token",
        query: {
          client_id: services.config.WHATSAPP_APP_ID,
          client_secret: services.graph.appSecret,
          code: input.code,
        },
      }),
    );
    accessToken = answer.access_token;
  } finally {
    await transport.close();
  }
  const notifications = services.config.NOTIFICATIONS_REVIEW_REQUIRED ? "pending_review" : "enabled";
  const connected = await connectAccount(
    services,
    tenantId,
    { wabaId: input.wabaId, accessToken, name: `WABA ${input.wabaId} (Embedded Signup)` },
    actor,
    { notifications },
  );
  const authed = graphTransport(services, accessToken);
  try {
    await step("app subscription", () =>
      authed.call({ method: "POST", path: `${input.wabaId}/subscribed_apps` }),
    );
  } finally {
    await authed.close();
  }
  const number = connected.phoneNumbers.find((row) => row.phoneNumberId === input.phoneNumberId);
  if (!number) {
    throw new AppError(
      422,
      "embedded_signup_failed",
      `The shared WABA has no number ${input.phoneNumberId}`,
      {
        step: "number",
      },
    );
  }
  // A coexistence number (WhatsApp Business app) is already registered.
  if (number.status !== "connected") {
    await step("registration", () =>
      services.graph.client(accessToken).registerPhoneNumber(input.phoneNumberId, { pin: input.pin }),
    );
  }
  const numbers = await refreshAccountNumbers(services, connected.account.id);
  return { account: connected.account, phoneNumbers: numbers };
}
