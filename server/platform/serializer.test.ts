import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TaskDetailSchema } from '../../shared/contracts/ledger.ts';
import { CHECK_FIRST, JsonText, jsonTextWith, SAMPLE_EVERY, responseSerializerCompiler } from './serializer.ts';

const Item = z.object({
  id: z.string(),
  name: z.string().nullable(),
  percent: z.number().nullable(),
  status: z.enum(['on_track', 'overdue']),
  tags: z.array(z.object({ k: z.string(), v: z.number() })),
  note: z.string().optional(),
  done: z.boolean(),
});
const Reply = z.object({ items: z.array(Item), total: z.number() });

async function serve(check: boolean, data: unknown, schema: z.ZodType = Reply) {
  return (await serveMany(check, [data], schema)).responses[0]!;
}

/** One app, one route answering each of `datas` in turn; what the serializer logged. */
async function serveMany(check: boolean, datas: unknown[], schema: z.ZodType = Reply) {
  const app = Fastify();
  const logged: Array<{ msg: string; detail: Record<string, unknown> }> = [];
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ check, log: (msg, detail) => logged.push({ msg, detail }) }));
  let k = 0;
  app.withTypeProvider<ZodTypeProvider>().get('/x', { schema: { response: { 200: schema } } }, async () => datas[k++] as never);
  const responses = [];
  for (let i = 0; i < datas.length; i++) responses.push(await app.inject({ method: 'GET', url: '/x' }));
  await app.close();
  return { responses, logged };
}

const sample = {
  total: 2,
  items: [
    { id: 'a', name: '州发展改革委 "审批" \\ 科室\n', percent: null, status: 'on_track', tags: [{ k: '键', v: 1.5 }], done: false, secret: 'password-hash', note: '备注' },
    { id: 'b', name: null, percent: 80, status: 'overdue', tags: [], done: true, extra: { nested: 1 } },
  ],
  internal: 'never sent',
};
/** The same reply as a presenter builds it: the schema's properties only (in an order of its own). */
const exact = { total: 2, items: sample.items.map(({ id, name, percent, status, tags, done, note }) => ({ id, name, percent, status, tags, done, ...(note ? { note } : {}) })) };
const zodJson = (d: unknown) => JSON.parse(JSON.stringify(Reply.encode(d as z.input<typeof Reply>)));

