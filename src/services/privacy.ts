import { eraseTrafficOf } from '../storage/repos/inbox.ts';
import { anonymiseParticipant, getParticipant } from '../storage/repos/participants.ts';
import type { ServiceDeps } from './deps.ts';

export interface PrivacyService {
  /** Erases name, phone, chat ids and the person's stored updates; attempts stay as anonymous counts for the unit. */
  deleteData(personId: number): Promise<void>;
}

export function createPrivacyService(deps: ServiceDeps): PrivacyService {
  return {
    async deleteData(personId) {
      const person = await getParticipant(deps.db, personId);
      if (!person) return;
      await eraseTrafficOf(deps.db, person.channel, person.external_id);
      await anonymiseParticipant(deps.db, personId, deps.now());
    },
  };
}
