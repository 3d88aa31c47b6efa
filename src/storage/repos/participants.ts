import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DB } from '../db.ts';
import { executePrepared } from '../prepared.ts';
import type { Database } from '../schema.ts';

export type ParticipantRow = Selectable<Database['participants']>;

export async function findParticipant(db: DB, channel: string, externalId: string): Promise<ParticipantRow | undefined> {
  // Every chat message and web quiz request finds its person: compiled once.
  const build = () => db.selectFrom('participants').selectAll().where('channel', '=', '').where('external_id', '=', '');
  return (await executePrepared<ParticipantRow>(db, 'findParticipant', build, [channel, externalId])).rows[0];
}

export async function getParticipant(db: DB, id: number): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByInviteCode(db: DB, inviteCode: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('invite_code', '=', inviteCode).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Inserts a participant unless (channel, external id) exists; returns the stored row either way. */
export async function insertParticipant(db: DB, row: Insertable<Database['participants']>): Promise<ParticipantRow> {
  await db
    .insertInto('participants')
    .values(row)
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .execute();
  return (await findParticipant(db, row.channel, row.external_id))!;
}

export async function updateParticipant(db: DB, id: number, changes: Updateable<Database['participants']>): Promise<void> {
  await db.updateTable('participants').set(changes).where('id', '=', id).execute();
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
 * Forgets a person: name, phone and chat ids are erased; attempts stay as anonymous counts for their unit. The row
 * keeps `identityHash` (a keyed hash of channel + account id) so that the same account registering again gets it back.
 */
export async function anonymiseParticipant(db: DB, id: number, at: number, identityHash: string | null = null): Promise<void> {
  await db
    .updateTable('participants')
    .set({
      external_id: `deleted-${id}`,
      chat_id: `deleted-${id}`,
      display_name: null,
      full_name: null,
      phone: null,
      step: 'deleted',
      step_data: null,
      reminders_off: 1,
      deleted_at: at,
      identity_hash: identityHash,
    })
    .where('id', '=', id)
    .execute();
}

/** The deleted row whose identity hash matches, if any. */
export async function findByIdentityHash(db: DB, identityHash: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('identity_hash', '=', identityHash).where('deleted_at', 'is not', null).executeTakeFirst();
}

/**
 * Gives a deleted row back to its account (the row stays deleted, off the boards, until registration completes).
 * False when another request revived it first.
 */
export async function reviveParticipant(
  db: DB,
  id: number,
  identityHash: string,
  changes: Pick<Updateable<Database['participants']>, 'external_id' | 'chat_id' | 'display_name' | 'commune_code' | 'agency_code' | 'step' | 'step_data'>,
): Promise<boolean> {
  const result = await db
    .updateTable('participants')
    .set({ ...changes, identity_hash: null, consent_at: null, consent_version: null, reminders_off: 0 })
    .where('id', '=', id)
    .where('identity_hash', '=', identityHash)
    .where('deleted_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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
  const result = await db.updateTable('participants').set({ identity_hash: null }).where('identity_hash', 'is not', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks a participant the platform says we can no longer reach (blocked the bot). */
export async function markUnreachable(db: DB, channel: string, chatId: string): Promise<void> {
  await db.updateTable('participants').set({ unreachable: 1 }).where('channel', '=', channel).where('chat_id', '=', chatId).execute();
}

/** Clears the unreachable flag: the person unblocked the bot. */
export async function markReachable(db: DB, channel: string, chatId: string): Promise<void> {
  await db.updateTable('participants').set({ unreachable: 0 }).where('channel', '=', channel).where('chat_id', '=', chatId).execute();
}
