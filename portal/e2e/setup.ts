import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { StartEmulatorOptions } from "../../src/emulator/server.ts";
import { seedPlatformAdmin } from "../../src/modules/accounts/seed.ts";
import { createUser } from "../../src/modules/accounts/service.ts";
import { type Harness, startHarness } from "../../test/support/harness.ts";

export interface PortalWorld {
  h: Harness;
  admin: { email: string; password: string };
  platform: { email: string; password: string };
  receiver: Server;
  close(): Promise<void>;
}

/**
 * A real Charla on PGlite with its sandbox, a tenant admin who signs in with a password, the
 * installation's platform admin, and data on every page: a contact with consent, a conversation,
 * a webhook with deliveries.
 */
export async function startPortalWorld(
  emulator: Omit<StartEmulatorOptions, "port"> = {},
): Promise<PortalWorld> {
  const h = await startHarness("pglite", { WEBHOOKS_ALLOW_PRIVATE: "true" }, emulator);
  const { db } = h.charla.services.database;
  const admin = { email: "ana.admin@e2e.test", password: "correct horse battery" };
  await createUser(
    db,
    { tenantId: h.tenant.id, name: "Ana Admin", role: "tenant_admin", ...admin },
    { kind: "system" },
  );
  const seeded = await seedPlatformAdmin(db, { renewPassword: true });
  const platform = { email: seeded.email, password: seeded.password! };

  const contact = await h.api("POST", "/v1/contacts", {
    phone: "+5491155550001",
    name: "Ana Pérez",
    tags: ["vip"],
    attributes: { city: "Córdoba" },
    optIn: { source: "web_form", evidence: { form: "checkout", ip: "203.0.113.7" } },
  });
  if (contact.status !== 200) throw new Error(`contact: ${JSON.stringify(contact.body)}`);
  const inbound = await fetch(`${h.sandbox.emulator.url}/_emulator/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      from: "5491155550002",
      to: h.number.phoneNumberId,
      text: "¿Dónde está mi pedido?",
      profileName: "Bruno",
    }),
  });
  if (!inbound.ok) throw new Error(`inbound: ${inbound.status}`);

  const receiver = createServer((_request, response) => response.writeHead(200).end("ok"));
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hook = await h.api("POST", "/v1/webhooks", {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/charla`,
    eventTypes: ["message.received", "template.status_updated"],
  });
  if (hook.status !== 201) throw new Error(`webhook: ${JSON.stringify(hook.body)}`);
  await h.api("POST", `/v1/webhooks/${hook.body.webhook.id}/test`);
  // A template the platform's policy warns about (a link shortener), waiting in the review queue.
  const flagged = await h.api("POST", "/v1/templates", {
    name: "tracking_link_e2e",
    language: "es",
    category: "UTILITY",
    components: [
      {
        type: "BODY",
        text: "Hola {{1}}, sigue tu envío en bit.ly/envio123 cuando quieras, gracias por tu compra.",
        example: { body_text: [["Ana"]] },
      },
    ],
  });
  if (flagged.status !== 201) throw new Error(`template: ${JSON.stringify(flagged.body)}`);
  return {
    h,
    admin,
    platform,
    receiver,
    async close() {
      receiver.close();
      await h.close();
    },
  };
}
