/**
 * Meta's side of onboarding, each process configurable: business verification, the WABA's policy
 * review, display-name review (asynchronous, with their webhooks), registration limits and the
 * Embedded Signup app. Durations in milliseconds so days compress into moments.
 */
export interface ReviewConfig {
  /** What Meta decides. */
  outcome: "APPROVED" | "REJECTED";
  /** How long the review takes. */
  delayMs: number;
  /** Reasons sent with a rejection. */
  rejectionReasons: string[];
}

export interface OnboardingConfig {
  /** Partner-led business verification (account_update PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE). */
  businessVerification: ReviewConfig;
  /** The WABA's review against the Commerce Policy (account_review_update, account_review_status). */
  accountReview: ReviewConfig;
  /** A display name's review (phone_number_name_update, name_status / new_name_status). */
  displayNameReview: Omit<ReviewConfig, "outcome"> & { outcome: "APPROVED" | "REJECTED" | "DEFERRED" };
  registration: {
    /** Wrong PIN guesses before 133008 (too many guesses). */
    maxPinGuesses: number;
    /** A PIN guess sooner than this after a wrong one is 133009 (guessed too fast). */
    pinGuessIntervalMs: number;
    /** After a deregistration, registering again sooner is 133015; 0: no wait. */
    reregisterWaitMs: number;
    /** Register and deregister requests per number in `rateWindowMs` (133016 beyond). */
    maxRequests: number;
    rateWindowMs: number;
  };
  /** The Embedded Signup app: its id and secret (code exchange), and how long a code lives. */
  embeddedSignup: { appId: string; appSecret: string; codeTtlMs: number };
}

export function defaultOnboarding(): OnboardingConfig {
  return {
    businessVerification: {
      outcome: "APPROVED",
      delayMs: 3_000,
      rejectionReasons: ["LEGAL NAME NOT FOUND IN DOCUMENTS"],
    },
    accountReview: { outcome: "APPROVED", delayMs: 2_000, rejectionReasons: ["COMMERCE_POLICY_VIOLATION"] },
    displayNameReview: {
      outcome: "APPROVED",
      delayMs: 2_000,
      rejectionReasons: ["The display name does not follow the display name guidelines"],
    },
    registration: {
      maxPinGuesses: 10,
      pinGuessIntervalMs: 0,
      reregisterWaitMs: 0,
      maxRequests: 10,
      rateWindowMs: 72 * 3_600_000,
    },
    embeddedSignup: {
      appId: "1000000000000001",
      appSecret: "charla-emulator-app-secret",
      codeTtlMs: 10 * 60_000,
    },
  };
}
