import type { Config } from "../../config/config.ts";
import type { Db } from "../../db/client.ts";
import { authenticateApiKey } from "./service.ts";
import { authenticateSession, sessionSettings } from "./sessions.ts";

/** How the HTTP layer resolves an API key or a session cookie to a principal. */
export function authenticators(db: Db, config: Config) {
  const sessions = sessionSettings(config);
  return {
    apiKey: (token: string) => authenticateApiKey(db, token),
    session: (token: string) => authenticateSession(db, token, sessions),
  };
}
