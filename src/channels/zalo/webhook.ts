import type { Logger } from 'pino';
import { secretMatches } from '../../http/secret.ts';
import type { RouteHandler } from '../../http/server.ts';
import { parseWebhookBody, type ZaloUpdate } from './updates.ts';

const SECRET_HEADER = 'x-bot-api-secret-token';
const json = (status: number, body: unknown) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * `POST /webhooks/zalo`: a missing or wrong X-Bot-Api-Secret-Token gets 403 and nothing is processed. A good delivery
 * is acknowledged at once (Zalo wants a 2xx within a second or two) and handled in the background, in order per chat.
 */
export function zaloWebhookRoute(options: { secret: string; onUpdate: (u: ZaloUpdate) => void; log: Logger }): RouteHandler {
  return (req) => {
    if (!secretMatches(req.headers[SECRET_HEADER], options.secret)) {
      options.log.warn('zalo webhook request with a wrong secret token refused');
      return json(403, { error: 'forbidden' });
    }
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return json(400, { error: 'invalid json' });
    }
    const update = parseWebhookBody(body);
    if (!update) {
      options.log.warn('zalo webhook body is not an update; acknowledged and ignored');
      return json(200, { ok: true });
    }
    options.onUpdate(update);
    return json(200, { ok: true });
  };
}
