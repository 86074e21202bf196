import type { RenderContext } from "./render.ts";
import type { SendComponent } from "./render-params.ts";
import { buttonLabel, isHttpUrl } from "./render-text.ts";
import { extractVariables } from "./rules.ts";
import { findComponent, LIMITS } from "./types.ts";

/** The buttons' parameters (URL suffixes, quick reply payloads, coupon and OTP codes) and their preview. */
export function renderButtons(context: RenderContext, code: string | undefined): void {
  const { push, components, previewParts, params: p, template } = context;
  const buttons = findComponent(template, "BUTTONS")?.buttons ?? [];
  const byIndex = new Map<number, string | undefined>();
  (p.buttons ?? []).forEach((b, i) => {
    if (b.index < 0 || b.index >= buttons.length) {
      push(`buttons.${i}.index`, "unexpected_parameter", `The template has no button at index ${b.index}.`);
    } else if (byIndex.has(b.index)) {
      push(`buttons.${i}.index`, "duplicate_parameter", `Button ${b.index} was given twice.`);
    } else {
      byIndex.set(b.index, b.text);
    }
  });
  const buttonComponents: SendComponent[] = [];
  buttons.forEach((b, i) => {
    const path = `buttons.${i}`;
    const given = byIndex.get(i);
    const has = byIndex.has(i);
    switch (b.type) {
      case "URL": {
        const token = extractVariables(b.url)[0];
        if (!token) {
          if (has) push(path, "unexpected_parameter", "This URL button has no variable.");
          return;
        }
        if (given === undefined) {
          push(path, "missing_parameter", `URL button ${i} ("${b.text}") needs the URL suffix for {{1}}.`);
          return;
        }
        if (given === "" || /\s/.test(given)) {
          push(path, "invalid_parameter_text", "The URL suffix cannot be empty or contain whitespace.");
          return;
        }
        const full = b.url.slice(0, token.start) + given;
        if (full.length > LIMITS.urlMaxLength) {
          push(path, "parameter_too_long", `The full URL must be at most ${LIMITS.urlMaxLength} characters.`);
          return;
        }
        if (!isHttpUrl(full)) {
          push(path, "invalid_url", "The URL with this suffix is not a valid http(s) URL.");
          return;
        }
        buttonComponents.push({
          type: "button",
          sub_type: "url",
          index: String(i),
          parameters: [{ type: "text", text: given }],
        });
        return;
      }
      case "QUICK_REPLY":
        if (!has) return;
        if (given === undefined || given === "") {
          push(path, "empty_parameter", "A quick reply payload cannot be empty (omit the button instead).");
          return;
        }
        if (given.length > LIMITS.quickReplyPayloadMaxLength) {
          push(
            path,
            "parameter_too_long",
            `A quick reply payload must be at most ${LIMITS.quickReplyPayloadMaxLength} characters.`,
          );
          return;
        }
        buttonComponents.push({
          type: "button",
          sub_type: "quick_reply",
          index: String(i),
          parameters: [{ type: "payload", payload: given }],
        });
        return;
      case "PHONE_NUMBER":
        if (has) push(path, "unexpected_parameter", "Phone number buttons take no parameter.");
        return;
      case "COPY_CODE":
        if (given === undefined) {
          push(path, "missing_parameter", "The copy code button needs the coupon code.");
          return;
        }
        if (given.trim() === "" || given.length > LIMITS.codeMaxLength || /\s/.test(given)) {
          push(
            path,
            given.length > LIMITS.codeMaxLength ? "parameter_too_long" : "invalid_parameter_text",
            `The coupon code must be 1-${LIMITS.codeMaxLength} characters without spaces.`,
          );
          return;
        }
        buttonComponents.push({
          type: "button",
          sub_type: "copy_code",
          index: String(i),
          parameters: [{ type: "coupon_code", coupon_code: given }],
        });
        return;
      case "OTP":
        // Cloud API sends every OTP button (copy code, one-tap, zero-tap) as a url button carrying the code.
        if (has && given !== undefined && code !== undefined && given !== code) {
          push(path, "otp_code_mismatch", "The OTP button must carry the same code as the body.");
          return;
        }
        if (code !== undefined) {
          buttonComponents.push({
            type: "button",
            sub_type: "url",
            index: String(i),
            parameters: [{ type: "text", text: code }],
          });
        }
        return;
    }
  });
  components.push(...buttonComponents);
  if (buttons.length > 0)
    previewParts.push(buttons.map((b) => `[${buttonLabel(b, template.language)}]`).join("\n"));
}
