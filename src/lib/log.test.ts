import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { Registry } from "prom-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.ts";
import { type Harness, startHarness } from "../../test/support/harness.ts";
import { buildApp } from "../http/app.ts";
import { authenticators } from "../modules/accounts/index.ts";
import { moduleRoutes, publicRoutes } from "../modules/index.ts";
import { createAppLogger, redactUrl } from "./log.ts";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createAppLogger("info", stream) };
}

it("redacts every query value of a logged URL", () => {
  expect(redactUrl("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=1")).toBe(
    "/webhooks/whatsapp?hub.mode=[redacted]&hub.verify_token=[redacted]&hub.challenge=[redacted]",
  );
  expect(redactUrl("/v1/messages")).toBe("/v1/messages");
});

describeEachDatabase("logs", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      kind,
      { WHATSAPP_VERIFY_TOKEN: "verify-token-not-for-logs" },
      {},
      { workers: false },
    );
  });
  afterAll(() => h?.close());

  it("do not carry Meta's verify token from the handshake's request line", async () => {
    const { lines, logger } = capture();
    const services = { ...h.charla.services, metrics: new Registry() };
    const app = await buildApp(services, {
      logger,
      modules: moduleRoutes,
      publicRoutes,
      authenticate: authenticators(services.database.db, services.config),
    });
    try {
      const token = h.charla.services.graph.verifyToken;
      expect(token.length).toBeGreaterThan(0);
      const response = await app.inject({
        url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=4242`,
      });
      expect(response.statusCode).toBe(200);
      const logged = lines.join("");
      expect(logged).toContain("/webhooks/whatsapp?hub.mode=[redacted]");
      expect(logged).not.toContain(token);
    } finally {
      await app.close();
    }
  });

  it("do not carry a failed query's bound parameters or the row values PostgreSQL quotes", async () => {
    const { lines, logger } = capture();
    const phone = "+14155550123";
    const error = await h.charla.services.database.db.execute(sql`select ${phone}::int`).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(String((error as Error).message)).toContain(phone);
    logger.error({ err: error }, "query failed");
    const logged = lines.join("");
    expect(logged).toContain("Failed query");
    expect(logged).toContain("params: [redacted]");
    expect(logged).not.toContain("4155550123");
  });
});
