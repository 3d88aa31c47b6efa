import type { DB } from '../db.ts';

/** Records that the bot answered in a group chat; false when it already had (a unique key decides, across processes). */
export async function noteGroupChat(db: DB, channel: string, chatId: string, at: number): Promise<boolean> {
  const result = await db
    .insertInto('group_chats')
    .values({ channel, chat_id: chatId, noticed_at: at })
    .onConflict((oc) => oc.columns(['channel', 'chat_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
