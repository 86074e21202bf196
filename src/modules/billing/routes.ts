import { z } from "zod";
import type { Executor } from "../../db/client.ts";
import { principalOf } from "../../http/auth.ts";
import type { ModuleRoutes, ZodApp } from "../../http/context.ts";
import { currentMonth, monthInput } from "./amounts.ts";
import { estimateMessage } from "./estimate.ts";
import { marketName } from "./markets.ts";
import { formatMicros } from "./money.ts";
import { CATEGORIES } from "./pricing.ts";
import { listRateCards, rateCardRows } from "./rates.ts";
import { billedMessageView, discrepancies, listLedger, monthPeriod, SPEND_GROUPS, spend } from "./reports.ts";
import {
  discrepanciesOut,
  estimateOut,
  ledgerPageOut,
  rateCardsOut,
  ratesOut,
  sendEstimateOut,
  spendOut,
  statementOut,
  walletOut,
} from "./route-schemas.ts";
import { estimateSend } from "./send-estimate.ts";
import { monthlyStatement, statementCsv, statementPdf } from "./statement.ts";
import { getWallet, walletView } from "./wallet.ts";

const tags = ["billing"];

/** The tenant's billing: wallet, ledger, spend, statements, disagreements with Meta, rate cards. */
export const billingRoutes: ModuleRoutes = (app, { database }) => {
  const { db } = database;

  app.get(
    "/billing/wallet",
    {
      schema: {
        tags,
        summary: "The tenant's prepaid balance, credit limit and low-balance threshold",
        response: { 200: walletOut },
      },
    },
    async (request) => walletView(await getWallet(db, principalOf(request).tenant.id)),
  );

  app.get(
    "/billing/ledger",
    {
      schema: {
        tags,
        response: { 200: ledgerPageOut },
        summary: "The tenant's ledger postings (newest first), each with its double-entry lines",
        querystring: z.object({
          kind: z
            .string()
            .regex(
              /^(top_up|reservation|release|charge|refund|adjustment)(,(top_up|reservation|release|charge|refund|adjustment))*$/,
            )
            .optional()
            .describe("comma-separated kinds"),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(200).optional().describe("nextCursor of the previous page"),
        }),
      },
    },
    async (request) => {
      const { kind, from, to, limit, cursor } = request.query;
      return listLedger(db, principalOf(request).tenant.id, {
        kind: kind?.split(","),
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
        limit,
        cursor,
      });
    },
  );

  app.get(
    "/billing/spend",
    {
      schema: {
        tags,
        response: { 200: spendOut },
        summary: "Charged messages of a month grouped by day, category, market, number or template",
        querystring: z.object({ groupBy: z.enum(SPEND_GROUPS).default("day"), month: monthInput.optional() }),
      },
    },
    async (request) => {
      const month = request.query.month ?? currentMonth();
      const data = await spend(db, principalOf(request).tenant.id, request.query.groupBy, monthPeriod(month));
      return { month, groupBy: request.query.groupBy, data };
    },
  );

  app.get(
    "/billing/statements/:month",
    {
      schema: {
        tags,
        response: { 200: statementOut },
        summary:
          "The monthly statement: Meta's cost, markup and total per charged message (JSON, CSV or PDF)",
        params: z.object({ month: monthInput }),
        querystring: z.object({ format: z.enum(["json", "csv", "pdf"]).default("json") }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const statement = await monthlyStatement(db, principal.tenant.id, request.params.month);
      const name = `statement-${request.params.month}`;
      // CSV and PDF are sent as they are (Fastify serializes only objects with the JSON schema).
      if (request.query.format === "csv")
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${name}.csv"`)
          .send(statementCsv(statement) as never);
      if (request.query.format === "pdf")
        return reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="${name}.pdf"`)
          .send((await statementPdf(statement, principal.tenant.name)) as never);
      return statement;
    },
  );

  estimateRoutes(app, db);

  app.get(
    "/billing/discrepancies",
    {
      schema: {
        tags,
        response: { 200: discrepanciesOut },
        summary: "Messages where Charla's estimate disagreed with the pricing Meta reported",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    async (request) => ({
      data: (await discrepancies(db, principalOf(request).tenant.id, request.query.limit)).map(
        billedMessageView,
      ),
    }),
  );

  app.get(
    "/billing/rate-cards",
    {
      schema: {
        tags,
        summary: "Imported rate cards (versions, effective dates, sources)",
        response: { 200: rateCardsOut },
      },
    },
    async () => ({ data: await listRateCards(db) }),
  );

  app.get(
    "/billing/rate-cards/:id/rates",
    {
      schema: {
        tags,
        response: { 200: ratesOut },
        summary: "A rate card's rates (micro-units), optionally for one market",
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ market: z.string().max(40).optional() }),
      },
    },
    async (request) => ({
      data: (await rateCardRows(db, request.params.id, request.query.market)).map((row) => ({
        ...row,
        marketName: marketName(row.market),
        rate: formatMicros(row.rateMicros),
      })),
    }),
  );
};

/** The price of a message before it is sent: by recipient and category, or for a send about to happen. */
function estimateRoutes(app: ZodApp, db: Executor) {
  app.get(
    "/billing/estimate",
    {
      schema: {
        tags,
        response: { 200: estimateOut },
        summary: "What a message to a recipient would cost now (market, rule, Meta's cost, markup, total)",
        querystring: z.object({
          to: z.string().min(3).max(32).describe("the recipient's phone, E.164"),
          category: z.enum(CATEGORIES).default("service").describe("the template's category, or service"),
          windowOpen: z.enum(["true", "false"]).default("false"),
        }),
      },
    },
    async (request) =>
      estimateMessage(db, principalOf(request).tenant.id, {
        to: request.query.to,
        category: request.query.category,
        windowOpen: request.query.windowOpen === "true",
      }),
  );

  app.post(
    "/billing/estimate",
    {
      schema: {
        tags,
        response: { 200: sendEstimateOut },
        summary:
          "What a message about to be sent would cost: the template's category, the number's window with the contact, any free entry point",
        body: z.object({
          from: z.string().min(1).max(64).optional().describe("the sending number (Charla's id or Meta's)"),
          to: z.string().min(3).max(32).describe("the recipient's phone, E.164"),
          template: z
            .object({ name: z.string().min(1).max(512), language: z.string().min(2).max(15) })
            .optional(),
          type: z.string().min(1).max(32).optional().describe("the message type when not a template"),
        }),
      },
    },
    async (request) => estimateSend(db, principalOf(request).tenant.id, request.body),
  );
}
