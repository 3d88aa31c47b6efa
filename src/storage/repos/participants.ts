import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DB } from '../db.ts';
import type { Database } from '../schema.ts';

export type ParticipantRow = Selectable<Database['participants']>;

export async function findParticipant(db: DB, channel: string, externalId: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('channel', '=', channel).where('external_id', '=', externalId).executeTakeFirst();
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

/** Forgets a person: name, phone and chat ids are erased; attempts stay as anonymous counts for their unit. */
export async function anonymiseParticipant(db: DB, id: number, at: number): Promise<void> {
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
    })
    .where('id', '=', id)
    .execute();
}

/** Marks a participant the platform says we can no longer reach (blocked the bot). */
export async function markUnreachable(db: DB, channel: string, chatId: string): Promise<void> {
  await db.updateTable('participants').set({ unreachable: 1 }).where('channel', '=', channel).where('chat_id', '=', chatId).execute();
}

/** Clears the unreachable flag: the person unblocked the bot. */
export async function markReachable(db: DB, channel: string, chatId: string): Promise<void> {
  await db.updateTable('participants').set({ unreachable: 0 }).where('channel', '=', channel).where('chat_id', '=', chatId).execute();
}

/** Records an inbound event id; false when it was already processed (a redelivery). */
export async function claimEvent(db: DB, channel: string, eventId: string, at: number): Promise<boolean> {
  const result = await db
    .insertInto('processed_events')
    .values({ channel, event_id: eventId, processed_at: at })
    .onConflict((oc) => oc.columns(['channel', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
