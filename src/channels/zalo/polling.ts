import type { Logger } from 'pino';
import { POLLING_BACKOFF, backoffDelay, pause } from '../backoff.ts';
import { isUnauthorized, type ZaloClient } from './client.ts';
import { parseUpdate, rawUpdateId, type ZaloUpdate } from './updates.ts';

/**
 * getUpdates long polling, for development (Zalo returns one update per call and refuses it while a webhook is set).
 * A malformed update is rejected (logged with its id) and the next one asked for at once; transport failures back
 * off (POLLING_BACKOFF); a refused token (401) stops polling with one error. `stop()` ends the loop and the poll in
 * flight.
 */
export function startZaloPolling(client: ZaloClient, onUpdate: (u: ZaloUpdate) => void, log: Logger, timeoutSeconds = 30) {
  const controller = new AbortController();
  let failures = 0;
  const loop = (async () => {
    await client.deleteWebhook().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'zalo deleteWebhook failed; polling anyway'));
    while (!controller.signal.aborted) {
      let raw: unknown;
      try {
        raw = await client.getUpdates(timeoutSeconds, controller.signal);
        failures = 0;
      } catch (err) {
        if (controller.signal.aborted) break;
        if (isUnauthorized(err)) {
          log.error('Zalo refused the bot token (401 Unauthorized): polling stopped. Check ZALO_BOT_TOKEN and restart.');
          break;
        }
        failures++;
        const waitMs = backoffDelay(failures, POLLING_BACKOFF);
        log.warn({ err: (err as Error).message, failures, waitMs }, 'zalo getUpdates failed');
        await pause(waitMs, controller.signal);
        continue;
      }
      if (raw === null || raw === undefined) continue;
      const update = parseUpdate(raw);
      if (update) onUpdate(update);
      else log.warn({ messageId: rawUpdateId(raw) }, 'zalo update rejected: not the shape of an update');
    }
  })();
  return {
    /** Resolves when the loop has ended (stopped, or the token was refused). */
    done: loop,
    async stop() {
      controller.abort();
      await loop;
    },
  };
}
