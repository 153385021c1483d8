// The route table of a built app, as Fastify registers it: the role × route matrix and the fuzz test iterate it,
// so a new route is covered the moment it exists.
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { z } from 'zod';
import { buildApp } from '../app.ts';
import type { Access } from '../platform/http.ts';
import { TEST_AUDIT_KEY, type TestContext } from './harness.ts';

export interface RouteEntry {
  method: string;
  url: string;
  /** The route's declared access (after app.ts's default for non-API routes); undefined when it has none. */
  access: Access | undefined;
  schema: { body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType };
}

/** Builds another app over the context's database and collects every route it registers (HEAD copies included). */
export async function buildAppWithRouteTable(t: TestContext): Promise<{ app: FastifyInstance; routes: RouteEntry[] }> {
  const routes: RouteEntry[] = [];
  const app = await buildApp({
    handle: t.handle,
    clock: t.clock,
    auditKey: TEST_AUDIT_KEY,
    onRoute: (r) => {
      const schema = (r.schema ?? {}) as FastifySchema as RouteEntry['schema'];
      for (const method of [r.method].flat()) routes.push({ method: String(method), url: r.url, access: r.config?.access, schema });
    },
  });
  await app.ready();
  return { app, routes };
}

export const isApiRoute = (r: { url: string }) => r.url.startsWith('/api/v1/');
export const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
/** The `:name` parameters of a route URL, in order. */
export const pathParams = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
/** Fills a route URL's parameters (values are URL-encoded). */
export const fillPath = (url: string, values: Record<string, string>) =>
  url.replace(/:(\w+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${url}`);
    return encodeURIComponent(v);
  });
