import type { MeView, Permission, RoleGrantView } from '@gongzhi/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, apiGet, apiPost, setSessionLostListener } from './api.ts';

// Who is signed in and what the active role may do. Permissions come from GET /auth/me only:
// the client never re-derives them from the role.

interface AuthValue {
  me: MeView | null;
  loading: boolean;
  /** why the user was sent back to the login page (session expired), shown there once */
  notice: string | null;
  clearNotice: () => void;
  reload: () => Promise<MeView | null>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeView | null>(null);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const signedIn = useRef(false);
  signedIn.current = me !== null;

  const reload = useCallback(async () => {
    try {
      const m = await apiGet<MeView>('/auth/me');
      setMe(m);
      return m;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    // on the first load a 401 just means "not signed in", not "session lost"
    void reload().catch(() => setLoading(false));
    setSessionLostListener((err) => {
      if (signedIn.current) setNotice(err.message);
      setMe(null);
    });
    return () => setSessionLostListener(null);
  }, [reload]);

  const logout = useCallback(async () => {
    try {
      await apiPost('/auth/logout', {}, { quiet401: true });
    } finally {
      setMe(null);
    }
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ me, loading, notice, clearNotice: () => setNotice(null), reload, logout }),
    [me, loading, notice, reload, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** the signed-in caller (only inside the signed-in part of the app) */
export function useMe(): MeView {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}

export function useCan(permission: Permission): boolean {
  const { me } = useAuth();
  return !!me?.permissions.includes(permission);
}

export function activeGrant(me: MeView): RoleGrantView | undefined {
  return me.grants.find((g) => g.id === me.activeGrantId);
}

/** owners (who may see "my units"), and new accounts with no role yet (they can only bind a
 *  unit), get the phone-first layout */
export function isOwnerView(me: MeView): boolean {
  return me.permissions.includes('my.units') || me.grants.length === 0;
}
