/**
 * The editor's form values and Meta's `message_templates` definition, both ways, plus where a server
 * error path (`components.1.text`) belongs in the form.
 */
export const HEADER_FORMATS = ["NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"] as const;
export type HeaderFormat = (typeof HEADER_FORMATS)[number];
export const BUTTON_TYPES = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP"] as const;
export type ButtonType = (typeof BUTTON_TYPES)[number];
export const OTP_TYPES = ["COPY_CODE", "ONE_TAP", "ZERO_TAP"] as const;
export const CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export const LANGUAGES = ["es", "es_AR", "es_MX", "es_ES", "en", "en_US", "en_GB", "pt_BR", "pt_PT"] as const;

export interface ButtonValues {
  type: ButtonType;
  text: string;
  url: string;
  urlExample: string;
  phoneNumber: string;
  code: string;
  otpType: (typeof OTP_TYPES)[number];
  autofillText: string;
  packageName: string;
  signatureHash: string;
}

export interface TemplateValues {
  name: string;
  language: string;
  category: (typeof CATEGORIES)[number];
  parameterFormat: "POSITIONAL" | "NAMED";
  headerFormat: HeaderFormat;
  headerText: string;
  headerExample: string;
  headerMedia: string;
  bodyText: string;
  bodyExamples: Record<string, string>;
  securityRecommendation: boolean;
  footerText: string;
  codeExpirationMinutes: number | "";
  buttons: ButtonValues[];
}

export const emptyButton = (type: ButtonType = "QUICK_REPLY"): ButtonValues => ({
  type,
  text: "",
  url: "",
  urlExample: "",
  phoneNumber: "",
  code: "",
  otpType: "COPY_CODE",
  autofillText: "",
  packageName: "",
  signatureHash: "",
});

export const emptyTemplate = (): TemplateValues => ({
  name: "",
  language: "es",
  category: "MARKETING",
  parameterFormat: "POSITIONAL",
  headerFormat: "NONE",
  headerText: "",
  headerExample: "",
  headerMedia: "",
  bodyText: "",
  bodyExamples: {},
  securityRecommendation: true,
  footerText: "",
  codeExpirationMinutes: "",
  buttons: [],
});

/** Variables of a text in the order a sender supplies them (positional sorted, named as they appear). */
export function variablesOf(text: string, format: TemplateValues["parameterFormat"]): string[] {
  const names = [...new Set([...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => (m[1] ?? "").trim()))];
  return format === "POSITIONAL" ? names.sort((a, b) => Number(a) - Number(b)) : names;
}

type Json = Record<string, unknown>;

function buttonDefinition(button: ButtonValues): Json {
  switch (button.type) {
    case "QUICK_REPLY":
      return { type: "QUICK_REPLY", text: button.text };
    case "URL":
      return {
        type: "URL",
        text: button.text,
        url: button.url,
        ...(button.url.includes("{{") ? { example: [button.urlExample] } : {}),
      };
    case "PHONE_NUMBER":
      return { type: "PHONE_NUMBER", text: button.text, phone_number: button.phoneNumber };
    case "COPY_CODE":
      return { type: "COPY_CODE", example: button.code };
    case "OTP":
      return {
        type: "OTP",
        otp_type: button.otpType,
        ...(button.text ? { text: button.text } : {}),
        ...(button.otpType === "ONE_TAP" && button.autofillText
          ? { autofill_text: button.autofillText }
          : {}),
        ...(button.otpType !== "COPY_CODE"
          ? { supported_apps: [{ package_name: button.packageName, signature_hash: button.signatureHash }] }
          : {}),
      };
  }
}

function headerDefinition(v: TemplateValues): Json | null {
  if (v.headerFormat === "NONE") return null;
  if (v.headerFormat === "TEXT") {
    const variables = variablesOf(v.headerText, v.parameterFormat);
    const example =
      variables.length === 0
        ? undefined
        : v.parameterFormat === "NAMED"
          ? { header_text_named_params: [{ param_name: variables[0], example: v.headerExample }] }
          : { header_text: [v.headerExample] };
    return { type: "HEADER", format: "TEXT", text: v.headerText, ...(example ? { example } : {}) };
  }
  if (v.headerFormat === "LOCATION") return { type: "HEADER", format: "LOCATION" };
  return { type: "HEADER", format: v.headerFormat, example: { header_handle: [v.headerMedia] } };
}

function bodyDefinition(v: TemplateValues): Json {
  if (v.category === "AUTHENTICATION") {
    return { type: "BODY", add_security_recommendation: v.securityRecommendation };
  }
  const variables = variablesOf(v.bodyText, v.parameterFormat);
  const value = (name: string) => v.bodyExamples[name] ?? "";
  const example =
    variables.length === 0
      ? undefined
      : v.parameterFormat === "NAMED"
        ? { body_text_named_params: variables.map((name) => ({ param_name: name, example: value(name) })) }
        : { body_text: [variables.map(value)] };
  return { type: "BODY", text: v.bodyText, ...(example ? { example } : {}) };
}

