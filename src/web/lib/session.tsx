/** Who is signed in, where, and the live connection of that location. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Me } from '#shared/auth';
import { get, post, put, setCsrfToken } from './api';
import { Realtime } from './realtime';

export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const me = await get<Me>('/me');
      setCsrfToken(me.csrfToken);
      return me;
    },
    retry: false,
    staleTime: Infinity,
  });
}

interface Session {
  me: Me;
  timeZone: string;
  realtime: Realtime;
  isAdmin: boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const qc = useQueryClient();
  const locationId = me.location.id;
  const realtime = useMemo(() => new Realtime(qc), [qc, locationId]);
  useEffect(() => {
    realtime.start();
    return () => realtime.stop();
  }, [realtime]);
  const value = useMemo(
    () => ({ me, timeZone: me.location.timezone, realtime, isAdmin: me.user?.role === 'admin' }),
    [me, realtime],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export async function login(email: string, password: string): Promise<Me> {
  const me = await post<Me>('/auth/login', { email, password });
  setCsrfToken(me.csrfToken);
  return me;
}

/** A line for the sign-in page the next time it shows (e.g. after "sign out everywhere"). */
let loginNotice: string | null = null;
export const setLoginNotice = (text: string | null) => (loginNotice = text);
export function takeLoginNotice(): string | null {
  const text = loginNotice;
  loginNotice = null;
  return text;
}

export async function logout(): Promise<void> {
  await post('/auth/logout').catch(() => undefined);
  setCsrfToken(null);
}

export async function switchLocation(locationId: string): Promise<Me> {
  const me = await put<Me>('/me/location', { locationId });
  setCsrfToken(me.csrfToken);
  return me;
}
