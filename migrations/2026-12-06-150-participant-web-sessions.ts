import type { Kysely } from 'kysely';

// The web quiz (issue 22): a participant's personal link from /thi and the session it opens share the officials'
// tables; `kind` tells them apart ('official' for every row before this version, 'participant' for the quiz's), so a
// participant's link never opens the dashboard and an official's never the quiz pages.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('web_sign_in_tokens').addColumn('kind', 'text', (c) => c.notNull().defaultTo('official')).execute();
  await db.schema.alterTable('web_sessions').addColumn('kind', 'text', (c) => c.notNull().defaultTo('official')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('web_sessions').dropColumn('kind').execute();
  await db.schema.alterTable('web_sign_in_tokens').dropColumn('kind').execute();
}
