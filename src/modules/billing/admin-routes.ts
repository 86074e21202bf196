import { z } from "zod";
import type { Services } from "../../app/services.ts";
import type { Executor } from "../../db/client.ts";
import { requireRole } from "../../http/auth.ts";
import type { ModuleRoutes, ZodApp } from "../../http/context.ts";
import { notFound } from "../../lib/problem.ts";
import { actorLabel, recordAudit, tenantSummaries } from "../accounts/index.ts";
import { amountInput, amountMicros, currentMonth, monthInput } from "./amounts.ts";
import { checkLedger, ledgerOk } from "./checks.ts";
import { CATEGORIES } from "./pricing.ts";
import { importRateCard } from "./rates.ts";
import { margins, monthPeriod } from "./reports.ts";
import {
  creditedOut,
  importedCardOut,
  ledgerCheckOut,
  marginsOut,
  markupSetOut,
  markupsOut,
  refundedOut,
  tenantWalletsOut,
  walletOut,
} from "./route-schemas.ts";
import { billingSettings } from "./settings.ts";
import {
  adjust,
  configureWallet,
  listMarkups,
  refundMessage,
  setMarkup,
  tenantWallets,
  topUp,
  walletView,
} from "./wallet.ts";

const tags = ["billing (platform admin)"];
const tenantParams = z.object({ tenantId: z.uuid() });

/** The platform admin's side of billing: wallets, top-ups, adjustments, refunds, markups, rate cards, margins. */
export const billingAdminRoutes: ModuleRoutes = (app, services) => {
  walletRoutes(app, services);
  pricingRoutes(app, services);
};

async function existingTenant(db: Executor, tenantId: string) {
  if (!(await tenantSummaries(db, [tenantId])).has(tenantId))
    throw notFound("The tenant", "tenant_not_found");
}

/** Wallets, top-ups, adjustments and refunds. */
function walletRoutes(app: ZodApp, services: Services) {
  const { db } = services.database;

  app.get(
    "/admin/billing/tenants",
    {
      schema: {
        tags,
        summary: "Every tenant with its wallet (enforced: false without one)",
        response: { 200: tenantWalletsOut },
      },
    },
    async (request) => {
      requireRole(request);
      return { data: await tenantWallets(db) };
    },
  );

  app.put(
    "/admin/billing/tenants/:tenantId/wallet",
    {
      schema: {
        tags,
        response: { 200: walletOut },
        summary: "Open a tenant's prepaid wallet (billing then applies to its sends) or change its settings",
        params: tenantParams,
        body: z.object({
          currency: z
            .string()
            .regex(/^[A-Z]{3}$/)
            .optional(),
          creditLimit: amountInput.optional(),
          lowBalanceThreshold: amountInput.nullable().optional(),
          authInternational: z.boolean().optional(),
        }),
      },
    },
    async (request) => {
      const principal = requireRole(request);
      const { tenantId } = request.params;
      await existingTenant(db, tenantId);
      const { body } = request;
      const wallet = await configureWallet(db, tenantId, {
        currency: body.currency,
        creditLimitMicros: body.creditLimit === undefined ? undefined : amountMicros(body.creditLimit),
        lowBalanceMicros:
          body.lowBalanceThreshold === undefined || body.lowBalanceThreshold === null
            ? body.lowBalanceThreshold
            : amountMicros(body.lowBalanceThreshold),
        authInternational: body.authInternational,
      });
      await recordAudit(db, principal.actor, { tenantId, action: "billing.wallet_configured", data: body });
      return walletView(wallet);
    },
  );

  app.post(
    "/admin/billing/tenants/:tenantId/top-ups",
    {
      schema: {
        tags,
        response: { 200: creditedOut, 201: creditedOut },
        summary: "Credit a top-up (once per reference)",
        params: tenantParams,
        body: z.object({ amount: amountInput, reference: z.string().trim().min(1).max(200) }),
      },
    },
    async (request, reply) => {
      const principal = requireRole(request);
      const { tenantId } = request.params;
      const { amount, reference } = request.body;
      const credited = await db.transaction((tx) =>
        topUp(
          { boss: services.boss, tx },
          {
            tenantId,
            amountMicros: amountMicros(amount),
            key: `admin:${reference}`,
            reference,
            author: actorLabel(principal.actor),
          },
        ),
      );
      return reply.status(credited ? 201 : 200).send({ credited, replayed: !credited });
    },
  );

  app.post(
    "/admin/billing/tenants/:tenantId/adjustments",
    {
      schema: {
        tags,
        response: { 201: z.object({ adjusted: z.literal(true) }) },
        summary: "Correct a wallet by a signed amount, with a reason",
        params: tenantParams,
        body: z.object({ amount: amountInput, reason: z.string().trim().min(3).max(500) }),
      },
    },
    async (request, reply) => {
      const principal = requireRole(request);
      const { tenantId } = request.params;
      await db.transaction((tx) =>
        adjust(
          { boss: services.boss, tx },
          {
            tenantId,
            amountMicros: amountMicros(request.body.amount),
            reason: request.body.reason,
            author: actorLabel(principal.actor),
          },
        ),
      );
      return reply.status(201).send({ adjusted: true });
    },
  );

  app.post(
    "/admin/billing/tenants/:tenantId/refunds",
    {
      schema: {
        tags,
        response: { 200: refundedOut },
        summary: "Give a charged message's price back to the wallet (once)",
        params: tenantParams,
        body: z.object({ messageId: z.uuid(), reason: z.string().trim().min(3).max(500) }),
      },
    },
    async (request) => {
      const principal = requireRole(request);
      const refunded = await db.transaction((tx) =>
        refundMessage(
          { boss: services.boss, tx },
          { tenantId: request.params.tenantId, ...request.body, author: actorLabel(principal.actor) },
        ),
      );
      return { refunded, replayed: !refunded };
    },
  );
}

