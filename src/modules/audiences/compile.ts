import { type SQL, sql } from "drizzle-orm";
import { getCountries } from "libphonenumber-js";
import { badRequest } from "../../lib/problem.ts";
import { marketOfCountry } from "../billing/index.ts";
import { contactsTable as contacts } from "../contacts/index.ts";
import { conversationContactIdsSql } from "../conversations/index.ts";
import { callingPrefix, isGroup, rangeKind, type SegmentGroup, type SegmentRule } from "./rules.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const list = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** Every contact of the tenant whose phone starts with one of these prefixes. */
function phonePrefixes(prefixes: string[]): SQL {
  const unique = [...new Set(prefixes)];
  if (unique.length === 0) return sql`false`;
  return sql`(${sql.join(
    unique.map((prefix) => sql`${contacts.phone} like ${`${prefix}%`}`),
    sql` or `,
  )})`;
}

/** The countries Meta prices in a market (a standalone country's id is its ISO code). */
function countriesOfMarkets(markets: string[]): string[] {
  const wanted = new Set(markets);
  return getCountries().filter((country) => wanted.has(marketOfCountry(country)));
}

function attributeCondition(rule: Extract<SegmentRule, { field: "attribute" }>): SQL {
  const value = sql`(${contacts.attributes} ->> ${rule.key})`;
  switch (rule.op) {
    case "exists":
      return sql`(${contacts.attributes} -> ${rule.key}) is not null`;
    case "not_exists":
      return sql`(${contacts.attributes} -> ${rule.key}) is null`;
    case "equals":
      return sql`${value} = ${rule.value ?? ""}`;
    case "contains":
      return sql`${value} ilike ${likePattern(rule.value ?? "")}`;
    case "in":
      if (!rule.values?.length) throw badRequest("invalid_segment_rule", `"in" on ${rule.key} needs values`);
      return sql`${value} in (${list(rule.values)})`;
    case "range":
      return rangeCondition(value, rule);
  }
}

function rangeCondition(
  value: SQL,
  rule: { key: string; min?: number | string; max?: number | string },
): SQL {
  if (rule.min === undefined && rule.max === undefined)
    throw badRequest("invalid_segment_rule", `"range" on ${rule.key} needs min or max`);
  // A value that is not a number is outside every numeric range (never a cast error).
  const target =
    rangeKind(rule) === "number"
      ? sql`(case when ${value} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${value}::numeric end)`
      : value;
  const bound = (b: number | string) => (typeof b === "number" ? sql`${String(b)}::numeric` : sql`${b}`);
  const parts = [
    rule.min === undefined ? undefined : sql`${target} >= ${bound(rule.min)}`,
    rule.max === undefined ? undefined : sql`${target} <= ${bound(rule.max)}`,
  ].filter((part) => part !== undefined);
  return sql`(${sql.join(parts, sql` and `)})`;
}

/** Whether a contact is opted in, opted out, or neither: the same test as the contacts module's. */
function consentCondition(state: "opted_in" | "opted_out" | "none"): SQL {
  const inAt = contacts.optedInAt;
  const outAt = contacts.optedOutAt;
  if (state === "opted_in") return sql`(${inAt} is not null and (${outAt} is null or ${outAt} < ${inAt}))`;
  if (state === "opted_out") return sql`(${outAt} is not null and (${inAt} is null or ${inAt} <= ${outAt}))`;
  return sql`(${inAt} is null and ${outAt} is null)`;
}

/**
 * Contacts in a campaign's history (any run). The campaigns module owns `campaign_recipients` and
 * depends on this module for its audience, so reading it through its index would be an import
 * cycle: this names its columns (delivered_at, read_at, replied_at) in SQL instead.
 */
function campaignCondition(tenantId: string, rule: Extract<SegmentRule, { field: "campaign" }>): SQL {
  const happened = {
    received: sql`coalesce(delivered_at, read_at, replied_at) is not null`,
    not_received: sql`coalesce(delivered_at, read_at, replied_at) is not null`,
    read: sql`coalesce(read_at, replied_at) is not null`,
    replied: sql`replied_at is not null`,
  }[rule.event];
  const ids = sql`(select contact_id from campaign_recipients where tenant_id = ${tenantId} and campaign_id = ${rule.campaignId} and ${happened})`;
  return rule.event === "not_received" ? sql`${contacts.id} not in ${ids}` : sql`${contacts.id} in ${ids}`;
}

function ruleCondition(tenantId: string, rule: SegmentRule, now: Date): SQL {
  switch (rule.field) {
    case "attribute":
      return attributeCondition(rule);
    case "tag":
      return rule.op === "has"
        ? sql`${rule.tag} = any(${contacts.tags})`
        : sql`not (${rule.tag} = any(${contacts.tags}))`;
    case "consent":
      return consentCondition(rule.state);
    case "language":
      return sql`lower(${contacts.attributes} ->> 'language') in (${list(rule.values.map((v) => v.toLowerCase()))})`;
    case "country":
      return phonePrefixes(rule.countries.map(callingPrefix));
    case "market":
      return phonePrefixes(countriesOfMarkets(rule.markets).map(callingPrefix));
    case "last_inbound": {
      const since = sql`${contacts.lastInboundAt} >= ${daysAgo(now, rule.days)}::timestamptz`;
      return rule.op === "within" ? since : sql`(${contacts.lastInboundAt} is null or not ${since})`;
    }
    case "created":
      return sql`${contacts.createdAt} >= ${daysAgo(now, rule.days)}::timestamptz`;
    case "conversation":
      return sql`${contacts.id} in (${conversationContactIdsSql(tenantId, rule.numberId)})`;
    case "campaign":
      return campaignCondition(tenantId, rule);
  }
}

/** The condition on `contacts` a rule group stands for: parameterised, the same on PGlite and PostgreSQL. */
export function compileGroup(tenantId: string, group: SegmentGroup, now = new Date()): SQL {
  if (group.rules.length === 0) return group.op === "and" ? sql`true` : sql`false`;
  const parts = group.rules.map((rule) =>
    isGroup(rule) ? compileGroup(tenantId, rule, now) : ruleCondition(tenantId, rule, now),
  );
  return sql`(${sql.join(parts, group.op === "and" ? sql` and ` : sql` or `)})`;
}

/** The tenant's contacts a group matches. */
export function segmentWhere(tenantId: string, group: SegmentGroup, now = new Date()): SQL {
  return sql`${contacts.tenantId} = ${tenantId} and ${compileGroup(tenantId, group, now)}`;
}
