import type { Push } from "./rule-codes.ts";
import { extractVariables, hasMalformedBraces, isHttpUrl, NEWLINE_OR_TAB_RE } from "./rule-text.ts";
import {
  type ButtonsComponent,
  type FooterComponent,
  LIMITS,
  type TemplateButton,
  type TemplateCategory,
} from "./types.ts";

// ------------------------------------------------------------------------------------------------ footer

export function checkFooter(f: FooterComponent, path: string, category: TemplateCategory, push: Push): void {
  if (category === "AUTHENTICATION") {
    if (f.text !== undefined) {
      push(
        `${path}.text`,
        "auth_footer_text_not_allowed",
        "AUTHENTICATION footers are preset: only code_expiration_minutes.",
      );
    }
    const m = f.code_expiration_minutes;
    if (
      m !== undefined &&
      (!Number.isInteger(m) || m < LIMITS.codeExpirationMinutesMin || m > LIMITS.codeExpirationMinutesMax)
    ) {
      push(
        `${path}.code_expiration_minutes`,
        "invalid_code_expiration",
        `code_expiration_minutes must be a whole number from ${LIMITS.codeExpirationMinutesMin} to ${LIMITS.codeExpirationMinutesMax}.`,
      );
    }
    return;
  }
  if (f.code_expiration_minutes !== undefined) {
    push(
      `${path}.code_expiration_minutes`,
      "auth_option_not_allowed",
      "code_expiration_minutes is only for AUTHENTICATION templates.",
    );
  }
  const text = f.text;
  if (text === undefined || text.trim() === "") {
    push(`${path}.text`, "footer_text_required", "FOOTER text is required.");
    return;
  }
  if (text.length > LIMITS.footerMaxLength) {
    push(
      `${path}.text`,
      "footer_too_long",
      `Footer text must be at most ${LIMITS.footerMaxLength} characters.`,
    );
  }
  if (extractVariables(text).length > 0 || hasMalformedBraces(text)) {
    push(`${path}.text`, "footer_has_variables", "Footer text cannot contain variables.");
  }
}

// ----------------------------------------------------------------------------------------------- buttons

