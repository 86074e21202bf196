import { stringify } from "csv-stringify/sync";
import type { Executor } from "../../db/client.ts";
import { marketName } from "./markets.ts";
import { formatMicros } from "./money.ts";
import { monthPeriod, statementLines } from "./reports.ts";
import { getWallet } from "./wallet.ts";

export interface Statement {
  month: string;
  currency: string;
  lines: {
    date: string;
    messageId: string;
    market: string;
    category: string;
    metaCost: number;
    markup: number;
  }[];
  totals: { messages: number; metaCost: number; markup: number; total: number };
}

/** A tenant's monthly statement: every charged message with Meta's cost, the markup and the total. */
export async function monthlyStatement(db: Executor, tenantId: string, month: string): Promise<Statement> {
  const wallet = await getWallet(db, tenantId);
  const rows = await statementLines(db, tenantId, monthPeriod(month));
  const lines = rows.map((row) => ({
    date: row.acceptedAt.toISOString(),
    messageId: row.messageId,
    market: row.market,
    category: row.metaCategory ?? row.estimatedCategory,
    metaCost: row.costMicros ?? 0,
    markup: row.markupMicros ?? 0,
  }));
  const metaCost = lines.reduce((sum, line) => sum + line.metaCost, 0);
  const markup = lines.reduce((sum, line) => sum + line.markup, 0);
  return {
    month,
    currency: wallet?.currency ?? "USD",
    lines,
    totals: { messages: lines.length, metaCost, markup, total: metaCost + markup },
  };
}

export function statementCsv(statement: Statement): string {
  const rows = statement.lines.map((line) => [
    line.date,
    line.messageId,
    line.market,
    line.category,
    formatMicros(line.metaCost),
    formatMicros(line.markup),
    formatMicros(line.metaCost + line.markup),
    statement.currency,
  ]);
  const { totals } = statement;
  rows.push([
    "total",
    String(totals.messages),
    "",
    "",
    formatMicros(totals.metaCost),
    formatMicros(totals.markup),
    formatMicros(totals.total),
    statement.currency,
  ]);
  return stringify(rows, {
    header: true,
    columns: ["date", "message_id", "market", "category", "meta_cost", "markup", "total", "currency"],
  });
}

/** The statement as a PDF: totals per market and category, then the grand total. */
export async function statementPdf(statement: Statement, tenantName: string): Promise<Buffer> {
  // Loaded on the first statement: pdfkit (and its fonts) costs every process ~20 MB otherwise.
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `Statement ${statement.month}` } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(18).text(`Charla statement ${statement.month}`);
  doc.fontSize(11).text(`${tenantName} - amounts in ${statement.currency}`).moveDown();
  const groups = new Map<string, { messages: number; cost: number; markup: number }>();
  for (const line of statement.lines) {
    const key = `${marketName(line.market)} - ${line.category}`;
    const group = groups.get(key) ?? { messages: 0, cost: 0, markup: 0 };
    group.messages += 1;
    group.cost += line.metaCost;
    group.markup += line.markup;
    groups.set(key, group);
  }
  for (const [key, group] of [...groups].sort(([a], [b]) => a.localeCompare(b)))
    doc.text(
      `${key}: ${group.messages} messages, Meta ${formatMicros(group.cost)}, markup ${formatMicros(group.markup)}, total ${formatMicros(group.cost + group.markup)}`,
    );
  const { totals } = statement;
  doc.moveDown().fontSize(12);
  doc.text(`Messages charged: ${totals.messages}`);
  doc.text(`Meta's cost: ${formatMicros(totals.metaCost)}`);
  doc.text(`Markup: ${formatMicros(totals.markup)}`);
  doc.text(`Total: ${formatMicros(totals.total)} ${statement.currency}`);
  doc.end();
  return done;
}
