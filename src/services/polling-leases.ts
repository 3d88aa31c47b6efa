import { createHash } from 'node:crypto';
import type { ServiceDeps } from './deps.ts';
import { claimLease, findLease, releaseLease } from '../storage/repos/leases.ts';

/** Who polls a bot token: one process at a time, by a lease row in the database. */
export interface PollingLeasesService {
  /** Takes the lease, renews it (its holder) or takes it over (once expired); true when `holder` holds it now. */
  claim(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** The current holder and expiry, for logs (absent when nobody ever held it or it was released). */
  current(key: string): Promise<{ holder: string; expiresAt: number } | undefined>;
  /** Gives the lease up, if `holder` holds it. */
  release(key: string, holder: string): Promise<boolean>;
}

/** The lease key of a bot token on a channel: the channel and a hash of the token, never the token. */
export function pollingLeaseKey(channel: string, token: string): string {
  return `${channel}:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
}

export function createPollingLeasesService(deps: Pick<ServiceDeps, 'db' | 'now'>): PollingLeasesService {
  return {
    claim: (key, holder, ttlMs) => claimLease(deps.db, { key, holder, now: deps.now(), ttlMs }),
    current: async (key) => {
      const lease = await findLease(deps.db, key);
      return lease && { holder: lease.holder, expiresAt: lease.expiresAt };
    },
    release: (key, holder) => releaseLease(deps.db, key, holder),
  };
}
