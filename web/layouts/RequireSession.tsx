import { Navigate, Outlet, useLocation } from 'react-router';
import { PageLoading } from '../components/PageLoading.tsx';
import { useSessionApi } from '../session.tsx';

/** Signed-in routes: no session → /login; a password that must be changed → /password, whatever the route. */
export function RequireSession() {
  const { state } = useSessionApi();
  const location = useLocation();
  if (state.status === 'loading') return <PageLoading />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (state.session.account.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <Outlet />;
}
