/** Phone numbers: list per WABA, register / deregister, verification codes, business profile. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context.ts";
import { BUSINESS_PROFILE_NODE, checkFields, fieldsOf } from "../fields.ts";
import { GraphError, invalidParam, unknownObject } from "../graph-error.ts";
import { graph, idParam } from "../http.ts";
import { publicPhone } from "../phones.ts";
import { graphParams } from "../transport.ts";

const PROFILE_FIELDS = [
  "about",
  "address",
  "description",
  "email",
  "websites",
  "vertical",
  "profile_picture_handle",
];

function register(ctx: EmulatorContext, req: FastifyRequest) {
  const phone = ctx.phoneOr404(idParam(req));
  const b = graphParams(req);
  if (b.messaging_product !== "whatsapp") throw invalidParam("The parameter messaging_product is required.");
  if (typeof b.pin !== "string" || !/^\d{6}$/.test(b.pin)) {
    throw invalidParam("Param pin must be a 6-digit number", "(#100) Invalid parameter");
  }
  if (phone.codeVerificationStatus !== "VERIFIED") throw new GraphError(133006);
  if (phone.pin !== undefined && phone.pin !== b.pin) throw new GraphError(133005);
  phone.pin = b.pin;
  phone.registered = true;
  return { success: true };
}

/** POST /{phone-number-id} {pin}: sets (or changes) the two-step verification PIN. */
export function setTwoStepPin(ctx: EmulatorContext, req: FastifyRequest) {
  const phone = ctx.phoneOr404(idParam(req));
  const { pin } = graphParams(req);
  if (pin === undefined) throw new GraphError(131008, { details: "The parameter pin is required." });
  if (typeof pin !== "string" || !/^\d{6}$/.test(pin))
    throw invalidParam("Param pin must be a 6-digit number", "(#100) Invalid parameter");
  phone.pin = pin;
  return { success: true };
}

function requestCode(ctx: EmulatorContext, req: FastifyRequest) {
  const phone = ctx.phoneOr404(idParam(req));
  const b = graphParams(req);
  if (b.code_method !== "SMS" && b.code_method !== "VOICE") {
    throw invalidParam("Param code_method must be one of {SMS, VOICE}");
  }
  if (typeof b.language !== "string")
    throw new GraphError(131008, { details: "The parameter language is required." });
  phone.pendingCode = "123456";
  return { success: true };
}

function verifyCode(ctx: EmulatorContext, req: FastifyRequest) {
  const phone = ctx.phoneOr404(idParam(req));
  const b = graphParams(req);
  if (typeof b.code !== "string" && typeof b.code !== "number") {
    throw new GraphError(131008, { details: "The parameter code is required." });
  }
  if (phone.pendingCode === null || String(b.code) !== phone.pendingCode) throw new GraphError(136025);
  phone.pendingCode = null;
  phone.codeVerificationStatus = "VERIFIED";
  return { success: true };
}

function getProfile(ctx: EmulatorContext, req: FastifyRequest) {
  const phone = ctx.phoneOr404(idParam(req));
  const fields = fieldsOf(graphParams(req));
  checkFields(BUSINESS_PROFILE_NODE, fields);
  const profile: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(phone.profile)) if (!fields || fields.includes(k)) profile[k] = v;
  return { data: [{ ...profile, messaging_product: "whatsapp" }] };
}

function updateProfile(ctx: EmulatorContext, req: FastifyRequest) {
  const id = idParam(req);
  const phone = ctx.phoneOr404(id);
  const b = graphParams(req);
  if (b.messaging_product !== "whatsapp") throw invalidParam("The parameter messaging_product is required.");
  for (const k of Object.keys(b)) {
    if (k === "messaging_product") continue;
    if (!PROFILE_FIELDS.includes(k)) throw invalidParam(`Param ${k} is not a valid business profile field`);
  }
  if (typeof b.about === "string" && (b.about.length < 1 || b.about.length > 139)) {
    throw invalidParam("Param about must be between 1 and 139 characters");
  }
  if (b.websites !== undefined && (!Array.isArray(b.websites) || b.websites.length > 2)) {
    throw invalidParam("Param websites must be an array of at most 2 URLs");
  }
  const { messaging_product: _mp, profile_picture_handle: handle, ...rest } = b;
  Object.assign(phone.profile, rest);
  if (typeof handle === "string")
    phone.profile.profile_picture_url = `${ctx.baseUrl}/_emulator/profile/${id}.jpg`;
  return { success: true };
}

export function registerPhoneNumberRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get(
    "/:version/:id/phone_numbers",
    graph(ctx, (req) => {
      const id = idParam(req);
      if (!ctx.state.wabas.has(id)) throw unknownObject(id);
      const fields = fieldsOf(graphParams(req));
      const data = ctx.state.phoneOfWaba(id).map((p) => publicPhone(ctx.config, p, fields));
      return { data, paging: { cursors: { before: "QVFIUk", after: "QVFIUk" } } };
    }),
  );
  app.post(
    "/:version/:id/register",
    graph(ctx, (req) => register(ctx, req)),
  );
  app.post(
    "/:version/:id/deregister",
    graph(ctx, (req) => {
      ctx.phoneOr404(idParam(req)).registered = false;
      return { success: true };
    }),
  );
  app.post(
    "/:version/:id/request_code",
    graph(ctx, (req) => requestCode(ctx, req)),
  );
  app.post(
    "/:version/:id/verify_code",
    graph(ctx, (req) => verifyCode(ctx, req)),
  );
  app.get(
    "/:version/:id/whatsapp_business_profile",
    graph(ctx, (req) => getProfile(ctx, req)),
  );
  app.post(
    "/:version/:id/whatsapp_business_profile",
    graph(ctx, (req) => updateProfile(ctx, req)),
  );
}
