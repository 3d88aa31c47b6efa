import type { Insertable, Selectable, Updateable } from 'kysely';
import { foldName } from '../../core/integrity.ts';
import type { DB } from '../db.ts';
import { executePrepared } from '../prepared.ts';
import type { Database } from '../schema.ts';
import { deleteAccountsOf, eraseAllIdentityHashes, findIdentityHash, insertAccount, insertIdentityHash, takeIdentityHash } from './accounts.ts';

export type ParticipantRow = Selectable<Database['participants']>;

/**
 * The person of an account (through `accounts`), with `channel`, `external_id`, `chat_id` and `unreachable` those of
 * that account (the row's own are the account it was created with).
 */
export async function findParticipant(db: DB, channel: string, externalId: string): Promise<ParticipantRow | undefined> {
  // Every chat message and web quiz request finds its person: compiled once.
  const build = () =>
    db
      .selectFrom('accounts as a')
      .innerJoin('participants as p', 'p.id', 'a.participant_id')
      .selectAll('p')
      .select(['a.channel as accountChannel', 'a.account_id as accountId', 'a.chat_id as accountChat', 'a.unreachable as accountUnreachable'])
      .where('a.channel', '=', '')
      .where('a.account_id', '=', '');
  type Joined = ParticipantRow & { accountChannel: string; accountId: string; accountChat: string; accountUnreachable: number };
  const r = (await executePrepared<Joined>(db, 'findParticipant', build, [channel, externalId])).rows[0];
  if (!r) return undefined;
  const { accountChannel, accountId, accountChat, accountUnreachable, ...row } = r;
  return { ...row, channel: accountChannel, external_id: accountId, chat_id: accountChat, unreachable: accountUnreachable };
}

export async function getParticipant(db: DB, id: number): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByInviteCode(db: DB, inviteCode: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('invite_code', '=', inviteCode).where('deleted_at', 'is', null).executeTakeFirst();
}

/**
 * Inserts a participant and its account unless (channel, external id) exists; returns the account's person either way.
 * The one place a person is created: every participant gets its account here.
 */
/** The changes, with the name's folded key beside the name whenever the name is among them. */
function withNameKey<T extends { full_name?: string | null }>(changes: T): T & { name_key?: string | null } {
  return changes.full_name === undefined ? changes : { ...changes, name_key: changes.full_name === null ? null : foldName(changes.full_name) };
}

export async function insertParticipant(db: DB, row: Insertable<Database['participants']>): Promise<ParticipantRow> {
  await db
    .insertInto('participants')
    .values(withNameKey(row))
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .execute();
  const created = await db.selectFrom('participants').select('id').where('channel', '=', row.channel).where('external_id', '=', row.external_id).executeTakeFirstOrThrow();
  await insertAccount(db, { channel: row.channel, accountId: row.external_id, chatId: row.chat_id, participantId: created.id, at: row.created_at });
  return (await findParticipant(db, row.channel, row.external_id))!;
}

export async function updateParticipant(db: DB, id: number, changes: Updateable<Database['participants']>): Promise<void> {
  await db.updateTable('participants').set(withNameKey(changes)).where('id', '=', id).execute();
}

/** Records who brought a person in (a person's or a unit's invite link). At most one per invitee. */
export async function recordInvitation(
  db: DB,
  invitation: { inviteeId: number; inviterId: number | null; unitCode: string | null; at: number },
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({ invitee_id: invitation.inviteeId, inviter_id: invitation.inviterId, unit_code: invitation.unitCode, created_at: invitation.at })
    .onConflict((oc) => oc.column('invitee_id').doNothing())
    .execute();
}

