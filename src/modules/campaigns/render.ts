import type { Contact } from "../contacts/index.ts";
import type { RenderParams } from "../templates/index.ts";
import type { ParamSource, VariantParameters } from "./types.ts";

/** A contact field's text: name, phone, or an attribute (`attributes.city` or `city`); "" when absent. */
export function contactField(contact: Pick<Contact, "name" | "phone" | "attributes">, field: string): string {
  if (field === "name") return contact.name ?? "";
  if (field === "phone") return contact.phone ?? "";
  const key = field.startsWith("attributes.") ? field.slice("attributes.".length) : field;
  const value = contact.attributes?.[key];
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function sourceText(source: ParamSource, contact: Pick<Contact, "name" | "phone" | "attributes">): string {
  if (source.value !== undefined) return source.value;
  const found = contactField(contact, source.field ?? "").trim();
  return found === "" ? (source.fallback ?? "") : found;
}

function media(spec: { link?: string; id?: string; filename?: string }) {
  return spec.link !== undefined ? { link: spec.link } : { id: spec.id! };
}

/**
 * The template parameters for one contact: each mapped field (or its fallback), the media header
 * by link or uploaded id, and Charla's redirect token as the suffix of a redirect URL button.
 */
export function parametersFor(
  mapping: VariantParameters,
  contact: Pick<Contact, "name" | "phone" | "attributes">,
  clickToken: string | null,
): RenderParams {
  const params: RenderParams = {};
  const header = mapping.header;
  if (header) {
    params.header = {};
    if (header.text) params.header.text = sourceText(header.text, contact);
    if (header.image) params.header.image = media(header.image);
    if (header.video) params.header.video = media(header.video);
    if (header.document)
      params.header.document = {
        ...media(header.document),
        ...(header.document.filename ? { filename: header.document.filename } : {}),
      };
  }
  if (Array.isArray(mapping.body)) params.body = mapping.body.map((source) => sourceText(source, contact));
  else if (mapping.body)
    params.body = Object.fromEntries(
      Object.entries(mapping.body).map(([name, source]) => [name, sourceText(source, contact)]),
    );
  if (mapping.buttons)
    params.buttons = mapping.buttons.map((button) => {
      if (button.redirectUrl) return { index: button.index, text: clickToken ?? "" };
      return button.text
        ? { index: button.index, text: sourceText(button.text, contact) }
        : { index: button.index };
    });
  return params;
}

/** Whether a variant sends Charla's redirect link (so its recipients need a click token). */
export const usesRedirect = (mapping: VariantParameters) =>
  (mapping.buttons ?? []).some((button) => button.redirectUrl !== undefined);

/** The variant of a contact: a stable pick by weight from its id, so a retried chunk picks the same. */
export function variantOf(contactId: string, weights: number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let point = Number.parseInt(contactId.replaceAll("-", "").slice(-8), 16) % total;
  for (let index = 0; index < weights.length; index++) {
    point -= weights[index]!;
    if (point < 0) return index;
  }
  return 0;
}
