import { and, eq, sql } from "drizzle-orm";
import type { Services } from "../../app/services.ts";
import { accountToken, numbersByIds } from "../numbers/index.ts";
import { media, messages } from "./schema.ts";

/** Downloads an inbound message's media from Meta (its URLs expire) and keeps it; idempotent. */
export async function fetchInboundMedia(
  services: Services,
  messageId: string,
  mediaId: string,
): Promise<void> {
  const { db } = services.database;
  const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
  const number = message && (await numbersByIds(db, [message.phoneNumberId])).get(message.phoneNumberId);
  if (!message || !number) return;
  const row = { message, number };
  const [existing] = await db
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.tenantId, row.message.tenantId), eq(media.whatsappMediaId, mediaId)));
  let storedId = existing?.id;
  if (!storedId) {
    const { accessToken } = await accountToken(services, row.number.accountId);
    const file = await services.graph.client(accessToken).downloadMedia(mediaId);
    const content = row.message.content as Record<string, { filename?: string } | undefined>;
    const [stored] = await db
      .insert(media)
      .values({
        tenantId: row.message.tenantId,
        whatsappMediaId: mediaId,
        mimeType: file.mimeType,
        sha256: file.sha256,
        size: file.fileSize,
        filename: content[row.message.type]?.filename ?? null,
        data: file.data,
      })
      .onConflictDoNothing()
      .returning({ id: media.id });
    storedId = stored?.id;
  }
  if (storedId) {
    await db
      .update(messages)
      .set({ content: sql`${messages.content} || jsonb_build_object('charla_media_id', ${storedId}::text)` })
      .where(eq(messages.id, messageId));
  }
}
