// The signed-in agent: restored from the session token, set by login, cleared by logout or a 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { login as apiLogin, logout as apiLogout } from '../api/auth';
import { setUnauthorizedHandler } from '../api/http';
import { clearToken, readToken, storeToken } from '../api/token';
import type { Agent } from '../api/types';
import { meQuery } from '../api/queries';

interface Session {
  agent: Agent | null;
  token: string | null;
  loading: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [token, setToken] = useState<string | null>(() => readToken());

  const signOut = useCallback(() => {
    clearToken();
    setToken(null);
    client.clear();
  }, [client]);

  useEffect(() => setUnauthorizedHandler(signOut), [signOut]);

  const me = useQuery(meQuery(token));

  const login = useCallback(
    async (email: string, password: string) => {
      const result = await apiLogin({ email, password });
      storeToken(result.token);
      client.setQueryData(['me', result.token], result.agent);
      setToken(result.token);
    },
    [client],
  );

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      signOut();
    }
  }, [signOut]);

  const value = useMemo<Session>(() => ({ agent: token ? (me.data ?? null) : null, token, loading: token !== null && me.isPending, login, logout }), [token, me.data, me.isPending, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

/** The signed-in agent, for pages that are only reached when signed in. */
export function useAgent(): Agent {
  const { agent } = useSession();
  if (!agent) throw new Error('No agent is signed in');
  return agent;
}
