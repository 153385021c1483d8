#!/usr/bin/env node
// The CLI and server. Runs the esbuild bundle of the sources (bin/server-bundle.js: made again when a source is
// newer); REFORM_OFFICE_TSX=1 runs the TypeScript sources through tsx instead.
if (process.env.REFORM_OFFICE_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
} else {
  const { serverBundle } = await import('./server-bundle.js');
  await import(await serverBundle());
}
