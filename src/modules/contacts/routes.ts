import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { listContacts } from "./list.ts";
import { toE164 } from "./phone.ts";
import {
  type Contact,
  getContact,
  isOptedIn,
  listConsent,
  recordConsent,
  upsertContact,
  windowExpiresAt,
  windowOpen,
} from "./service.ts";

const consentInput = z.object({
  source: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe("where the consent was collected: form, checkout, import..."),
  evidence: z.record(z.string().max(100), z.unknown()).optional(),
});

function contactView(contact: Contact) {
  const { tenantId: _tenant, ...rest } = contact;
  return {
    ...rest,
    optedIn: isOptedIn(contact),
    windowOpen: windowOpen(contact),
    windowExpiresAt: windowExpiresAt(contact),
  };
}
const contactOut = z.looseObject({
  id: z.uuid(),
  phone: z.string(),
  optedIn: z.boolean(),
  windowOpen: z.boolean(),
});

export const contactsRoutes: ModuleRoutes = (app, { database }) => {
  const { db } = database;

  app.post(
    "/contacts",
    {
      schema: {
        tags: ["contacts"],
        summary: "Create or update a contact by phone; optionally record an opt-in",
        body: z.object({
          phone: z.string().min(3).max(32),
          name: z.string().max(200).optional(),
          attributes: z.record(z.string().max(100), z.unknown()).optional(),
          tags: z.array(z.string().min(1).max(50)).max(50).optional(),
          optIn: consentInput.optional(),
        }),
        response: { 200: contactOut },
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin", "developer", "agent");
      const { optIn, phone, ...fields } = request.body;
      return db.transaction(async (tx) => {
        let contact = await upsertContact(tx, tenant.id, { phone: toE164(phone, "phone"), ...fields });
        if (optIn)
          contact = await recordConsent(tx, contact, "opt_in", optIn.source, {
            ...optIn.evidence,
            actor: actor.kind,
          });
        return contactView(contact);
      });
    },
  );

  app.get(
    "/contacts",
    {
      schema: {
        tags: ["contacts"],
        summary: "The tenant's contacts, newest first: search by name or phone, filter by tag",
        querystring: z.object({
          q: z.string().max(100).optional(),
          tag: z.string().max(50).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().optional(),
        }),
        response: { 200: z.object({ data: z.array(contactOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const page = await listContacts(db, principalOf(request).tenant.id, request.query);
      return { data: page.data.map(contactView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/contacts/:id",
    {
      schema: {
        tags: ["contacts"],
        summary: "A contact with consent and window state",
        params: z.object({ id: z.uuid() }),
        response: { 200: contactOut },
      },
    },
    async (request) => contactView(await getContact(db, principalOf(request).tenant.id, request.params.id)),
  );

  for (const kind of ["opt_in", "opt_out"] as const) {
    app.post(
      `/contacts/:id/${kind.replace("_", "-")}`,
      {
        schema: {
          tags: ["contacts"],
          summary: kind === "opt_in" ? "Record an opt-in" : "Record an opt-out",
          params: z.object({ id: z.uuid() }),
          body: consentInput,
          response: { 200: contactOut },
        },
      },
      async (request) => {
        const { tenant } = requireRole(request, "tenant_admin", "developer", "agent");
        const contact = await getContact(db, tenant.id, request.params.id);
        return contactView(
          await recordConsent(db, contact, kind, request.body.source, request.body.evidence),
        );
      },
    );
  }

  app.get(
    "/contacts/:id/consent",
    {
      schema: {
        tags: ["contacts"],
        summary: "The contact's consent history",
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request) => {
      const { tenant } = principalOf(request);
      await getContact(db, tenant.id, request.params.id);
      return { data: await listConsent(db, tenant.id, request.params.id) };
    },
  );
};
