/**
 * Meta's reviews as asynchronous processes: business verification (per business portfolio), the
 * WABA's policy review and display-name review, each deciding after its configured delay with the
 * configured outcome, and announcing it by webhook as Meta does.
 */
import { digits, type EmulatorContext, envelope } from "../context.ts";
import { GraphError, invalidParam } from "../graph-error.ts";
import type { PhoneState, PortfolioState, WabaState } from "../state.ts";

function wabasOfPortfolio(ctx: EmulatorContext, portfolioId: string): WabaState[] {
  return [...ctx.state.wabas.values()].filter((waba) => waba.portfolioId === portfolioId);
}

/** Verified businesses may reach more users a day (Meta's 2K step after verification; an assumption). */
const VERIFIED_DAILY_LIMIT = 2000;

/** Starts the verification of a business portfolio; Meta answers on each of its WABAs. */
export function startBusinessVerification(ctx: EmulatorContext, portfolio: PortfolioState): void {
  if (portfolio.verificationStatus === "pending")
    throw invalidParam("A verification is already under review");
  if (portfolio.verificationStatus === "verified") throw invalidParam("The business is already verified");
  portfolio.verificationStatus = "pending";
  const { delayMs, outcome, rejectionReasons } = ctx.config.businessVerification;
  portfolio.verificationReview = { dueAt: Date.now() + delayMs, outcome, rejectionReasons };
  resumeBusinessVerification(ctx, portfolio);
}

/** Decides the verification at its due time (after a restart too). */
export function resumeBusinessVerification(ctx: EmulatorContext, portfolio: PortfolioState): void {
  const review = portfolio.verificationReview;
  if (!review) return;
  ctx.timers.at(review.dueAt, () => {
    if (portfolio.verificationReview !== review) return;
    portfolio.verificationReview = undefined;
    const approved = review.outcome === "APPROVED";
    portfolio.verificationStatus = approved ? "verified" : "rejected";
    for (const waba of wabasOfPortfolio(ctx, portfolio.id)) {
      ctx.webhooks.send(
        envelope(
          waba.id,
          "account_update",
          {
            event: "PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE",
            partner_client_certification_info: {
              client_business_id: portfolio.id,
              status: approved ? "APPROVED" : "FAILED",
              rejection_reasons: approved ? ["NONE"] : review.rejectionReasons,
            },
          },
          true,
        ),
      );
      if (approved) {
        ctx.webhooks.send(
          envelope(
            waba.id,
            "business_capability_update",
            { max_daily_conversations_per_business: VERIFIED_DAILY_LIMIT },
            true,
          ),
        );
      }
    }
  });
}

/** The WABA's review against the Commerce Policy: PENDING, then Meta's decision. */
export function startAccountReview(ctx: EmulatorContext, waba: WabaState): void {
  waba.accountReviewStatus = "PENDING";
  ctx.webhooks.send(envelope(waba.id, "account_review_update", { decision: "PENDING" }, true));
  const { delayMs, outcome } = ctx.config.accountReview;
  waba.accountReview = { dueAt: Date.now() + delayMs, outcome };
  resumeAccountReview(ctx, waba);
}

/** Decides the policy review at its due time (after a restart too). */
export function resumeAccountReview(ctx: EmulatorContext, waba: WabaState): void {
  const review = waba.accountReview;
  if (!review) return;
  ctx.timers.at(review.dueAt, () => {
    if (waba.accountReview !== review) return;
    waba.accountReview = undefined;
    waba.accountReviewStatus = review.outcome;
    ctx.webhooks.send(envelope(waba.id, "account_review_update", { decision: review.outcome }, true));
  });
}

/** Meta's display name limits: 3 to 512 characters (its review applies the guidelines). */
function checkName(name: unknown): string {
  if (typeof name !== "string" || name.trim().length < 3 || name.length > 512) {
    throw invalidParam("Param new_display_name must be between 3 and 512 characters");
  }
  return name;
}

/**
 * A display name under review: the number's first name (`name_status`) or a change
 * (`new_display_name`, `new_name_status`); `phone_number_name_update` tells the decision.
 */
export function startNameReview(
  ctx: EmulatorContext,
  phone: PhoneState,
  requested: unknown,
  change: boolean,
) {
  const name = checkName(requested);
  if (change && phone.newNameStatus === "PENDING_REVIEW") {
    throw new GraphError(100, { details: "A display name change is already under review" });
  }
  if (change) {
    phone.newDisplayName = name;
    phone.newNameStatus = "PENDING_REVIEW";
  } else {
    phone.verifiedName = name;
    phone.nameStatus = "PENDING_REVIEW";
  }
  const { delayMs, outcome, rejectionReasons } = ctx.config.displayNameReview;
  const review = {
    dueAt: Date.now() + delayMs,
    name,
    change,
    outcome,
    rejectionReason: rejectionReasons[0] ?? "NONE",
  };
  phone.nameReviews = [...(phone.nameReviews ?? []), review];
  decideNameReview(ctx, phone, review);
  return { success: true };
}

