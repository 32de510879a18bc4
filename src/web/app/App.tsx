import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { LoginPage } from '../auth/LoginPage';
import { InboxPage } from '../inbox/InboxPage';
import { ApiError, setUnauthenticatedHandler } from '../lib/api';
import { SessionProvider, useMeQuery } from '../lib/session';
import { Spinner } from '../ui/Spinner';
import { Shell } from './Shell';

const SettingsPage = lazy(() => import('../settings/SettingsPage'));

export function App() {
  const qc = useQueryClient();
  const me = useMeQuery();
  useEffect(() => {
    // Any 401 (expired or revoked session) returns to the login page.
    setUnauthenticatedHandler(() => {
      qc.setQueryData(['me'], null);
    });
  }, [qc]);

  if (me.isPending) return <Spinner label="Loading your inbox" fullscreen />;
  const signedOut = !me.data || (me.error instanceof ApiError && me.error.status === 401);
  if (signedOut) {
    if (me.error && !(me.error instanceof ApiError && me.error.status === 401)) {
      return <LoginPage notice="We could not reach the server. Check your connection and try again." />;
    }
    return <LoginPage />;
  }
  return (
    <SessionProvider me={me.data} key={me.data.location.id}>
      <Shell>
        <Switch>
          <Route path="/settings/:section?">
            <Suspense fallback={<Spinner label="Loading settings" />}>
              <SettingsPage />
            </Suspense>
          </Route>
          <Route path="/c/:id">{(p) => <InboxPage conversationId={p.id} />}</Route>
          <Route path="/">
            <InboxPage />
          </Route>
          <Route>
            <Redirect to="/" />
          </Route>
        </Switch>
      </Shell>
    </SessionProvider>
  );
}
