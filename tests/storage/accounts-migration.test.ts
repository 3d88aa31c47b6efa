import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { identityHash } from '../../src/services/privacy.ts';
import { migrateToLatest } from '../../src/storage/db.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { migrations } from '../../migrations/index.ts';
import { appPerTest, TEST_IDENTITY_HASH_KEY, textUser } from '../helpers/app.ts';

describe('the upgrade that adds accounts (migration 175)', () => {
  const t = appPerTest('2023-07-12T09:00:00+07:00');

  it('should give every participant not deleted their account, keep the unreachable mark, and keep a deleted person’s identity hash', async () => {
    const db = t.app.db;
    await textUser(t.app, 'u-an').register('Hà Văn An', 2);
    const leaver = textUser(t.app, 'u-ba');
    await leaver.register('Lý Thị Ba', 2);
    await textUser(t.app, 'u-halfway').say('/start');
    const ids = Object.fromEntries(await Promise.all(['u-an', 'u-ba', 'u-halfway'].map(async (u) => [u, (await findParticipant(db, 'test', u))!.id] as const)));
    await leaver.say('/xoadulieu');
    await leaver.say('1');

    // The database as the version before it left it: the hash on the row, the unreachable mark on the row.
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('2026-12-06-150-participant-web-sessions');
    expect(down.results?.find((r) => r.migrationName === '2026-12-06-175-accounts')).toMatchObject({ direction: 'Down', status: 'Success' });
    await db.updateTable('participants').set({ identity_hash: identityHash(Buffer.from(TEST_IDENTITY_HASH_KEY), 'test', 'u-ba') }).where('id', '=', ids['u-ba']!).execute();
    await db.updateTable('participants').set({ unreachable: 1 }).where('id', '=', ids['u-an']!).execute();
    expect((await migrateToLatest(db)).error).toBeUndefined();

    const accounts = await db.selectFrom('accounts').select(['channel', 'account_id', 'participant_id', 'unreachable']).orderBy('participant_id').execute();
    expect(accounts).toEqual([
      { channel: 'test', account_id: 'u-an', participant_id: ids['u-an'], unreachable: 1 },
      { channel: 'test', account_id: 'u-halfway', participant_id: ids['u-halfway'], unreachable: 0 },
    ]);
    expect(await db.selectFrom('identity_hashes').select('participant_id').execute()).toEqual([{ participant_id: ids['u-ba'] }]);
    // The deleted person's account gets its row back.
    expect(await leaver.say('/start')).toContain('Chào mừng bạn');
    expect((await findParticipant(db, 'test', 'u-ba'))!.id).toBe(ids['u-ba']);
  });
});
