import { Navigate } from 'react-router';
import { landingPath } from '../offices.ts';
import { useSession } from '../session.tsx';

/** "/": a system duty's admin page, or the roster of the user's office. */
export function Landing() {
  return <Navigate to={landingPath(useSession())} replace />;
}
