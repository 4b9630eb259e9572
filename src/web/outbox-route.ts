import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { CONTROL_CHARACTER } from '../protocol/params.js';
import { DEFAULT_HOST_ID, errorBody } from '../protocol/render.js';
import type { Store } from '../store/store.js';
import { outboxMessageBody } from '../domain/outbox.js';
import type { Channel } from './outbox-exposure.js';

/** The newest captured messages GET /_rdc/outbox answers with. */
export const OUTBOX_LIMIT = 1000;

/**
 * GET /_rdc/outbox[?to=<address or number>]: the captured verification messages and published notices, oldest first, for
 * people and CI pipelines running without SMTP or an SMS provider. The field names are a contract.
 * Registered only as outboxExposure decides; shows only `channels` (those without real delivery).
 */
export function registerOutbox(fastify: FastifyInstance, store: Store, channels: readonly Channel[]): void {
  fastify.get('/_rdc/outbox', async (req, reply) => {
    const to = (req.query as Record<string, unknown>).to;
    if (typeof to === 'string' && CONTROL_CHARACTER.test(to)) {
      const err = new ApiError('InvalidParameter.To', { message: 'The to filter must not contain control characters.' });
      return reply.code(err.status).header('content-type', 'application/json;charset=utf-8').send(JSON.stringify(errorBody(err, req.id, DEFAULT_HOST_ID)));
    }
    const rows = await store.outbox.listCaptured(typeof to === 'string' && to !== '' ? to : undefined, channels, OUTBOX_LIMIT);
    const Messages = rows.map(outboxMessageBody);
    return reply.code(200).header('content-type', 'application/json;charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify({ Messages }));
  });
}
