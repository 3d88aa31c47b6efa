import type { Logger } from 'pino';
import { POLLING_BACKOFF, backoffDelay, pause } from '../backoff.ts';
import { isUnauthorized, type ZaloClient } from './client.ts';
import { rawUpdateId } from './inbound.ts';

/**
 * getUpdates long polling, for development (Zalo returns one update per call and refuses it while a webhook is set).
 * A malformed update goes to the inbox like any other (which records it as rejected) and the next one is asked for
 * at once; transport failures back
 * off (POLLING_BACKOFF); a refused token (401) stops polling with one error. `stop()` ends the loop and the poll in
 * flight.
 */
export function startZaloPolling(client: ZaloClient, onUpdate: (u: unknown) => Promise<unknown>, log: Logger, timeoutSeconds = 30) {
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
      // Stored as received (a malformed one is recorded as rejected by the inbox); Zalo has no offset to confirm.
      await onUpdate(raw).catch((err: unknown) => log.debug({ err, messageId: rawUpdateId(raw) }, 'zalo update could not be stored'));
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
