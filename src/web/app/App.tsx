import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { LoginPage } from '../auth/LoginPage';
import { InboxPage } from '../inbox/InboxPage';
import { ApiError, setUnauthenticatedHandler } from '../lib/api';
import { SessionProvider, useMeQuery } from '../lib/session';
import { Spinner } from '../ui/Spinner';
import { Shell } from './Shell';

const SettingsPage = lazy(() => import('../settings/SettingsPage'));
// The pages of one-time links, open to anyone holding one (lazy: most visits never need them).
const InvitePage = lazy(() => import('../auth/InvitePage'));
const ResetPage = lazy(() => import('../auth/ResetPage'));

export function App() {
  const [path] = useLocation();
  const link = /^\/(invite|reset)\/([^/]+)\/?$/.exec(path);
  if (link) {
    return (
      <Suspense fallback={<Spinner label="Loading" fullscreen />}>
        {link[1] === 'invite' ? <InvitePage token={link[2]} /> : <ResetPage token={link[2]} />}
      </Suspense>
    );
  }
  return <SignedInApp />;
}

function SignedInApp() {
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
