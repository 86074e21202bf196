import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { flushSync } from "react-dom";
import { authApi, type Session } from "../api/auth";
import { setCsrfToken } from "../api/client";
import { ApiProblem } from "../api/problem";

interface SessionState {
  session: Session | null;
  loading: boolean;
  /** The user signed out in this tab (the sign-in page says so). */
  signedOut: boolean;
  /** Stores a session the server just issued (sign-in, accepted invitation). */
  signedIn(session: Session): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
export const SESSION_KEY = ["session"] as const;

async function loadSession(): Promise<Session | null> {
  try {
    const session = await authApi.session();
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: 5 * 60_000 });
  const [signedOut, setSignedOut] = useState(false);
  const signedIn = useCallback(
    (session: Session) => {
      setSignedOut(false);
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(SESSION_KEY, session);
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    await authApi.logout().catch(() => {});
    // Committed before the session goes, so the redirect to sign-in knows it was a sign-out.
    flushSync(() => setSignedOut(true));
    setCsrfToken(null);
    // The session query stays (its observers would keep the old user otherwise); every other answer goes.
    queryClient.setQueryData(SESSION_KEY, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  }, [queryClient]);
  const value = useMemo(
    () => ({ session: query.data ?? null, loading: query.isPending, signedOut, signedIn, signOut }),
    [query.data, query.isPending, signedOut, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}

/** The signed-in session; only for pages behind the sign-in guard. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error("Not signed in");
  return session;
}
