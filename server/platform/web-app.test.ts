import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/harness.ts';

// The built web app served by the API server: files under /assets/, index.html for every other page path.
// Nothing here touches the database: one run, on SQLite.
describe('the web app (dist/web) served beside the API', () => {
  let t: TestContext;
  const dist = mkdtempSync(join(tmpdir(), 'ro-web-'));
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>审改办工作平台</title><script type="module" src="/assets/index-abc123.js"></script>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(join(dist, 'assets', 'index-def456.css'), 'body{}');
    t = await createTestContext('sqlite', { demo: false, app: { webDist: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers page paths with index.html (never cached), assets as files, and 404 for anything missing', async () => {
    for (const url of ['/', '/offices/x/ledger', '/offices/x/ledger/tasks/y?tab=updates']) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body).toContain('审改办工作平台');
    }
    const js = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toBe('console.log("app")');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable'); // named by content hash
    expect((await t.app.inject({ method: 'GET', url: '/assets/index-def456.css' })).headers['content-type']).toContain('text/css');
    // a file added after start is served too (one wildcard route, not a route per file found at start)
    writeFileSync(join(dist, 'assets', 'late-789.js'), '1');
    expect((await t.app.inject({ method: 'GET', url: '/assets/late-789.js' })).statusCode).toBe(200);
    for (const url of ['/assets/missing.js', '/api/v1/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('审改办工作平台');
    }
    // nothing outside the assets folder comes out of it (a page path may still answer the app's index.html)
    writeFileSync(join(dist, 'secret.txt'), 'not-an-asset');
    for (const url of ['/assets/%2e%2e/secret.txt', '/assets/..%2Fsecret.txt', '/assets/%2e%2e%2fsecret.txt', '/assets/..\\secret.txt', '/secret.txt']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('not-an-asset');
    }
  });
});
