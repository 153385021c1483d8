import { createDb } from '../server/db/db.ts';
import { verifyAuditChain } from '../server/platform/audit.ts';
import { AUDIT_KEY } from './generate.ts';
const h = createDb(process.argv[2]!);
console.log(await verifyAuditChain(h.db, AUDIT_KEY).then(r => ({ rows: r.rows, problems: r.problems.slice(0,3) })));
await h.close();
