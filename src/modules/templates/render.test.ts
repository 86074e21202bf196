import { describe, expect, it } from "vitest";
import { RENDER_ERROR_CODES, type RenderParams, renderTemplate } from "./render.ts";
import { validateTemplate } from "./rules.ts";
import type { TemplateComponent, TemplateDefinition } from "./types.ts";

const order: TemplateDefinition = {
  name: "order_update",
  language: "es_MX",
  category: "UTILITY",
  components: [
    { type: "HEADER", format: "TEXT", text: "Pedido {{1}}", example: { header_text: ["#123"] } },
    {
      type: "BODY",
      text: "Hola {{1}}, tu pedido {{2}} llega mañana por la tarde.",
      example: { body_text: [["Ana", "#123"]] },
    },
    { type: "FOOTER", text: "Charla Shop" },
    {
      type: "BUTTONS",
      buttons: [
        {
          type: "URL",
          text: "Ver pedido",
          url: "https://shop.example.com/o/{{1}}",
          example: ["https://shop.example.com/o/1"],
        },
        { type: "PHONE_NUMBER", text: "Llamar", phone_number: "+5215512345678" },
        { type: "QUICK_REPLY", text: "Gracias" },
      ],
    },
  ],
};

const named: TemplateDefinition = {
  name: "order_named",
  language: "en_US",
  category: "UTILITY",
  parameter_format: "NAMED",
  components: [
    {
      type: "HEADER",
      format: "TEXT",
      text: "Hi {{first_name}}",
      example: { header_text_named_params: [{ param_name: "first_name", example: "Ana" }] },
    },
    {
      type: "BODY",
      text: "Your order {{order_id}} arrives on {{delivery_date}} at your address.",
      example: {
        body_text_named_params: [
          { param_name: "order_id", example: "#1" },
          { param_name: "delivery_date", example: "Monday" },
        ],
      },
    },
  ],
};

function withHeader(header: TemplateComponent): TemplateDefinition {
  return {
    name: "media",
    language: "pt_BR",
    category: "MARKETING",
    components: [header, { type: "BODY", text: "Confira a nova coleção." }],
  };
}

