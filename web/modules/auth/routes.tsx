import type { RouteObject } from 'react-router';
import LoginPage from './pages/LoginPage.tsx';
import PasswordPage from './pages/PasswordPage.tsx';

export const authRoutes: RouteObject[] = [{ path: '/login', element: <LoginPage /> }];
/** Inside RequireSession but outside the shell: a forced change shows nothing else. */
export const passwordRoute: RouteObject = { path: '/password', element: <PasswordPage /> };
