import { setTimeout as sleep } from 'node:timers/promises';

/** How the wait grows after failures in a row: `baseMs`, doubling, at most `maxMs`, plus up to `jitter` of it at random. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
  /** Share of the wait added at random (0.2 = up to 20% more), so that many callers do not retry in step. */
  jitter?: number;
}

/** Long polling (Telegram getUpdates, Zalo getUpdates) after a transport failure: 1 s, 2 s, 4 s … up to 30 s. */
export const POLLING_BACKOFF: Backoff = { baseMs: 1000, maxMs: 30_000, jitter: 0.2 };

/** The wait after the `failures`-th failure in a row (1 for the first). */
export function backoffDelay(failures: number, policy: Backoff): number {
  const wait = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(wait + Math.random() * wait * (policy.jitter ?? 0));
}

/** Waits `ms`, or less when `signal` aborts (never rejects). */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  await sleep(ms, undefined, signal ? { signal } : undefined).catch(() => undefined);
}