describe('response serializer (server/platform/serializer.ts)', () => {
  it('writes a presenter\'s object as JSON.stringify does (its own property order), the same JSON as zod\'s encode', async () => {
    for (const check of [false, true]) {
      const res = await serve(check, exact);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(JSON.stringify(exact));
      expect(JSON.parse(res.body)).toStrictEqual(zodJson(sample));
      expect(JSON.parse(res.body).items[0].name).toBe('州发展改革委 "审批" \\ 科室\n');
    }
  });

  it('sends a response the database wrote as JSON (JsonText) as it is, and checks it like any other', async () => {
    // PostgreSQL's json_build_object spaces its text; the value is what counts.
    const text = JSON.stringify(exact, null, 1);
    for (const check of [false, true]) {
      const res = await serve(check, new JsonText(text));
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(text);
    }
    // A property the contract lacks: with check a 500; in production logged, and only the schema's properties sent.
    const extra = new JsonText(JSON.stringify(sample));
    expect((await serve(true, extra)).statusCode).toBe(500);
    const { responses, logged } = await serveMany(false, [extra]);
    expect(responses[0]!.statusCode).toBe(200);
    expect(JSON.parse(responses[0]!.body)).toStrictEqual(zodJson(sample));
    expect(logged).toHaveLength(1);
  });

  it('jsonTextWith splices a part the database wrote into an object\'s JSON, unparsed, and the serializer checks the whole', async () => {
    const items = JSON.stringify(exact.items, null, 1);
    const spliced = jsonTextWith({ total: 2 }, 'items', items);
    expect(spliced.text).toBe(`{"total":2,"items":${items}}`);
    expect(JSON.parse(spliced.text)).toStrictEqual(exact);
    expect(JSON.parse(jsonTextWith({}, 'items', '[]').text)).toStrictEqual({ items: [] });
    for (const check of [false, true]) expect((await serve(check, spliced)).body).toBe(spliced.text);
    // A spliced part with a property the contract lacks fails the check like any response.
    expect((await serve(true, jsonTextWith({ total: 2 }, 'items', JSON.stringify(sample.items)))).statusCode).toBe(500);
  });

  it('with check (tests), a response carrying a property its contract lacks is a 500, never sent', async () => {
    const res = await serve(true, sample);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('password-hash');
    expect(res.body).toContain('at .items[0].secret');
  });

  it('in production, a route whose response differs from its schema is logged and from then on writes only the schema\'s properties', async () => {
    const { responses, logged } = await serveMany(false, [sample, exact, sample]);
    for (const res of responses) {
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body)).toStrictEqual(zodJson(sample));
      expect(res.body).not.toContain('password-hash');
      expect(res.body).not.toContain('never sent');
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]!.detail).toEqual({ method: 'GET', url: '/x', at: '.items[0].secret' });
  });

  it(`in production, the first ${CHECK_FIRST} responses and one in ${SAMPLE_EVERY} after them are checked`, async () => {
    // Response CHECK_FIRST + 1 is not checked (sent as the presenter made it); response SAMPLE_EVERY is.
    const datas: unknown[] = Array.from({ length: SAMPLE_EVERY + 1 }, () => exact);
    datas[CHECK_FIRST] = sample;
    datas[SAMPLE_EVERY - 1] = sample;
    datas[SAMPLE_EVERY] = sample;
    const { responses, logged } = await serveMany(false, datas);
    expect(responses[CHECK_FIRST]!.body).toContain('password-hash');
    expect(responses[SAMPLE_EVERY - 1]!.body).not.toContain('password-hash');
    expect(responses[SAMPLE_EVERY]!.body).not.toContain('password-hash');
    expect(logged).toHaveLength(1);
  });

  it('with check, a response its schema refuses is a 500, not a malformed answer', async () => {
    const bad = { total: 1, items: [{ ...sample.items[1], status: 'unknown-status' }] };
    const res = await serve(true, bad);
    expect(res.statusCode).toBe(500);
  });

  it('keeps zod for a schema JSON Schema cannot express (a Date)', async () => {
    const WithDate = z.object({ at: z.date() });
    const res = await serve(false, { at: new Date('2026-12-05T08:00:00Z') }, WithDate);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ at: '2026-12-05T08:00:00.000Z' });
  });

  it('writes a task page as zod does (nullable fields, enums, nested arrays)', async () => {
    const task = {
      id: 't1', officeId: 'o1', parentId: null, originTaskId: null, depth: 0, code: '2026-03-2', title: '推行“拿地即开工”', leadUnitId: 'u1', leadUnitName: '州住建局',
      deadline: '2026-12-31', keyTask: true, percent: 40, status: 'on_track', lastUpdateOn: '2026-11-30', childCount: 0, version: 3, description: null,
      source: { type: 'plan_clause', ref: '三（二）', label: null }, expectedResult: null, weight: 1, atRiskFrom: '2026-12-17', deadlineProblem: null, doneAt: null,
      doneByName: null, cancelledAt: null, cancelReason: null, cooperatingUnits: [{ id: 'u2', name: '州自然资源局' }], milestones: [], children: [], counties: [], rollup: null,
      updates: [], history: [{ at: '2026-11-30T02:00:00.000Z', action: 'task.progress', actorName: '张三', title: '报送进展 / Progress reported' }], extensions: [], abilities: ['update'],
    };
    const parsed = TaskDetailSchema.safeParse(task);
    expect(parsed.error).toBeUndefined();
    const res = await serve(true, task, TaskDetailSchema);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(JSON.stringify(TaskDetailSchema.encode(task as z.input<typeof TaskDetailSchema>)));
  });
});
