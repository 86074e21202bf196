/** The conversations module's public surface: one thread per business number and contact. */
import type { ModuleRecord } from "../../app/module.ts";
import { conversationsRoutes } from "./routes.ts";

export { messagePreview } from "./preview.ts";
export {
  type Conversation,
  type ConversationTouch,
  conversationKey,
  conversationWindow,
  touchConversations,
} from "./service.ts";

export const conversationsModule: ModuleRecord = { name: "conversations", routes: conversationsRoutes };
