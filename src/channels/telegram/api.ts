import { TelegramError, type Telegram } from 'telegraf';
import { createCallApi, type CallApi } from './client.ts';
import { SendError } from '../../contract/channel.ts';
import { backoffDelay, pause } from '../backoff.ts';

/** How hard one Bot API call tries before giving up. */
export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  /** First backoff after a 5xx or network failure; doubles each time. */
  baseDelayMs: number;
  /** A 429 asking to wait longer than this fails at once (the caller's queue waits instead). */
  maxRetryAfterMs: number;
}

/** Replies to a person in a conversation: worth waiting a little for. */
export const REPLY_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxRetryAfterMs: 30_000 };
/** Fan-out (reminders): no retry here; the queue retries with its own backoff and rate limit. */
export const NO_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxRetryAfterMs: 0 };

export interface TelegramApi {
  /**
   * Calls a Bot API method with a timeout and the retry policy; throws SendError when it finally fails. `trying` is
   * called as each try starts (the one that succeeds is the last).
   */
  call<T = unknown>(method: string, payload: Record<string, unknown>, policy?: RetryPolicy, trying?: () => void): Promise<T>;
  /** One try, no timeout of its own, errors as thrown (long polling manages its own). */
  readonly raw: CallApi;
}

const CHANNEL = 'telegram';

/**
 * Telegram has no error code for "nothing changed" on edits: a 400 whose description says so. This is the one place
 * that reads the text; callers branch on the boolean.
 */
export function isNotModified(err: unknown): boolean {
  const cause = err instanceof SendError ? err.cause : err;
  return cause instanceof TelegramError && cause.code === 400 && /message is not modified/iu.test(cause.description);
}

/** Maps a Bot API or network failure to the kinds the app branches on. */
export function toSendError(err: unknown, method: string): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof TelegramError) {
    const code = err.code;
    const what = `${method}: ${code} ${err.description}`;
    if (code === 429) return new SendError('rate_limited', what, CHANNEL, (err.parameters?.retry_after ?? 1) * 1000, { cause: err });
    // 403: blocked by the user or deactivated. A 400 "chat not found" has no separate code; it is a 400 like any other.
    if (code === 403) return new SendError('unreachable', what, CHANNEL, undefined, { cause: err });
    if (code >= 500) return new SendError('transient', what, CHANNEL, undefined, { cause: err });
    return new SendError('rejected', what, CHANNEL, undefined, { cause: err });
  }
  // node-fetch FetchError, AbortError (our timeout), socket resets: the request may or may not have arrived.
  return new SendError('transient', `${method}: ${(err as Error)?.message ?? String(err)}`, CHANNEL, undefined, { cause: err });
}

export interface ApiOptions {
  /** Per-call timeout (default 15 s). getUpdates adds its own long-poll time on top. */
  timeoutMs?: number;
  onRetry?: (info: { method: string; attempt: number; kind: string; waitMs: number }) => void;
}

/** The Bot API as the channel uses it, over `telegram`'s token and API root (see client.ts for how calls are made). */
export function createTelegramApi(telegram: Telegram, options: ApiOptions = {}): TelegramApi {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const raw = createCallApi(telegram);
  return {
    raw,
    async call<T>(method: string, payload: Record<string, unknown>, policy: RetryPolicy = REPLY_RETRY, trying?: () => void): Promise<T> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          trying?.();
          return (await raw(method, payload, { signal: AbortSignal.timeout(timeoutMs) })) as T;
        } catch (err) {
          const failure = toSendError(err, method);
          const retriable = failure.kind === 'transient' || (failure.kind === 'rate_limited' && (failure.retryAfterMs ?? 0) <= policy.maxRetryAfterMs);
          if (!retriable || attempt >= policy.attempts) throw failure;
          const waitMs = failure.kind === 'rate_limited' ? failure.retryAfterMs! : backoffDelay(attempt, { baseMs: policy.baseDelayMs, maxMs: Infinity, jitter: 0.2 });
          options.onRetry?.({ method, attempt, kind: failure.kind, waitMs });
          await pause(waitMs);
        }
      }
    },
  };
}
