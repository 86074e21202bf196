/**
 * Registration as Meta limits it: wrong two-step PIN guesses (133005, then 133008 too many, 133009
 * too fast), re-registering too soon after a deregistration (133015), too many register/deregister
 * requests (133016). Deregistering a number that is not registered succeeds (as the emulator always did).
 */
import type { EmulatorContext } from "../context.ts";
import { GraphError } from "../graph-error.ts";
import type { PhoneState } from "../state.ts";

/** Counts a register/deregister request against the number's window; 133016 beyond the limit. */
function countRequest(ctx: EmulatorContext, phone: PhoneState, now: number): void {
  const { maxRequests, rateWindowMs } = ctx.config.registration;
  const recent = (phone.registrationRequests ?? []).filter((at) => now - at < rateWindowMs);
  if (recent.length >= maxRequests) throw new GraphError(133016);
  recent.push(now);
  phone.registrationRequests = recent;
}

/** Checks a register request (before the PIN and verification checks of the register route). */
export function checkRegister(ctx: EmulatorContext, phone: PhoneState, pin: string, now = Date.now()): void {
  const { maxPinGuesses, pinGuessIntervalMs, reregisterWaitMs } = ctx.config.registration;
  if (phone.deregisteredAt !== undefined && now - phone.deregisteredAt < reregisterWaitMs) {
    throw new GraphError(133015);
  }
  const guesses = phone.pinGuesses ?? { wrong: 0, last: 0 };
  if (guesses.wrong >= maxPinGuesses) throw new GraphError(133008);
  if (guesses.wrong > 0 && now - guesses.last < pinGuessIntervalMs) throw new GraphError(133009);
  countRequest(ctx, phone, now);
  if (phone.pin !== undefined && phone.pin !== pin && phone.codeVerificationStatus === "VERIFIED") {
    phone.pinGuesses = { wrong: guesses.wrong + 1, last: now };
    throw new GraphError(133005);
  }
  phone.pinGuesses = { wrong: 0, last: now };
}

/** Deregisters a number (counted against the request limit when it was registered). */
export function deregister(ctx: EmulatorContext, phone: PhoneState, now = Date.now()) {
  if (!phone.registered) return { success: true };
  countRequest(ctx, phone, now);
  phone.registered = false;
  phone.deregisteredAt = now;
  return { success: true };
}
