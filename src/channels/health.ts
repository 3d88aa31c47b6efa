import type { Logger } from 'pino';

/**
 * Whether this process can write its database, as the inbox sees it. A storage fault (disk full, database gone) opens
 * an incident: one error line for operators, /healthz answers 503 with the reason, each person who writes meanwhile
 * is told once. The next successful write closes it. Process memory on purpose: an incident is about this process
 * now, and a restart starts healthy.
 */
export interface Health {
  /** Records a storage fault; true when this person has not been told about the current incident yet. */
  storageFailed(err: unknown, person?: string): boolean;
  storageWorks(): void;
  status(): { ok: true } | { ok: false; reason: string; since: number };
}

export function createHealth(log: Logger, now: () => number = Date.now): Health {
  let incident: { reason: string; since: number; told: Set<string> } | undefined;
  return {
    storageFailed(err, person) {
      if (!incident) {
        const code = (err as { code?: string })?.code;
        incident = { reason: `database writes fail${code ? ` (${code})` : ''}: ${(err as Error)?.message ?? String(err)}`, since: now(), told: new Set() };
        log.error({ err }, 'database writes fail; updates are not acknowledged and will be retried');
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
    status: () => (incident ? { ok: false, reason: incident.reason, since: incident.since } : { ok: true }),
  };
}
