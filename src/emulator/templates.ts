/** Templates: the send-time check against the stored template, review, status moves and the public shape. */
import type { MessageTemplate, TemplateComponentDef, TemplateStatus } from "../whatsapp/types.ts";
import { type EmulatorContext, envelope } from "./context.ts";
import { pickFields, TEMPLATE_NODE } from "./fields.ts";
import { GraphError, invalidParam } from "./graph-error.ts";
import type { PhoneState, TemplateState } from "./state.ts";

function placeholders(text: string | undefined): number {
  if (!text) return 0;
  const set = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) set.add(m[1] ?? "");
  return set.size;
}

/** A template's components, on create and on edit: a list with a BODY that has text. */
export function checkComponents(components: unknown): asserts components is TemplateComponentDef[] {
  const list = Array.isArray(components) ? (components as { type?: unknown; text?: unknown }[]) : [];
  if (!list.some((c) => c?.type === "BODY" && typeof c.text === "string"))
    throw invalidParam("Param components must contain a BODY component with text");
}

/** The template a send names, approved in that language, with the parameters it needs. */
export function checkTemplateSend(ctx: EmulatorContext, phone: PhoneState, t: unknown): TemplateState {
  const tb = t as
    | {
        name?: unknown;
        language?: { code?: unknown };
        components?: {
          type?: string;
          sub_type?: string;
          index?: unknown;
          parameters?: { type?: string }[];
        }[];
      }
    | undefined;
  if (!tb || typeof tb.name !== "string")
    throw new GraphError(131008, { details: "The parameter template['name'] is required." });
  const lang = tb.language?.code;
  if (typeof lang !== "string") {
    throw new GraphError(131008, { details: "The parameter template['language']['code'] is required." });
  }
  const all = [...ctx.state.templates.values()].filter(
    (x) => x.wabaId === phone.wabaId && x.name === tb.name,
  );
  const tpl = all.find((x) => x.language === lang);
  if (!tpl || tpl.status === "PENDING" || tpl.status === "REJECTED" || tpl.status === "PENDING_DELETION") {
    throw new GraphError(132001, {
      details: tpl
        ? `template name (${tb.name}) is not approved in ${lang} (status ${tpl.status})`
        : `template name (${tb.name}) does not exist in ${lang}`,
    });
  }
  if (tpl.status === "PAUSED") throw new GraphError(132015, { details: `Template ${tb.name} is paused` });
  if (tpl.status === "DISABLED") throw new GraphError(132016, { details: `Template ${tb.name} is disabled` });
  const comps = tb.components ?? [];
  const given = (type: string) => comps.find((c) => c.type === type)?.parameters ?? [];
  const body = tpl.components.find((c) => c.type === "BODY") as { text: string } | undefined;
  const header = tpl.components.find((c) => c.type === "HEADER") as
    | Extract<TemplateComponentDef, { type: "HEADER" }>
    | undefined;
  const expectedBody = placeholders(body?.text);
  const gotBody = given("body").length;
  if (expectedBody !== gotBody) {
    throw new GraphError(132000, {
      details: `body: number of localizable_params (${gotBody}) does not match the expected number of params (${expectedBody})`,
    });
  }
  if (header) {
    const expectedHeader = header.format === "TEXT" ? placeholders(header.text) : 1;
    const hp = given("header");
    if (hp.length !== expectedHeader) {
      throw new GraphError(132000, {
        details: `header: number of localizable_params (${hp.length}) does not match the expected number of params (${expectedHeader})`,
      });
    }
    if (
      header.format !== "TEXT" &&
      header.format !== "LOCATION" &&
      hp[0]?.type !== header.format.toLowerCase()
    ) {
      throw new GraphError(132012, {
        details: `header: Format mismatch, expected ${header.format}, received ${String(hp[0]?.type).toUpperCase()}`,
      });
    }
  }
  const buttons = tpl.components.find((c) => c.type === "BUTTONS") as
    | Extract<TemplateComponentDef, { type: "BUTTONS" }>
    | undefined;
  buttons?.buttons.forEach((b, index) => {
    if (b.type === "URL" && b.url.includes("{{")) {
      const p = comps.find((c) => c.type === "button" && Number(c.index) === index);
      if (!p || (p.parameters ?? []).length !== 1) {
        throw new GraphError(131008, {
          details: `buttons: parameter for url button at index ${index} is required`,
        });
      }
    }
  });
  return tpl;
}

export function reviewTemplate(ctx: EmulatorContext, t: TemplateState) {
  ctx.later(ctx.config.templateReview.delayMs, () => {
    if (!ctx.state.templates.has(t.id) || t.status !== "PENDING") return;
    const text = [
      t.name,
      ...t.components.map((c) => ("text" in c && typeof c.text === "string" ? c.text : "")),
    ]
      .join(" ")
      .toLowerCase();
    const banned = ctx.config.templateReview.bannedWords.find((w) => w && text.includes(w.toLowerCase()));
    setTemplateStatus(
      ctx,
      t,
      banned ? "REJECTED" : "APPROVED",
      banned ? ctx.config.templateReview.rejectReason : "NONE",
    );
  });
}

export function setTemplateStatus(
  ctx: EmulatorContext,
  t: TemplateState,
  status: TemplateStatus,
  reason: string,
) {
  t.status = status;
  if (status === "REJECTED") t.rejected_reason = reason;
  else delete t.rejected_reason;
  ctx.webhooks.send(
    envelope(
      t.wabaId,
      "message_template_status_update",
      {
        event: status,
        message_template_id: Number(t.id),
        message_template_name: t.name,
        message_template_language: t.language,
        reason: reason,
      },
      true,
    ),
  );
}

export function publicTemplate(t: TemplateState, fields?: string[]): Partial<MessageTemplate> {
  const full: MessageTemplate = {
    name: t.name,
    parameter_format: t.parameter_format ?? "POSITIONAL",
    components: t.components,
    language: t.language,
    status: t.status,
    category: t.category,
    id: t.id,
  };
  if (t.rejected_reason) full.rejected_reason = t.rejected_reason;
  if (t.quality_score) full.quality_score = t.quality_score;
  return pickFields(TEMPLATE_NODE, full, fields);
}
