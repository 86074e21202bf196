import { describe, expect, it } from "vitest";
import {
  extractVariables,
  minimumWordsForVariables,
  TEMPLATE_ERROR_CODES,
  validateTemplate,
  variableNames,
} from "./rules.ts";
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from "./types.ts";

type Obj = Record<string, unknown>;

const BODY_TEXT = "Hola {{1}}, tu pedido {{2}} llegará mañana por la tarde a tu domicilio.";

function header(text = "Pedido {{1}}", example: Obj | null = { header_text: ["#123"] }): Obj {
  return { type: "HEADER", format: "TEXT", text, ...(example ? { example } : {}) };
}
function body(text = BODY_TEXT, examples: string[] | null = ["Ana", "#123"]): Obj {
  return { type: "BODY", text, ...(examples ? { example: { body_text: [examples] } } : {}) };
}
function namedBody(text: string, params: [string, string][]): Obj {
  return {
    type: "BODY",
    text,
    example: { body_text_named_params: params.map(([param_name, example]) => ({ param_name, example })) },
  };
}
function footer(text = "Charla Shop"): Obj {
  return { type: "FOOTER", text };
}
function buttons(...list: Obj[]): Obj {
  return { type: "BUTTONS", buttons: list };
}
const qr = (text = "Sí") => ({ type: "QUICK_REPLY", text });
const url = (
  text = "Ver pedido",
  u = "https://shop.example.com/o/{{1}}",
  example: string[] | null = ["https://shop.example.com/o/123"],
) => ({
  type: "URL",
  text,
  url: u,
  ...(example ? { example } : {}),
});
const phone = (phone_number = "+5215512345678", text = "Llamar") => ({
  type: "PHONE_NUMBER",
  text,
  phone_number,
});
const copyCode = (example = "SAVE20") => ({ type: "COPY_CODE", example });
const otp = (extra: Obj = {}) => ({ type: "OTP", otp_type: "COPY_CODE", text: "Copiar código", ...extra });

function tpl(components: Obj[], extra: Obj = {}): Obj {
  return { name: "order_update", language: "es_MX", category: "UTILITY", components, ...extra };
}
function auth(components: Obj[], extra: Obj = {}): Obj {
  return tpl(components, { name: "login_code", category: "AUTHENTICATION", ...extra });
}
const full = () => tpl([header(), body(), footer(), buttons(url(), phone())]);

function errorsOf(def: unknown) {
  const r = validateTemplate(def);
  return r.ok ? [] : r.errors;
}

