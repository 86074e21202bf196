import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import {
  addListMembers,
  createList,
  deleteList,
  getList,
  listLists,
  listMembers,
  removeListMembers,
} from "./lists.ts";
import { segmentGroupSchema } from "./rules.ts";
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  previewSegment,
  type Segment,
  updateSegment,
} from "./segments.ts";

const writers = ["tenant_admin", "developer"] as const;
const idParams = z.object({ id: z.uuid() });
const name = z.string().trim().min(1).max(200);

const segmentView = ({ tenantId: _tenant, ...segment }: Segment) => segment;
const segmentOut = z.looseObject({ id: z.uuid(), name: z.string(), memberCount: z.number().int() });
const listOut = z.looseObject({ id: z.uuid(), name: z.string(), memberCount: z.number().int() });
const sampleOut = z.array(
  z.object({
    id: z.uuid(),
    phone: z.string().nullable(),
    name: z.string().nullable(),
    tags: z.array(z.string()),
  }),
);
const memberIds = z.object({ contactIds: z.array(z.uuid()).min(1).max(1000) });

const segmentRoutes: ModuleRoutes = (app, { database: { db } }) => {
  app.post(
    "/segments/preview",
    {
      schema: {
        tags: ["audiences"],
        summary: "Count and sample the contacts a rule group matches now (the editor's live count)",
        body: z.object({ rules: segmentGroupSchema }),
        response: { 200: z.object({ count: z.number().int(), sample: sampleOut }) },
      },
    },
    async (request) => previewSegment(db, principalOf(request).tenant.id, request.body.rules),
  );
  app.post(
    "/segments",
    {
      schema: {
        tags: ["audiences"],
        summary: "Save a segment: AND/OR groups of rules; its members are computed at once",
        body: z.object({ name, rules: segmentGroupSchema }),
        response: { 201: segmentOut },
      },
    },
    async (request, reply) => {
      const { tenant } = requireRole(request, ...writers);
      const segment = await db.transaction((tx) => createSegment(tx, tenant.id, request.body));
      return reply.code(201).send(segmentView(segment));
    },
  );
  app.get(
    "/segments",
    {
      schema: {
        tags: ["audiences"],
        summary: "The tenant's segments",
        response: { 200: z.object({ data: z.array(segmentOut) }) },
      },
    },
    async (request) => ({ data: (await listSegments(db, principalOf(request).tenant.id)).map(segmentView) }),
  );
  app.get(
    "/segments/:id",
    {
      schema: {
        tags: ["audiences"],
        summary: "A segment with its rules",
        params: idParams,
        response: { 200: segmentOut },
      },
    },
    async (request) => segmentView(await getSegment(db, principalOf(request).tenant.id, request.params.id)),
  );
  app.patch(
    "/segments/:id",
    {
      schema: {
        tags: ["audiences"],
        summary: "Rename a segment or change its rules (members are recomputed)",
        params: idParams,
        body: z.object({ name: name.optional(), rules: segmentGroupSchema.optional() }),
        response: { 200: segmentOut },
      },
    },
    async (request) => {
      const { tenant } = requireRole(request, ...writers);
      return segmentView(
        await db.transaction((tx) => updateSegment(tx, tenant.id, request.params.id, request.body)),
      );
    },
  );
  app.delete(
    "/segments/:id",
    { schema: { tags: ["audiences"], summary: "Delete a segment", params: idParams } },
    async (request, reply) => {
      await deleteSegment(db, requireRole(request, ...writers).tenant.id, request.params.id);
      return reply.code(204).send();
    },
  );
};

const listRoutes: ModuleRoutes = (app, { database: { db } }) => {
  const view = ({ tenantId: _tenant, ...list }: { tenantId: string } & z.infer<typeof listOut>) => list;
  app.post(
    "/lists",
    {
      schema: {
        tags: ["audiences"],
        summary: "Create a static list",
        body: z.object({ name }),
        response: { 201: listOut },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(view(await createList(db, requireRole(request, ...writers).tenant.id, request.body.name))),
  );
  app.get(
    "/lists",
    {
      schema: {
        tags: ["audiences"],
        summary: "The tenant's static lists",
        response: { 200: z.object({ data: z.array(listOut) }) },
      },
    },
    async (request) => ({ data: (await listLists(db, principalOf(request).tenant.id)).map(view) }),
  );
  app.get(
    "/lists/:id",
    {
      schema: { tags: ["audiences"], summary: "A static list", params: idParams, response: { 200: listOut } },
    },
    async (request) => view(await getList(db, principalOf(request).tenant.id, request.params.id)),
  );
  app.delete(
    "/lists/:id",
    { schema: { tags: ["audiences"], summary: "Delete a static list (not its contacts)", params: idParams } },
    async (request, reply) => {
      await deleteList(db, requireRole(request, ...writers).tenant.id, request.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    "/lists/:id/members",
    {
      schema: {
        tags: ["audiences"],
        summary: "A page of a list's members",
        params: idParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
    },
    async (request) => ({
      data: await listMembers(
        db,
        principalOf(request).tenant.id,
        request.params.id,
        request.query.limit,
        request.query.offset,
      ),
    }),
  );
  app.post(
    "/lists/:id/members",
    {
      schema: {
        tags: ["audiences"],
        summary: "Add contacts to a list; ids that are not the tenant's contacts are counted as unknown",
        params: idParams,
        body: memberIds,
        response: { 200: z.object({ added: z.number().int(), unknown: z.number().int() }) },
      },
    },
    async (request) =>
      addListMembers(
        db,
        requireRole(request, ...writers).tenant.id,
        request.params.id,
        request.body.contactIds,
      ),
  );
  app.post(
    "/lists/:id/members/remove",
    {
      schema: {
        tags: ["audiences"],
        summary: "Remove contacts from a list",
        params: idParams,
        body: memberIds,
        response: { 200: z.object({ removed: z.number().int() }) },
      },
    },
    async (request) =>
      removeListMembers(
        db,
        requireRole(request, ...writers).tenant.id,
        request.params.id,
        request.body.contactIds,
      ),
  );
};

export const audienceRoutes: ModuleRoutes = async (app, services) => {
  await segmentRoutes(app, services);
  await listRoutes(app, services);
};
