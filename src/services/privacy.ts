import { createHmac } from 'node:crypto';
import { flushErasedData } from '../storage/db.ts';
import { eraseTrafficOf } from '../storage/repos/inbox.ts';
import { revokeCertificatesOf } from '../storage/repos/certificates.ts';
import { anonymiseParticipant, eraseIdentityHashes, getParticipant } from '../storage/repos/participants.ts';
import type { ServiceDeps } from './deps.ts';

export interface PrivacyService {
  /**
   * Erases name, phone, chat ids and the person's stored updates (unreadable on disk afterwards); attempts stay as
   * anonymous counts for the unit, their certificates are revoked, and an identity hash stays so that the same account registering again gets no
   * fresh attempts.
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
      await eraseTrafficOf(deps.db, person.channel, person.external_id);
      // Kept only while it can matter: until the hashes are erased.
      const hash = deps.now() < erasedAt() ? identityHash(deps.identity.key, person.channel, person.external_id) : null;
      await anonymiseParticipant(deps.db, personId, deps.now(), hash);
      // Their certificates' check pages say "đã thu hồi" from now on, and no longer keep the name and unit they stated.
      await revokeCertificatesOf(deps.db, personId, deps.now());
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
