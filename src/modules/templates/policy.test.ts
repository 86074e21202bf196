import { describe, expect, it } from "vitest";
import {
  DEFAULT_OPT_OUT_TERMS,
  DEFAULT_PROHIBITED_CATEGORIES,
  DEFAULT_PROMOTIONAL_TERMS,
  findTerm,
  normalizeText,
  type PolicyFinding,
  type ProhibitedCategory,
  reviewPolicy,
} from "./policy.ts";
import type { TemplateComponent, TemplateDefinition } from "./types.ts";

function tpl(
  category: TemplateDefinition["category"],
  bodyText: string,
  extra: TemplateComponent[] = [],
  language: TemplateDefinition["language"] = "es_MX",
): TemplateDefinition {
  return { name: "t", language, category, components: [{ type: "BODY", text: bodyText }, ...extra] };
}
const optOutFooter: TemplateComponent = { type: "FOOTER", text: "Responde BAJA para no recibir más" };
const rules = (fs: PolicyFinding[]) => fs.map((f) => f.rule);

describe("word matching", () => {
  it.each([
    ["Venta de armas hoy", ["armas"], "armas"],
    ["Venta de ARMAS hoy", ["armas"], "ARMAS"],
    ["Instalamos alarmas para tu casa", ["armas"], undefined],
    ["Tenemos promoción especial", ["promocion"], "promoción"],
    ["Tenemos PROMOCION especial", ["promoción"], "PROMOCION"],
    ["Frete grátis hoje", ["frete gratis"], "Frete grátis"],
    ["Frete   grátis hoje", ["frete gratis"], "Frete   grátis"],
    ["Get 20% off today", ["% off"], "% off"],
    ["Código: 2x1 en pizzas", ["2x1"], "2x1"],
    ["casinos", ["casino"], undefined],
    ["Ahorra con el cupón", ["cupon"], "cupón"],
    ["discounted", ["discount"], undefined],
    ["Compre já!", ["compre ja"], "Compre já"],
  ])("%s / %j -> %s", (text, terms, expected) => {
    expect(findTerm(text, terms)).toBe(expected);
  });

  it("compiles every default term, and each term matches itself", () => {
    const lists = [
      ...DEFAULT_PROHIBITED_CATEGORIES.flatMap((c) => Object.values(c.keywords).flat()),
      ...Object.values(DEFAULT_PROMOTIONAL_TERMS).flat(),
      ...Object.values(DEFAULT_OPT_OUT_TERMS).flat(),
    ];
    for (const term of lists) expect(findTerm(`x ${term} x`, [term]), term).toBe(term);
  });

  it("normalizes accents and case with an index map back to the original", () => {
    const n = normalizeText("Promoción Ñ");
    expect(n.text).toBe("promocion n");
    expect(n.map[9]).toBe(9);
  });
});

