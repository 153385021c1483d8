// The API's OpenAPI document and a Swagger UI page over it, at /api/docs. The page's files come from
// @fastify/swagger-ui's static folder, read only when someone opens the page: registering that plugin itself cost
// about 5 MB of the idle server's memory (BENCHMARKS.md) for a page developers open now and then.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

export function registerApiDocs(app: FastifyInstance, prefix = '/api/docs') {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui')), 'static');
  const hidden = { schema: { hide: true } };
  const page = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>reform-office 审改办工作平台 API</title>
<link rel="stylesheet" href="${prefix}/static/swagger-ui.css"><link rel="icon" type="image/png" href="${prefix}/static/favicon-32x32.png" sizes="32x32"></head>
<body><div id="swagger-ui"></div><script src="${prefix}/static/swagger-ui-bundle.js"></script><script src="${prefix}/init.js"></script></body>
</html>`;
  const init = `window.ui = SwaggerUIBundle({ url: '${prefix}/json', dom_id: '#swagger-ui', deepLinking: true });\n`;
  const swagger = (opts?: { yaml: true }) => (app as unknown as { swagger(o?: { yaml: true }): unknown }).swagger(opts);

  app.get(prefix, hidden, (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get(`${prefix}/`, hidden, (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get(`${prefix}/init.js`, hidden, (_req, reply) => reply.type('text/javascript; charset=utf-8').send(init));
  app.get(`${prefix}/json`, hidden, () => swagger());
  app.get(`${prefix}/yaml`, hidden, (_req, reply) => reply.type('application/x-yaml').send(swagger({ yaml: true })));
  app.get<{ Params: { file: string } }>(`${prefix}/static/:file`, hidden, (req, reply) => {
    const type = ASSETS[req.params.file];
    if (!type) return reply.callNotFound();
    return reply.type(type).header('cache-control', 'public, max-age=86400').send(createReadStream(join(dir, req.params.file)));
  });
}