describe("validateTemplate: valid definitions", () => {
  const cases: [string, Obj][] = [
    ["utility with text header, body, footer, URL and phone buttons", full()],
    ["body only", tpl([body()])],
    ["body without variables", tpl([body("Tu pedido fue enviado.", null)])],
    [
      "body ending with a variable followed by punctuation",
      tpl([body("Hola Ana, tu código de pedido es {{1}}.", ["X1"])]),
    ],
    [
      "variables separated by punctuation and words",
      tpl([body("Hola {{1}}, te esperamos el {{2}} en la tienda central.")]),
    ],
    [
      "named parameters",
      tpl(
        [
          {
            type: "HEADER",
            format: "TEXT",
            text: "Hola {{name}}",
            example: { header_text_named_params: [{ param_name: "name", example: "Ana" }] },
          },
          namedBody("Tu pedido {{order_id}} llega el {{delivery_date}} a tu casa.", [
            ["order_id", "#1"],
            ["delivery_date", "lunes"],
          ]),
        ],
        { parameter_format: "NAMED" },
      ),
    ],
    [
      "image header with handle",
      tpl([{ type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aW1hZ2U="] } }, body()]),
    ],
    ["location header without example", tpl([{ type: "HEADER", format: "LOCATION" }, body()])],
    ["10 quick replies", tpl([body(), buttons(...Array.from({ length: 10 }, (_, i) => qr(`Opción ${i}`)))])],
    ["quick replies then CTAs", tpl([body(), buttons(qr("Sí"), qr("No"), url(), phone())])],
    ["CTAs then quick replies", tpl([body(), buttons(url(), phone(), qr("Sí"), qr("No"))])],
    ["static URL button", tpl([body(), buttons(url("Web", "https://shop.example.com/help", null))])],
    ["two URL buttons", tpl([body(), buttons(url("A"), url("B"))])],
    ["marketing copy code", tpl([body(), buttons(copyCode())], { category: "MARKETING" })],
    ["phone without plus", tpl([body(), buttons(phone("5215512345678"))])],
    [
      "authentication copy code",
      auth([
        { type: "BODY", add_security_recommendation: true },
        { type: "FOOTER", code_expiration_minutes: 10 },
        buttons(otp()),
      ]),
    ],
    [
      "authentication body synced from Meta",
      auth([{ type: "BODY", text: "*{{1}}* es tu código de verificación." }, buttons(otp())]),
    ],
    [
      "authentication one-tap (legacy fields)",
      auth([
        { type: "BODY" },
        buttons(
          otp({
            otp_type: "ONE_TAP",
            autofill_text: "Autocompletar",
            package_name: "com.example.app",
            signature_hash: "K8a/AINcGX7",
          }),
        ),
      ]),
    ],
    [
      "authentication one-tap (supported_apps)",
      auth([
        { type: "BODY" },
        buttons(
          otp({
            otp_type: "ONE_TAP",
            supported_apps: [{ package_name: "com.example.app", signature_hash: "K8a/AINcGX7" }],
          }),
        ),
      ]),
    ],
    [
      "authentication zero-tap",
      auth([
        { type: "BODY" },
        buttons(
          otp({
            otp_type: "ZERO_TAP",
            package_name: "com.example.app",
            signature_hash: "K8a/AINcGX7",
            zero_tap_terms_accepted: true,
          }),
        ),
      ]),
    ],
    [
      "code expiration 1",
      auth([{ type: "BODY" }, { type: "FOOTER", code_expiration_minutes: 1 }, buttons(otp())]),
    ],
    [
      "code expiration 90",
      auth([{ type: "BODY" }, { type: "FOOTER", code_expiration_minutes: 90 }, buttons(otp())]),
    ],
    ["header with 3 consecutive spaces", tpl([header("Pedido   listo", null), body()])],
    ["name of 512 chars", tpl([body()], { name: "a".repeat(512) })],
  ];
  it.each(cases)("%s", (_title, def) => {
    const r = validateTemplate(def);
    expect(r.ok ? [] : r.errors).toEqual([]);
    // The definition comes back unchanged, ready to post to Meta.
    if (r.ok) expect(r.template).toEqual(def);
  });
});

type Case = { title: string; def: unknown; code: string; path?: string };

const INVALID: Case[] = [
  // top level
  { title: "missing name", def: { ...full(), name: undefined }, code: "name_required", path: "name" },
  {
    title: "uppercase name",
    def: tpl([body()], { name: "Order_Update" }),
    code: "invalid_name",
    path: "name",
  },
  {
    title: "name with dash",
    def: tpl([body()], { name: "order-update" }),
    code: "invalid_name",
    path: "name",
  },
  {
    title: "name of 513 chars",
    def: tpl([body()], { name: "a".repeat(513) }),
    code: "name_too_long",
    path: "name",
  },
  {
    title: "hyphenated locale",
    def: tpl([body()], { language: "pt-BR" }),
    code: "unsupported_language",
    path: "language",
  },
  {
    title: "unknown language",
    def: tpl([body()], { language: "xx" }),
    code: "unsupported_language",
    path: "language",
  },
  {
    title: "unknown category",
    def: tpl([body()], { category: "PROMO" }),
    code: "invalid_category",
    path: "category",
  },
  {
    title: "bad parameter_format",
    def: tpl([body()], { parameter_format: "NUMBERED" }),
    code: "invalid_parameter_format",
    path: "parameter_format",
  },
  {
    title: "lowercase component type",
    def: tpl([{ type: "body", text: "Hola" }]),
    code: "unsupported_component_type",
    path: "components.0.type",
  },
  {
    title: "unsupported button type",
    def: tpl([body(), buttons({ type: "FLOW", text: "Abrir" })]),
    code: "unsupported_button_type",
    path: "components.1.buttons.0.type",
  },
  {
    title: "components not an array",
    def: tpl([], { components: "x" }),
    code: "invalid_shape",
    path: "components",
  },
  { title: "not an object", def: "hello", code: "invalid_shape", path: "" },
  { title: "two bodies", def: tpl([body(), body()]), code: "duplicate_component", path: "components.1" },
  { title: "no body", def: tpl([header()]), code: "missing_body", path: "components" },
  // header
  {
    title: "header over 60",
    def: tpl([header(`${"x".repeat(61)}`, null), body()]),
    code: "header_too_long",
    path: "components.0.text",
  },
  {
    title: "header with two variables",
    def: tpl([header("Hola {{1}} y {{2}}", { header_text: ["a", "b"] }), body()]),
    code: "header_too_many_variables",
  },
  {
    title: "header with newline",
    def: tpl([header("Hola\nAna", null), body()]),
    code: "header_invalid_whitespace",
  },
  {
    title: "header with tab",
    def: tpl([header("Hola\tAna", null), body()]),
    code: "header_invalid_whitespace",
  },
  {
    title: "header with 4 spaces",
    def: tpl([header("Hola    Ana", null), body()]),
    code: "header_invalid_whitespace",
  },
  {
    title: "header with emoji",
    def: tpl([header("Hola 🎉", null), body()]),
    code: "header_formatting_not_allowed",
  },
  {
    title: "header with markdown",
    def: tpl([header("*Oferta*", null), body()]),
    code: "header_formatting_not_allowed",
  },
  {
    title: "text header without text",
    def: tpl([{ type: "HEADER", format: "TEXT" }, body()]),
    code: "header_text_required",
    path: "components.0.text",
  },
  {
    title: "image header with text",
    def: tpl([{ type: "HEADER", format: "IMAGE", text: "x", example: { header_handle: ["h"] } }, body()]),
    code: "unexpected_header_text",
  },
  {
    title: "image header without handle",
    def: tpl([{ type: "HEADER", format: "IMAGE" }, body()]),
    code: "missing_media_example",
    path: "components.0.example.header_handle",
  },
  {
    title: "document header with blank handle",
    def: tpl([{ type: "HEADER", format: "DOCUMENT", example: { header_handle: [" "] } }, body()]),
    code: "missing_media_example",
  },
  {
    title: "header variable without example",
    def: tpl([header("Pedido {{1}}", null), body()]),
    code: "missing_example",
    path: "components.0.example.header_text",
  },
  // body
  {
    title: "body without text",
    def: tpl([{ type: "BODY" }]),
    code: "body_text_required",
    path: "components.0.text",
  },
  { title: "blank body", def: tpl([{ type: "BODY", text: "   " }]), code: "body_text_required" },
  {
    title: "body over 1024",
    def: tpl([body(`Hola ${"x".repeat(1021)}`, null)]),
    code: "body_too_long",
    path: "components.0.text",
  },
  {
    title: "gap in variables",
    def: tpl([body("Hola {{1}}, tu pedido {{3}} llegará mañana por la tarde a tu casa.")]),
    code: "non_sequential_variables",
  },
  {
    title: "variables not starting at 1",
    def: tpl([body("Hola {{2}}, tu pedido {{3}} llegará mañana por la tarde a tu casa.")]),
    code: "non_sequential_variables",
  },
  {
    title: "{{0}}",
    def: tpl([body("Hola {{0}}, tu pedido llegará mañana por la tarde.", ["a"])]),
    code: "invalid_variable",
  },
  {
    title: "named variable in positional template",
    def: tpl([body("Hola {{name}}, tu pedido llegará mañana por la tarde.", ["a"])]),
    code: "invalid_variable",
  },
  {
    title: "spaces inside braces",
    def: tpl([body("Hola {{ 1 }}, tu pedido llegará mañana por la tarde.", ["a"])]),
    code: "invalid_variable",
  },
  {
    title: "positional variable in named template",
    def: tpl([namedBody("Hola {{1}}, tu pedido llegará mañana por la tarde.", [["1", "a"]])], {
      parameter_format: "NAMED",
    }),
    code: "invalid_variable",
  },
  {
    title: "uppercase named variable",
    def: tpl([namedBody("Hola {{Name}}, tu pedido llegará mañana por la tarde.", [["Name", "a"]])], {
      parameter_format: "NAMED",
    }),
    code: "invalid_variable",
  },
  {
    title: "unbalanced braces",
    def: tpl([body("Hola {{1}, tu pedido llegará mañana por la tarde.", null)]),
    code: "malformed_variable",
  },
  {
    title: "variable at start",
    def: tpl([body("{{1}}, tu pedido {{2}} llegará mañana por la tarde.")]),
    code: "variable_at_start",
    path: "components.0.text",
  },
  {
    title: "variable at start after spaces",
    def: tpl([body("  {{1}}, tu pedido {{2}} llegará mañana por la tarde.")]),
    code: "variable_at_start",
  },
  {
    title: "variable at end",
    def: tpl([body("Hola {{1}}, tu pedido llegará mañana por la tarde con {{2}}")]),
    code: "variable_at_end",
  },
  {
    title: "variable at end before newline",
    def: tpl([body("Hola {{1}}, tu pedido llegará mañana por la tarde con {{2}}\n")]),
    code: "variable_at_end",
  },
  {
    title: "adjacent variables",
    def: tpl([body("Hola {{1}} {{2}}, tu pedido llegará mañana por la tarde.")]),
    code: "adjacent_variables",
  },
  {
    title: "touching variables",
    def: tpl([body("Hola {{1}}{{2}}, tu pedido llegará mañana por la tarde.")]),
    code: "adjacent_variables",
  },
  {
    title: "too many variables for length",
    def: tpl([body("Hi {{1}} and {{2}} or {{3}} ok", ["a", "b", "c"])]),
    code: "too_many_variables",
  },
  {
    title: "body variables without example",
    def: tpl([body(BODY_TEXT, null)]),
    code: "missing_example",
    path: "components.0.example.body_text",
  },
  { title: "too few examples", def: tpl([body(BODY_TEXT, ["Ana"])]), code: "example_count_mismatch" },
  {
    title: "too many examples",
    def: tpl([body(BODY_TEXT, ["Ana", "#1", "x"])]),
    code: "example_count_mismatch",
  },
  {
    title: "empty example",
    def: tpl([body(BODY_TEXT, ["Ana", " "])]),
    code: "empty_example",
    path: "components.0.example.body_text.1",
  },
  {
    title: "examples without variables",
    def: tpl([body("Tu pedido fue enviado.", ["x"])]),
    code: "unexpected_example",
  },
  {
    title: "named template with positional examples",
    def: tpl([body("Hola {{name}}, tu pedido llegará mañana por la tarde.", ["Ana"])], {
      parameter_format: "NAMED",
    }),
    code: "missing_example",
  },
  {
    title: "named example missing a name",
    def: tpl(
      [
        namedBody("Hola {{name}}, tu pedido {{order}} llegará mañana por la tarde.", [
          ["name", "Ana"],
          ["other", "x"],
        ]),
      ],
      {
        parameter_format: "NAMED",
      },
    ),
    code: "example_name_mismatch",
  },
  {
    title: "named empty example",
    def: tpl([namedBody("Hola {{name}}, tu pedido llegará mañana.", [["name", ""]])], {
      parameter_format: "NAMED",
    }),
    code: "empty_example",
  },
  // footer
  {
    title: "footer over 60",
    def: tpl([body(), footer("x".repeat(61))]),
    code: "footer_too_long",
    path: "components.1.text",
  },
  { title: "footer with variable", def: tpl([body(), footer("Hola {{1}}")]), code: "footer_has_variables" },
  { title: "footer without text", def: tpl([body(), { type: "FOOTER" }]), code: "footer_text_required" },
  // buttons
  { title: "no buttons", def: tpl([body(), buttons()]), code: "empty_buttons", path: "components.1.buttons" },
  {
    title: "11 buttons",
    def: tpl([body(), buttons(...Array.from({ length: 11 }, (_, i) => qr(`Opción ${i}`)))]),
    code: "too_many_buttons",
  },
  {
    title: "11 quick replies",
    def: tpl([body(), buttons(...Array.from({ length: 11 }, (_, i) => qr(`Opción ${i}`)))]),
    code: "too_many_quick_replies",
  },
  {
    title: "3 URL buttons",
    def: tpl([body(), buttons(url("A"), url("B"), url("C"))]),
    code: "too_many_url_buttons",
  },
  {
    title: "2 phone buttons",
    def: tpl([body(), buttons(phone(), phone("+5491112345678", "Otro"))]),
    code: "too_many_phone_buttons",
  },
  {
    title: "2 copy code buttons",
    def: tpl([body(), buttons(copyCode(), copyCode())], { category: "MARKETING" }),
    code: "too_many_copy_code_buttons",
  },
  {
    title: "quick replies split by a CTA",
    def: tpl([body(), buttons(qr("Sí"), url(), qr("No"))]),
    code: "quick_replies_not_grouped",
  },
  {
    title: "CTAs split by a quick reply",
    def: tpl([body(), buttons(url(), qr("Sí"), phone())]),
    code: "quick_replies_not_grouped",
  },
  {
    title: "button text over 25",
    def: tpl([body(), buttons(qr("x".repeat(26)))]),
    code: "button_text_too_long",
    path: "components.1.buttons.0.text",
  },
  { title: "empty button text", def: tpl([body(), buttons(qr(" "))]), code: "button_text_required" },
  {
    title: "variable in button text",
    def: tpl([body(), buttons(qr("Hola {{1}}"))]),
    code: "button_text_invalid",
  },
  {
    title: "duplicate button text",
    def: tpl([body(), buttons(qr("Sí"), qr("sí"))]),
    code: "duplicate_button_text",
    path: "components.1.buttons.1.text",
  },
  {
    title: "ftp URL",
    def: tpl([body(), buttons(url("Web", "ftp://files.example.com/a", null))]),
    code: "invalid_url",
    path: "components.1.buttons.0.url",
  },
  { title: "not a URL", def: tpl([body(), buttons(url("Web", "shop example", null))]), code: "invalid_url" },
  {
    title: "URL over 2000",
    def: tpl([body(), buttons(url("Web", `https://shop.example.com/${"a".repeat(2000)}`, null))]),
    code: "url_too_long",
  },
  {
    title: "two URL variables",
    def: tpl([body(), buttons(url("Web", "https://shop.example.com/{{1}}/{{2}}"))]),
    code: "url_too_many_variables",
  },
  {
    title: "URL variable in the middle",
    def: tpl([body(), buttons(url("Web", "https://shop.example.com/{{1}}/detail"))]),
    code: "url_variable_not_at_end",
  },
  {
    title: "URL variable as host",
    def: tpl([body(), buttons(url("Web", "https://{{1}}", ["https://shop.example.com"]))]),
    code: "url_variable_in_domain",
  },
  {
    title: "URL variable glued to host",
    def: tpl([body(), buttons(url("Web", "https://shop.example.com{{1}}", ["https://shop.example.com/1"]))]),
    code: "url_variable_in_domain",
  },
  {
    title: "URL variable {{2}}",
    def: tpl([body(), buttons(url("Web", "https://shop.example.com/{{2}}"))]),
    code: "invalid_variable",
  },
  {
    title: "URL variable without example",
    def: tpl([body(), buttons(url("Web", "https://shop.example.com/o/{{1}}", null))]),
    code: "missing_example",
    path: "components.1.buttons.0.example",
  },
  {
    title: "URL example for another site",
    def: tpl([
      body(),
      buttons(url("Web", "https://shop.example.com/o/{{1}}", ["https://other.example.com/o/1"])),
    ]),
    code: "invalid_example",
  },
  {
    title: "URL example without sample value",
    def: tpl([
      body(),
      buttons(url("Web", "https://shop.example.com/o/{{1}}", ["https://shop.example.com/o/"])),
    ]),
    code: "invalid_example",
  },
  {
    title: "example on static URL",
    def: tpl([body(), buttons(url("Web", "https://shop.example.com/o", ["https://shop.example.com/o"]))]),
    code: "unexpected_example",
  },
  {
    title: "short phone",
    def: tpl([body(), buttons(phone("12345"))]),
    code: "invalid_phone_number",
    path: "components.1.buttons.0.phone_number",
  },
  {
    title: "phone with spaces",
    def: tpl([body(), buttons(phone("+52 55 1234 5678"))]),
    code: "invalid_phone_number",
  },
  {
    title: "phone with letters",
    def: tpl([body(), buttons(phone("+52CALLNOW"))]),
    code: "invalid_phone_number",
  },
  {
    title: "phone over 20",
    def: tpl([body(), buttons(phone(`+${"1".repeat(20)}`))]),
    code: "phone_number_too_long",
  },
  {
    title: "copy code in utility",
    def: tpl([body(), buttons(copyCode())]),
    code: "copy_code_not_allowed",
    path: "components.1.buttons.0",
  },
  {
    title: "copy code example over 15",
    def: tpl([body(), buttons(copyCode("X".repeat(16)))], { category: "MARKETING" }),
    code: "invalid_copy_code_example",
  },
  {
    title: "empty copy code example",
    def: tpl([body(), buttons(copyCode(""))], { category: "MARKETING" }),
    code: "invalid_copy_code_example",
  },
  {
    title: "OTP in marketing",
    def: tpl([body(), buttons(otp())], { category: "MARKETING" }),
    code: "otp_button_not_allowed",
  },
  { title: "OTP in utility", def: tpl([body(), buttons(otp())]), code: "otp_button_not_allowed" },
  // authentication
  {
    title: "auth without buttons",
    def: auth([{ type: "BODY" }]),
    code: "auth_requires_otp_button",
    path: "components",
  },
  {
    title: "auth with empty buttons",
    def: auth([{ type: "BODY" }, buttons()]),
    code: "auth_requires_otp_button",
  },
  {
    title: "auth with quick reply",
    def: auth([{ type: "BODY" }, buttons(qr())]),
    code: "auth_button_not_allowed",
    path: "components.1.buttons.0",
  },
  {
    title: "auth with two OTP buttons",
    def: auth([{ type: "BODY" }, buttons(otp(), otp({ text: "Otro" }))]),
    code: "auth_requires_otp_button",
  },
  {
    title: "auth with text header",
    def: auth([header("Código", null), { type: "BODY" }, buttons(otp())]),
    code: "auth_header_not_allowed",
  },
  {
    title: "auth with image header",
    def: auth([
      { type: "HEADER", format: "IMAGE", example: { header_handle: ["h"] } },
      { type: "BODY" },
      buttons(otp()),
    ]),
    code: "auth_header_not_allowed",
  },
  {
    title: "auth body with another variable",
    def: auth([{ type: "BODY", text: "{{1}} es tu código, {{2}}." }, buttons(otp())]),
    code: "auth_body_invalid",
  },
  {
    title: "auth body without the code",
    def: auth([{ type: "BODY", text: "Tu código llegó." }, buttons(otp())]),
    code: "auth_body_invalid",
  },
  {
    title: "auth body with a URL",
    def: auth([{ type: "BODY", text: "{{1}} es tu código. https://x.example.com" }, buttons(otp())]),
    code: "auth_body_invalid",
  },
  {
    title: "auth footer with text",
    def: auth([{ type: "BODY" }, footer("Hola"), buttons(otp())]),
    code: "auth_footer_text_not_allowed",
  },
  {
    title: "code expiration 0",
    def: auth([{ type: "BODY" }, { type: "FOOTER", code_expiration_minutes: 0 }, buttons(otp())]),
    code: "invalid_code_expiration",
  },
  {
    title: "code expiration 91",
    def: auth([{ type: "BODY" }, { type: "FOOTER", code_expiration_minutes: 91 }, buttons(otp())]),
    code: "invalid_code_expiration",
    path: "components.1.code_expiration_minutes",
  },
  {
    title: "code expiration 1.5",
    def: auth([{ type: "BODY" }, { type: "FOOTER", code_expiration_minutes: 1.5 }, buttons(otp())]),
    code: "invalid_code_expiration",
  },
  {
    title: "security recommendation in utility",
    def: tpl([{ ...body(), add_security_recommendation: true }]),
    code: "auth_option_not_allowed",
    path: "components.0.add_security_recommendation",
  },
  {
    title: "code expiration in marketing",
    def: tpl([body(), { type: "FOOTER", text: "x", code_expiration_minutes: 5 }], { category: "MARKETING" }),
    code: "auth_option_not_allowed",
  },
  {
    title: "one-tap without app",
    def: auth([{ type: "BODY" }, buttons(otp({ otp_type: "ONE_TAP" }))]),
    code: "one_tap_missing_app",
    path: "components.1.buttons.0",
  },
  {
    title: "zero-tap without app",
    def: auth([{ type: "BODY" }, buttons(otp({ otp_type: "ZERO_TAP", zero_tap_terms_accepted: true }))]),
    code: "one_tap_missing_app",
  },
  {
    title: "bad package name",
    def: auth([
      { type: "BODY" },
      buttons(otp({ otp_type: "ONE_TAP", package_name: "myapp", signature_hash: "K8a/AINcGX7" })),
    ]),
    code: "invalid_package_name",
  },
  {
    title: "bad signature hash in supported_apps",
    def: auth([
      { type: "BODY" },
      buttons(
        otp({
          otp_type: "ONE_TAP",
          supported_apps: [{ package_name: "com.example.app", signature_hash: "short" }],
        }),
      ),
    ]),
    code: "invalid_signature_hash",
    path: "components.1.buttons.0.supported_apps.0.signature_hash",
  },
  {
    title: "zero-tap terms not accepted",
    def: auth([
      { type: "BODY" },
      buttons(otp({ otp_type: "ZERO_TAP", package_name: "com.example.app", signature_hash: "K8a/AINcGX7" })),
    ]),
    code: "zero_tap_terms_not_accepted",
  },
  {
    title: "OTP label over 25",
    def: auth([{ type: "BODY" }, buttons(otp({ text: "x".repeat(26) }))]),
    code: "button_text_too_long",
    path: "components.1.buttons.0.text",
  },
];

describe("validateTemplate: one error code per rule", () => {
  it.each(INVALID)("$title -> $code", ({ def, code, path }) => {
    const errors = errorsOf(def);
    const hit = errors.find((e) => e.code === code);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    if (path !== undefined) expect(hit?.path).toBe(path);
    expect(hit?.message.length).toBeGreaterThan(10);
  });

  it("covers every declared error code", () => {
    const tested = new Set(INVALID.map((c) => c.code));
    expect(TEMPLATE_ERROR_CODES.filter((c) => !tested.has(c))).toEqual([]);
  });
});

describe("validateTemplate: reporting", () => {
  it("reports several problems at once, including component errors when the language is unknown", () => {
    const errors = errorsOf(
      tpl([body("{{1}} hola", null), footer("x".repeat(70))], { language: "klingon", name: "Bad Name" }),
    );
    expect(errors.map((e) => e.code).sort()).toEqual(
      [
        "footer_too_long",
        "invalid_name",
        "missing_example",
        "too_many_variables",
        "unsupported_language",
        "variable_at_start",
      ].sort(),
    );
  });

  it("does not report the zod enum error twice for an unknown category", () => {
    const errors = errorsOf(tpl([body()], { category: "nope" }));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe("invalid_category");
  });

  it("the word/variable ratio boundary is 3n + 1", () => {
    expect(minimumWordsForVariables(3)).toBe(10);
    // 7 words + 3 variables = 10: allowed.
    expect(errorsOf(tpl([body("Hi {{1}} and {{2}} or {{3}} ok then go now", ["a", "b", "c"])]))).toEqual([]);
    // 6 words + 3 variables = 9: refused.
    expect(
      errorsOf(tpl([body("Hi {{1}} and {{2}} or {{3}} ok then go", ["a", "b", "c"])])).map((e) => e.code),
    ).toEqual(["too_many_variables"]);
  });
});

describe("variables and languages", () => {
  it("extracts tokens with positions", () => {
    expect(extractVariables("a {{1}} b {{name}}")).toEqual([
      { name: "1", start: 2, end: 7 },
      { name: "name", start: 10, end: 18 },
    ]);
  });

  it("orders positional names numerically and dedupes", () => {
    expect(variableNames("{{2}} {{10}} {{1}} {{2}}", "POSITIONAL")).toEqual(["1", "2", "10"]);
    expect(variableNames("{{b}} {{a}} {{b}}", "NAMED")).toEqual(["b", "a"]);
  });

  it("knows Meta's language codes, case-sensitively", () => {
    for (const code of [
      "es",
      "es_AR",
      "es_MX",
      "es_ES",
      "en",
      "en_US",
      "en_GB",
      "pt_BR",
      "pt_PT",
      "zh_CN",
      "prs_AF",
    ]) {
      expect(isSupportedLanguage(code)).toBe(true);
    }
    for (const code of ["pt-BR", "pt_br", "es_US", "", "english", 5])
      expect(isSupportedLanguage(code)).toBe(false);
    expect(new Set(SUPPORTED_LANGUAGES).size).toBe(SUPPORTED_LANGUAGES.length);
  });
});
