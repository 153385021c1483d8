/**
 * A write refused by one of the database's unique indexes, as both drivers report it: the columns it names, as the
 * API names fields (camelCase). Two requests that both checked "not taken yet" and then both inserted (PostgreSQL runs
 * them side by side under read committed) end here; the error handler answers 409 CONFLICT naming the fields, not 500.
 * Null for any other error.
 */
export function uniqueViolation(err: unknown): { fields: string[] } | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; message?: unknown; detail?: unknown; constraint?: unknown };
  let columns: string[] = [];
  if (e.code === '23505') {
    // pg: detail "Key (office_id, name)=(…) already exists." (the values are left out of the answer).
    const m = typeof e.detail === 'string' ? /^Key \(([^)]*)\)=/.exec(e.detail) : null;
    columns = m ? m[1]!.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : [];
  } else if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // better-sqlite3: "UNIQUE constraint failed: units.office_id, units.name".
    const m = typeof e.message === 'string' ? /constraint failed: (.*)$/.exec(e.message) : null;
    columns = m ? m[1]!.split(',').map((c) => c.trim().split('.').pop()!) : [];
  } else {
    return null;
  }
  return { fields: columns.filter(Boolean).map((c) => c.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase())) };
}
