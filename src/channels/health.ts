import type { Logger } from 'pino';

/** Why /healthz fails, as a code: the error itself (which may name a host, a port or a path) goes only to the log. */
export type HealthReason = 'disk_full' | 'database_read_only' | 'database_timeout' | 'database_unreachable' | 'database_busy' | 'database_error';

export type HealthStatus = { ok: true } | { ok: false; reason: HealthReason; since: number };

/**
 * Whether this process can write its database, as the inbox sees it. A storage fault (disk full, database gone) opens
 * an incident: one error line for operators, /healthz answers 503 with a reason code, each person who writes meanwhile
 * is told once. The next successful write closes it. Process memory on purpose: an incident is about this process
 * now, and a restart starts healthy.
 */
export interface Health {
  /** Records a storage fault; true when this person has not been told about the current incident yet. */
  storageFailed(err: unknown, person?: string): boolean;
  storageWorks(): void;
  /** The open incident, if any. */
  status(): HealthStatus;
  /** For /healthz: the open incident, else whether the database answers the probe now. */
  check(): Promise<HealthStatus>;
}

/** The code /healthz shows for a storage error (SQLite and Node codes, PostgreSQL SQLSTATEs). */
export function healthReason(err: unknown): HealthReason {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return 'disk_full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === '25006') return 'database_read_only';
  if (code === 'ETIMEDOUT' || code === '57014' || code === '25P03') return 'database_timeout';
  if (/^(ECONN|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|08|57P)/u.test(code)) return 'database_unreachable';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '53300' || code === '55P03' || code.startsWith('40')) return 'database_busy';
  return 'database_error';
}

/**
 * `probe` asks the database on a connection of its own within a bound (openDatabaseProbe, storage/postgres.ts); it is the
 * only way /healthz learns that a database hangs while nobody writes. A failing probe is logged once until it answers
 * again; it opens no incident (people are told only when their own update cannot be stored).
 */
export function createHealth(log: Logger, now: () => number = Date.now, probe: () => Promise<void> = async () => undefined): Health {
  let incident: { reason: HealthReason; since: number; told: Set<string> } | undefined;
  let probeFailing: { reason: HealthReason; since: number } | undefined;
  const status = (): HealthStatus => (incident ? { ok: false, reason: incident.reason, since: incident.since } : { ok: true });
  return {
    storageFailed(err, person) {
      if (!incident) {
        incident = { reason: healthReason(err), since: now(), told: new Set() };
        log.error({ err, reason: incident.reason }, 'database writes fail; updates are not acknowledged and will be retried');
      }
      if (!person || incident.told.has(person)) return false;
      incident.told.add(person);
      return true;
    },
    storageWorks() {
      if (!incident) return;
      log.info({ downForMs: now() - incident.since }, 'database writes work again');
      incident = undefined;
    },
    status,
    async check() {
      if (incident) return status();
      try {
        await probe();
      } catch (err) {
        if (!probeFailing) {
          probeFailing = { reason: healthReason(err), since: now() };
          log.error({ err, reason: probeFailing.reason }, 'the database does not answer the health probe');
        }
        return { ok: false, ...probeFailing };
      }
      if (probeFailing) {
        log.info({ downForMs: now() - probeFailing.since }, 'the database answers the health probe again');
        probeFailing = undefined;
      }
      return { ok: true };
    },
  };
}
