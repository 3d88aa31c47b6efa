import type { Logger } from 'pino';
import type { Update } from 'telegraf/types';
import { secretMatches } from '../../http/secret.ts';
import type { RouteHandler } from '../../http/server.ts';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const ok = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };

/**
 * The webhook route: a request without the right X-Telegram-Bot-Api-Secret-Token gets 401 and is not read further.
 * The update is processed before answering, so Telegram redelivers what a crash interrupted.
 */
export function telegramWebhookRoute(options: { secret: string; dispatch: (u: Update) => Promise<void>; log: Logger }): RouteHandler {
  return async (req) => {
    if (!secretMatches(req.headers[SECRET_HEADER], options.secret)) {
      options.log.warn({ path: req.url.pathname }, 'webhook request with a wrong secret token refused');
      return { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":"unauthorized"}' };
    }
    let update: Update;
    try {
      update = JSON.parse(req.body.toString('utf8')) as Update;
    } catch {
      return { status: 400, body: 'invalid json' };
    }
    if (typeof update?.update_id !== 'number') return { status: 400, body: 'not an update' };
    await options.dispatch(update);
    return ok;
  };
}
