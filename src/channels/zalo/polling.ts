import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ZaloClient } from './client.ts';
import type { ZaloUpdate } from './updates.ts';

/**
 * getUpdates long polling, for development (Zalo returns one update per call and refuses it while a webhook is set).
 * Errors back off exponentially up to 30 s; `stop()` ends the loop and the poll in flight.
 */
export function startZaloPolling(client: ZaloClient, onUpdate: (u: ZaloUpdate) => Promise<unknown>, log: Logger, timeoutSeconds = 30) {
  const controller = new AbortController();
  let failures = 0;
  const loop = (async () => {
    await client.deleteWebhook().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'zalo deleteWebhook failed; polling anyway'));
    while (!controller.signal.aborted) {
      try {
        const update = await client.getUpdates(timeoutSeconds, controller.signal);
        failures = 0;
        if (update) await onUpdate(update);
      } catch (err) {
        if (controller.signal.aborted) break;
        failures++;
        log.warn({ err: (err as Error).message, failures }, 'zalo getUpdates failed');
        await sleep(Math.min(30_000, 500 * 2 ** failures), undefined, { signal: controller.signal }).catch(() => undefined);
      }
    }
  })();
  return {
    async stop() {
      controller.abort();
      await loop;
    },
  };
}