/** Markups, rate cards, margins and the ledger check. */
function pricingRoutes(app: ZodApp, services: Services) {
  const { db } = services.database;
  app.get(
    "/admin/billing/tenants/:tenantId/markups",
    {
      schema: {
        tags,
        response: { 200: markupsOut },
        summary: "A tenant's markups (basis points; '*' = every category) and the platform's default",
        params: tenantParams,
      },
    },
    async (request) => {
      requireRole(request);
      await existingTenant(db, request.params.tenantId);
      return {
        data: await listMarkups(db, request.params.tenantId),
        defaultBasisPoints: billingSettings().defaultMarkupBps,
      };
    },
  );

  app.put(
    "/admin/billing/tenants/:tenantId/markups/:category",
    {
      schema: {
        tags,
        response: { 200: markupSetOut },
        summary: "Set a tenant's markup for a category ('*' for all), in basis points (2000 = 20%)",
        params: tenantParams.extend({ category: z.enum([...CATEGORIES, "*"]) }),
        body: z.object({ basisPoints: z.number().int().min(0).max(100_000) }),
      },
    },
    async (request) => {
      const principal = requireRole(request);
      const { tenantId, category } = request.params;
      await existingTenant(db, tenantId);
      await setMarkup(db, {
        tenantId,
        category,
        basisPoints: request.body.basisPoints,
        author: actorLabel(principal.actor),
      });
      await recordAudit(db, principal.actor, {
        tenantId,
        action: "billing.markup_set",
        data: { category, ...request.body },
      });
      return { tenantId, category, basisPoints: request.body.basisPoints };
    },
  );

  app.post(
    "/admin/billing/rate-cards",
    {
      schema: {
        tags,
        response: { 201: importedCardOut },
        summary: "Import Meta's rate card CSV (and its volume tier CSV) as a new version",
        body: z.object({
          csv: z.string().min(1).max(2_000_000),
          tiersCsv: z.string().max(2_000_000).optional(),
          currency: z
            .string()
            .regex(/^[A-Z]{3}$/)
            .optional(),
          effectiveFrom: z.iso.date(),
          source: z.string().trim().min(1).max(500),
        }),
      },
    },
    async (request, reply) => {
      const principal = requireRole(request);
      const { effectiveFrom, ...rest } = request.body;
      const card = await importRateCard(db, {
        ...rest,
        effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`),
        importedBy: actorLabel(principal.actor),
      });
      return reply.status(201).send(card);
    },
  );

  app.get(
    "/admin/billing/margins",
    {
      schema: {
        tags,
        response: { 200: marginsOut },
        summary: "The platform's margin per tenant in a month: Meta's cost, markup, revenue",
        querystring: z.object({ month: monthInput.optional() }),
      },
    },
    async (request) => {
      requireRole(request);
      const month = request.query.month ?? currentMonth();
      const rows = await margins(db, monthPeriod(month));
      const names = await tenantSummaries(
        db,
        rows.map((row) => row.tenantId),
      );
      return { month, data: rows.map((row) => ({ ...row, tenant: names.get(row.tenantId)?.slug ?? null })) };
    },
  );

  app.get(
    "/admin/billing/ledger-check",
    {
      schema: {
        tags,
        summary: "Run the ledger check now (balances = sums of entries; postings balance)",
        response: { 200: ledgerCheckOut },
      },
    },
    async (request) => {
      requireRole(request);
      const result = await checkLedger(db);
      return {
        ok: ledgerOk(result),
        ...result,
      };
    },
  );
}
