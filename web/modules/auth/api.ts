import type { ChangePassword, Login } from '../../../shared/contracts/auth.ts';
import { api } from '../../api.ts';

type Ok = { ok: true };

export const authApi = {
  /** Quiet: the login page shows the server's message itself (same one for unknown user and wrong password). */
  login: (body: Login) => api.post<Ok>('/api/v1/auth/login', body, { quiet: true }),
  changePassword: (body: ChangePassword) => api.post<Ok>('/api/v1/auth/password', body, { quiet: true }),
};
