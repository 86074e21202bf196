/**
 * The templates module's public surface: HSM templates, Meta's rules and the platform's policy,
 * review, Meta's statuses (webhooks and sync), and rendering a template message for sending.
 */
import type { ModuleRecord } from "../../app/module.ts";
import type { templateEventData } from "./history.ts";
import { importTemplatesOnConnect, templateJobs } from "./jobs.ts";
import { templatesRoutes } from "./routes.ts";

export { type ApprovedTemplate, approvedTemplate } from "./bulk.ts";
export { templateLabels } from "./lookups.ts";
export { applyTemplateQuality, applyTemplateStatus } from "./meta.ts";
export { type RenderParams, RenderParamsSchema, renderTemplate } from "./render.ts";
export { templateForSend } from "./send.ts";
export { templateSettings } from "./settings.ts";
export { listTemplates } from "./template-queries.ts";
export type { TemplateDefinition } from "./types.ts";

/** What the `template.status_updated` event carries. */
export type TemplateEventData = ReturnType<typeof templateEventData>;

export const templatesModule: ModuleRecord = {
  name: "templates",
  routes: templatesRoutes,
  jobs: templateJobs,
  subscribers: [importTemplatesOnConnect],
};
