import { z } from "zod";
import { principalOf, requireRole } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { healthHistory } from "./health.ts";
import { addNumber, businessProfile, type LifecycleStep, runLifecycleStep, status } from "./lifecycle.ts";

const tags = ["numbers"];
const params = z.object({ id: z.uuid() });
const pin = z.string().regex(/^\d{6}$/, "a 6-digit PIN");

/** Meta's business profile verticals. */
const VERTICALS = [
  "UNDEFINED",
  "OTHER",
  "AUTO",
  "BEAUTY",
  "APPAREL",
  "EDU",
  "ENTERTAIN",
  "EVENT_PLAN",
  "FINANCE",
  "GROCERY",
  "GOVT",
  "HOTEL",
  "HEALTH",
  "NONPROFIT",
  "PROF_SERVICES",
  "RETAIL",
  "TRAVEL",
  "RESTAURANT",
  "NOT_A_BIZ",
] as const;

const steps: { path: string; summary: string; body: z.ZodType; step: (body: never) => LifecycleStep }[] = [
  {
    path: "request-code",
    summary: "Ask Meta to send the number's verification code (SMS or voice)",
    body: z.object({
      method: z.enum(["SMS", "VOICE"]).default("SMS"),
      language: z.string().min(2).max(15).default("en_US"),
    }),
    step: (body: { method: "SMS" | "VOICE"; language: string }) => ({ step: "request_code", ...body }),
  },
  {
    path: "verify",
    summary: "Verify the number with the code Meta sent",
    body: z.object({ code: z.string().regex(/^\d{6}$/, "the 6-digit code") }),
    step: (body: { code: string }) => ({ step: "verify", code: body.code }),
  },
  {
    path: "register",
    summary: "Register the number on the Cloud API with its two-step verification PIN",
    body: z.object({ pin }),
    step: (body: { pin: string }) => ({ step: "register", pin: body.pin }),
  },
  {
    path: "two-step-pin",
    summary: "Change the number's two-step verification PIN",
    body: z.object({ pin }),
    step: (body: { pin: string }) => ({ step: "two_step_pin", pin: body.pin }),
  },
  {
    path: "display-name",
    summary: "Request a display-name change (pre-checked against Meta's rules, then reviewed by WhatsApp)",
    body: z.object({ displayName: z.string().max(200) }),
    step: (body: { displayName: string }) => ({ step: "display_name", displayName: body.displayName }),
  },
  {
    path: "deregister",
    summary: "Deregister the number from the Cloud API",
    body: z.object({}).optional(),
    step: () => ({ step: "deregister" }),
  },
];

/** A number's life cycle at Meta, its health and its quality and limit history. */
export const lifecycleRoutes: ModuleRoutes = (app, services) => {
  app.post(
    "/whatsapp-accounts/:id/phone-numbers",
    {
      schema: {
        tags,
        summary:
          "Add a number to the account (display name pre-checked); then request a code, verify and register it",
        params,
        body: z.object({
          countryCode: z.string().regex(/^\d{1,3}$/, "country calling code, e.g. 54"),
          phoneNumber: z.string().regex(/^\d{4,14}$/, "the national number, digits only"),
          displayName: z.string().max(200),
        }),
      },
    },
    async (request, reply) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      return reply
        .code(201)
        .send(await addNumber(services, tenant.id, request.params.id, request.body, actor));
    },
  );

  for (const { path, summary, body, step } of steps) {
    app.post(`/phone-numbers/:id/${path}`, { schema: { tags, summary, params, body } }, async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      return runLifecycleStep(services, tenant.id, request.params.id, step(request.body as never), actor);
    });
  }

  app.get(
    "/phone-numbers/:id/business-profile",
    { schema: { tags, summary: "The number's business profile at Meta", params } },
    async (request) => businessProfile(services, principalOf(request).tenant.id, request.params.id),
  );

  app.patch(
    "/phone-numbers/:id/business-profile",
    {
      schema: {
        tags,
        summary: "Edit the business profile (about, address, description, email, websites, vertical, photo)",
        params,
        body: z
          .object({
            about: z.string().min(1).max(139),
            address: z.string().max(256),
            description: z.string().max(512),
            email: z.email().max(128),
            websites: z.array(z.url().max(256)).max(2),
            vertical: z.enum(VERTICALS),
            profilePictureHandle: z.string().min(1).max(1024),
          })
          .partial()
          .refine((profile) => Object.keys(profile).length > 0, "give at least one field"),
      },
    },
    async (request) => {
      const { tenant, actor } = requireRole(request, "tenant_admin");
      const { profilePictureHandle, ...rest } = request.body;
      const profile = profilePictureHandle ? { ...rest, profile_picture_handle: profilePictureHandle } : rest;
      return runLifecycleStep(
        services,
        tenant.id,
        request.params.id,
        { step: "business_profile", profile },
        actor,
      );
    },
  );

  app.get(
    "/phone-numbers/:id/status",
    { schema: { tags, summary: "The number with Meta's statuses and health_status (per entity)", params } },
    async (request) => status(services, principalOf(request).tenant.id, request.params.id),
  );

  app.get(
    "/phone-numbers/:id/history",
    {
      schema: {
        tags,
        summary: "Quality rating and messaging limit history of the number (for charts)",
        params,
        querystring: z.object({ since: z.iso.datetime({ offset: true }).optional() }),
      },
    },
    async (request) => ({
      data: await healthHistory(
        services.database.db,
        principalOf(request).tenant.id,
        request.params.id,
        request.query.since ? new Date(request.query.since) : undefined,
      ),
    }),
  );
};
