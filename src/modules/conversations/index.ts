/** The conversations module's public surface: the shared inbox on one thread per business number and contact. */
import type { ModuleRecord } from "../../app/module.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { assignmentRoutes } from "./assignment-routes.ts";
import { conversationJobs } from "./jobs.ts";
import { mediaUploadRoutes } from "./media-upload.ts";
import { conversationsRoutes } from "./routes.ts";
import { inboxSubscriber } from "./subscriber.ts";
import { workspaceRoutes } from "./workspace-routes.ts";

export { conversationContactIdsSql } from "./audience.ts";
export type {
  AgentMentionedData,
  AgentPresenceData,
  ConversationAssignedData,
  ConversationEscalatedData,
  ConversationNoteData,
  ConversationSlaData,
  ConversationStatusData,
} from "./events.ts";
export { handOverConversation } from "./handover.ts";
export { conversationTimings, inboxLoad } from "./lookups.ts";
export { messagePreview } from "./preview.ts";
export { indexOutbound } from "./search.ts";
export {
  type Conversation,
  type ConversationTouch,
  conversationKey,
  conversationWindow,
  conversationWindows,
  touchConversations,
} from "./service.ts";
export { surveyTarget } from "./workspace.ts";

const inboxRoutes: ModuleRoutes = async (app, services) => {
  await conversationsRoutes(app, services);
  await assignmentRoutes(app, services);
  await workspaceRoutes(app, services);
  await mediaUploadRoutes(app, services);
};

export const conversationsModule: ModuleRecord = {
  name: "conversations",
  routes: inboxRoutes,
  jobs: conversationJobs,
  subscribers: [inboxSubscriber],
};