/** How many people a participant invited, and how many of them finished an attempt. */
export async function countInvited(db: DB, inviterId: number): Promise<{ total: number; finished: number }> {
  const row = await db
    .selectFrom('participants as p')
    .leftJoin('best_results as b', (j) => j.onRef('b.participant_id', '=', 'p.id'))
    .select((eb) => [eb.fn.count<number>('p.id').distinct().as('total'), eb.fn.count<number>('b.participant_id').distinct().as('finished')])
    .where('p.invited_by', '=', inviterId)
    .where('p.registered_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), finished: Number(row.finished) };
}

/**
 * Forgets a person: name, phone, chat ids and every account are erased; attempts stay as anonymous counts for their
 * unit. `identityHashes` (keyed hashes of channel + account id, one per account) are kept so that any of the accounts
 * registering again gets the row back; `phoneHash` (a keyed hash of the normalised phone) so that a web registration
 * with that phone does too.
 */
export async function anonymiseParticipant(db: DB, id: number, at: number, identityHashes: readonly string[] = [], phoneHash: string | null = null): Promise<void> {
  await deleteAccountsOf(db, id);
  for (const hash of identityHashes) await insertIdentityHash(db, hash, id, at);
  await db
    .updateTable('participants')
    .set({
      phone_hash: phoneHash,
      web_code_hash: null,
      external_id: `deleted-${id}`,
      chat_id: `deleted-${id}`,
      display_name: null,
      full_name: null,
      name_key: null,
      phone: null,
      step: 'deleted',
      step_data: null,
      reminders_off: 1,
      deleted_at: at,
      identity_hash: null,
    })
    .where('id', '=', id)
    .execute();
}

/** The row an identity hash was kept for (deleted, or already back through another of its accounts), if any. */
export async function findByIdentityHash(db: DB, identityHash: string): Promise<ParticipantRow | undefined> {
  const id = await findIdentityHash(db, identityHash);
  return id === undefined ? undefined : getParticipant(db, id);
}

/**
 * Gives a row back to a returning account: the hash is taken, the account attached, and a deleted row made the
 * account's again (it stays deleted, off the boards, until registration completes). False when another request took
 * the hash first.
 */
export async function reviveParticipant(
  db: DB,
  id: number,
  identityHash: string,
  account: { channel: string; accountId: string; chatId: string; at: number },
  changes: Pick<Updateable<Database['participants']>, 'display_name' | 'commune_code' | 'agency_code' | 'step' | 'step_data'>,
): Promise<boolean> {
  if (!(await takeIdentityHash(db, identityHash, id))) return false;
  await db
    .updateTable('participants')
    .set({ ...changes, channel: account.channel, external_id: account.accountId, chat_id: account.chatId, consent_at: null, consent_version: null, reminders_off: 0 })
    .where('id', '=', id)
    .where('deleted_at', 'is not', null)
    .execute();
  await insertAccount(db, { channel: account.channel, accountId: account.accountId, chatId: account.chatId, participantId: id, at: account.at });
  return true;
}

/** The last registration step: a first registration is dated now; a returning person keeps their first date. */
export async function completeRegistration(db: DB, id: number, at: number): Promise<void> {
  await db
    .updateTable('participants')
    .set((eb) => ({ registered_at: eb.fn.coalesce('registered_at', eb.val(at)), deleted_at: null }))
    .where('id', '=', id)
    .execute();
}

/** Erases every identity hash kept for deleted people; returns how many. */
export async function eraseIdentityHashes(db: DB): Promise<number> {
  const phones = await db
    .updateTable('participants')
    .set({ identity_hash: null, phone_hash: null })
    .where((eb) => eb.or([eb('identity_hash', 'is not', null), eb('phone_hash', 'is not', null)]))
    .executeTakeFirst();
  return Number(phones.numUpdatedRows) + (await eraseAllIdentityHashes(db));
}

/** A deleted row whose phone hash matches (the oldest, when a shared phone left several), if any. */
export async function findDeletedByPhoneHash(db: DB, phoneHash: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('phone_hash', '=', phoneHash).where('deleted_at', 'is not', null).orderBy('id').executeTakeFirst();
}

/**
 * Gives a deleted row to a web registration with the same phone, with the new web account (the row stays deleted
 * until completeRegistration, in the same transaction). False when another request revived it first.
 */
export async function reviveByPhone(db: DB, id: number, phoneHash: string, changes: Updateable<Database['participants']>): Promise<boolean> {
  const result = await db
    .updateTable('participants')
    .set({ ...withNameKey(changes), identity_hash: null, phone_hash: null })
    .where('id', '=', id)
    .where('phone_hash', '=', phoneHash)
    .where('deleted_at', 'is not', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  if (changes.channel && changes.external_id && changes.chat_id) {
    await insertAccount(db, { channel: changes.channel, accountId: changes.external_id, chatId: changes.chat_id, participantId: id, at: Number(changes.consent_at ?? 0) });
  }
  return true;
}

/** The registered person with this phone and web re-entry code hash, if any. */
export async function findByWebCode(db: DB, phone: string, codeHash: string): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('participants')
    .selectAll()
    .where('web_code_hash', '=', codeHash)
    .where('phone', '=', phone)
    .where('deleted_at', 'is', null)
    .where('registered_at', 'is not', null)
    .executeTakeFirst();
}