const authCopy: TemplateDefinition = {
  name: "login_code",
  language: "es_AR",
  category: "AUTHENTICATION",
  components: [
    { type: "BODY", add_security_recommendation: true },
    { type: "FOOTER", code_expiration_minutes: 10 },
    { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copiar código" }] },
  ],
};

const coupon: TemplateDefinition = {
  name: "coupon",
  language: "en_US",
  category: "MARKETING",
  components: [
    { type: "BODY", text: "Your coupon is ready. Use it before Friday." },
    { type: "FOOTER", text: "Reply STOP to unsubscribe" },
    { type: "BUTTONS", buttons: [{ type: "COPY_CODE", example: "SAVE20" }] },
  ],
};

describe("fixtures are valid templates", () => {
  it.each([order, named, authCopy, coupon])("$name", (t) => {
    expect(validateTemplate(t)).toEqual({ ok: true, template: t });
  });
});

describe("renderTemplate: messages", () => {
  it("renders header, body, URL and quick-reply parameters in Cloud API shape", () => {
    const r = renderTemplate(order, {
      header: { text: "#987" },
      body: ["Ana", "#987"],
      buttons: [
        { index: 0, text: "987" },
        { index: 2, text: "THANKS_987" },
      ],
    });
    expect(r).toEqual({
      ok: true,
      message: {
        name: "order_update",
        language: { code: "es_MX" },
        components: [
          { type: "header", parameters: [{ type: "text", text: "#987" }] },
          {
            type: "body",
            parameters: [
              { type: "text", text: "Ana" },
              { type: "text", text: "#987" },
            ],
          },
          { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "987" }] },
          {
            type: "button",
            sub_type: "quick_reply",
            index: "2",
            parameters: [{ type: "payload", payload: "THANKS_987" }],
          },
        ],
      },
      preview:
        "Pedido #987\n\nHola Ana, tu pedido #987 llega mañana por la tarde.\n\nCharla Shop\n\n[Ver pedido]\n[Llamar]\n[Gracias]",
    });
  });

  it("adds parameter_name for named templates", () => {
    const r = renderTemplate(named, {
      header: { text: "Ana" },
      body: { delivery_date: "Monday", order_id: "#9" },
    });
    expect(r.ok && r.message.components).toEqual([
      { type: "header", parameters: [{ type: "text", text: "Ana", parameter_name: "first_name" }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "#9", parameter_name: "order_id" },
          { type: "text", text: "Monday", parameter_name: "delivery_date" },
        ],
      },
    ]);
    expect(r.ok && r.preview).toBe("Hi Ana\n\nYour order #9 arrives on Monday at your address.");
  });

  it("sends a repeated positional variable once", () => {
    const t: TemplateDefinition = {
      ...order,
      components: [
        {
          type: "BODY",
          text: "Hola {{1}}, gracias {{1}} por tu pedido {{2}} de hoy.",
          example: { body_text: [["a", "b"]] },
        },
      ],
    };
    const r = renderTemplate(t, { body: ["Ana", "#1"] });
    expect(r.ok && r.message.components?.[0]?.parameters).toHaveLength(2);
    expect(r.ok && r.preview).toBe("Hola Ana, gracias Ana por tu pedido #1 de hoy.");
  });

  it("omits components for a template without variables", () => {
    const t: TemplateDefinition = {
      name: "hello",
      language: "en",
      category: "UTILITY",
      components: [
        { type: "HEADER", format: "TEXT", text: "Welcome" },
        { type: "BODY", text: "Thanks for signing up." },
      ],
    };
    expect(renderTemplate(t, {})).toEqual({
      ok: true,
      message: { name: "hello", language: { code: "en" } },
      preview: "Welcome\n\nThanks for signing up.",
    });
    expect(renderTemplate(t).ok).toBe(true);
  });

  it.each([
    [
      "image link",
      { type: "HEADER", format: "IMAGE", example: { header_handle: ["h"] } },
      { image: { link: "https://cdn.example.com/a.jpg" } },
      { type: "image", image: { link: "https://cdn.example.com/a.jpg" } },
      "[Image]",
    ],
    [
      "video id",
      { type: "HEADER", format: "VIDEO", example: { header_handle: ["h"] } },
      { video: { id: "1234" } },
      { type: "video", video: { id: "1234" } },
      "[Video]",
    ],
    [
      "document with filename",
      { type: "HEADER", format: "DOCUMENT", example: { header_handle: ["h"] } },
      { document: { link: "https://cdn.example.com/f.pdf", filename: "fatura.pdf" } },
      { type: "document", document: { link: "https://cdn.example.com/f.pdf", filename: "fatura.pdf" } },
      "[Document: fatura.pdf]",
    ],
    [
      "location",
      { type: "HEADER", format: "LOCATION" },
      {
        location: { latitude: -23.55, longitude: -46.63, name: "Loja Centro", address: "Av. Paulista 1000" },
      },
      {
        type: "location",
        location: { latitude: -23.55, longitude: -46.63, name: "Loja Centro", address: "Av. Paulista 1000" },
      },
      "[Location: Loja Centro]",
    ],
  ] as const)("renders a %s header", (_title, header, params, parameter, label) => {
    const r = renderTemplate(withHeader(header as TemplateComponent), { header: params } as RenderParams);
    expect(r.ok && r.message.components).toEqual([{ type: "header", parameters: [parameter] }]);
    expect(r.ok && r.preview).toBe(`${label}\n\nConfira a nova coleção.`);
  });

  it("renders an authentication template: body code plus the OTP button as a url button", () => {
    const r = renderTemplate(authCopy, { body: ["482913"] });
    expect(r).toEqual({
      ok: true,
      message: {
        name: "login_code",
        language: { code: "es_AR" },
        components: [
          { type: "body", parameters: [{ type: "text", text: "482913" }] },
          { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "482913" }] },
        ],
      },
      preview:
        "482913 es tu código de verificación. Por tu seguridad, no lo compartas.\n\nEste código caduca en 10 minutos.\n\n[Copiar código]",
    });
    // Giving the same code for the button explicitly is accepted.
    expect(renderTemplate(authCopy, { body: ["482913"], buttons: [{ index: 0, text: "482913" }] }).ok).toBe(
      true,
    );
  });

  it("previews one-tap authentication in English with the autofill label", () => {
    const t: TemplateDefinition = {
      name: "otp",
      language: "en_US",
      category: "AUTHENTICATION",
      components: [
        { type: "BODY" },
        {
          type: "BUTTONS",
          buttons: [
            {
              type: "OTP",
              otp_type: "ONE_TAP",
              package_name: "com.example.app",
              signature_hash: "K8a/AINcGX7",
            },
          ],
        },
      ],
    };
    const r = renderTemplate(t, { body: ["1234"] });
    expect(r.ok && r.preview).toBe("1234 is your verification code.\n\n[Autofill]");
  });

  it("renders a copy-code coupon", () => {
    const r = renderTemplate(coupon, { buttons: [{ index: 0, text: "SAVE30" }] });
    expect(r.ok && r.message.components).toEqual([
      {
        type: "button",
        sub_type: "copy_code",
        index: "0",
        parameters: [{ type: "coupon_code", coupon_code: "SAVE30" }],
      },
    ]);
    expect(r.ok && r.preview).toBe(
      "Your coupon is ready. Use it before Friday.\n\nReply STOP to unsubscribe\n\n[Copy offer code]",
    );
  });

  it("accepts 4 consecutive spaces in a parameter (Meta refuses more than 4)", () => {
    expect(
      renderTemplate(order, {
        header: { text: "#1" },
        body: ["Ana    B", "#1"],
        buttons: [{ index: 0, text: "1" }],
      }).ok,
    ).toBe(true);
  });
});

