import type { Kysely } from 'kysely';

// When each round's results were first seen final (issue 25: results wait for the review of the round's flags): an
// exclusion decided after that shows as a correction in /ketquavong and on the public page.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('round_publications')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_publications_pk', ['campaign_id', 'round_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('round_publications').execute();
}
