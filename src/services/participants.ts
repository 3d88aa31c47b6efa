import { randomBytes } from 'node:crypto';
import { parseStep, stepColumns, type Step } from '../core/step.ts';
import { inTransaction } from '../storage/db.ts';
import type { Unit } from '../core/types.ts';
import {
  completeRegistration,
  countInvited,
  findByIdentityHash,
  findByInviteCode,
  findParticipant,
  getParticipant,
  insertParticipant,
  recordInvitation,
  reviveParticipant,
  updateParticipant,
  type ParticipantRow,
} from '../storage/repos/participants.ts';
import { listFinishedAttempts } from '../storage/repos/attempts.ts';
import { moveAccountChat } from '../storage/repos/accounts.ts';
import { parseInvitePayload } from '../core/invites.ts';
import { applyDecisionOnRegistration } from './integrity.ts';
import type { ServiceDeps } from './deps.ts';
import { identityHash } from './privacy.ts';

/**
 * A participant as the dialogue sees it. `channel`, `externalId` and `chatId` are the account the person was found by
 * (`find`), or the one the row was created with (`personById`).
 */
export interface Person {
  id: number;
  channel: string;
  externalId: string;
  chatId: string;
  displayName: string | null;
  fullName: string | null;
  phone: string | null;
  communeCode: string | null;
  agencyCode: string | null;
  registered: boolean;
  /** Came back after deleting their data, having finished an attempt: commune and agency stay as they were. */
  unitsKept: boolean;
  step: Step;
  inviteCode: string;
  overallScore: number;
  overallDurationMs: number;
}

function toPerson(r: ParticipantRow): Person {
  return {
    id: r.id,
    channel: r.channel,
    externalId: r.external_id,
    chatId: r.chat_id,
    displayName: r.display_name,
    fullName: r.full_name,
    phone: r.phone,
    communeCode: r.commune_code,
    agencyCode: r.agency_code,
    // A returning person's row stays deleted (off the boards) until they register again.
    registered: r.registered_at !== null && r.deleted_at === null,
    unitsKept: r.deleted_at !== null && r.finished_attempts > 0,
    step: parseStep(r.step, r.step_data),
    inviteCode: r.invite_code,
    overallScore: r.overall_score,
    overallDurationMs: r.overall_duration_ms,
  };
}

/** What registration steps store; `registered` marks the last step done. */
export interface ProfileChanges {
  consented?: boolean;
  communeCode?: string;
  agencyCode?: string | null;
  fullName?: string;
  phone?: string | null;
  /**
   * The number came from the platform itself (Telegram's contact button: the account's own number): verified by that
   * channel. A typed number (Zalo, the web, Telegram without the button) is not; a new number drops a verification.
   */
  phoneVerifiedBy?: string;
}

export interface FirstContact {
  channel: string;
  userId: string;
  chatId: string;
  displayName?: string;
}

export interface ParticipantsService {
  find(channel: string, userId: string): Promise<Person | undefined>;
  /**
   * Creates the row for a first contact, applying a valid invite payload (a unit's link pre-selects that unit; a
   * person's link records who invited whom). Unknown or forged payloads are ignored.
   */
  create(contact: FirstContact, payload: string | undefined): Promise<{ person: Person; viaUnit?: Unit; inviterName?: string }>;
  /** Saves registration answers and moves to `next`; reaching `ready` completes the registration. */
  saveProfile(personId: number, changes: ProfileChanges, next: Step): Promise<void>;
  setStep(personId: number, step: Step): Promise<void>;
  /** The person wrote from another chat of the same account. */
  moveChat(account: { channel: string; userId: string }, chatId: string): Promise<void>;
  /** False once the person has finished an attempt: the unit counted then stays. */
  canChangeCommune(personId: number): Promise<boolean>;
  changeCommune(personId: number, code: string): Promise<'changed' | 'unknown' | 'refused'>;
  setReminders(personId: number, on: boolean): Promise<void>;
  /**
   * A unit's code typed during registration (Zalo links carry no payload; people type "/start u-06340"): counts as
   * joining through the unit's link and answers that unit's question. Once per person, before registration ends.
   */
  joinViaUnit(personId: number, payload: string): Promise<Unit | undefined>;
  countInvited(personId: number): Promise<{ total: number; finished: number }>;
  /**
   * An official who called the number marks it verified (who and when kept), only for a registered person of
   * `unitCode` when given (a unit official's own unit) with a phone. False when nothing was marked.
   */
  verifyPhone(personId: number, by: string, unitCode?: string): Promise<boolean>;
}

