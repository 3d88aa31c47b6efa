import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { EnvError, type Env } from '../config/env.ts';
import type { PollingLeasesService } from '../services/polling-leases.ts';
import { pause } from './backoff.ts';

export interface LeaseSettings {
  ttlMs: number;
  heartbeatMs: number;
}

/** The lease timings from the environment; a heartbeat that could miss its own lease is refused at start-up. */
export function pollingLeaseSettings(env: Pick<Env, 'POLLING_LEASE_MS' | 'POLLING_HEARTBEAT_MS'>): LeaseSettings {
  const { POLLING_LEASE_MS: ttlMs, POLLING_HEARTBEAT_MS: heartbeatMs } = env;
  if (heartbeatMs * 2 > ttlMs) {
    throw new EnvError(
      `POLLING_HEARTBEAT_MS (${heartbeatMs}) phải nhỏ hơn một nửa POLLING_LEASE_MS (${ttlMs}) / must be at most half of POLLING_LEASE_MS, so that a late heartbeat does not lose the lease`,
    );
  }
  return { ttlMs, heartbeatMs };
}

/** A running poll loop (Telegram's or Zalo's). */
export interface Poller {
  stop(): Promise<void>;
}

export interface LeasedPollingOptions {
  leases: PollingLeasesService;
  /** pollingLeaseKey(channel, token) */
  key: string;
  settings: LeaseSettings;
  log: Logger;
  /** Starts polling; called each time this process takes the lease. */
  start: () => Poller;
}

export interface LeasedPolling {
  /** Whether this process polls right now. */
  readonly polling: boolean;
  /** Stops polling and the heartbeat, then releases the lease so that a waiting process takes over at once. */
  stop(): Promise<void>;
}

/** A holder id unique to this process and channel: host and pid for operators reading the logs, random for uniqueness. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Polls only while this process holds the token's lease. Every heartbeat it claims the lease (one conditional
 * statement: renewal by the holder, or take-over once expired); the database decides, never a timing race. A
 * refused claim while polling stops the poll; a granted one while waiting starts it. A renewal that has not come
 * back one heartbeat before the lease would expire (a claim stuck behind a lock, a stalled process) stops the poll too, so
 * that the process taking it over is never a second poller (given clocks in sync). When the database cannot be
 * reached at all, the process keeps doing what it did: a polling process keeps polling (nobody is granted the lease
 * without the database, and the inbox tells people about the incident), a waiting one keeps waiting. A database that
 * hangs first stops the poll (the renewal is late), then fails the renewal by its timeout: polling starts again.
 * Resolves once the first claim was decided.
 */
export async function startLeasedPolling(options: LeasedPollingOptions): Promise<LeasedPolling> {
  const { leases, key, settings, log, start } = options;
  const holder = newHolderId();
  const stopping = new AbortController();
  let poller: Poller | undefined;
  let waitingFor: string | undefined;
  let unreachable = false;
  /** Polling was stopped because a renewal had not come back in time (not because another process holds the lease). */
  let stoppedLate = false;
  let deadline: NodeJS.Timeout | undefined;

  // A stopping poll still sends its last getUpdates (the offset confirmation): a new poll waits for it, or Telegram
  // would end the new poll with 409.
  let pollStopping: Promise<void> = Promise.resolve();
  const stopPolling = async (why: string) => {
    clearTimeout(deadline);
    const running = poller;
    poller = undefined;
    if (!running) return pollStopping;
    log.warn({ holder }, why);
    pollStopping = running.stop();
    await pollStopping;
  };

  /**
   * The lease granted at `claimedAt` (monotonic) lasts until claimedAt + ttl at the earliest; polling stops one
   * heartbeat before that, so a timer fired late on a loaded machine still stops it before another process may start.
   */
  const armDeadline = (claimedAt: number) => {
    clearTimeout(deadline);
    deadline = setTimeout(() => {
      if (unreachable || !poller) return;
      stoppedLate = true;
      // From a timer, which cannot wait: the next tick awaits the same stop (pollStopping); a failure is logged here.
      void stopPolling('polling lease not renewed in time: stopped polling until it is').catch((err: unknown) => log.error({ err, holder }, 'could not stop polling'));
    }, claimedAt + settings.ttlMs - settings.heartbeatMs - performance.now());
    deadline.unref();
  };

  const tick = async () => {
    const claimedAt = performance.now();
    let held: boolean;
    try {
      held = await leases.claim(key, holder, settings.ttlMs);
    } catch (err) {
      if (!unreachable) log.warn({ err, holder, polling: poller !== undefined || stoppedLate }, 'polling lease could not be claimed (database unreachable); carrying on as before');
      unreachable = true;
      // A renewal that hung until the database's timeout, not one stuck behind a lock: this process polled before the
      // database stopped answering, and polls again, so that people who write are told about the incident.
      if (stoppedLate && !stopping.signal.aborted) {
        stoppedLate = false;
        await pollStopping;
        if (!poller && !stopping.signal.aborted) poller = start();
      }
      return;
    }
    unreachable = false;
    stoppedLate = false;
    if (stopping.signal.aborted) return;
    if (!held) {
      await stopPolling('the polling lease is held by another process: stopped polling');
      await noteWaiting();
      return;
    }
    armDeadline(claimedAt);
    if (poller) return;
    await pollStopping;
    if (poller || stopping.signal.aborted) return;
    if (waitingFor) log.info({ holder, previous: waitingFor }, 'took over the polling lease (released, or no longer renewed by its holder): this process polls now');
    else log.info({ holder }, 'took the polling lease: this process polls');
    waitingFor = undefined;
    poller = start();
  };

  const noteWaiting = async () => {
    const current = await leases.current(key).catch(() => undefined);
    if (!current || current.holder === waitingFor) return;
    waitingFor = current.holder;
    log.info(
      { holder, pollingProcess: current.holder, expiresAt: new Date(current.expiresAt).toISOString() },
      'another process polls this bot: serving the web and waiting for its polling lease',
    );
  };

  await tick();
  // Stopping does not wait for a claim stuck in the database (a tick that ends after it changes nothing).
  const stopped = new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve(), { once: true }));
  const heartbeat = (async () => {
    while (!stopping.signal.aborted) {
      await pause(settings.heartbeatMs, stopping.signal);
      if (stopping.signal.aborted) break;
      await Promise.race([tick().catch((err: unknown) => log.error({ err, holder }, 'polling lease heartbeat failed')), stopped]);
    }
  })();

  return {
    get polling() {
      return poller !== undefined;
    },
    async stop() {
      stopping.abort();
      await heartbeat;
      clearTimeout(deadline);
      const running = poller;
      poller = undefined;
      if (!running) return;
      await running.stop();
      if (await leases.release(key, holder).catch(() => false)) log.info({ holder }, 'released the polling lease');
    },
  };
}
