// The server and CLI run from one esbuild bundle of the TypeScript sources, with the npm packages inside it (but for
// native modules, packages that read their own files at run time, and the export libraries loaded on first use).
// Measured against running the sources through tsx: start to ready and idle memory fall by about half (BENCHMARKS.md).
// The bundle is made again whenever a source is newer than it, so there is no build step to forget.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const OUT = join(root, 'build');
const SOURCE_DIRS = ['server', 'cli', 'shared'];
const SOURCE_FILES = ['package-lock.json', 'bin/server-bundle.js'];

/** Kept out of the bundle: native addons, packages that read files beside their own code, and the lazy ones. */
const EXTERNAL = [
  'better-sqlite3', '@node-rs/argon2', 'pg-native', // native
  'chinese-days', // read as JSON from its package folder
  'exceljs', 'docx', 'pdfmake', 'nodemailer', // loaded on first use (exports, mail)
];

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function build(dir) {
  const { build: esbuild, stop } = await import('esbuild');
  mkdirSync(OUT, { recursive: true });
  const tmp = join(OUT, `.tmp-${process.pid}-${Date.now()}`);
  // The build runs in esbuild's own child process, kept alive until stop(): a server that had rebuilt its bundle kept
  // it running, and 4 MB of esbuild's output buffer in its heap (a heap snapshot of the idle server).
  const { outputFiles } = await esbuild({
    entryPoints: { 'reform-office': join(root, 'cli/main.ts') },
    outdir: tmp,
    bundle: true,
    splitting: true, // each module behind a dynamic import() is its own chunk, loaded on first use
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: EXTERNAL,
    // CommonJS packages inside an ESM bundle call require(): give each chunk one.
    banner: { js: "import { createRequire as __roCreateRequire } from 'node:module'; const require = __roCreateRequire(import.meta.url);" },
    legalComments: 'none',
    // No comments and ASCII only: a single non-ASCII character in a comment makes V8 hold the whole source as a
    // two-byte string (6.5 MB for the main file instead of 3.4). Identifiers stay, so stack traces keep names.
    charset: 'ascii',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    write: false,
  }).finally(() => stop());
  // esbuild leaves non-ASCII inside regular expression literals; \uXXXX means the same there and in strings.
  for (const f of outputFiles) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }
  try {
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, 'reform-office.mjs'))) throw err; // another process made the same bundle first
  }
  // Keep the three newest bundles (a running server may still load a chunk of its own).
  const old = readdirSync(OUT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => ({ p: join(OUT, e.name), t: statSync(join(OUT, e.name)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
    .slice(3);
  for (const o of old) rmSync(o.p, { recursive: true, force: true });
}

/** The URL of a bundle as new as the sources, made first if there is none. */
export async function serverBundle() {
  const stamp = Math.max(...SOURCE_DIRS.map((d) => newest(join(root, d))), ...SOURCE_FILES.map((f) => statSync(join(root, f)).mtimeMs));
  const dir = join(OUT, Math.floor(stamp).toString(36));
  const entry = join(dir, 'reform-office.mjs');
  if (!existsSync(entry)) await build(dir);
  return pathToFileURL(entry).href;
}