type Case = { title: string; template: TemplateDefinition; params: unknown; code: string; path: string };

const okOrder = { header: { text: "#1" }, body: ["Ana", "#1"], buttons: [{ index: 0, text: "1" }] };
const staticUrl: TemplateDefinition = {
  ...coupon,
  components: [
    { type: "BODY", text: "Hi there, see you soon." },
    { type: "BUTTONS", buttons: [{ type: "URL", text: "Web", url: "https://shop.example.com/help" }] },
  ],
};
const brokenUrl: TemplateDefinition = {
  ...coupon,
  components: [
    { type: "BODY", text: "Hi there, see you soon." },
    { type: "BUTTONS", buttons: [{ type: "URL", text: "Web", url: "notaurl/{{1}}" }] },
  ],
};
const plain: TemplateDefinition = {
  name: "plain",
  language: "es",
  category: "UTILITY",
  components: [{ type: "BODY", text: "Hola, gracias." }],
};

const INVALID: Case[] = [
  { title: "params not an object", template: order, params: "x", code: "invalid_params", path: "" },
  {
    title: "body of numbers",
    template: order,
    params: { ...okOrder, body: [1, 2] },
    code: "invalid_params",
    path: "body",
  },
  {
    title: "unknown header key",
    template: order,
    params: { ...okOrder, header: { text: "#1", audio: {} } },
    code: "invalid_params",
    path: "header",
  },
  {
    title: "missing body value",
    template: order,
    params: { ...okOrder, body: ["Ana"] },
    code: "missing_parameter",
    path: "body.1",
  },
  {
    title: "no body at all",
    template: order,
    params: { ...okOrder, body: undefined },
    code: "missing_parameter",
    path: "body.0",
  },
  {
    title: "extra body value",
    template: order,
    params: { ...okOrder, body: ["Ana", "#1", "x"] },
    code: "unexpected_parameter",
    path: "body.2",
  },
  {
    title: "body values for a body without variables",
    template: plain,
    params: { body: ["x"] },
    code: "unexpected_parameter",
    path: "body.0",
  },
  {
    title: "record for positional",
    template: order,
    params: { ...okOrder, body: { "1": "Ana", "2": "#1" } },
    code: "invalid_parameter_format",
    path: "body",
  },
  {
    title: "array for named",
    template: named,
    params: { header: { text: "Ana" }, body: ["#1", "Mon"] },
    code: "invalid_parameter_format",
    path: "body",
  },
  {
    title: "missing named value",
    template: named,
    params: { header: { text: "Ana" }, body: { order_id: "#1" } },
    code: "missing_parameter",
    path: "body.delivery_date",
  },
  {
    title: "extra named value",
    template: named,
    params: { header: { text: "Ana" }, body: { order_id: "#1", delivery_date: "Mon", coupon: "X" } },
    code: "unexpected_parameter",
    path: "body.coupon",
  },
  {
    title: "empty body value",
    template: order,
    params: { ...okOrder, body: ["Ana", " "] },
    code: "empty_parameter",
    path: "body.1",
  },
  {
    title: "newline in body value",
    template: order,
    params: { ...okOrder, body: ["Ana\nB", "#1"] },
    code: "invalid_parameter_text",
    path: "body.0",
  },
  {
    title: "tab in body value",
    template: order,
    params: { ...okOrder, body: ["Ana\tB", "#1"] },
    code: "invalid_parameter_text",
    path: "body.0",
  },
  {
    title: "5 spaces in body value",
    template: order,
    params: { ...okOrder, body: ["Ana     B", "#1"] },
    code: "invalid_parameter_text",
    path: "body.0",
  },
  {
    title: "body value over 1024",
    template: order,
    params: { ...okOrder, body: ["a".repeat(1025), "#1"] },
    code: "parameter_too_long",
    path: "body.0",
  },
  {
    title: "missing header value",
    template: order,
    params: { ...okOrder, header: undefined },
    code: "missing_parameter",
    path: "header.text",
  },
  {
    title: "newline in header value",
    template: order,
    params: { ...okOrder, header: { text: "a\nb" } },
    code: "invalid_parameter_text",
    path: "header.text",
  },
  {
    title: "header over 60 once filled",
    template: order,
    params: { ...okOrder, header: { text: "x".repeat(55) } },
    code: "parameter_too_long",
    path: "header.text",
  },
  {
    title: "header for a template without header",
    template: plain,
    params: { header: { text: "x" } },
    code: "unexpected_parameter",
    path: "header",
  },
  {
    title: "media for a text header",
    template: order,
    params: { ...okOrder, header: { text: "#1", image: { id: "1" } } },
    code: "unexpected_parameter",
    path: "header.image",
  },
  {
    title: "text for a static header",
    template: {
      ...plain,
      components: [
        { type: "HEADER", format: "TEXT", text: "Hola" },
        { type: "BODY", text: "Hola, gracias." },
      ],
    },
    params: { header: { text: "x" } },
    code: "unexpected_parameter",
    path: "header.text",
  },
  {
    title: "missing image",
    template: withHeader({ type: "HEADER", format: "IMAGE", example: { header_handle: ["h"] } }),
    params: {},
    code: "missing_parameter",
    path: "header.image",
  },
  {
    title: "video for an image header",
    template: withHeader({ type: "HEADER", format: "IMAGE", example: { header_handle: ["h"] } }),
    params: { header: { image: { id: "1" }, video: { id: "2" } } },
    code: "unexpected_parameter",
    path: "header.video",
  },
  {
    title: "image with link and id",
    template: withHeader({ type: "HEADER", format: "IMAGE", example: { header_handle: ["h"] } }),
    params: { header: { image: { id: "1", link: "https://cdn.example.com/a.jpg" } } },
    code: "invalid_media",
    path: "header.image",
  },
  {
    title: "image with neither link nor id",
    template: withHeader({ type: "HEADER", format: "IMAGE", example: { header_handle: ["h"] } }),
    params: { header: { image: {} } },
    code: "invalid_media",
    path: "header.image",
  },
  {
    title: "image with a bad link",
    template: withHeader({ type: "HEADER", format: "IMAGE", example: { header_handle: ["h"] } }),
    params: { header: { image: { link: "file:///etc/passwd" } } },
    code: "invalid_media",
    path: "header.image.link",
  },
  {
    title: "missing location",
    template: withHeader({ type: "HEADER", format: "LOCATION" }),
    params: {},
    code: "missing_parameter",
    path: "header.location",
  },
  {
    title: "location out of range",
    template: withHeader({ type: "HEADER", format: "LOCATION" }),
    params: { header: { location: { latitude: 91, longitude: 0 } } },
    code: "invalid_location",
    path: "header.location",
  },
  {
    title: "missing URL suffix",
    template: order,
    params: { ...okOrder, buttons: [] },
    code: "missing_parameter",
    path: "buttons.0",
  },
  {
    title: "URL suffix with a space",
    template: order,
    params: { ...okOrder, buttons: [{ index: 0, text: "a b" }] },
    code: "invalid_parameter_text",
    path: "buttons.0",
  },
  {
    title: "URL over 2000 once filled",
    template: order,
    params: { ...okOrder, buttons: [{ index: 0, text: "a".repeat(1990) }] },
    code: "parameter_too_long",
    path: "buttons.0",
  },
  {
    title: "suffix for a static URL",
    template: staticUrl,
    params: { buttons: [{ index: 0, text: "x" }] },
    code: "unexpected_parameter",
    path: "buttons.0",
  },
  {
    title: "URL that does not parse",
    template: brokenUrl,
    params: { buttons: [{ index: 0, text: "x" }] },
    code: "invalid_url",
    path: "buttons.0",
  },
  {
    title: "parameter for a phone button",
    template: order,
    params: {
      ...okOrder,
      buttons: [
        { index: 0, text: "1" },
        { index: 1, text: "x" },
      ],
    },
    code: "unexpected_parameter",
    path: "buttons.1",
  },
  {
    title: "button index out of range",
    template: order,
    params: {
      ...okOrder,
      buttons: [
        { index: 0, text: "1" },
        { index: 7, text: "x" },
      ],
    },
    code: "unexpected_parameter",
    path: "buttons.1.index",
  },
  {
    title: "button given twice",
    template: order,
    params: {
      ...okOrder,
      buttons: [
        { index: 0, text: "1" },
        { index: 0, text: "2" },
      ],
    },
    code: "duplicate_parameter",
    path: "buttons.1.index",
  },
  {
    title: "empty quick-reply payload",
    template: order,
    params: {
      ...okOrder,
      buttons: [
        { index: 0, text: "1" },
        { index: 2, text: "" },
      ],
    },
    code: "empty_parameter",
    path: "buttons.2",
  },
  {
    title: "quick-reply payload over 256",
    template: order,
    params: {
      ...okOrder,
      buttons: [
        { index: 0, text: "1" },
        { index: 2, text: "p".repeat(257) },
      ],
    },
    code: "parameter_too_long",
    path: "buttons.2",
  },
  { title: "missing coupon", template: coupon, params: {}, code: "missing_parameter", path: "buttons.0" },
  {
    title: "coupon over 15",
    template: coupon,
    params: { buttons: [{ index: 0, text: "C".repeat(16) }] },
    code: "parameter_too_long",
    path: "buttons.0",
  },
  {
    title: "coupon with a space",
    template: coupon,
    params: { buttons: [{ index: 0, text: "SAVE 20" }] },
    code: "invalid_parameter_text",
    path: "buttons.0",
  },
  { title: "missing OTP code", template: authCopy, params: {}, code: "missing_parameter", path: "body.0" },
  {
    title: "OTP code over 15",
    template: authCopy,
    params: { body: ["1".repeat(16)] },
    code: "parameter_too_long",
    path: "body.0",
  },
  {
    title: "OTP code with a space",
    template: authCopy,
    params: { body: ["123 456"] },
    code: "invalid_parameter_text",
    path: "body.0",
  },
  {
    title: "OTP button code differs",
    template: authCopy,
    params: { body: ["123456"], buttons: [{ index: 0, text: "999999" }] },
    code: "otp_code_mismatch",
    path: "buttons.0",
  },
];

describe("renderTemplate: refused parameters", () => {
  it.each(INVALID)("$title -> $code at $path", ({ template, params, code, path }) => {
    const r = renderTemplate(template, params);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    const hit = errors.find((e) => e.code === code && e.path === path);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit?.message.length).toBeGreaterThan(10);
  });

  it("covers every declared error code", () => {
    const tested = new Set(INVALID.map((c) => c.code));
    expect(RENDER_ERROR_CODES.filter((c) => !tested.has(c))).toEqual([]);
  });

  it("reports every problem at once", () => {
    const r = renderTemplate(order, { body: ["Ana"], buttons: [{ index: 1, text: "x" }] });
    expect(r.ok ? [] : r.errors.map((e) => `${e.code}@${e.path}`).sort()).toEqual(
      [
        "missing_parameter@body.1",
        "missing_parameter@buttons.0",
        "missing_parameter@header.text",
        "unexpected_parameter@buttons.1",
      ].sort(),
    );
  });
});