export function checkButtons(
  c: ButtonsComponent,
  path: string,
  category: TemplateCategory,
  push: Push,
): void {
  const buttons = c.buttons;
  const bPath = `${path}.buttons`;
  if (buttons.length === 0) {
    push(bPath, "empty_buttons", "A BUTTONS component needs at least one button.");
    if (category === "AUTHENTICATION")
      push(bPath, "auth_requires_otp_button", "AUTHENTICATION templates need one OTP button.");
    return;
  }

  if (category === "AUTHENTICATION") {
    const otp = buttons.filter((b) => b.type === "OTP");
    if (otp.length !== 1) {
      push(bPath, "auth_requires_otp_button", "AUTHENTICATION templates need exactly one OTP button.");
    }
    buttons.forEach((b, i) => {
      if (b.type !== "OTP") {
        push(
          `${bPath}.${i}`,
          "auth_button_not_allowed",
          `AUTHENTICATION templates only allow an OTP button, not ${b.type}.`,
        );
      }
    });
  }

  if (buttons.length > LIMITS.buttonsMax) {
    push(bPath, "too_many_buttons", `At most ${LIMITS.buttonsMax} buttons are allowed.`);
  }
  const count = (type: TemplateButton["type"]) => buttons.filter((b) => b.type === type).length;
  if (count("QUICK_REPLY") > LIMITS.quickReplyMax) {
    push(bPath, "too_many_quick_replies", `At most ${LIMITS.quickReplyMax} quick reply buttons are allowed.`);
  }
  if (count("URL") > LIMITS.urlButtonsMax) {
    push(bPath, "too_many_url_buttons", `At most ${LIMITS.urlButtonsMax} URL buttons are allowed.`);
  }
  if (count("PHONE_NUMBER") > LIMITS.phoneButtonsMax) {
    push(
      bPath,
      "too_many_phone_buttons",
      `At most ${LIMITS.phoneButtonsMax} phone number button is allowed.`,
    );
  }
  if (count("COPY_CODE") > LIMITS.copyCodeButtonsMax) {
    push(
      bPath,
      "too_many_copy_code_buttons",
      `At most ${LIMITS.copyCodeButtonsMax} copy code button is allowed.`,
    );
  }
  // Quick replies and call-to-action buttons must form two groups (QR first or CTAs first), never mixed.
  const kinds = buttons.map((b) => (b.type === "QUICK_REPLY" ? "Q" : "C")).join("");
  if (/Q+C+Q|C+Q+C/.test(kinds)) {
    push(
      bPath,
      "quick_replies_not_grouped",
      "Quick reply buttons must be grouped together, not mixed between other buttons.",
    );
  }

  const labels = new Map<string, number>();
  buttons.forEach((b, i) => {
    const p = `${bPath}.${i}`;
    if (b.type === "QUICK_REPLY" || b.type === "URL" || b.type === "PHONE_NUMBER") {
      if (checkButtonText(b.text, `${p}.text`, push)) {
        const key = b.text.trim().toLowerCase();
        if (labels.has(key))
          push(`${p}.text`, "duplicate_button_text", `Button text "${b.text}" is used twice.`);
        else labels.set(key, i);
      }
    }
    switch (b.type) {
      case "URL":
        checkUrlButton(b.url, b.example, p, push);
        break;
      case "PHONE_NUMBER":
        if (b.phone_number.length > LIMITS.phoneNumberMaxLength) {
          push(
            `${p}.phone_number`,
            "phone_number_too_long",
            `Phone number must be at most ${LIMITS.phoneNumberMaxLength} characters.`,
          );
        } else if (!/^\+?[1-9][0-9]{6,18}$/.test(b.phone_number)) {
          push(
            `${p}.phone_number`,
            "invalid_phone_number",
            "Phone number must be in international format with country code, digits only (e.g. +5491123456789).",
          );
        }
        break;
      case "COPY_CODE":
        // Gupshup/Meta: COPY_CODE (coupon) buttons are for MARKETING; UTILITY cannot use them.
        if (category !== "MARKETING") {
          push(
            p,
            "copy_code_not_allowed",
            "Copy code (coupon) buttons are only allowed in MARKETING templates.",
          );
        }
        if (
          b.example.trim() === "" ||
          b.example.length > LIMITS.codeMaxLength ||
          extractVariables(b.example).length > 0
        ) {
          push(
            `${p}.example`,
            "invalid_copy_code_example",
            `Copy code example must be 1-${LIMITS.codeMaxLength} characters, without variables.`,
          );
        }
        break;
      case "OTP":
        if (category !== "AUTHENTICATION") {
          push(p, "otp_button_not_allowed", "OTP buttons are only allowed in AUTHENTICATION templates.");
          break;
        }
        checkOtpButton(b, p, push);
        break;
      case "QUICK_REPLY":
        break;
    }
  });
}

/** Returns true when the label is usable (so it can take part in the duplicate check). */
export function checkButtonText(text: string, path: string, push: Push): boolean {
  if (text.trim() === "") {
    push(path, "button_text_required", "Button text is required.");
    return false;
  }
  let ok = true;
  if (text.length > LIMITS.buttonTextMaxLength) {
    push(
      path,
      "button_text_too_long",
      `Button text must be at most ${LIMITS.buttonTextMaxLength} characters.`,
    );
    ok = false;
  }
  if (NEWLINE_OR_TAB_RE.test(text) || extractVariables(text).length > 0 || hasMalformedBraces(text)) {
    push(path, "button_text_invalid", "Button text cannot contain variables, newlines or tabs.");
    ok = false;
  }
  return ok;
}

