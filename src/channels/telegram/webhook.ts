import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Update } from 'telegraf/types';
import { requireSecret } from '../../http/secret.ts';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const UPDATE_SCHEMA = { type: 'object', required: ['update_id'], properties: { update_id: { type: 'integer' } } };

/**
 * The webhook route: a request without the right X-Telegram-Bot-Api-Secret-Token gets 401 and is not read further;
 * a body that is not JSON or not an update gets 400. The update is stored in the inbox before answering 200, so
 * Telegram redelivers anything a crash interrupted before it was stored.
 */
export function registerTelegramWebhook(
  server: FastifyInstance,
  options: { path: string; secret: string; dispatch: (u: Update) => Promise<unknown>; log: Logger },
): void {
  server.post(
    options.path,
    { onRequest: requireSecret({ header: SECRET_HEADER, secret: options.secret, status: 401, log: options.log }), schema: { body: UPDATE_SCHEMA } },
    async (request, reply) => {
      // The inbox throws only on a storage fault (reported there): not stored, so 503, and Telegram delivers it again
      // later. Anything else that goes wrong (an update nobody can read) is recorded as rejected and answered 200,
      // or Telegram would redeliver it for ever.
      const stored = await options.dispatch(request.body as Update).then(() => true, () => false);
      return stored ? {} : reply.code(503).send({ error: 'unavailable' });
    },
  );
}
