/**
 * The request examples of Meta's description for POST /{phone-number-id}/messages, sent to the
 * emulator (placeholders filled in): each is accepted, or answered with the error the table below
 * gives and explains. An example the table does not name fails the test.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_WABAS } from "../config.ts";
import { type ConformanceRig, startRig } from "./harness.ts";
import { loadMetaSpec, type MetaSpec, violations } from "./spec.ts";

const PN = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
const PATH = "/{Version}/{Phone-Number-ID}/messages";

let spec: MetaSpec;
let rig: ConformanceRig;

/** Fills the example's placeholders: recipient, media ids, links, message ids. */
function fill(example: unknown, to: string, mediaId: string): unknown {
  return JSON.parse(
    JSON.stringify(example)
      .replaceAll("{{Recipient-Phone-Number}}", to)
      .replaceAll("{{Recipient-WA-Phone-Number}}", to)
      .replace(/"<[A-Z_]*(?:OBJECT_ID|MEDIA_ID)[A-Z_]*>"/g, JSON.stringify(mediaId))
      .replace(/"<?http\(s\):\/\/[^"]*"/g, '"https://example.com/file"'),
  );
}

beforeAll(async () => {
  spec = loadMetaSpec();
  rig = await startRig();
});
afterAll(() => rig?.close());

/**
 * Examples the emulator does not accept, and why; Meta answers them the same. Most name a template
 * that is not in the WABA (the emulator seeds hello_world, order_update and spring_sale).
 */
const REFUSED: Record<string, { code: number; why: string }> = {
  "Send Catalog Template Message": { code: 132001, why: "template intro_catalog_offer not in the WABA" },
  "Send Flow Template Message": { code: 132001, why: "placeholder template name" },
  "Send Message Template Interactive": { code: 132001, why: "placeholder template name" },
  "Send Message Template Media": { code: 132001, why: "placeholder template name" },
  "Send Message Template Text": { code: 132001, why: "placeholder template name" },
  "Send Sample Issue Resolution Template": {
    code: 132001,
    why: "template sample_issue_resolution not in the WABA",
  },
  "Send Sample Shipping Confirmation Template": { code: 132001, why: "placeholder template name" },
  "Send Sample Text Message": { code: 132001, why: "placeholder template name" },
  // The description's example has no "type": "interactive", and type defaults to text.
  "Send Reply to List Message": { code: 131008, why: "no type: the message is read as text, which it lacks" },
};

it("accepts every request example of Meta's description, or refuses it as Meta would", async () => {
  const to = "5491133334444";
  const inbound = rig.emu.injectInbound({ from: to, to: PN, text: "hola" });
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("file", new Blob([new Uint8Array([1])], { type: "image/jpeg" }), "a.jpg");
  const mediaId = (await rig.graph("POST", `/${PN}/media`, form)).body.id;
  const examples = spec.requestExamples(PATH, "POST");
  expect(Object.keys(examples).length).toBeGreaterThan(40);
  for (const [name, example] of Object.entries(examples)) {
    const body = fill(example, to, mediaId) as Record<string, unknown>;
    // A read receipt / typing indicator names a message the user sent: the one injected above.
    if (body.status === "read") body.message_id = inbound.id;
    const answer = await rig.graph("POST", `/${PN}/messages`, body);
    const refused = REFUSED[name];
    if (refused) {
      expect(answer.body.error?.code, `${name}: ${refused.why}`).toBe(refused.code);
      continue;
    }
    expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(200);
    expect(violations(spec.response(PATH, "POST", 200), answer.body), name).toEqual([]);
  }
  for (const name of Object.keys(REFUSED)) expect(Object.keys(examples), name).toContain(name);
});