export function checkUrlButton(url: string, example: string[] | undefined, path: string, push: Push): void {
  const urlPath = `${path}.url`;
  if (url.length > LIMITS.urlMaxLength) {
    push(urlPath, "url_too_long", `URL must be at most ${LIMITS.urlMaxLength} characters.`);
  }
  const tokens = extractVariables(url);
  if (tokens.length > 1) {
    push(
      urlPath,
      "url_too_many_variables",
      "A URL button supports one variable, {{1}}, at the end of the URL.",
    );
    return;
  }
  const token = tokens[0];
  if (hasMalformedBraces(url) || (token && token.name !== "1")) {
    push(urlPath, "invalid_variable", "The URL variable must be written {{1}}.");
    return;
  }
  if (token && token.end !== url.length) {
    push(urlPath, "url_variable_not_at_end", "The URL variable {{1}} must be at the very end of the URL.");
    return;
  }
  const prefix = token ? url.slice(0, token.start) : url;
  if (!isHttpUrl(token ? `${prefix}x` : url)) {
    push(urlPath, "invalid_url", "URL must be a valid http:// or https:// address.");
    return;
  }
  if (token) {
    // The variable may not change the host: compare the host with two different suffixes.
    if (new URL(`${prefix}a`).hostname !== new URL(`${prefix}b`).hostname) {
      push(
        urlPath,
        "url_variable_in_domain",
        "The URL variable cannot be part of the domain; add a / before {{1}}.",
      );
      return;
    }
    const sample = example?.[0];
    if (sample === undefined || sample.trim() === "") {
      push(`${path}.example`, "missing_example", "A URL with {{1}} needs a full example URL in example.");
    } else if (!sample.startsWith(prefix) || sample.length === prefix.length || !isHttpUrl(sample)) {
      push(
        `${path}.example`,
        "invalid_example",
        `The example must be the full URL: ${prefix} followed by a sample value.`,
      );
    } else if (sample.length > LIMITS.urlMaxLength) {
      push(
        `${path}.example`,
        "url_too_long",
        `The example URL must be at most ${LIMITS.urlMaxLength} characters.`,
      );
    }
  } else if (example !== undefined && example.length > 0) {
    push(`${path}.example`, "unexpected_example", "A URL without {{1}} takes no example.");
  }
}

export const PACKAGE_NAME_RE = /^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$/;

export function checkOtpButton(b: Extract<TemplateButton, { type: "OTP" }>, path: string, push: Push): void {
  for (const key of ["text", "autofill_text"] as const) {
    const v = b[key];
    if (v !== undefined) checkButtonText(v, `${path}.${key}`, push);
  }
  if (b.otp_type === "COPY_CODE") return;
  const apps = [
    ...(b.package_name !== undefined || b.signature_hash !== undefined
      ? [{ package_name: b.package_name ?? "", signature_hash: b.signature_hash ?? "", p: path }]
      : []),
    ...(b.supported_apps ?? []).map((a, i) => ({ ...a, p: `${path}.supported_apps.${i}` })),
  ];
  if (apps.length === 0) {
    push(
      path,
      "one_tap_missing_app",
      `${b.otp_type} buttons need the Android app: package_name and signature_hash (or supported_apps).`,
    );
  }
  for (const a of apps) {
    if (a.package_name.length > LIMITS.packageNameMaxLength || !PACKAGE_NAME_RE.test(a.package_name)) {
      push(
        `${a.p}.package_name`,
        "invalid_package_name",
        `package_name must be an Android package name like com.example.app (max ${LIMITS.packageNameMaxLength} characters).`,
      );
    }
    if (
      a.signature_hash.length !== LIMITS.signatureHashLength ||
      !/^[A-Za-z0-9+/=]+$/.test(a.signature_hash)
    ) {
      push(
        `${a.p}.signature_hash`,
        "invalid_signature_hash",
        `signature_hash must be the ${LIMITS.signatureHashLength}-character app signing key hash.`,
      );
    }
  }
  if (b.otp_type === "ZERO_TAP" && b.zero_tap_terms_accepted !== true) {
    push(
      `${path}.zero_tap_terms_accepted`,
      "zero_tap_terms_not_accepted",
      "ZERO_TAP buttons require zero_tap_terms_accepted: true.",
    );
  }
}
