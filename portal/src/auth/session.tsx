import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import { authApi, type Session } from "../api/auth";
import { setCsrfToken } from "../api/client";
import { ApiProblem } from "../api/problem";

interface SessionState {
  session: Session | null;
  loading: boolean;
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
  const signedIn = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(SESSION_KEY, session);
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    await authApi.logout().catch(() => {});
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(SESSION_KEY, null);
  }, [queryClient]);
  const value = useMemo(
    () => ({ session: query.data ?? null, loading: query.isPending, signedIn, signOut }),
    [query.data, query.isPending, signedIn, signOut],
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
