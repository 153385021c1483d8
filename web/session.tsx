// The signed-in session (GET /api/v1/auth/session): account, posts, offices with their abilities, CSRF token.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Session } from '../shared/contracts/auth.ts';
import { api, ApiError, setCsrfToken } from './api.ts';

export type SessionOffice = Session['offices'][number];

type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'ready'; session: Session };

interface SessionApi {
  state: SessionState;
  /** Reloads the session (after login or a password change); null when not signed in. */
  refresh(): Promise<Session | null>;
  /** Forgets the session locally (after logout or a 401). */
  clear(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export const fetchSession = () => api.get<Session>('/api/v1/auth/session', { quiet: true });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await fetchSession();
      setCsrfToken(session.csrfToken);
      setState({ status: 'ready', session });
      return session;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) console.error(err);
      setCsrfToken(null);
      setState({ status: 'anonymous' });
      return null;
    }
  }, []);

  const clear = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'anonymous' });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh, clear }), [state, refresh, clear]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionApi(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSessionApi outside SessionProvider');
  return ctx;
}

/** The session of a page behind RequireSession (always present there). */
export function useSession(): Session {
  const { state } = useSessionApi();
  if (state.status !== 'ready') throw new Error('useSession outside a signed-in route');
  return state.session;
}

export const hasAbility = (session: Session, ability: string) => session.abilities.includes(ability);
