/** Text helpers of template rendering: URLs, variable substitution, authentication presets, button labels. */
import type { TemplateButton } from "./types.ts";

export { isHttpUrl } from "./rule-text.ts";

/** Meta (error 132018): parameter text cannot have newlines, tabs or more than 4 consecutive spaces. */
export const BAD_PARAM_TEXT_RE = /[\n\r\t]| {5,}/;

export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\{\{([^{}]*)\}\}/g, (whole, name: string) => values.get(name) ?? whole);
}

/** Preset authentication texts (Meta writes and localises them; these are our preview approximations). */
const AUTH_PRESETS = {
  en: {
    body: (code: string) => `${code} is your verification code.`,
    security: "For your security, do not share this code.",
    expiry: (n: number) => `This code expires in ${n} minutes.`,
    copy: "Copy code",
    autofill: "Autofill",
  },
  es: {
    body: (code: string) => `${code} es tu código de verificación.`,
    security: "Por tu seguridad, no lo compartas.",
    expiry: (n: number) => `Este código caduca en ${n} minutos.`,
    copy: "Copiar código",
    autofill: "Autocompletar",
  },
  pt: {
    body: (code: string) => `Seu código de verificação é ${code}.`,
    security: "Para sua segurança, não o compartilhe.",
    expiry: (n: number) => `Este código expira em ${n} minutos.`,
    copy: "Copiar código",
    autofill: "Preencher automaticamente",
  },
} as const;

export function authPreset(language: string) {
  const family = language.split("_")[0];
  return family === "es" ? AUTH_PRESETS.es : family === "pt" ? AUTH_PRESETS.pt : AUTH_PRESETS.en;
}

export function buttonLabel(b: TemplateButton, language: string): string {
  switch (b.type) {
    case "QUICK_REPLY":
    case "URL":
    case "PHONE_NUMBER":
      return b.text;
    case "COPY_CODE":
      return "Copy offer code";
    case "OTP":
      if (b.otp_type === "ONE_TAP") return b.autofill_text ?? authPreset(language).autofill;
      return b.text ?? authPreset(language).copy;
  }
}
