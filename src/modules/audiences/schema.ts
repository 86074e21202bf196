import { sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants } from "../accounts/schema.ts";
import { contacts } from "../contacts/schema.ts";
import type { ColumnMapping, OptInDeclaration } from "./import-types.ts";
import type { SegmentGroup } from "./rules.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/** A saved set of rules over contacts; its members are materialised when it is saved or refreshed. */
export const segments = pgTable(
  "segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    rules: jsonb("rules").$type<SegmentGroup>().notNull(),
    memberCount: integer("member_count").notNull().default(0),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("segments_tenant_idx").on(table.tenantId, table.createdAt)],
);

/** The contacts a segment's rules matched at its last refresh: what campaigns read. */
export const segmentMembers = pgTable(
  "segment_members",
  {
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.segmentId, table.contactId] }),
    index("segment_members_contact_idx").on(table.contactId),
  ],
);

/** A static list: contacts added and removed by hand, by API or from an import. */
export const contactLists = pgTable(
  "contact_lists",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("contact_lists_tenant_idx").on(table.tenantId, table.createdAt)],
);

export const contactListMembers = pgTable(
  "contact_list_members",
  {
    listId: uuid("list_id")
      .notNull()
      .references(() => contactLists.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.listId, table.contactId] }),
    index("contact_list_members_contact_idx").on(table.contactId),
  ],
);

export const importStatuses = ["uploaded", "running", "completed", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** A CSV import: the uploaded file (in chunks), its mapping, and the cursor it resumes from. */
export const contactImports = pgTable(
  "contact_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    /** sha256 of the file: the same file again resumes or repeats the same import. */
    fileSha256: text("file_sha256").notNull(),
    byteSize: integer("byte_size").notNull().default(0),
    status: text("status", { enum: importStatuses }).notNull().default("uploaded"),
    /** The header row, for the portal's column mapping. */
    columns: text("columns").array().notNull().default(sql`'{}'::text[]`),
    mapping: jsonb("mapping").$type<ColumnMapping>(),
    defaultCountry: text("default_country"),
    listId: uuid("list_id").references(() => contactLists.id, { onDelete: "set null" }),
    optIn: jsonb("opt_in").$type<OptInDeclaration>(),
    /** Records read and committed (refused ones included): the resume point. */
    rowsDone: integer("rows_done").notNull().default(0),
    /** Bytes of the file read up to the resume point: progress. */
    bytesDone: integer("bytes_done").notNull().default(0),
    created: integer("created").notNull().default(0),
    /** Rows merged into a contact that existed (or appeared earlier in the file). */
    updated: integer("updated").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    index("contact_imports_tenant_idx").on(table.tenantId, table.createdAt),
    index("contact_imports_tenant_sha_idx").on(table.tenantId, table.fileSha256),
  ],
);

/** The uploaded bytes, kept in the database so any worker can run (and resume) the import. */
export const contactImportChunks = pgTable(
  "contact_import_chunks",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (table) => [primaryKey({ columns: [table.importId, table.seq] })],
);

/** Each refused row with its reason: the downloadable error file. */
export const contactImportErrors = pgTable(
  "contact_import_errors",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    /** The line of the file the row starts on (the header is line 1). */
    line: integer("line").notNull(),
    reason: text("reason").notNull(),
    /** The row as read, columns in file order. */
    raw: jsonb("raw").$type<string[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.importId, table.line] })],
);
