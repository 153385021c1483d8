import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdSchema, OkSchema } from '../../../shared/contracts/common.ts';
import { AppError } from '../../platform/errors.ts';
import { actorContext } from '../../platform/http.ts';
import type { NotificationsService } from './notifications.service.ts';

const session = { access: { kind: 'session' } } as const;
const tags = ['notifications'];
const NotificationSchema = z.object({ id: z.string(), officeId: z.string().nullable(), kind: z.string(), title: z.string(), body: z.string().nullable(), link: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable(), emailStatus: z.string().nullable() });

export function registerNotificationsRoutes(app: FastifyInstance, svc: NotificationsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/notifications', { config: session, schema: { tags, summary: '我的提醒 / my notifications', querystring: z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: z.object({ items: z.array(NotificationSchema), unread: z.number() }) } } }, async (req) =>
    svc.list(actorContext(req).actor.accountId, req.query.unread === 'true', req.query.limit),
  );
  r.post('/api/v1/notifications/:notificationId/read', { config: session, schema: { tags, params: z.strictObject({ notificationId: IdSchema }), body: z.strictObject({}).nullish(), response: { 200: OkSchema } } }, async (req) => {
    if ((await svc.markRead(actorContext(req).actor.accountId, req.params.notificationId)) === 0) throw new AppError('NOT_FOUND', undefined, { entity: 'notification' });
    return { ok: true as const };
  });
}
