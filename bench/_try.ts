import { ensureSqlite, ensurePostgres } from './generate.ts';
const scale = Number(process.env.BENCH_SCALE ?? 0.01);
const t0 = performance.now();
const s = await ensureSqlite(scale);
console.log(s, ((performance.now()-t0)/1000).toFixed(1));
if (process.env.PG) { const p = await ensurePostgres(scale); console.log(p); }