describe("prohibited content", () => {
  it.each([
    ["weapons", "es_MX", "Tenemos armas y municiones en oferta para ti hoy."],
    ["weapons", "pt_BR", "Compre sua arma de fogo com desconto hoje."],
    ["weapons", "en_US", "Buy guns and ammo at our store this week."],
    ["illegal_drugs", "pt_BR", "Entregamos maconha na sua casa hoje."],
    ["illegal_drugs", "es_AR", "Vendemos marihuana de calidad hoy."],
    ["prescription_drugs", "es_MX", "Compra medicamentos sin receta con envío rápido."],
    ["gambling", "pt_BR", "Faça suas apostas esportivas agora mesmo."],
    ["gambling", "en_US", "Play at our online casino tonight."],
    ["alcohol", "es_ES", "Dos cervezas por el precio de una este viernes."],
    ["tobacco", "es_MX", "Nuevos vapeadores y cigarrillos disponibles hoy."],
    ["adult_content", "en_US", "Exclusive xxx videos for you tonight."],
    ["financial_scams", "es_MX", "Duplica tu dinero con nuestra inversión en criptomonedas."],
    ["counterfeit_goods", "es_MX", "Bolsos réplica de marcas famosas a buen precio."],
  ] as const)("%s in %s", (category, language, text) => {
    const r = reviewPolicy(tpl("MARKETING", text, [optOutFooter], language));
    const f = r.findings.find((x) => x.rule === "prohibited_content");
    expect(f?.category).toBe(category);
    expect(f?.severity).toBe("block");
    expect(f?.path).toBe("components.0.text");
    expect(f?.match && text.includes(f.match)).toBe(true);
    expect(r.verdict).toBe("flag");
  });

  it("does not flag harmless look-alikes", () => {
    for (const text of [
      "Instalamos alarmas y cámaras de seguridad en tu casa.",
      "Tu pedido vino a la sucursal central el lunes.",
      "El vuelo sale a las 5 de la tarde.",
      "Hola Ron, tu cita está confirmada.",
    ]) {
      const r = reviewPolicy(tpl("UTILITY", text));
      expect(r.findings, text).toEqual([]);
      expect(r.verdict).toBe("pass");
    }
  });

  it("scans header, footer, buttons and examples, with their paths", () => {
    const t: TemplateDefinition = {
      name: "t",
      language: "es_MX",
      category: "UTILITY",
      components: [
        { type: "HEADER", format: "TEXT", text: "Tu pedido {{1}}", example: { header_text: ["pistola"] } },
        { type: "BODY", text: "Hola {{1}}, tu pedido está listo.", example: { body_text: [["tequila"]] } },
        { type: "FOOTER", text: "Tienda de rifles" },
        { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Más tabaco" }] },
      ],
    };
    const r = reviewPolicy(t);
    const byPath = Object.fromEntries(r.findings.map((f) => [f.path, f.category]));
    expect(byPath).toEqual({
      "components.0.example.header_text.0": "weapons",
      "components.1.example.body_text.0.0": "alcohol",
      "components.2.text": "weapons",
      "components.3.buttons.0.text": "tobacco",
    });
  });

  it("scans the template's language family plus English by default", () => {
    // "maconha" is only in the Portuguese list.
    expect(reviewPolicy(tpl("UTILITY", "Temos maconha hoje.", [], "es_MX")).findings).toEqual([]);
    expect(rules(reviewPolicy(tpl("UTILITY", "Temos maconha hoje.", [], "pt_BR")).findings)).toEqual([
      "prohibited_content",
    ]);
    // English terms apply to every language.
    expect(rules(reviewPolicy(tpl("UTILITY", "Tenemos liquor hoy.", [], "es_MX")).findings)).toEqual([
      "prohibited_content",
    ]);
    // Other languages: all three lists.
    expect(rules(reviewPolicy(tpl("UTILITY", "Temos maconha hoje.", [], "fr")).findings)).toEqual([
      "prohibited_content",
    ]);
    // Explicit languages.
    expect(
      reviewPolicy(tpl("UTILITY", "Tenemos liquor hoy.", [], "es_MX"), { languages: ["es"] }).findings,
    ).toEqual([]);
  });

  it("uses a configurable category list and per-category severity", () => {
    const custom: ProhibitedCategory[] = [
      { id: "fireworks", label: "Fireworks", severity: "warn", keywords: { es: ["pirotecnia"] } },
    ];
    const r = reviewPolicy(tpl("UTILITY", "Llegó la pirotecnia y las armas."), { prohibited: custom });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      rule: "prohibited_content",
      category: "fireworks",
      severity: "warn",
      match: "pirotecnia",
    });
    expect(r.verdict).toBe("pass");
    expect(reviewPolicy(tpl("UTILITY", "Tenemos armas."), { prohibited: [] }).findings).toEqual([]);
  });

  it("exports a default list covering the required categories in es/en/pt", () => {
    const ids = DEFAULT_PROHIBITED_CATEGORIES.map((c) => c.id);
    for (const id of [
      "prescription_drugs",
      "weapons",
      "illegal_drugs",
      "gambling",
      "alcohol",
      "tobacco",
      "adult_content",
      "financial_scams",
      "counterfeit_goods",
    ]) {
      expect(ids).toContain(id);
    }
    for (const c of DEFAULT_PROHIBITED_CATEGORIES) {
      expect(c.keywords.es?.length, c.id).toBeGreaterThan(0);
      expect(c.keywords.en?.length, c.id).toBeGreaterThan(0);
      expect(c.keywords.pt?.length, c.id).toBeGreaterThan(0);
    }
  });
});

describe("promotional wording in UTILITY", () => {
  it.each([
    ["es_MX", "Tu pedido llegó. Aprovecha 20% de descuento en tu próxima compra."],
    ["es_MX", "Tu factura está lista. ¡Compre ya nuestros nuevos planes!"],
    ["es_AR", "Tu turno está confirmado. Conocé la promoción del mes."],
    ["pt_BR", "Seu pedido foi enviado. Frete grátis na próxima compra!"],
    ["en_US", "Your order shipped. Get 30% off your next order."],
    ["en_US", "Your order shipped. Use promo code SAVE10."],
  ] as const)("%s: %s", (language, text) => {
    const r = reviewPolicy(tpl("UTILITY", text, [], language));
    expect(rules(r.findings)).toEqual(["utility_promotional_content"]);
    expect(r.findings[0]?.severity).toBe("block");
    expect(r.verdict).toBe("flag");
  });

  it("is not checked for MARKETING templates", () => {
    const r = reviewPolicy(
      tpl("MARKETING", "Aprovecha 20% de descuento en tu próxima compra.", [optOutFooter]),
    );
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe("pass");
  });

  it("passes plain transactional text and honours a configured severity", () => {
    expect(reviewPolicy(tpl("UTILITY", "Tu pedido #123 fue enviado y llega el lunes.")).findings).toEqual([]);
    const r = reviewPolicy(tpl("UTILITY", "Oferta especial para ti."), { utilityPromotionSeverity: "warn" });
    expect(r.findings[0]?.severity).toBe("warn");
    expect(r.verdict).toBe("pass");
  });
});

