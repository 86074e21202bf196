/** The fields a template needs before it can be sent, read from its definition (Meta's components). */
export interface TemplateField {
  key: string;
  part: "header" | "body" | "button";
  /** Positional number or parameter name; for media headers the format; for buttons the index. */
  name: string;
  format?: "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION";
  example?: string;
}

interface Component {
  type?: string;
  format?: string;
  text?: string;
  buttons?: { type?: string; url?: string; example?: string[] }[];
  example?: { body_text?: string[][]; header_text?: string[] };
}

const PLACEHOLDER = /\{\{\s*([\w]+)\s*\}\}/g;

const placeholders = (text: string | undefined) => [
  ...new Set([...(text ?? "").matchAll(PLACEHOLDER)].map((match) => match[1]!)),
];

export function templateFields(definition: unknown): TemplateField[] {
  const components = ((definition as { components?: Component[] })?.components ?? []) as Component[];
  const fields: TemplateField[] = [];
  for (const component of components) {
    const type = component.type?.toUpperCase();
    if (type === "HEADER") {
      const format = (component.format?.toUpperCase() ?? "TEXT") as TemplateField["format"];
      if (format === "TEXT") {
        for (const name of placeholders(component.text))
          fields.push({
            key: `header.${name}`,
            part: "header",
            name,
            format,
            example: component.example?.header_text?.[0],
          });
      } else if (format !== "LOCATION")
        fields.push({ key: "header.media", part: "header", name: "media", format });
    } else if (type === "BODY") {
      placeholders(component.text).forEach((name, index) => {
        fields.push({
          key: `body.${name}`,
          part: "body",
          name,
          example: component.example?.body_text?.[0]?.[index],
        });
      });
    } else if (type === "BUTTONS") {
      component.buttons?.forEach((button, index) => {
        if (button.type?.toUpperCase() === "URL" && placeholders(button.url).length)
          fields.push({
            key: `button.${index}`,
            part: "button",
            name: String(index),
            example: button.example?.[0],
          });
        if (button.type?.toUpperCase() === "COPY_CODE")
          fields.push({
            key: `button.${index}`,
            part: "button",
            name: String(index),
            example: button.example?.[0],
          });
      });
    }
  }
  return fields;
}

/** The body text with the values filled in, to preview what the customer will read. */
export function templatePreview(definition: unknown, values: Record<string, string>): string {
  const components = ((definition as { components?: Component[] })?.components ?? []) as Component[];
  const body = components.find((component) => component.type?.toUpperCase() === "BODY")?.text ?? "";
  return body.replace(PLACEHOLDER, (whole, name: string) => values[`body.${name}`] || whole);
}

/** The `parameters` of POST /v1/messages for a template, from the form's values. */
export function templateParameters(fields: TemplateField[], values: Record<string, string>) {
  const body = fields.filter((field) => field.part === "body");
  const positional = body.every((field) => /^\d+$/.test(field.name));
  const header = fields.find((field) => field.part === "header");
  const buttons = fields.filter((field) => field.part === "button");
  const headerValue = header ? (values[header.key] ?? "") : "";
  return {
    ...(header
      ? {
          header:
            header.format === "TEXT"
              ? { text: headerValue }
              : { [header.format!.toLowerCase()]: { link: headerValue } },
        }
      : {}),
    ...(body.length
      ? {
          body: positional
            ? [...body]
                .sort((a, b) => Number(a.name) - Number(b.name))
                .map((field) => values[field.key] ?? "")
            : Object.fromEntries(body.map((field) => [field.name, values[field.key] ?? ""])),
        }
      : {}),
    ...(buttons.length
      ? { buttons: buttons.map((field) => ({ index: Number(field.name), text: values[field.key] ?? "" })) }
      : {}),
  };
}
