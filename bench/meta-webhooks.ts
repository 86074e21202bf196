/** Meta-style webhook bodies for the benches, signed and posted to Charla's receiver. */
import { createHmac } from "node:crypto";
import { Pool } from "undici";

export interface BenchStatus {
  wamid: string;
  waId: string;
  status: "sent" | "delivered" | "read";
  /** Charla's message id, as Meta echoes it. */
  callback?: string;
}

function notification(phoneNumberId: string, value: Record<string, unknown>): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "waba",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  });
}

/** Notifications carrying up to `perBody` statuses each (Meta batches up to 25 changes). */
export function statusBodies(phoneNumberId: string, statuses: BenchStatus[], perBody = 25): string[] {
  const now = Math.floor(Date.now() / 1000);
  const bodies: string[] = [];
  for (let i = 0; i < statuses.length; i += perBody) {
    const slice = statuses.slice(i, i + perBody).map((status) => ({
      id: status.wamid,
      status: status.status,
      timestamp: String(now + (status.status === "sent" ? 0 : status.status === "delivered" ? 1 : 2)),
      recipient_id: status.waId,
      ...(status.callback ? { biz_opaque_callback_data: status.callback } : {}),
      pricing: { billable: true, pricing_model: "PMP", category: "service", type: "free_customer_service" },
    }));
    bodies.push(notification(phoneNumberId, { statuses: slice }));
  }
  return bodies;
}

/** One notification per inbound text, each from its own contact. */
export function inboundBodies(phoneNumberId: string, from: string[], prefix: string): string[] {
  const now = String(Math.floor(Date.now() / 1000));
  return from.map((waId, i) =>
    notification(phoneNumberId, {
      contacts: [{ profile: { name: `Bench ${i}` }, wa_id: waId }],
      messages: [
        { from: waId, id: `wamid.${prefix}.${waId}`, timestamp: now, type: "text", text: { body: "hola" } },
      ],
    }),
  );
}

/** Posts the bodies, signed with the app secret, to `/webhooks/whatsapp` over `connections` connections. */
export async function postWebhooks(url: string, appSecret: string, bodies: string[], connections = 8) {
  const pool = new Pool(url, { connections });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const signature = `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
          const res = await pool.request({
            method: "POST",
            path: "/webhooks/whatsapp",
            headers: { "content-type": "application/json", "x-hub-signature-256": signature },
            body,
          });
          await res.body.dump();
          if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}`);
        }
      }),
    );
  } finally {
    await pool.close();
  }
}
