import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AlertRejected, AlertUnauthorized, type AlertGroup, type AlertmanagerService } from '../domain/alerts.js';
import { ALERTMANAGER_PATH } from '../operations/messages/create-alertmanager-receiver.js';

/**
 * POST /alertmanager/v1/webhook: Prometheus Alertmanager's webhook receiver (payload version 4), with
 * `Authorization: Bearer <token of CreateAlertmanagerReceiver>`. 200 with the published message; 401 for a
 * missing or unknown token; 400 with the reason for a group that names nobody (Alertmanager logs the body
 * and does not retry a 4xx); 503 when the store cannot take it (Alertmanager retries a 5xx).
 */
export function registerAlertmanager(fastify: FastifyInstance, alerts: AlertmanagerService, log: Logger): void {
  fastify.post(ALERTMANAGER_PATH, async (req, reply) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    const answer = (status: number, body: object) => reply.code(status).header('content-type', 'application/json;charset=utf-8').send(JSON.stringify(body));
    // Bodies arrive as raw bytes (http/server.ts keeps them so for the API's signatures).
    let group: AlertGroup;
    try {
      const parsed: unknown = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
      group = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as AlertGroup) : {};
    } catch {
      return answer(400, { error: 'the body is not JSON (Alertmanager webhook payload version 4 expected)' });
    }
    try {
      const published = await alerts.receive(bearer, group);
      return answer(200, { MessageId: published.messageId, AccountCount: published.accountCount, RecipientCount: published.recipientCount });
    } catch (err) {
      if (err instanceof AlertUnauthorized) return answer(401, { error: err.message });
      if (err instanceof AlertRejected) {
        log.warn({ groupKey: group.groupKey, reason: err.message }, 'alert group refused');
        return answer(400, { error: err.message });
      }
      log.error({ err }, 'alert group could not be published; Alertmanager will retry');
      return answer(503, { error: 'the alert group could not be stored; try again' });
    }
  });
}
