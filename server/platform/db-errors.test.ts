import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { createTestDb, describeEachDb } from '../test/harness.ts';
import { uniqueViolation } from './db-errors.ts';
import { toErrorBody } from './http.ts';

describeEachDb('a write refused by a unique index is a 409 naming the fields', (dialect) => {
  let h: Awaited<ReturnType<typeof createTestDb>>;
  const now = '2026-12-06T00:00:00.000Z';
  beforeAll(async () => {
    h = await createTestDb(dialect);
    await migrateToLatest(h.db);
    await h.db.insertInto('offices').values({ id: 'o1', parentId: null, path: '/o1/', level: 'prefecture', name: '昌吉州', shortName: '昌吉', sortOrder: 0, version: 1, createdAt: now, updatedAt: now } as never).execute();
  });
  afterAll(() => h.drop());

  /** What the database threw for the write. */
  const refusal = async (write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (err) {
      return err;
    }
    throw new Error('the write was not refused');
  };
  const account = (id: string, username: string) => ({ id, username, displayName: username, personId: null, systemDuty: 'audit_admin', passwordHash: 'x', mustChangePassword: 0, passwordChangedAt: now, disabled: 0, lockedUntil: null, version: 1, createdAt: now, updatedAt: now });

  it('one column: CONFLICT with field and fields, the values left out', async () => {
    await h.db.insertInto('accounts').values(account('a1', 'same.name')).execute();
    const err = await refusal(() => h.db.insertInto('accounts').values(account('a2', 'same.name')).execute());
    expect(uniqueViolation(err)).toEqual({ fields: ['username'] });
    const body = toErrorBody(err);
    expect(body).toEqual({ error: { code: 'CONFLICT', message: '与现有数据冲突 / Conflicts with existing data', details: { rule: 'unique', fields: ['username'], field: 'username' } } });
    expect(JSON.stringify(body)).not.toContain('same.name');
  });

  it('several columns (units_office_name_unique): all of them, camelCased; the primary key too', async () => {
    const unit = (id: string) => ({ id, officeId: 'o1', name: '住建局', shortName: null, isMember: 1, isHost: 0, sortOrder: 0, active: 1, version: 1, createdAt: now, updatedAt: now });
    await h.db.insertInto('units').values(unit('u1') as never).execute();
    expect(toErrorBody(await refusal(() => h.db.insertInto('units').values(unit('u2') as never).execute())).error).toMatchObject({ code: 'CONFLICT', details: { fields: ['officeId', 'name'] } });
    const samePk = toErrorBody(await refusal(() => h.db.insertInto('accounts').values(account('a1', 'other.name')).execute()));
    expect(samePk.error).toMatchObject({ code: 'CONFLICT', details: { field: 'id' } });
  });

  it('any other database error stays a 500 (a foreign key, here)', async () => {
    const err = await refusal(() => h.db.insertInto('accounts').values({ ...account('a3', 'no.person'), personId: 'nobody', systemDuty: null }).execute());
    expect(uniqueViolation(err)).toBeNull();
    expect(toErrorBody(err).error.code).toBe('INTERNAL');
  });
});
