import type { DB } from '../../src/storage/db.ts';
import { insertParticipant, type ParticipantRow } from '../../src/storage/repos/participants.ts';

/** A registered, consenting participant of a commune, as registration would leave them. */
export async function registerSynthetic(db: DB, n: number, communeCode: string, at: number): Promise<ParticipantRow> {
  return insertParticipant(db, {
    channel: 'test',
    external_id: `synthetic-${n}`,
    chat_id: `synthetic-${n}`,
    display_name: null,
    full_name: `Người dự thi ${n}`,
    phone: null,
    commune_code: communeCode,
    agency_code: null,
    consent_at: at,
    registered_at: at,
    step: 'ready',
    step_data: null,
    invite_code: `inv${String(n).padStart(6, '0')}`,
    invited_by: null,
    joined_via_unit: null,
    deleted_at: null,
    overall_finished_at: null,
    created_at: at,
  });
}
