import type { Kysely } from 'kysely';

// Participation certificates (issue 26): each one a random code (128 bits, base64url) that its QR code opens at
// /chung-nhan/<code>, and what it states — name, unit, score — until it is revoked (the person deleted their data:
// then name and unit are erased too). A round's certificate has its round; the whole contest's has none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('round_id', 'text')
    .addColumn('name', 'text')
    .addColumn('unit', 'text')
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('max_score', 'integer', (c) => c.notNull())
    .addColumn('stated_at', 'bigint', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('certificates_participant').on('certificates').columns(['participant_id', 'campaign_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificates').execute();
}