/** Meta's definition of the form's values, and the component type at each index (for error paths). */
export function toDefinition(v: TemplateValues): { definition: Json; order: string[] } {
  const components: Json[] = [];
  const header = headerDefinition(v);
  if (header && v.category !== "AUTHENTICATION") components.push(header);
  components.push(bodyDefinition(v));
  if (v.category === "AUTHENTICATION") {
    if (v.codeExpirationMinutes !== "")
      components.push({ type: "FOOTER", code_expiration_minutes: v.codeExpirationMinutes });
  } else if (v.footerText) {
    components.push({ type: "FOOTER", text: v.footerText });
  }
  if (v.buttons.length > 0) components.push({ type: "BUTTONS", buttons: v.buttons.map(buttonDefinition) });
  return {
    definition: {
      name: v.name,
      language: v.language,
      category: v.category,
      parameter_format: v.parameterFormat,
      components,
    },
    order: components.map((c) => String(c.type)),
  };
}

const str = (value: unknown) => (typeof value === "string" ? value : "");

function buttonValues(raw: Json): ButtonValues {
  const type = (BUTTON_TYPES as readonly string[]).includes(str(raw.type))
    ? (raw.type as ButtonType)
    : "QUICK_REPLY";
  const app = Array.isArray(raw.supported_apps) ? ((raw.supported_apps[0] ?? {}) as Json) : raw;
  return {
    ...emptyButton(type),
    text: str(raw.text),
    url: str(raw.url),
    urlExample: Array.isArray(raw.example) ? str(raw.example[0]) : "",
    phoneNumber: str(raw.phone_number),
    code: typeof raw.example === "string" ? raw.example : "",
    otpType: (OTP_TYPES as readonly string[]).includes(str(raw.otp_type))
      ? (raw.otp_type as ButtonValues["otpType"])
      : "COPY_CODE",
    autofillText: str(raw.autofill_text),
    packageName: str(app.package_name),
    signatureHash: str(app.signature_hash),
  };
}

/** The form's values of a stored definition (what the editor opens with). */
export function fromDefinition(definition: Json): TemplateValues {
  const v = emptyTemplate();
  v.name = str(definition.name);
  v.language = str(definition.language) || v.language;
  v.category = (CATEGORIES as readonly string[]).includes(str(definition.category))
    ? (definition.category as TemplateValues["category"])
    : v.category;
  v.parameterFormat = definition.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL";
  const components = Array.isArray(definition.components) ? (definition.components as Json[]) : [];
  for (const component of components) {
    const example = (component.example ?? {}) as Json;
    if (component.type === "HEADER") {
      v.headerFormat = (HEADER_FORMATS as readonly string[]).includes(str(component.format))
        ? (component.format as HeaderFormat)
        : "TEXT";
      v.headerText = str(component.text);
      const named = example.header_text_named_params as { example?: string }[] | undefined;
      v.headerExample = str((example.header_text as string[] | undefined)?.[0] ?? named?.[0]?.example);
      v.headerMedia = str((example.header_handle as string[] | undefined)?.[0]);
    } else if (component.type === "BODY") {
      v.bodyText = str(component.text);
      v.securityRecommendation = component.add_security_recommendation !== false;
      const variables = variablesOf(v.bodyText, v.parameterFormat);
      const positional = (example.body_text as string[][] | undefined)?.[0] ?? [];
      variables.forEach((name, i) => {
        v.bodyExamples[name] = str(positional[i]);
      });
      for (const param of (example.body_text_named_params ?? []) as { param_name: string; example: string }[])
        v.bodyExamples[param.param_name] = param.example;
    } else if (component.type === "FOOTER") {
      v.footerText = str(component.text);
      v.codeExpirationMinutes =
        typeof component.code_expiration_minutes === "number" ? component.code_expiration_minutes : "";
    } else if (component.type === "BUTTONS" && Array.isArray(component.buttons)) {
      v.buttons = (component.buttons as Json[]).map(buttonValues);
    }
  }
  return v;
}

const BUTTON_FIELDS: Record<string, keyof ButtonValues> = {
  text: "text",
  url: "url",
  example: "urlExample",
  phone_number: "phoneNumber",
  otp_type: "otpType",
  autofill_text: "autofillText",
  supported_apps: "packageName",
  package_name: "packageName",
  signature_hash: "signatureHash",
};

/** The form field a server error path points at (`components.2.buttons.0.url` -> `buttons.0.url`). */
export function fieldOfPath(path: string, order: string[], values: TemplateValues): string {
  const parts = path.split(".");
  if (parts[0] !== "components")
    return parts[0] === "parameter_format" ? "parameterFormat" : (parts[0] ?? path);
  const type = order[Number(parts[1])];
  const rest = parts.slice(2);
  if (type === "HEADER")
    return rest[0] === "example"
      ? values.headerFormat === "TEXT"
        ? "headerExample"
        : "headerMedia"
      : "headerText";
  if (type === "BODY") {
    if (rest[0] === "example") return "bodyExamples";
    return rest[0] === "add_security_recommendation" ? "securityRecommendation" : "bodyText";
  }
  if (type === "FOOTER")
    return rest[0] === "code_expiration_minutes" ? "codeExpirationMinutes" : "footerText";
  if (type === "BUTTONS" && rest[0] === "buttons" && rest[1] !== undefined) {
    const index = rest[1];
    const button = values.buttons[Number(index)];
    let field = BUTTON_FIELDS[rest[2] ?? "text"] ?? "text";
    if (button?.type === "COPY_CODE") field = "code";
    return `buttons.${index}.${field}`;
  }
  return "buttons";
}
