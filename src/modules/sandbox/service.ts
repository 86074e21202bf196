import type { Executor } from "../../db/client.ts";
import { AppError } from "../../lib/problem.ts";
import { toE164 } from "../contacts/index.ts";
import { senderNumber } from "../numbers/index.ts";

export const sandboxDisabled = () =>
  new AppError(404, "sandbox_disabled", "The sandbox is off on this server (SANDBOX=false)");

/** A simulated customer writes to one of the tenant's numbers: the emulator sends Charla Meta's webhook. */
export async function injectSandboxInbound(
  db: Executor,
  sandbox: { emulatorUrl: string } | null | undefined,
  tenantId: string,
  input: { from: string; text: string; phoneNumberId?: string | undefined },
) {
  if (!sandbox) throw sandboxDisabled();
  const from = toE164(input.from, "from").slice(1);
  // The tenant's number named by Charla's or Meta's id; without one, its oldest.
  const number = await senderNumber(db, tenantId, input.phoneNumberId);
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
