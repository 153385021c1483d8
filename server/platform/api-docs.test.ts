import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/harness.ts';

// The docs do not touch the database: one run, on SQLite.
describe('API docs at /api/docs (OpenAPI document and Swagger UI)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext('sqlite', { demo: false });
  });
  afterAll(() => t.close());

  it('serves the OpenAPI document with the API routes and none of the docs routes, without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/ledger/offices/{officeId}/tasks/{taskId}');
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/docs'))).toEqual([]);
    const yaml = await t.app.inject({ method: 'GET', url: '/api/docs/yaml' });
    expect(yaml.statusCode).toBe(200);
    expect(yaml.body).toContain('/api/v1/ledger/offices/{officeId}/tasks/{taskId}:');
  });

  it('serves the Swagger UI page and its files; anything else under static is 404', async () => {
    for (const url of ['/api/docs', '/api/docs/']) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('/api/docs/static/swagger-ui-bundle.js');
    }
    const init = await t.app.inject({ method: 'GET', url: '/api/docs/init.js' });
    expect(init.body).toContain("url: '/api/docs/json'");
    const bundle = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    expect(bundle.body).toContain('SwaggerUIBundle');
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui.css' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/static/index.html' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/static/..%2Fpackage.json' })).statusCode).toBe(404);
  });
});
