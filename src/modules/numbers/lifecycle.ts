/**
 * A number's life cycle at Meta: verification code, verify, register with a two-step PIN, PIN
 * change, display-name change, business profile, deregister, and its health as Meta reports it.
 * Each change is audited and emitted (`phone_number.updated`); Meta's refusals keep their code.
 */
import { and, eq } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { emit } from "../../events/index.ts";
import { AppError, notFound } from "../../lib/problem.ts";
import { WhatsAppApiError } from "../../whatsapp/errors.ts";
import { createTransport } from "../../whatsapp/transport.ts";
import type { BusinessProfileUpdate } from "../../whatsapp/types.ts";
import { type Actor, recordAudit } from "../accounts/index.ts";
import { checkDisplayName } from "../activation/index.ts";
import { tenantAccount } from "./lookups.ts";
import { phoneNumbers } from "./schema.ts";
import { accountToken, refreshAccountNumbers } from "./service.ts";

type Ctx = Pick<Services, "database" | "graph" | "secrets" | "boss">;

async function tenantNumber(services: Ctx, tenantId: string, numberId: string) {
  const [number] = await services.database.db
    .select()
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.id, numberId), eq(phoneNumbers.tenantId, tenantId)));
  if (!number) throw notFound(`Phone number ${numberId}`, "phone_number_not_found");
  const { account, accessToken } = await accountToken(services, number.accountId);
  return { number, account, accessToken };
}

/** Meta's refusal as a problem that keeps Meta's code (133005 PIN mismatch, 136025 wrong code...). */
async function atMeta<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WhatsAppApiError) {
      throw new AppError(
        error.httpStatus >= 500 ? 502 : 422,
        "meta_refused",
        error.details ?? error.message,
        {
          metaCode: error.code,
          metaMessage: error.message,
        },
      );
    }
    throw error;
  }
}

/** POST /{phone-number-id} with parameters the client has no method for (PIN, new display name). */
async function postToNumber(services: Ctx, accessToken: string, phoneNumberId: string, json: unknown) {
  const transport = createTransport({
    baseUrl: services.graph.baseUrl,
    version: services.graph.version,
    accessToken,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  try {
    return await transport.call<{ success: boolean }>({ method: "POST", path: phoneNumberId, json });
  } finally {
    await transport.close();
  }
}

export type LifecycleStep =
  | { step: "request_code"; method: "SMS" | "VOICE"; language: string }
  | { step: "verify"; code: string }
  | { step: "register"; pin: string }
  | { step: "two_step_pin"; pin: string }
  | { step: "display_name"; displayName: string }
  | { step: "business_profile"; profile: BusinessProfileUpdate }
  | { step: "deregister" };

/** Runs one step at Meta, re-reads the account's numbers, audits and emits it. */
export async function runLifecycleStep(
  services: Ctx,
  tenantId: string,
  numberId: string,
  input: LifecycleStep,
  actor: Actor,
) {
  const { number, account, accessToken } = await tenantNumber(services, tenantId, numberId);
  const client = services.graph.client(accessToken);
  const meta = number.phoneNumberId;
  let audited: Record<string, unknown> = {};
  if (input.step === "request_code") {
    await atMeta(() => client.requestCode(meta, { code_method: input.method, language: input.language }));
    audited = { method: input.method };
  } else if (input.step === "verify") await atMeta(() => client.verifyCode(meta, input.code));
  else if (input.step === "register")
    await atMeta(() => client.registerPhoneNumber(meta, { pin: input.pin }));
  else if (input.step === "two_step_pin")
    await atMeta(() => postToNumber(services, accessToken, meta, { pin: input.pin }));
  else if (input.step === "display_name") {
    const check = checkDisplayName(input.displayName, { legalName: number.verifiedName });
    if (!check.ok) {
      throw new AppError(422, "display_name_refused", "The display name breaks Meta's display-name rules", {
        findings: check.findings,
      });
    }
    await atMeta(() => postToNumber(services, accessToken, meta, { new_display_name: input.displayName }));
    audited = { displayName: input.displayName, findings: check.findings };
  } else if (input.step === "business_profile") {
    await atMeta(() => client.updateBusinessProfile(meta, input.profile));
    audited = { fields: Object.keys(input.profile) };
  } else await atMeta(() => client.deregisterPhoneNumber(meta));
  await refreshAccountNumbers(services, account.id);
  await services.database.db.transaction(async (tx) => {
    await recordAudit(tx, actor, {
      tenantId,
      action: `phone_number.${input.step}`,
      targetType: "phone_number",
      targetId: number.id,
      data: audited,
    });
    await emit(
      { boss: services.boss, tx },
      {
        type: "phone_number.updated",
        tenantId,
        data: { phoneNumberId: number.id, step: input.step, ...audited },
      },
    );
  });
  return status(services, tenantId, numberId);
}

/** The number as stored and as Meta reports it now: statuses, display name review, health. */
export async function status(services: Ctx, tenantId: string, numberId: string) {
  const { number, accessToken } = await tenantNumber(services, tenantId, numberId);
  const meta = await atMeta(() =>
    services.graph
      .client(accessToken)
      .getPhoneNumber(number.phoneNumberId, [
        "code_verification_status",
        "name_status",
        "new_display_name",
        "new_name_status",
        "health_status",
        "status",
        "verified_name",
      ]),
  );
  return { ...number, meta };
}

export async function businessProfile(services: Ctx, tenantId: string, numberId: string) {
  const { number, accessToken } = await tenantNumber(services, tenantId, numberId);
  return atMeta(() => services.graph.client(accessToken).getBusinessProfile(number.phoneNumberId));
}

/** Adds a number to one of the tenant's WABAs (display name pre-checked); it then needs verify and register. */
export async function addNumber(
  services: Ctx,
  tenantId: string,
  accountId: string,
  input: { countryCode: string; phoneNumber: string; displayName: string },
  actor: Actor,
) {
  const found = await tenantAccount(services.database.db, tenantId, { accountId });
  if (!found) throw notFound("WhatsApp account", "whatsapp_account_not_found");
  const check = checkDisplayName(input.displayName);
  if (!check.ok) {
    throw new AppError(422, "display_name_refused", "The display name breaks Meta's display-name rules", {
      findings: check.findings,
    });
  }
  const { accessToken } = await accountToken(services, found.id);
  const transport = createTransport({
    baseUrl: services.graph.baseUrl,
    version: services.graph.version,
    accessToken,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  let added: { id: string };
  try {
    added = await atMeta(() =>
      transport.call<{ id: string }>({
        method: "POST",
        path: `${found.wabaId}/phone_numbers`,
        json: { cc: input.countryCode, phone_number: input.phoneNumber, verified_name: input.displayName },
      }),
    );
  } finally {
    await transport.close();
  }
  const rows = await refreshAccountNumbers(services, found.id);
  const row = rows.find((number) => number.phoneNumberId === added.id);
  if (!row) throw new AppError(502, "meta_unavailable", "Meta did not list the added number");
  await services.database.db.transaction(async (tx) => {
    await recordAudit(tx, actor, {
      tenantId,
      action: "phone_number.add",
      targetType: "phone_number",
      targetId: row.id,
      data: { displayName: input.displayName, findings: check.findings },
    });
    await emit(
      { boss: services.boss, tx },
      { type: "phone_number.updated", tenantId, data: { phoneNumberId: row.id, step: "add" } },
    );
  });
  return row;
}
