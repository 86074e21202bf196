import type { Services } from "../../app/services.ts";
import type { Actor } from "../accounts/index.ts";
import { assignConversation } from "./assignment.ts";
import { addNote } from "./notes.ts";

/**
 * A bot hands a conversation to people: to a team or an agent with the summary as the assignment's
 * note, or, with neither, only the note (the conversation waits in the unassigned queue).
 */
export async function handOverConversation(
  services: Services,
  tenantId: string,
  conversationId: string,
  target: { teamId?: string | undefined; assigneeId?: string | undefined; note: string },
  actor: Actor,
): Promise<void> {
  if (target.teamId || target.assigneeId)
    await assignConversation(
      services,
      tenantId,
      conversationId,
      { teamId: target.teamId, assigneeId: target.assigneeId, note: target.note },
      actor,
    );
  else await addNote(services, tenantId, conversationId, { body: target.note }, actor);
}
