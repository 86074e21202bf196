/**
 * Embedded Signup as Meta runs it, simplified to one HTML page: the user picks or creates a
 * business portfolio and a number (a new one, verified by code, or a WhatsApp Business app number:
 * coexistence), Meta creates the WABA shared with the partner and answers with a code the partner
 * exchanges for a token (`GET /oauth/access_token`). The page redirects to `redirect_uri` with the
 * code and the ids Meta posts to the opener (`waba_id`, `phone_number_id`, `business_id`).
 */
import { randomBytes } from "node:crypto";
import { DEFAULT_VERIFICATION_CODE } from "../config.ts";
import { type EmulatorContext, envelope } from "../context.ts";
import { GraphError } from "../graph-error.ts";
import { DEFAULT_TEMPLATES, type PhoneState, type WabaState } from "../state.ts";
import { startAccountReview, startNameReview } from "./reviews.ts";

interface SignupCode {
  wabaId: string;
  phoneNumberId: string;
  businessId: string;
  expiresAt: number;
}

const codes = new WeakMap<EmulatorContext, Map<string, SignupCode>>();
const codesOf = (ctx: EmulatorContext) => {
  let map = codes.get(ctx);
  if (!map) {
    map = new Map();
    codes.set(ctx, map);
  }
  return map;
};

