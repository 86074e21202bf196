/**
 * Onboarding: Meta's reviews started from the control API (what a business does in Business
 * Manager), the Embedded Signup page, the code exchange and the partner's app subscription.
 */
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.ts";
import { GraphError, unknownObject } from "../graph-error.ts";
import { bodyObj, graph, idParam } from "../http.ts";
import { startAccountReview, startBusinessVerification, startNameReview } from "../onboarding/reviews.ts";
import { addPhoneNumber, completeSignup, exchangeCode, signupPage } from "../onboarding/signup.ts";
import { checkVersion, graphParams } from "../transport.ts";

const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

function registerReviewControls(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get("/_emulator/businesses", async () => ({
    data: [...ctx.state.portfolios.values()].map((p) => ({
      id: p.id,
      name: p.name ?? null,
      verification_status: p.verificationStatus ?? "verified",
      wabas: [...ctx.state.wabas.values()].filter((w) => w.portfolioId === p.id).map((w) => w.id),
    })),
  }));
  app.post("/_emulator/businesses/:id/verification", async (req) => {
    const portfolio = ctx.state.portfolios.get(idParam(req));
    if (!portfolio) throw unknownObject(idParam(req));
    startBusinessVerification(ctx, portfolio);
    return { success: true, verification_status: portfolio.verificationStatus };
  });
  app.post("/_emulator/wabas/:id/review", async (req) => {
    const waba = ctx.state.wabas.get(idParam(req));
    if (!waba) throw unknownObject(idParam(req));
    startAccountReview(ctx, waba);
    return { success: true, account_review_status: waba.accountReviewStatus };
  });
  app.post("/_emulator/phone-numbers/:id/name-review", async (req) => {
    const phone = ctx.phoneOr404(idParam(req));
    return startNameReview(ctx, phone, str(bodyObj(req).name) ?? phone.verifiedName, false);
  });
}

function registerSignup(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get("/_emulator/signup", async (req, reply) =>
    reply.type("text/html; charset=utf-8").send(signupPage(ctx, req.query as Record<string, string>)),
  );
  app.post("/_emulator/signup", async (req, reply) => {
    const body = bodyObj(req) as Record<string, string>;
    const redirect = str(body.redirect_uri);
    try {
      if (!redirect || !/^https?:\/\//.test(redirect))
        throw new GraphError(100, { details: "redirect_uri is required" });
      const done = completeSignup(ctx, {
        businessId: str(body.business_id),
        businessName: str(body.business_name),
        displayPhoneNumber: body.display_phone_number ?? "",
        displayName: body.display_name ?? "",
        verificationCode: str(body.verification_code),
        coexistence: body.coexistence === "1" || body.coexistence === "on",
      });
      const target = new URL(redirect);
      target.searchParams.set("code", done.code);
      target.searchParams.set("waba_id", done.wabaId);
      target.searchParams.set("phone_number_id", done.phoneNumberId);
      target.searchParams.set("business_id", done.businessId);
      if (body.state) target.searchParams.set("state", body.state);
      return reply.redirect(target.toString(), 303);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      const message = String(
        (error.body.error as { error_data?: { details?: string } }).error_data?.details ?? error.message,
      );
      return reply
        .code(400)
        .type("text/html; charset=utf-8")
        .send(signupPage(ctx, body, message));
    }
  });
}

function registerPartnerGraph(app: FastifyInstance, ctx: EmulatorContext): void {
  // The code exchange authenticates with the app's id and secret, not a user token.
  app.get("/:version/oauth/access_token", async (req) => {
    checkVersion(ctx.config, (req.params as { version: string }).version, req.url);
    return exchangeCode(ctx, graphParams(req));
  });
  const wabaOr404 = (id: string) => {
    const waba = ctx.state.wabas.get(id);
    if (!waba) throw unknownObject(id);
    return waba;
  };
  app.post(
    "/:version/:id/subscribed_apps",
    graph(ctx, (req) => {
      const waba = wabaOr404(idParam(req));
      const appId = ctx.config.embeddedSignup.appId;
      waba.subscribedApps = [...new Set([...(waba.subscribedApps ?? []), appId])];
      return { success: true };
    }),
  );
  // Adds a number to a WABA: unregistered and not verified, its display name under review.
  app.post(
    "/:version/:id/phone_numbers",
    graph(ctx, (req) => addPhoneNumber(ctx, wabaOr404(idParam(req)), graphParams(req))),
  );
  app.get(
    "/:version/:id/subscribed_apps",
    graph(ctx, (req) => ({
      data: (wabaOr404(idParam(req)).subscribedApps ?? []).map((id) => ({
        whatsapp_business_api_data: {
          id,
          name: "Charla",
          link: `https://www.facebook.com/games/?app_id=${id}`,
        },
      })),
    })),
  );
}

export function registerOnboardingRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerReviewControls(app, ctx);
  registerSignup(app, ctx);
  registerPartnerGraph(app, ctx);
}
