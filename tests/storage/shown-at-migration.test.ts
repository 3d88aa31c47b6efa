import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/services/quiz.ts';
import { migrateToLatest } from '../../src/storage/db.ts';
import { findOpenAttempt, getAttemptItems } from '../../src/storage/repos/attempts.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { migrations } from '../../migrations/index.ts';
import { appPerTest, textUser } from '../helpers/app.ts';

describe('the upgrade that adds shown_at (migration 111)', () => {
  const t = appPerTest('2023-07-12T09:00:00+07:00');

  it('should count the current question of an open attempt as shown, so a typed answer after the upgrade still counts', async () => {
    const user = textUser(t.app, 'u-upgrade');
    await user.register('Nông Thị Nâng', 2);
    await user.say('/thi');
    await user.say('A');
    // The database as the version before it left it: no stamps.
    const migrator = new Migrator({ db: t.app.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('2026-12-06-110-outbox-calls');
    expect(down.results?.find((r) => r.migrationName === '2026-12-06-111-shown-at')).toMatchObject({ direction: 'Down', status: 'Success' });
    expect((await migrateToLatest(t.app.db)).error).toBeUndefined();
    const person = (await findParticipant(t.app.db, 'test', 'u-upgrade'))!;
    const attempt = (await findOpenAttempt(t.app.db, person.id))!;
    expect((await getAttemptItems(t.app.db, attempt.id)).map((i) => i.shownAt).slice(0, 3)).toEqual([null, 0, null]);
    t.clock.advance(5_000);
    expect((await answerQuestion(t.app.deps, person.id, 1)).kind).toBe('next');
  });
});
