import { and, eq, or } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { AppError, notFound } from "../../http/problem.ts";
import { toE164 } from "../contacts/phone.ts";
import { phoneNumbers } from "../numbers/schema.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const sandboxDisabled = () =>
  new AppError(404, "sandbox_disabled", "The sandbox is off on this server (SANDBOX=false)");

/** The tenant's number named by Charla's or Meta's id; without one, its oldest. */
async function tenantNumber(db: Executor, tenantId: string, wanted?: string) {
  const [number] = await db
    .select({ phoneNumberId: phoneNumbers.phoneNumberId })
    .from(phoneNumbers)
    .where(
      and(
        eq(phoneNumbers.tenantId, tenantId),
        wanted
          ? or(
              eq(phoneNumbers.phoneNumberId, wanted),
              UUID.test(wanted) ? eq(phoneNumbers.id, wanted) : undefined,
            )
          : undefined,
      ),
    )
    .orderBy(phoneNumbers.createdAt)
    .limit(1);
  if (!number) throw notFound("Sandbox phone number", "phone_number_not_found");
  return number;
}

/** A simulated customer writes to one of the tenant's numbers: the emulator sends Charla Meta's webhook. */
export async function injectSandboxInbound(
  db: Executor,
  sandbox: { emulatorUrl: string } | null | undefined,
  tenantId: string,
  input: { from: string; text: string; phoneNumberId?: string | undefined },
) {
  if (!sandbox) throw sandboxDisabled();
  const from = toE164(input.from, "from").slice(1);
  const number = await tenantNumber(db, tenantId, input.phoneNumberId);
  const response = await fetch(`${sandbox.emulatorUrl}/_emulator/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ from, to: number.phoneNumberId, text: input.text }),
    signal: AbortSignal.timeout(5_000),
  }).catch(() => null);
  if (!response?.ok) {
    throw new AppError(502, "sandbox_unavailable", "The sandbox emulator did not take the message");
  }
  const injected = (await response.json()) as { id: string };
  return { id: injected.id, from, phoneNumberId: number.phoneNumberId };
}
