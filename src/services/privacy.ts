import { anonymiseParticipant } from '../storage/repos/participants.ts';
import type { ServiceDeps } from './deps.ts';

export interface PrivacyService {
  /** Erases name, phone and chat ids; attempts stay as anonymous counts for the unit. */
  deleteData(personId: number): Promise<void>;
}

export function createPrivacyService(deps: ServiceDeps): PrivacyService {
  return { deleteData: (personId) => anonymiseParticipant(deps.db, personId, deps.now()) };
}
