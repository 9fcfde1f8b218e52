import { useQuery } from '@apollo/client';
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { session, useToken } from './apollo/session';
import { useSignOut } from './apollo/signout';
import { ViewerQuery } from './api/operations';
import { ForgotPassword, ResetPassword, SignIn, SignUp } from './pages/Auth';
import { Shell } from './Shell';
import { Button, ErrorBox, Loading } from './ui/components';
import { ViewerContext } from './viewer';

const Dashboard = lazy(() => import('./pages/Dashboard'));
const Runs = lazy(() => import('./pages/Runs'));
const RunForm = lazy(() => import('./pages/RunForm'));
const RunDetail = lazy(() => import('./pages/RunDetail'));
const Import = lazy(() => import('./pages/Import'));
const Shoes = lazy(() => import('./pages/Shoes'));
const Feed = lazy(() => import('./pages/Feed'));
const Profile = lazy(() => import('./pages/Profile'));
const Groups = lazy(() => import('./pages/Groups'));
const GroupDetail = lazy(() => import('./pages/GroupDetail'));
const Notifications = lazy(() => import('./pages/Notifications'));
const Coach = lazy(() => import('./pages/Coach'));
const Plan = lazy(() => import('./pages/Plan'));
const Settings = lazy(() => import('./pages/Settings'));
const PrivacySettings = lazy(() => import('./pages/settings/PrivacySettings'));
const FollowerSettings = lazy(() => import('./pages/settings/FollowerSettings'));
const SecuritySettings = lazy(() => import('./pages/settings/SecuritySettings'));
const IntegrationSettings = lazy(() => import('./pages/settings/IntegrationSettings'));
const OAuthConsent = lazy(() => import('./pages/OAuthConsent'));

export function App() {
  const token = useToken();
  const location = useLocation();
  // A reset link works whether or not someone is signed in on this browser: it signs in anew.
  if (location.pathname === '/reset-password') return <ResetPassword />;
  if (!token) {
    return (
      <Routes>
        <Route path="/signin" element={<SignIn />} />
        <Route path="/signup" element={<SignUp />} />
        <Route path="/forgot-password" element={<ForgotPassword />} />
        {/* Where to come back to once signed in (the OAuth consent page keeps its query). */}
        <Route path="*" element={<Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />} />
      </Routes>
    );
  }
  return <SignedIn />;
}

function SignedIn() {
  const { data, error, refetch } = useQuery(ViewerQuery);
  const signOut = useSignOut();
  const location = useLocation();
  const me = data?.me;
  // A token for an account that no longer exists answers `me: null`: back to signing in.
  useEffect(() => {
    if (data && !me) session.set(null);
  }, [data, me]);

  if (error && !me) {
    return (
      <main className="center-page">
        <ErrorBox error={error} title="Maratron could not load your account" retry={() => void refetch()} />
        <Button variant="ghost" onClick={() => void signOut()}>
          Sign out
        </Button>
      </main>
    );
  }
  if (!me) return <Loading label="Loading your account…" />;

  return (
    <ViewerContext.Provider value={me}>
      <Shell>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Dashboard />} />
            <Route path="/runs" element={<Runs />} />
            <Route path="/runs/new" element={<RunForm />} />
            <Route path="/runs/:id" element={<RunDetail />} />
            <Route path="/runs/:id/edit" element={<RunForm />} />
            <Route path="/import" element={<Import />} />
            <Route path="/shoes" element={<Shoes />} />
            <Route path="/feed" element={<Feed />} />
            <Route path="/u/:username" element={<Profile />} />
            <Route path="/groups" element={<Groups />} />
            <Route path="/groups/:id" element={<GroupDetail />} />
            <Route path="/notifications" element={<Notifications />} />
            <Route path="/coach" element={<Coach />} />
            <Route path="/plan" element={<Plan />} />
            <Route path="/settings" element={<Settings />} />
            <Route path="/settings/privacy" element={<PrivacySettings />} />
            <Route path="/settings/followers" element={<FollowerSettings />} />
            <Route path="/settings/security" element={<SecuritySettings />} />
            <Route path="/settings/integrations" element={<IntegrationSettings />} />
            <Route path="/oauth/consent" element={<OAuthConsent />} />
            <Route path="/forgot-password" element={<Navigate to="/settings/security" replace />} />
            <Route path="/signin" element={<Navigate to={returnTo(location.state)} replace />} />
            <Route path="/signup" element={<Navigate to="/" replace />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Shell>
    </ViewerContext.Provider>
  );
}

/** Where a sign-in goes: back to the page that sent the runner to sign in (same origin, a path), or home. */
function returnTo(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

function NotFound() {
  return <ErrorBox title="Page not found" error="There is nothing at this address." />;
}
