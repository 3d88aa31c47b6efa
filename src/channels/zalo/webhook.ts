import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { requireSecret } from '../../http/secret.ts';

const SECRET_HEADER = 'x-bot-api-secret-token';

/**
 * `POST <path>`: a missing or wrong X-Bot-Api-Secret-Token gets 403 and nothing is processed; a body that is not JSON
 * gets 400. A delivery is acknowledged once it is stored in the inbox (a few milliseconds), then processed in order
 * per person; a crash before the store means Zalo delivers it again.
 */
export function registerZaloWebhook(server: FastifyInstance, options: { path: string; secret: string; onUpdate: (u: unknown) => Promise<unknown>; log: Logger }): void {
  server.post(options.path, { onRequest: requireSecret({ header: SECRET_HEADER, secret: options.secret, status: 403, log: options.log }) }, async (request, reply) => {
    // Stored (or recorded as rejected) before the 200: a crash before that means Zalo delivers it again. The inbox
    // throws only on a storage fault (reported there): 503, delivered again later; an update it cannot handle is
    // recorded as rejected and answered 200, or Zalo would redeliver it for ever.
    const body = request.body as { result?: unknown } | null;
    const stored = await options.onUpdate(body && typeof body === 'object' && 'result' in body ? body.result : body).then(() => true, () => false);
    return stored ? { ok: true } : reply.code(503).send({ ok: false });
  });
}
