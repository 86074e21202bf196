import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client.ts";
import { notFound } from "../../lib/problem.ts";
import { botKnowledgeChunks, botKnowledgeDocuments } from "./schema.ts";

/** PostgreSQL text search configurations a document is indexed with (stemming per language). */
export const knowledgeLanguages = ["simple", "english", "spanish", "portuguese"] as const;

export const knowledgeDocumentSchema = z.object({
  title: z.string().min(1).max(200),
  language: z.enum(knowledgeLanguages).default("simple"),
  content: z.string().min(1).max(200_000),
});
export type KnowledgeDocumentInput = z.infer<typeof knowledgeDocumentSchema>;

const CHUNK_CHARS = 800;

/** Splits a document into chunks of about CHUNK_CHARS along paragraphs, then sentences, then words. */
export function chunkText(content: string, size = CHUNK_CHARS): string[] {
  const pieces = content
    .split(/\n\s*\n/)
    .flatMap((paragraph) => (paragraph.length <= size ? [paragraph] : paragraph.split(/(?<=[.!?])\s+/)))
    .flatMap((piece) =>
      piece.length <= size ? [piece] : (piece.match(new RegExp(`.{1,${size}}(\\s|$)`, "gs")) ?? []),
    )
    .map((piece) => piece.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const chunks: string[] = [];
  for (const piece of pieces) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + piece.length + 1 <= size)
      chunks[chunks.length - 1] = `${last}\n${piece}`;
    else chunks.push(piece);
  }
  return chunks;
}

async function writeChunks(tx: Executor, document: typeof botKnowledgeDocuments.$inferSelect) {
  await tx.delete(botKnowledgeChunks).where(eq(botKnowledgeChunks.documentId, document.id));
  const chunks = chunkText(`${document.title}\n\n${document.content}`);
  if (chunks.length)
    await tx.insert(botKnowledgeChunks).values(
      chunks.map((content, ordinal) => ({
        documentId: document.id,
        ordinal,
        tenantId: document.tenantId,
        content,
        search: sql`to_tsvector(${document.language}::regconfig, ${content})`,
      })),
    );
}

export async function createDocument(db: Executor, tenantId: string, input: KnowledgeDocumentInput) {
  return db.transaction(async (tx) => {
    const [document] = await tx
      .insert(botKnowledgeDocuments)
      .values({ tenantId, ...input })
      .returning();
    await writeChunks(tx, document!);
    return document!;
  });
}

export async function getDocument(db: Executor, tenantId: string, id: string) {
  const [document] = await db
    .select()
    .from(botKnowledgeDocuments)
    .where(and(eq(botKnowledgeDocuments.id, id), eq(botKnowledgeDocuments.tenantId, tenantId)));
  if (!document) throw notFound("Knowledge document", "bot_knowledge_document_not_found");
  return document;
}

export async function listDocuments(db: Executor, tenantId: string) {
  return db
    .select({
      id: botKnowledgeDocuments.id,
      title: botKnowledgeDocuments.title,
      language: botKnowledgeDocuments.language,
      createdAt: botKnowledgeDocuments.createdAt,
      updatedAt: botKnowledgeDocuments.updatedAt,
      chunks: sql<number>`(select count(*)::int from ${botKnowledgeChunks} where ${botKnowledgeChunks.documentId} = ${botKnowledgeDocuments.id})`,
    })
    .from(botKnowledgeDocuments)
    .where(eq(botKnowledgeDocuments.tenantId, tenantId))
    .orderBy(desc(botKnowledgeDocuments.createdAt));
}

export async function updateDocument(
  db: Executor,
  tenantId: string,
  id: string,
  input: Partial<KnowledgeDocumentInput>,
) {
  await getDocument(db, tenantId, id);
  return db.transaction(async (tx) => {
    const [document] = await tx
      .update(botKnowledgeDocuments)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(botKnowledgeDocuments.id, id), eq(botKnowledgeDocuments.tenantId, tenantId)))
      .returning();
    await writeChunks(tx, document!);
    return document!;
  });
}

export async function deleteDocument(db: Executor, tenantId: string, id: string) {
  await getDocument(db, tenantId, id);
  await db
    .delete(botKnowledgeDocuments)
    .where(and(eq(botKnowledgeDocuments.id, id), eq(botKnowledgeDocuments.tenantId, tenantId)));
}

/**
 * The tenant's chunks that best match a question: its words OR-ed (a customer's question rarely
 * repeats every word of the answer) through websearch_to_tsquery in each document's language,
 * ranked by ts_rank.
 */
export async function searchKnowledge(db: Executor, tenantId: string, question: string, limit = 4) {
  const words = (question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word !== "or");
  if (!words.length) return [];
  const terms = words.slice(0, 32).join(" or ");
  const query = sql`websearch_to_tsquery(${botKnowledgeDocuments.language}::regconfig, ${terms})`;
  const rank = sql<number>`ts_rank(${botKnowledgeChunks.search}, ${query})`;
  return db
    .select({ title: botKnowledgeDocuments.title, content: botKnowledgeChunks.content, rank })
    .from(botKnowledgeChunks)
    .innerJoin(botKnowledgeDocuments, eq(botKnowledgeDocuments.id, botKnowledgeChunks.documentId))
    .where(and(eq(botKnowledgeChunks.tenantId, tenantId), sql`${botKnowledgeChunks.search} @@ ${query}`))
    .orderBy(desc(rank))
    .limit(limit);
}
