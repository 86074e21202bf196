import { execFileSync } from "node:child_process";
import { createECDH, randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { createServer } from "node:https";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { type PortalClient, signIn } from "../../../test/support/sessions.ts";
import { eventually } from "../../../test/support/wait.ts";
import { pushSubscriptions } from "../../db/schema.ts";
import { createUser } from "../accounts/index.ts";

// web-push's own encryption library, used here as the browser would, to read what arrived.
const ece = createRequire(import.meta.url)("http_ece") as {
  decrypt(
    body: Buffer,
    params: { version: string; privateKey: ReturnType<typeof createECDH>; dh?: string; authSecret: string },
  ): Buffer;
};

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

describeEachDatabase("push", (kind) => {
  let h: Harness;
  let ana: PortalClient;
  let anaId: string;
  const received: Received[] = [];
  // A local push service over https with a throwaway self-signed certificate.
  const certDir = mkdtempSync(join(tmpdir(), "charla-push-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-keyout",
      join(certDir, "key.pem"),
      "-out",
      join(certDir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  const tls = { key: readFileSync(join(certDir, "key.pem")), cert: readFileSync(join(certDir, "cert.pem")) };
  rmSync(certDir, { recursive: true, force: true });
  const server = createServer(tls, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(request.url?.startsWith("/gone") ? 410 : 201).end();
    });
  });
  let pushUrl: string;
  const browser = createECDH("prime256v1");
  browser.generateKeys();
  const authSecret = randomBytes(16).toString("base64url");

  beforeAll(async () => {
    h = await startHarness(kind, { WEBHOOKS_ALLOW_PRIVATE: "true" });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    pushUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const email = `ana.push.${kind}@example.com`;
    const password = "una clave larga de prueba 42";
    anaId = (
      await createUser(
        h.charla.services.database.db,
        { tenantId: h.tenant.id, email, name: "Ana", role: "agent", password },
        { kind: "system" },
      )
    ).id;
    ana = await signIn(h, email, password);
  });
  afterAll(async () => {
    server.close();
    await h?.close();
  });

  const decrypt = (message: Received) =>
    JSON.parse(
      ece.decrypt(message.body, { version: "aes128gcm", privateKey: browser, authSecret }).toString("utf8"),
    );

  it("notifies an agent's browsers of a conversation assigned to them and of a mention, each in its portal's language, signed with the stored VAPID key", async () => {
    const { publicKey } = (await ana.request("GET", "/v1/push/public-key")).body;
    expect(publicKey).toMatch(/^[\w-]{80,}$/);
    expect((await h.api("GET", "/v1/push/public-key")).body.publicKey).toBe(publicKey);
    const keys = { p256dh: browser.getPublicKey().toString("base64url"), auth: authSecret };
    const register = (path: string, language?: string) =>
      ana.request("POST", "/v1/push/subscriptions", { endpoint: `${pushUrl}${path}`, keys, language });
    const english = await register("/ana");
    expect(english.status).toBe(201);
    expect(english.body.language).toBe("en");
    expect((await register("/gone/1")).status).toBe(201);
    // Her phone's portal is in Spanish, her tablet's in Portuguese: each is written to in its language.
    const es = await register("/ana-es", "es");
    expect(es.status).toBe(201);
    expect(es.body.language).toBe("es");
    expect((await register("/ana-pt", "pt")).body.language).toBe("pt");
    const french = await register("/ana-fr", "fr");
    expect(french.status).toBe(400);
    expect(french.body.code).toBe("validation_failed");
    expect(
      (await ana.request("POST", "/v1/push/subscriptions", { endpoint: "http://push.example/x", keys })).body
        .code,
    ).toBe("push_endpoint_invalid");
    expect(
      (await h.api("POST", "/v1/push/subscriptions", { endpoint: `${pushUrl}/key`, keys })).body.code,
    ).toBe("user_required");

    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    h.sandbox.emulator.injectInbound({ from, text: "Hola" });
    const conversation = await eventually(async () =>
      (await h.api("GET", "/v1/conversations?limit=200")).body.data.find(
        (c: { contact: { phone: string } }) => c.contact.phone === `+${from}`,
      ),
    );
    await h.api("POST", `/v1/conversations/${conversation.id}/assignment`, {
      assigneeId: anaId,
      note: "Cliente VIP",
    });
    const assigned = await eventually(() => received.find((message) => message.path === "/ana"));
    expect(assigned.headers["content-encoding"]).toBe("aes128gcm");
    expect(assigned.headers.authorization).toContain(`k=${publicKey}`);
    expect(decrypt(assigned)).toEqual({
      title: "New conversation assigned to you",
      body: "Cliente VIP",
      url: `/conversations/${conversation.id}`,
      tag: `conversation:${conversation.id}`,
    });
    const assignedIn = async (path: string) =>
      decrypt(await eventually(() => received.find((message) => message.path === path)));
    expect(await assignedIn("/ana-es")).toEqual({
      title: "Se te asignó una conversación nueva",
      body: "Cliente VIP",
      url: `/conversations/${conversation.id}`,
      tag: `conversation:${conversation.id}`,
    });
    expect(await assignedIn("/ana-pt")).toMatchObject({
      title: "Nova conversa atribuída a você",
      body: "Cliente VIP",
    });
    // The push service said the other subscription is gone: it is dropped.
    await eventually(async () => {
      const rows = await h.charla.services.database.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, anaId));
      return rows.length === 3 && !rows.some((row) => row.endpoint.includes("/gone/"));
    });

    await h.api("POST", `/v1/conversations/${conversation.id}/notes`, {
      body: `@ana.push.${kind} mirá esto`,
    });
    const mentionAt = async (path: string) =>
      decrypt(await eventually(() => received.filter((message) => message.path === path)[1]));
    expect(await mentionAt("/ana")).toMatchObject({
      title: "You were mentioned",
      body: `@ana.push.${kind} mirá esto`,
    });
    expect(await mentionAt("/ana-es")).toMatchObject({
      title: "Te mencionaron",
      body: `@ana.push.${kind} mirá esto`,
    });
    expect((await mentionAt("/ana-pt")).title).toBe("Você foi mencionado");

    // Switching the portal to Spanish registers the browser again: its notices follow.
    expect((await register("/ana-pt", "es")).status).toBe(201);
    const [moved] = await h.charla.services.database.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, `${pushUrl}/ana-pt`));
    expect(moved!.language).toBe("es");
  });
});
