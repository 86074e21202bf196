import { Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { consentEvents, contactImports, contacts } from "../../db/schema.ts";
import { runImport } from "./index.ts";

const HEADER = "Teléfono,Nombre,Plan,Etiquetas,Idioma,Fuente,Fecha alta";
const CSV = [
  HEADER,
  "011 15 5555-0001,Ana,gold,vip;ar,es,checkout,2026-01-10",
  "+55 11 95555-0003,Carla,silver,vip|br,pt-BR,,",
  "no es un teléfono,Nadie,,,,,",
  ",Sin teléfono,,,,,",
  "+5491155550001,Ana María,platinum,news,es,,",
  '"+14155550004","Dan ""the man""",,,en,form,2026-02-01T10:00:00Z',
  "+5491155550005,Eva,,,klingon!,,",
  "+5491155550006,Futuro,,,,web,2999-01-01",
].join("\r\n");

const mapping = {
  phone: "Teléfono",
  name: "Nombre",
  attributes: { plan: "Plan" },
  tags: "Etiquetas",
  language: "Idioma",
  optInSource: "Fuente",
  optInDate: "Fecha alta",
};

describeEachDatabase("contact import", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  const upload = async (body: string, key = h.apiKey, type = "text/csv") => {
    const response = await fetch(`${h.url}/v1/imports?fileName=clientes.csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": type },
      body,
    });
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
    return { status: response.status, body: (await response.json()) as any };
  };
  const finished = (id: string, key?: string) =>
    eventually(async () => {
      const res = await h.api("GET", `/v1/imports/${id}`, undefined, key);
      return res.body.status === "completed" || res.body.status === "failed" ? res.body : undefined;
    });

  it("imports a mapped CSV: E.164 with a default country, duplicates merged, bad rows in the error file", async () => {
    const uploaded = await upload(CSV);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.columns).toEqual(HEADER.split(","));
    expect(uploaded.body.sample[0]).toEqual([
      "011 15 5555-0001",
      "Ana",
      "gold",
      "vip;ar",
      "es",
      "checkout",
      "2026-01-10",
    ]);
    const list = await h.api("POST", "/v1/lists", { name: "From import" });
    const started = await h.api("POST", `/v1/imports/${uploaded.body.id}/start`, {
      mapping,
      defaultCountry: "ar",
      listId: list.body.id,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const done = await finished(uploaded.body.id);
    expect(done).toMatchObject({ status: "completed", rowsDone: 8, created: 3, updated: 1, failed: 4 });
    expect(done.bytesDone).toBe(done.byteSize);

    const ana = await h.api("GET", "/v1/contacts?q=5491155550001");
    expect(ana.body.data).toHaveLength(1);
    expect(ana.body.data[0]).toMatchObject({
      phone: "+5491155550001",
      name: "Ana María",
      tags: expect.arrayContaining(["vip", "ar", "news"]),
      attributes: { plan: "platinum", language: "es" },
      optedIn: true,
    });
    const carla = (await h.api("GET", "/v1/contacts?q=5511955550003")).body.data[0];
    expect(carla).toMatchObject({ attributes: { plan: "silver", language: "pt-br" }, optedIn: false });
    const dan = (await h.api("GET", "/v1/contacts?q=14155550004")).body.data[0];
    expect(dan).toMatchObject({ name: 'Dan "the man"', optedIn: true });
    expect((await h.api("GET", `/v1/lists/${list.body.id}`)).body.memberCount).toBe(3);

    const consent = await h.api("GET", `/v1/contacts/${ana.body.data[0].id}/consent`);
    expect(consent.body.data).toHaveLength(1);
    expect(consent.body.data[0]).toMatchObject({
      kind: "opt_in",
      source: "checkout",
      at: "2026-01-10T00:00:00.000Z",
    });

    const errors = await fetch(`${h.url}/v1/imports/${uploaded.body.id}/errors.csv`, {
      headers: { authorization: `Bearer ${h.apiKey}` },
    });
    expect(errors.headers.get("content-type")).toContain("text/csv");
    const lines = (await errors.text()).trim().split("\n");
    expect(lines[0]).toBe(`line,reason,${HEADER}`);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["4", "5", "8", "9"]);
    expect(lines[1]).toContain("is not a phone number");
    expect(lines[2]).toContain("no phone number");
    expect(lines[3]).toContain("is not a language code");
    expect(lines[4]).toContain("in the future");

    // The same file again: nothing is duplicated (contacts, consent events).
    const again = await upload(CSV);
    await h.api("POST", `/v1/imports/${again.body.id}/start`, { mapping, defaultCountry: "AR" });
    expect(await finished(again.body.id)).toMatchObject({ status: "completed", created: 0, updated: 4 });
    const { db } = h.charla.services.database;
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(eq(contacts.tenantId, h.tenant.id));
    expect(count?.n).toBe(3);
    const [events] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(consentEvents)
      .where(eq(consentEvents.tenantId, h.tenant.id));
    expect(events?.n).toBe(2);
  });

  it("records a bulk opt-in declaration for every row and audits it; a contact without opt-in cannot get a template", async () => {
    const file = "phone,name\n+5491155551001,Uno\n+5491155551002,Dos\n";
    const declaration = { source: "store signup form", date: "2026-03-01", evidence: "paper forms, box 12" };
    const uploaded = await upload(file);
    await h.api("POST", `/v1/imports/${uploaded.body.id}/start`, {
      mapping: { phone: "phone", name: "name" },
      optIn: declaration,
    });
    expect(await finished(uploaded.body.id)).toMatchObject({ created: 2, failed: 0 });
    const uno = (await h.api("GET", "/v1/contacts?q=5491155551001")).body.data[0];
    expect(uno.optedIn).toBe(true);
    const consent = await h.api("GET", `/v1/contacts/${uno.id}/consent`);
    expect(consent.body.data[0]).toMatchObject({
      source: "store signup form",
      evidence: { importId: uploaded.body.id, declaration: "paper forms, box 12" },
    });
    const audit = await h.api("GET", "/v1/audit-log?action=contacts.bulk_opt_in");
    expect(audit.status).toBe(200);
    expect(audit.body.data[0]).toMatchObject({
      action: "contacts.bulk_opt_in",
      targetId: uploaded.body.id,
      data: { source: "store signup form", date: "2026-03-01", evidence: "paper forms, box 12" },
    });

    // Imported without an opt-in: kept, but a business-initiated template is refused.
    const plain = await upload("phone\n+5491155551003\n");
    await h.api("POST", `/v1/imports/${plain.body.id}/start`, { mapping: { phone: "phone" } });
    await finished(plain.body.id);
    await eventually(async () => {
      const list = await h.api("GET", "/v1/templates?name=order_update");
      return list.body.data.find((t: { status: string }) => t.status === "approved");
    });
    const template = { name: "order_update", language: "en_US", parameters: { body: ["Ana", "A-77"] } };
    const send = await h.api("POST", "/v1/messages", { to: "+5491155551003", type: "template", template });
    expect(send.status).toBe(422);
    expect(send.body.code).toBe("consent_required");
    // The declared ones can.
    const declared = await h.api("POST", "/v1/messages", {
      to: "+5491155551001",
      type: "template",
      template,
    });
    expect(declared.status, JSON.stringify(declared.body)).toBe(202);
  });

  it("resumes after a crash from its cursor, writing each row once", async () => {
    const rows = Array.from(
      { length: 2500 },
      (_, i) => `+5491160${String(i).padStart(6, "0")},P${i},${i % 2 ? "a" : "b"}`,
    );
    const file = `phone,name,tags\n${rows.join("\n")}\n`;
    const uploaded = await upload(file);
    const { db } = h.charla.services.database;
    // Configure it without starting the background job: this test drives the runner itself.
    await db
      .update(contactImports)
      .set({
        mapping: { phone: "phone", name: "name", tags: "tags" },
        optIn: { source: "crm", date: "2026-01-01", evidence: "crm export" },
      })
      .where(eq(contactImports.id, uploaded.body.id));
    const [job] = await db.select().from(contactImports).where(eq(contactImports.id, uploaded.body.id));
    const bytes = Buffer.from(file);
    // The process dies right after its third batch of 500 committed.
    let batches = 0;
    const dies = () => {
      if (++batches === 3) throw new Error("killed");
    };
    await expect(
      runImport(db, job!, Readable.from([bytes]), { batchSize: 500, onProgress: dies }),
    ).rejects.toThrow("killed");
    const [stopped] = await db.select().from(contactImports).where(eq(contactImports.id, job!.id));
    expect(stopped).toMatchObject({ status: "failed", rowsDone: 1500, created: 1500, error: "killed" });
    // A job's slice ends at the first batch boundary past its time, and the next one goes on from there.
    const slice = await runImport(db, stopped!, Readable.from([bytes]), {
      batchSize: 500,
      stopAt: Date.now(),
    });
    expect(slice).toMatchObject({ status: "running", rowsDone: 2000, created: 2000 });
    const resumed = await runImport(db, slice, Readable.from([bytes]), { batchSize: 500 });
    expect(resumed).toMatchObject({
      status: "completed",
      rowsDone: 2500,
      created: 2500,
      updated: 0,
      failed: 0,
    });
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(consentEvents)
      .where(eq(consentEvents.source, "crm"));
    expect(count?.n).toBe(2500);
  });

  it("streams a file of several stored chunks, rows split across their boundaries", async () => {
    const note = "x".repeat(990);
    const rows = Array.from(
      { length: 2_600 },
      (_, i) => `+5491170${String(i).padStart(6, "0")},"${note}, ${i}"`,
    );
    const file = `phone,note\n${rows.join("\n")}\n`;
    expect(file.length).toBeGreaterThan(2.5 * 1024 * 1024);
    const uploaded = await upload(file);
    expect(uploaded.body.byteSize).toBe(Buffer.byteLength(file));
    await h.api("POST", `/v1/imports/${uploaded.body.id}/start`, {
      mapping: { phone: "phone", attributes: { note: "note" } },
    });
    expect(await finished(uploaded.body.id)).toMatchObject({
      status: "completed",
      created: 2_600,
      failed: 0,
    });
    const last = (await h.api("GET", "/v1/contacts?q=5491170002599")).body.data[0];
    expect(last.attributes.note).toBe(`${note}, 2599`);
  });

  it("fails (never hangs) when the file stops arriving", async () => {
    const uploaded = await upload("phone\n+5491155553001\n");
    const { db } = h.charla.services.database;
    const [job] = await db
      .update(contactImports)
      .set({ mapping: { phone: "phone" } })
      .where(eq(contactImports.id, uploaded.body.id))
      .returning();
    const broken = Readable.from(
      (async function* () {
        yield Buffer.from("phone\n+549115555300");
        throw new Error("connection reset");
      })(),
    );
    await expect(runImport(db, job!, broken)).rejects.toThrow("connection reset");
    expect((await h.api("GET", `/v1/imports/${job!.id}`)).body).toMatchObject({
      status: "failed",
      error: "connection reset",
    });
  });

  it("refuses what it cannot import with a problem, and another tenant's imports", async () => {
    expect((await upload("")).body.code).toBe("import_empty");
    const json = await fetch(`${h.url}/v1/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.apiKey}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    const uploaded = await upload("phone,name\n+5491155552001,X\n");
    const missing = await h.api("POST", `/v1/imports/${uploaded.body.id}/start`, {
      mapping: { phone: "Phone" },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("import_column_missing");
    const other = await makeTenant(h);
    for (const [method, path, body] of [
      ["GET", `/v1/imports/${uploaded.body.id}`],
      ["GET", `/v1/imports/${uploaded.body.id}/errors.csv`],
      ["POST", `/v1/imports/${uploaded.body.id}/start`, { mapping: { phone: "phone" } }],
    ] as const) {
      expect((await h.api(method, path, body, other.apiKey)).status, path).toBe(404);
    }
    // Their own import cannot feed our list.
    const theirs = await upload("phone\n+5491155552002\n", other.apiKey);
    const ourList = await h.api("POST", "/v1/lists", { name: "Ours" });
    const foreign = await h.api(
      "POST",
      `/v1/imports/${theirs.body.id}/start`,
      { mapping: { phone: "phone" }, listId: ourList.body.id },
      other.apiKey,
    );
    expect(foreign.status).toBe(404);
    expect((await h.api("GET", "/v1/imports", undefined, other.apiKey)).body.data).toHaveLength(1);
  });
});