export function createParticipantsService(deps: ServiceDeps): ParticipantsService {
  const { db } = deps;
  const canChangeCommune = async (id: number) => (await listFinishedAttempts(db, id)).length === 0;

  /**
   * The same account after /xoadulieu: its old row back (attempts used stay used, counted once). Commune and agency
   * stay once an attempt was finished (as /doixa would keep them); otherwise they are asked again.
   */
  async function revive(contact: FirstContact, unit: Unit | undefined): Promise<{ person: Person } | undefined> {
    const hash = identityHash(deps.identity.key, contact.channel, contact.userId);
    const old = await findByIdentityHash(db, hash);
    if (!old) return undefined;
    const kept = old.finished_attempts > 0;
    // The account is attached again; a row still deleted (no other account of it came back first) is reset to consent.
    await reviveParticipant(db, old.id, hash, { channel: contact.channel, accountId: contact.userId, chatId: contact.chatId, at: deps.now() }, {
      display_name: contact.displayName ?? null,
      commune_code: kept ? old.commune_code : unit?.kind === 'commune' ? unit.code : null,
      agency_code: kept ? old.agency_code : unit?.kind === 'agency' ? unit.code : null,
      ...stepColumns({ kind: 'consent' }),
    });
    // Revived by a concurrent first message of the same account: the account answers to the row either way.
    const row = await findParticipant(db, contact.channel, contact.userId);
    return row && { person: toPerson(row) };
  }
  return {
    find: async (channel, userId) => {
      const row = await findParticipant(db, channel, userId);
      return row && toPerson(row);
    },
    async create(contact, payload) {
      const now = deps.now();
      const invite = parseInvitePayload(payload);
      const unit = invite?.kind === 'unit' ? deps.units.find((u) => u.code === invite.code) : undefined;
      const returning = await revive(contact, unit);
      if (returning) return returning;
      let inviter = invite?.kind === 'person' ? await findByInviteCode(db, invite.code) : undefined;
      if (inviter && inviter.channel === contact.channel && inviter.external_id === contact.userId) inviter = undefined;
      const row = await insertParticipant(db, {
        channel: contact.channel,
        external_id: contact.userId,
        chat_id: contact.chatId,
        display_name: contact.displayName ?? null,
        full_name: null,
        phone: null,
        commune_code: unit?.kind === 'commune' ? unit.code : null,
        agency_code: unit?.kind === 'agency' ? unit.code : null,
        consent_at: null,
        registered_at: null,
        ...stepColumns({ kind: 'consent' }),
        invite_code: randomBytes(6).toString('base64url'),
        invited_by: inviter?.id ?? null,
        joined_via_unit: unit?.code ?? null,
        deleted_at: null,
        overall_finished_at: null,
        created_at: now,
      });
      if (unit || inviter) await recordInvitation(db, { inviteeId: row.id, inviterId: inviter?.id ?? null, unitCode: unit?.code ?? null, at: now });
      return { person: toPerson(row), ...(unit ? { viaUnit: unit } : {}), ...(inviter?.full_name ? { inviterName: inviter.full_name } : {}) };
    },
    async saveProfile(personId, changes, next) {
      const now = deps.now();
      const update = (trx: typeof db) =>
        updateParticipant(trx, personId, {
          ...(changes.consented ? { consent_at: now, consent_version: deps.campaign.privacy.consentVersion } : {}),
          ...(changes.communeCode !== undefined ? { commune_code: changes.communeCode } : {}),
          ...(changes.agencyCode !== undefined ? { agency_code: changes.agencyCode } : {}),
          ...(changes.fullName !== undefined ? { full_name: changes.fullName } : {}),
          ...(changes.phone !== undefined ? { phone: changes.phone, phone_verified_at: changes.phoneVerifiedBy ? now : null, phone_verified_by: changes.phoneVerifiedBy ?? null } : {}),
          ...stepColumns(next),
        });
      // The last step also ends a returning person's deletion, in the same transaction.
      if (next.kind !== 'ready') return update(db);
      await inTransaction(db, async (tx) => {
        await update(tx);
        await completeRegistration(tx, personId, now);
        await applyDecisionOnRegistration({ ...deps, db: tx }, personId);
      });
    },
    setStep: (personId, step) => updateParticipant(db, personId, stepColumns(step)),
    moveChat: (account, chatId) => moveAccountChat(db, account.channel, account.userId, chatId),
    canChangeCommune,
    async changeCommune(personId, code) {
      if (!deps.units.some((u) => u.kind === 'commune' && u.code === code)) return 'unknown';
      if (!(await canChangeCommune(personId))) return 'refused';
      await updateParticipant(db, personId, { commune_code: code, ...stepColumns({ kind: 'ready' }) });
      return 'changed';
    },
    setReminders: (personId, on) => updateParticipant(db, personId, { reminders_off: on ? 0 : 1 }),
    async joinViaUnit(personId, payload) {
      const invite = parseInvitePayload(payload);
      const unit = invite?.kind === 'unit' ? deps.units.find((u) => u.code === invite.code && (u.kind === 'commune' || u.kind === 'agency')) : undefined;
      const row = unit && (await getParticipant(db, personId));
      if (!unit || !row || row.registered_at !== null || row.joined_via_unit !== null) return undefined;
      await updateParticipant(db, personId, { joined_via_unit: unit.code, ...(unit.kind === 'commune' ? { commune_code: unit.code } : { agency_code: unit.code }) });
      await recordInvitation(db, { inviteeId: personId, inviterId: row.invited_by, unitCode: unit.code, at: deps.now() });
      return unit;
    },
    countInvited: (personId) => countInvited(db, personId),
    async verifyPhone(personId, by, unitCode) {
      const row = await getParticipant(db, personId);
      if (!row || row.phone === null || row.registered_at === null || row.deleted_at !== null) return false;
      if (unitCode && row.commune_code !== unitCode && row.agency_code !== unitCode) return false;
      if (row.phone_verified_at === null) await updateParticipant(db, personId, { phone_verified_at: deps.now(), phone_verified_by: by });
      deps.log.info({ personId, by }, 'phone marked verified');
      return true;
    },
  };
}

/** For services that need a fresh read of one person by id. */
export async function personById(deps: Pick<ServiceDeps, 'db'>, id: number): Promise<Person | undefined> {
  const row = await getParticipant(deps.db, id);
  return row && toPerson(row);
}