export interface SignupInput {
  businessId?: string | undefined;
  businessName?: string | undefined;
  displayPhoneNumber: string;
  displayName: string;
  verificationCode?: string | undefined;
  coexistence: boolean;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The signup page: businesses to pick from, or a new one; a number and its display name. */
export function signupPage(ctx: EmulatorContext, query: Record<string, string>, error?: string): string {
  const options = [...ctx.state.portfolios.values()]
    .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name ?? `Business ${p.id}`)}</option>`)
    .join("");
  const hidden = ["redirect_uri", "state"]
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(query[k] ?? "")}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WhatsApp Embedded Signup (emulator)</title></head>
<body><h1>Connect your business to WhatsApp</h1>${error ? `<p role="alert" id="error">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/_emulator/signup">${hidden}
<label>Business portfolio <select name="business_id" id="business_id"><option value="">Create a new business</option>${options}</select></label>
<label>New business name <input name="business_name" id="business_name"></label>
<label>Phone number <input name="display_phone_number" id="display_phone_number" required placeholder="+54 9 11 5555-0000"></label>
<label>Display name <input name="display_name" id="display_name" required></label>
<label><input type="checkbox" name="coexistence" id="coexistence" value="1"> It is my WhatsApp Business app number (coexistence)</label>
<label>Verification code (sent by SMS; the emulator's is ${DEFAULT_VERIFICATION_CODE}) <input name="verification_code" id="verification_code"></label>
<button type="submit" id="finish">Finish</button></form></body></html>`;
}

const numericId = (prefix: string, length: number) =>
  prefix + Array.from(randomBytes(length - prefix.length), (b) => String(b % 10)).join("");

function newPhone(
  id: string,
  wabaId: string,
  displayPhoneNumber: string,
  verifiedName: string,
  tier: string,
  flags: { registered: boolean; verified: boolean },
): PhoneState {
  return {
    id,
    wabaId,
    displayPhoneNumber,
    verifiedName,
    qualityRating: "UNKNOWN",
    messagingLimitTier: tier as PhoneState["messagingLimitTier"],
    registered: flags.registered,
    pin: undefined,
    codeVerificationStatus: flags.verified ? "VERIFIED" : "NOT_VERIFIED",
    pendingCode: null,
    throughputPerSecond: undefined,
    profile: {},
    bucket: { tokens: Number.POSITIVE_INFINITY, last: 0 },
  };
}

/** `POST /{waba-id}/phone_numbers {cc, phone_number, verified_name}`: a new number, to verify and register. */
export function addPhoneNumber(ctx: EmulatorContext, waba: WabaState, params: Record<string, unknown>) {
  const cc = String(params.cc ?? "");
  const number = String(params.phone_number ?? "");
  if (!/^\d{1,3}$/.test(cc))
    throw new GraphError(100, { details: "Param cc must be a country calling code" });
  if (!/^\d{4,14}$/.test(number)) throw new GraphError(100, { details: "Param phone_number must be digits" });
  const name = params.verified_name;
  if (typeof name !== "string" || name.trim().length < 3 || name.length > 512) {
    throw new GraphError(100, { details: "Param verified_name must be between 3 and 512 characters" });
  }
  const display = `+${cc} ${number}`;
  if ([...ctx.state.phones.values()].some((p) => p.displayPhoneNumber.replace(/\D/g, "") === cc + number)) {
    throw new GraphError(100, {
      details: "This phone number is already registered to a WhatsApp Business Account",
    });
  }
  const id = numericId("4", 15);
  const tier = ctx.state.portfolios.get(waba.portfolioId)?.tier ?? "TIER_250";
  const phone = newPhone(id, waba.id, display, name, tier, {
    registered: false,
    verified: false,
  });
  ctx.state.phones.set(id, phone);
  waba.phoneNumberIds.push(id);
  startNameReview(ctx, phone, name, false);
  return { id };
}

/** Creates (or reuses) the business, a WABA shared with the partner and its number; returns the code. */
export function completeSignup(ctx: EmulatorContext, input: SignupInput): SignupCode & { code: string } {
  const { state } = ctx;
  if (!input.coexistence && input.verificationCode !== DEFAULT_VERIFICATION_CODE)
    throw new GraphError(136025);
  if (!/^\+?[\d\s()-]{8,20}$/.test(input.displayPhoneNumber)) {
    throw new GraphError(100, { details: "The phone number is not valid" });
  }
  let portfolio = input.businessId ? state.portfolios.get(input.businessId) : undefined;
  if (input.businessId && !portfolio) throw new GraphError(100, { details: "Unknown business portfolio" });
  if (!portfolio) {
    const name = input.businessName?.trim();
    if (!name) throw new GraphError(100, { details: "Name the new business" });
    const id = numericId("3", 16);
    portfolio = {
      id,
      name,
      tier: "TIER_250",
      reached: new Map(),
      scalePending: false,
      verificationStatus: "not_verified",
    };
    state.portfolios.set(id, portfolio);
  }
  const wabaId = numericId("2", 15);
  const phoneId = numericId("4", 15);
  state.wabas.set(wabaId, {
    id: wabaId,
    name: `${input.displayName} WABA`,
    portfolioId: portfolio.id,
    phoneNumberIds: [phoneId],
    subscribedApps: [],
  });
  // A coexistence number stays on the WhatsApp Business app and is already registered.
  const phone = newPhone(phoneId, wabaId, input.displayPhoneNumber, input.displayName, portfolio.tier, {
    registered: input.coexistence,
    verified: true,
  });
  state.phones.set(phoneId, phone);
  for (const t of DEFAULT_TEMPLATES) {
    const id = state.nextNumericId("9");
    state.templates.set(id, { ...structuredClone(t), id, wabaId, createdAt: Date.now() });
  }
  ctx.webhooks.send(
    envelope(
      wabaId,
      "account_update",
      { event: "PARTNER_ADDED", waba_info: { waba_id: wabaId, owner_business_id: portfolio.id } },
      true,
    ),
  );
  startAccountReview(ctx, state.wabas.get(wabaId)!);
  startNameReview(ctx, phone, input.displayName, false);
  const code = randomBytes(24).toString("base64url");
  const issued = {
    wabaId,
    phoneNumberId: phoneId,
    businessId: portfolio.id,
    expiresAt: Date.now() + ctx.config.embeddedSignup.codeTtlMs,
  };
  codesOf(ctx).set(code, issued);
  return { ...issued, code };
}

/** `GET /oauth/access_token`: a signup code (once, before it expires) for the business integration token. */
export function exchangeCode(ctx: EmulatorContext, params: Record<string, unknown>) {
  const { appId, appSecret } = ctx.config.embeddedSignup;
  if (params.client_id !== appId || params.client_secret !== appSecret) {
    throw new GraphError(101, {
      message: "Error validating application. Invalid application ID.",
      errorData: false,
    });
  }
  const code = typeof params.code === "string" ? params.code : "";
  const issued = codesOf(ctx).get(code);
  codesOf(ctx).delete(code);
  if (!issued || issued.expiresAt < Date.now()) {
    throw new GraphError(100, {
      subcode: 36007,
      message: "Invalid verification code format.",
      errorData: false,
    });
  }
  // The emulator accepts one token for every WABA: the business token is the emulator's token.
  return { access_token: ctx.config.accessToken, token_type: "bearer" };
}