describe("marketing opt-out", () => {
  it.each([
    [
      "footer",
      tpl("MARKETING", "Nuevas colecciones en tienda.", [
        { type: "FOOTER", text: "Responde STOP para darte de baja" },
      ]),
    ],
    ["body", tpl("MARKETING", "Nuevas colecciones en tienda. Responde BAJA para no recibir más.")],
    [
      "pt footer",
      tpl(
        "MARKETING",
        "Novas coleções na loja.",
        [{ type: "FOOTER", text: "Responda SAIR para não receber" }],
        "pt_BR",
      ),
    ],
    [
      "en footer",
      tpl(
        "MARKETING",
        "New collections in store.",
        [{ type: "FOOTER", text: "Reply STOP to unsubscribe" }],
        "en_US",
      ),
    ],
    [
      "quick reply",
      tpl(
        "MARKETING",
        "New collections in store.",
        [{ type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Stop promotions" }] }],
        "en_US",
      ),
    ],
  ])("accepts opt-out in %s", (_where, t) => {
    expect(reviewPolicy(t).findings).toEqual([]);
  });

  it("warns when a MARKETING template has no way to stop", () => {
    const r = reviewPolicy(
      tpl("MARKETING", "Nuevas colecciones en tienda.", [{ type: "FOOTER", text: "Charla Shop" }]),
    );
    expect(r.findings).toEqual([
      expect.objectContaining({
        rule: "marketing_missing_opt_out",
        severity: "warn",
        path: "components.1.text",
      }),
    ]);
    expect(r.verdict).toBe("pass");
    const noFooter = reviewPolicy(tpl("MARKETING", "Nuevas colecciones en tienda."));
    expect(noFooter.findings[0]?.path).toBe("components");
  });

  it("does not count a URL button label as opt-out, and can be disabled", () => {
    const t = tpl("MARKETING", "Nuevas colecciones.", [
      {
        type: "BUTTONS",
        buttons: [{ type: "URL", text: "Darse de baja", url: "https://x.example.com/baja" }],
      },
    ]);
    expect(rules(reviewPolicy(t).findings)).toEqual(["marketing_missing_opt_out"]);
    expect(reviewPolicy(t, { requireMarketingOptOut: false }).findings).toEqual([]);
  });

  it("is not required for UTILITY", () => {
    expect(reviewPolicy(tpl("UTILITY", "Tu pedido fue enviado.")).findings).toEqual([]);
  });
});

describe("URL shorteners", () => {
  it.each([
    [
      "button URL",
      [{ type: "BUTTONS", buttons: [{ type: "URL", text: "Ver", url: "https://bit.ly/{{1}}" }] }],
      "components.1.buttons.0.url",
    ],
    [
      "button example",
      [
        {
          type: "BUTTONS",
          buttons: [
            {
              type: "URL",
              text: "Ver",
              url: "https://shop.example.com/{{1}}",
              example: ["https://tinyurl.com/x"],
            },
          ],
        },
      ],
      "components.1.buttons.0.example.0",
    ],
  ] as const)("warns on a shortener in the %s", (_w, extra, path) => {
    const r = reviewPolicy(tpl("UTILITY", "Tu pedido fue enviado.", extra as unknown as TemplateComponent[]));
    expect(r.findings).toEqual([expect.objectContaining({ rule: "url_shortener", severity: "warn", path })]);
    expect(r.verdict).toBe("pass");
  });

  it("warns on a shortener in body text, with or without scheme", () => {
    for (const text of [
      "Sigue tu pedido en bit.ly/abc hoy.",
      "Sigue tu pedido en https://www.bit.ly/abc hoy.",
      "Detalles: t.co/x",
    ]) {
      expect(rules(reviewPolicy(tpl("UTILITY", text)).findings), text).toEqual(["url_shortener"]);
    }
  });

  it("does not flag full links or look-alike domains", () => {
    for (const text of [
      "Sigue tu pedido en https://shop.example.com/o/1 hoy.",
      "Visita orbit.ly.example.org hoy.",
      "Escríbenos a ayuda@tienda.com.mx",
    ]) {
      expect(reviewPolicy(tpl("UTILITY", text)).findings, text).toEqual([]);
    }
    expect(reviewPolicy(tpl("UTILITY", "Ver bit.ly/x"), { urlShorteners: [] }).findings).toEqual([]);
  });
});

describe("linear time on hostile text", () => {
  it("reviews a 300 KB run of letters and digits, and of dots, in seconds, not minutes (a quadratic pattern takes about a minute)", () => {
    for (const run of ["a1".repeat(150_000), `${".".repeat(150_000)}x`, "a-".repeat(150_000)]) {
      const started = performance.now();
      reviewPolicy(tpl("UTILITY", run));
      expect(performance.now() - started, run.slice(0, 10)).toBeLessThan(5_000);
    }
  });
});
