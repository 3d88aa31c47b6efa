import { createHmac } from 'node:crypto';
import { flushErasedData } from '../storage/db.ts';
import { eraseTrafficOf } from '../storage/repos/inbox.ts';
import { accountsOf } from '../storage/repos/accounts.ts';
import { deleteLinkCodesOf } from '../storage/repos/link-codes.ts';
import { revokeCertificatesOf } from '../storage/repos/certificates.ts';
import { anonymiseParticipant, eraseIdentityHashes, getParticipant } from '../storage/repos/participants.ts';
import { deleteSessionsOf } from '../storage/repos/web-sessions.ts';
import type { ServiceDeps } from './deps.ts';

export interface PrivacyService {
  /**
   * Erases name, phone, every account and its stored updates (unreadable on disk afterwards); attempts stay as
   * anonymous counts for the unit, and identity hashes stay — one per account, and one of the phone — so that any of
   * the accounts, or the same phone registering on the web, gets no fresh attempts. The person's web sessions, re-entry
   * and /noi codes are erased, and their certificates revoked.
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

/** The identity hash of a normalised phone (0xxxxxxxxx): recognises a deleted person registering again on the web. */
export function phoneHash(key: Buffer, phone: string): string {
  return identityHash(key, 'phone', phone);
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
      const keep = deps.now() < erasedAt();
      const hashes = keep ? accounts.map((a) => identityHash(deps.identity.key, a.channel, a.accountId)) : [];
      const byPhone = keep && person.phone !== null ? phoneHash(deps.identity.key, person.phone) : null;
      for (const a of accounts) await deleteSessionsOf(deps.db, a.channel, a.accountId);
      await deleteLinkCodesOf(deps.db, personId);
      await anonymiseParticipant(deps.db, personId, deps.now(), hashes, byPhone);
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
