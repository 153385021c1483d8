// The one fetch client: JSON in and out, the session cookie, the CSRF header on every non-GET,
// If-Match versions, and the server's one error shape { error: { code, message, details } }.
import type { ErrorBody } from '../shared/errors.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** The version the caller read; sent as If-Match "v<version>". */
  ifMatch?: number;
  /** The caller shows the error itself: no message toast and no redirect to the login page. */
  quiet?: boolean;
}

interface Hooks {
  /** 401: the session is missing or expired. */
  onUnauthenticated(err: ApiError): void;
  /** Any other error, unless the request is quiet. */
  onError(err: ApiError): void;
}

let csrfToken: string | null = null;
let hooks: Hooks = {
  onUnauthenticated: () => {
    if (window.location.pathname !== '/login') window.location.assign('/login');
  },
  onError: (err) => console.error(err),
};

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
export const configureApi = (next: Partial<Hooks>) => {
  hooks = { ...hooks, ...next };
};

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // No content type without a body: Fastify refuses an empty JSON body. FormData (an upload) sets its own boundary.
  const form = opts.body instanceof FormData;
  if (opts.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.ifMatch !== undefined) headers['if-match'] = `"v${opts.ifMatch}"`;

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
    });
  } catch {
    const err = new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络 / Cannot reach the server');
    if (!opts.quiet) hooks.onError(err);
    throw err;
  }
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;

  const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  const err = new ApiError(res.status, body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `HTTP ${res.status}`, body?.error?.details);
  if (!opts.quiet) {
    if (res.status === 401) hooks.onUnauthenticated(err);
    else hooks.onError(err);
  }
  throw err;
}

export const api = {
  get: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, opts),
  /** A POST without a body sends `{}`: the server validates bodiless state transitions as an empty object. */
  post: <T>(path: string, body: unknown = {}, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, opts),
  /** One file as multipart/form-data (field "file"), the way the server's upload routes read it. */
  upload: <T>(path: string, file: Blob, filename: string, opts?: Omit<RequestOptions, 'body'>) => {
    const body = new FormData();
    body.append('file', file, filename);
    return request<T>('POST', path, { ...opts, body });
  },
};

/** Problems listed by a PASSWORD_POLICY error (details.problems). */
export function policyProblems(err: unknown): string[] {
  if (!(err instanceof ApiError)) return [];
  const problems = (err.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
}

/** Field messages of a VALIDATION_FAILED error (details.issues), for showing beside the toast. */
export function validationIssues(err: unknown): Array<{ path: string; message: string }> {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED') return [];
  const issues = (err.details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as Array<{ path: string; message: string }>) : [];
}
