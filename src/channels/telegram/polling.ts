import type { Logger } from 'pino';
import type { Update } from 'telegraf/types';
import { POLLING_BACKOFF, backoffDelay, pause } from '../backoff.ts';
import { toSendError, type TelegramApi } from './api.ts';

/** The update kinds the bot handles; Telegram does not send the others. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export interface PollingOptions {
  api: TelegramApi;
  /** Stores one update (in the inbox); the batch is confirmed once all are stored. */
  dispatch: (update: Update) => Promise<unknown>;
  log: Logger;
  /** Long-poll wait per getUpdates (default 25 s). */
  timeoutSeconds?: number;
  limit?: number;
}

export interface Polling {
  /** Stops asking for updates, lets the batch in hand finish and confirms it to Telegram. */
  stop(): Promise<void>;
  /** Resolves when the loop has ended. */
  readonly done: Promise<void>;
}

/**
 * Long polling. A batch is confirmed (by asking with a higher offset) only after all of its updates are stored in
 * the inbox, so a crash means redelivery, which the inbox's unique update id turns into a no-op — never a lost tap.
 */
export function startPolling(options: PollingOptions): Polling {
  const { api, dispatch, log } = options;
  const timeout = options.timeoutSeconds ?? 25;
  const stopping = new AbortController();
  let offset = 0;
  let failures = 0;

  const fetchBatch = async (): Promise<Update[]> => {
    const signal = AbortSignal.any([stopping.signal, AbortSignal.timeout((timeout + 15) * 1000)]);
    return (await api.raw('getUpdates', { offset, limit: options.limit ?? 32, timeout, allowed_updates: ALLOWED_UPDATES }, { signal })) as Update[];
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      let updates: Update[];
      try {
        updates = await fetchBatch();
        failures = 0;
      } catch (err) {
        if (stopping.signal.aborted) break;
        const failure = toSendError(err, 'getUpdates');
        failures += 1;
        // 409: a webhook is set or another instance polls; 401: wrong token. Keep trying, loudly, with backoff.
        const waitMs = failure.kind === 'rate_limited' ? failure.retryAfterMs! : backoffDelay(failures, POLLING_BACKOFF);
        log[failure.kind === 'transient' ? 'warn' : 'error']({ err: failure, waitMs }, 'getUpdates failed');
        await pause(waitMs, stopping.signal);
        continue;
      }
      try {
        await Promise.all(updates.map((u) => dispatch(u)));
      } catch (err) {
        // Not stored (the database failed): the offset stays, so Telegram sends the batch again.
        failures += 1;
        // The inbox reports the incident once; each retry is only worth a debug line.
        log.debug({ err }, 'storing updates failed; the batch will be asked for again');
        await pause(backoffDelay(failures, POLLING_BACKOFF), stopping.signal);
        continue;
      }
      // Only an integer update_id moves the offset: a missing, string ("40" would make "401"), fractional or NaN one
      // (recorded as rejected by the inbox) would confirm the wrong updates or none, and getUpdates would loop.
      for (const u of updates as { update_id?: unknown }[]) {
        if (Number.isSafeInteger(u.update_id)) offset = Math.max(offset, (u.update_id as number) + 1);
      }
    }
  };

  const done = loop().finally(async () => {
    if (offset === 0) return;
    // Confirm the last batch so a restart does not receive it again (harmless if it does).
    await api.raw('getUpdates', { offset, limit: 1, timeout: 0 }, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  });

  return {
    done,
    async stop() {
      stopping.abort();
      await done;
    },
  };
}
