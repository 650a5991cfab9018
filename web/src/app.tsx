// The console's routes. Routing uses the URL hash so every page is served by the one index.html.
import { lazy, Suspense } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Navigate, Outlet, RouterProvider, createHashRouter } from 'react-router';
import { ApiError } from './api/http';
import { SessionProvider, useSession } from './auth/session';
import { Layout } from './components/layout';
import { Loading } from './components/query-state';
import { RequireRole } from './components/require-role';
import { AgentsPage } from './pages/agents-page';
import { CasePage } from './pages/case-page';
import { CustomerPage } from './pages/customer-page';
import { InboxPage } from './pages/inbox-page';
import { LoginPage } from './pages/login-page';
import { ManagerPage } from './pages/manager-page';
import { SetPasswordPage } from './pages/set-password-page';
import { SettingsPage } from './pages/settings-page';

// The chart library is most of the bundle; only managers opening the dashboard need it.
const DashboardPage = lazy(() => import('./pages/dashboard-page').then((m) => ({ default: m.DashboardPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

function RequireSession() {
  const { agent, loading } = useSession();
  if (loading) return <Loading what="your session" />;
  if (!agent) return <Navigate to="/login" replace />;
  return <Outlet />;
}

const router = createHashRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/set-password/:token', element: <SetPasswordPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <Navigate to="/inbox/mine" replace /> },
          { path: '/inbox/:queue', element: <InboxPage /> },
          { path: '/cases/:id', element: <CasePage /> },
          { path: '/customers/:id', element: <CustomerPage /> },
          {
            path: '/manager',
            element: (
              <RequireRole area="manager">
                <ManagerPage />
              </RequireRole>
            ),
          },
          {
            path: '/dashboard',
            element: (
              <RequireRole area="dashboard">
                <Suspense fallback={<Loading what="charts" />}>
                  <DashboardPage />
                </Suspense>
              </RequireRole>
            ),
          },
          {
            path: '/agents',
            element: (
              <RequireRole area="agents">
                <AgentsPage />
              </RequireRole>
            ),
          },
          { path: '/settings', element: <SettingsPage /> },
          { path: '*', element: <Navigate to="/inbox/mine" replace /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