type NameReview = NonNullable<PhoneState["nameReviews"]>[number];

/** After a restart: the number's display-name reviews decide at their due times. */
export function resumeNameReviews(ctx: EmulatorContext, phone: PhoneState): void {
  for (const review of phone.nameReviews ?? []) decideNameReview(ctx, phone, review);
}

function decideNameReview(ctx: EmulatorContext, phone: PhoneState, review: NameReview): void {
  ctx.timers.at(review.dueAt, () => {
    if (!phone.nameReviews?.includes(review)) return;
    phone.nameReviews = phone.nameReviews.filter((r) => r !== review);
    const { name, change, outcome: decision } = review;
    const status =
      decision === "APPROVED" ? "APPROVED" : decision === "REJECTED" ? "DECLINED" : "PENDING_REVIEW";
    if (change) {
      phone.newNameStatus = status;
      if (decision === "APPROVED") {
        phone.verifiedName = name;
        phone.nameStatus = "APPROVED";
        phone.newDisplayName = undefined;
        phone.newNameStatus = undefined;
      }
    } else {
      phone.nameStatus = status;
    }
    const value: Record<string, unknown> = {
      display_phone_number: digits(phone.displayPhoneNumber),
      decision,
      requested_verified_name: name,
    };
    if (decision === "REJECTED") value.rejection_reason = review.rejectionReason;
    ctx.webhooks.send(envelope(phone.wabaId, "phone_number_name_update", value, true));
  });
}

type CanSend = "AVAILABLE" | "LIMITED" | "BLOCKED";
interface Entity {
  entity_type: "PHONE_NUMBER" | "WABA" | "BUSINESS" | "APP";
  id: string;
  can_send_message: CanSend;
  errors?: { error_code: number; error_description: string; possible_solution: string }[];
  additional_info?: string[];
}
const RANK: Record<CanSend, number> = { AVAILABLE: 0, LIMITED: 1, BLOCKED: 2 };

/** Meta's `health_status`: whether messages can be sent, per entity (number, WABA, business, app). */
export function healthStatus(ctx: EmulatorContext, waba: WabaState, phone?: PhoneState) {
  const portfolio = ctx.state.portfolios.get(waba.portfolioId);
  const entities: Entity[] = [];
  if (phone) {
    entities.push(
      phone.registered
        ? { entity_type: "PHONE_NUMBER", id: phone.id, can_send_message: "AVAILABLE" }
        : {
            entity_type: "PHONE_NUMBER",
            id: phone.id,
            can_send_message: "BLOCKED",
            errors: [
              {
                error_code: 133010,
                error_description: "Phone number not registered on the WhatsApp Business Platform.",
                possible_solution: "Register the phone number (POST /{phone-number-id}/register).",
              },
            ],
          },
    );
  }
  const rejected = waba.accountReviewStatus === "REJECTED";
  entities.push(
    rejected
      ? {
          entity_type: "WABA",
          id: waba.id,
          can_send_message: "BLOCKED",
          errors: [
            {
              error_code: 131031,
              error_description: "The WhatsApp Business Account was rejected by the policy review.",
              possible_solution: "Request a review of the decision in Business Support Home.",
            },
          ],
        }
      : { entity_type: "WABA", id: waba.id, can_send_message: "AVAILABLE" },
  );
  const verified = portfolio?.verificationStatus === undefined || portfolio.verificationStatus === "verified";
  entities.push(
    verified
      ? { entity_type: "BUSINESS", id: waba.portfolioId, can_send_message: "AVAILABLE" }
      : {
          entity_type: "BUSINESS",
          id: waba.portfolioId,
          can_send_message: "LIMITED",
          additional_info: ["The business is not verified: its messaging limit stays at the first level."],
        },
  );
  entities.push({ entity_type: "APP", id: ctx.config.embeddedSignup.appId, can_send_message: "AVAILABLE" });
  const worst = entities.reduce<CanSend>(
    (acc, entity) => (RANK[entity.can_send_message] > RANK[acc] ? entity.can_send_message : acc),
    "AVAILABLE",
  );
  return { can_send_message: worst, entities };
}
