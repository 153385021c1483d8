import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarStatusSchema, CalendarYearPutSchema, CalendarYearSchema, DeadlineQuerySchema, DeadlineSchema, FeedSchema, YearParamsSchema } from '../../../shared/contracts/calendar.ts';
import { DateSchema } from '../../../shared/contracts/common.ts';
import { actorContext, etag, requestContext, requireVersion } from '../../platform/http.ts';
import type { CalendarFeedService } from './calendar-feed.service.ts';
import type { CalendarService } from './calendar.service.ts';

const tags = ['calendar'];
const session = { access: { kind: 'session' } } as const;
const manage = { access: { kind: 'system', permission: 'calendar.manage' } } as const;

export function registerCalendarRoutes(app: FastifyInstance, svc: CalendarService, feeds: CalendarFeedService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/calendar/status', { config: session, schema: { tags, summary: '已导入年度与缺失提示 / loaded years and warning', response: { 200: CalendarStatusSchema } } }, async () => svc.status());
  r.get('/api/v1/calendar/deadline', { config: session, schema: { tags, summary: 'N 个工作日后的日期 / the Nth working day after a date', querystring: DeadlineQuerySchema, response: { 200: DeadlineSchema } } }, async (req) =>
    svc.deadline(req.query.after, req.query.workingDays),
  );
  r.get('/api/v1/calendar/days/:date', { config: session, schema: { tags, params: z.strictObject({ date: DateSchema }) } }, async (req) => svc.isWorkday(req.params.date));
  r.get('/api/v1/calendar/years/:year', { config: session, schema: { tags, params: YearParamsSchema, response: { 200: CalendarYearSchema } } }, async (req, reply) => {
    const y = await svc.getYear(req.params.year);
    void reply.header('etag', etag(y.version));
    return y;
  });
  r.put('/api/v1/calendar/years/:year', { config: manage, schema: { tags, summary: '录入或替换某年节假日安排 / load or replace a year', params: YearParamsSchema, body: CalendarYearPutSchema, response: { 200: CalendarYearSchema } } }, async (req, reply) => {
    const y = await svc.putYear(req.params.year, req.body, requireVersion(req), requestContext(req));
    void reply.header('etag', etag(y.version));
    return y;
  });
  r.post('/api/v1/calendar/feed', { config: session, schema: { tags, summary: '生成（或重置）我的日历订阅地址 / issue my ICS feed URL', body: z.strictObject({ rotate: z.boolean().default(false) }).nullish(), response: { 200: FeedSchema, 409: z.any() } } }, async (req, reply) => {
    const token = await feeds.issue(actorContext(req).actor, req.body?.rotate ?? false);
    if (!token) return reply.status(409).send({ error: { code: 'CONFLICT', message: '订阅地址已生成；如遗失请重置 / a feed exists; rotate to get a new URL' } });
    return { url: `/api/v1/calendar/${token}.ics` };
  });
  r.get('/api/v1/calendar/:file', { config: { access: { kind: 'public' } }, schema: { tags, summary: 'ICS 订阅 / ICS feed', params: z.strictObject({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/) }) } }, async (req, reply) =>
    reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(await feeds.render(req.params.file.slice(0, -4))),
  );
}
