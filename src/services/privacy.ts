import { createHmac } from 'node:crypto';
import { flushErasedData } from '../storage/db.ts';
import { eraseTrafficOf } from '../storage/repos/inbox.ts';
import { accountsOf } from '../storage/repos/accounts.ts';
import { deleteLinkCodesOf } from '../storage/repos/link-codes.ts';
import { anonymiseParticipant, eraseIdentityHashes, getParticipant } from '../storage/repos/participants.ts';
import type { ServiceDeps } from './deps.ts';

export interface PrivacyService {
  /**
   * Erases name, phone, every account and its stored updates (unreadable on disk afterwards); attempts stay as
   * anonymous counts for the unit, and an identity hash per account stays so that any of them registering again gets
   * no fresh attempts.
   */
  deleteData(personId: number): Promise<void>;
  /** Erases the identity hashes once their retention after the contest's close has passed; returns how many. */
  eraseExpiredIdentityHashes(): Promise<number>;
  /** When the identity hashes are erased (epoch ms). */
  identityHashesErasedAt(): number;
}

/** HMAC-SHA256 of channel + account id: recognises a returning account without keeping who it is. */
export function identityHash(key: Buffer, channel: string, userId: string): string {
  return createHmac('sha256', key).update(`${channel}\n${userId}`).digest('hex');
}

export function createPrivacyService(deps: ServiceDeps): PrivacyService {
  const erasedAt = () => deps.campaign.closesAt + deps.identity.retentionMs;
  return {
    async deleteData(personId) {
      const person = await getParticipant(deps.db, personId);
      if (!person || person.deleted_at !== null) return;
      // Every account of the person (a merged person has several): its traffic erased, one identity hash each.
      const accounts = await accountsOf(deps.db, personId);
      for (const a of accounts) await eraseTrafficOf(deps.db, a.channel, a.accountId);
      // Kept only while it can matter: until the hashes are erased.
      const hashes = deps.now() < erasedAt() ? accounts.map((a) => identityHash(deps.identity.key, a.channel, a.accountId)) : [];
      await deleteLinkCodesOf(deps.db, personId);
      await anonymiseParticipant(deps.db, personId, deps.now(), hashes);
      // The erased values leave the files only once committed: inside an update's transaction, after its commit.
      if (deps.afterCommit) deps.afterCommit(flushErasedData);
      else await flushErasedData(deps.db);
    },
    async eraseExpiredIdentityHashes() {
      if (deps.now() < erasedAt()) return 0;
      const erased = await eraseIdentityHashes(deps.db);
      if (erased) deps.log.info({ erased }, 'identity hashes of deleted people erased');
      return erased;
    },
    identityHashesErasedAt: erasedAt,
  };
}
