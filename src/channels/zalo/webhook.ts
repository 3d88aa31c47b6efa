import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { requireSecret } from '../../http/secret.ts';
import { parseWebhookBody, type ZaloUpdate } from './updates.ts';

const SECRET_HEADER = 'x-bot-api-secret-token';

/**
 * `POST <path>`: a missing or wrong X-Bot-Api-Secret-Token gets 403 and nothing is processed; a body that is not JSON
 * gets 400. A good delivery is acknowledged at once (Zalo wants a 2xx within a second or two) and handled in the
 * background, in order per chat.
 */
export function registerZaloWebhook(server: FastifyInstance, options: { path: string; secret: string; onUpdate: (u: ZaloUpdate) => void; log: Logger }): void {
  server.post(options.path, { onRequest: requireSecret({ header: SECRET_HEADER, secret: options.secret, status: 403, log: options.log }) }, async (request) => {
    const update = parseWebhookBody(request.body);
    if (update) options.onUpdate(update);
    else options.log.warn('zalo webhook body is not an update; acknowledged and ignored');
    return { ok: true };
  });
}
