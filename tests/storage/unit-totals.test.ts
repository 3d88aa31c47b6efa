import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { createTestApp, playAttempt, tempDir, testClock, textUser } from '../helpers/app.ts';

type Totals = Record<string, { registered: number; participants: number; attempts: number; score_sum: number }>;

/** What the triggers keep, by code. */
async function kept(app: App): Promise<Totals> {
  const rows = await app.db.selectFrom('unit_totals').selectAll().orderBy('code').execute();
  return Object.fromEntries(rows.map((r) => [r.code, { registered: Number(r.registered), participants: Number(r.participants), attempts: Number(r.attempts), score_sum: Number(r.score_sum) }]));
}

/** The grouped query the leaderboards ran before the table existed, over both unit columns. */
async function recounted(app: App): Promise<Totals> {
  const totals: Totals = {};
  for (const column of ['commune_code', 'agency_code'] as const) {
    const rows = await app.db
      .selectFrom('participants')
      .select((eb) => [
        eb.ref(column).as('code'),
        eb.fn.countAll<number>().as('registered'),
        eb.fn.count<number>('overall_finished_at').as('participants'),
        eb.fn.sum<number>('finished_attempts').as('attempts'),
        eb.fn.sum<number>(eb.case().when('overall_finished_at', 'is not', null).then(eb.ref('overall_score')).else(0).end()).as('score_sum'),
      ])
      .where(column, 'is not', null)
      .where('registered_at', 'is not', null)
      .groupBy(column)
      .execute();
    for (const r of rows) totals[r.code!] = { registered: Number(r.registered), participants: Number(r.participants), attempts: Number(r.attempts), score_sum: Number(r.score_sum) };
  }
  return Object.fromEntries(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b)));
}

describe('unit totals kept by triggers on participants', () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T10:00:00+07:00');
  let app: App;

  const play = (userId: string, correct: number) => playAttempt(app, clock, userId, correct, 5_000);

  async function deleteData(userId: string) {
    await textUser(app, userId).say('/xoadulieu');
    expect(await textUser(app, userId).say('1')).toContain('vẫn được tính ẩn danh');
  }

  async function expectExact(step: string) {
    const totals = await kept(app);
    expect(totals, step).toEqual(await recounted(app));
    return totals;
  }

  beforeAll(async () => {
    app = await createTestApp({ now: clock.now, dir: dir.path });
  });
  afterAll(async () => {
    await app.close();
    dir.remove();
  });

  it('should equal the grouped recount after every kind of change to participants', async () => {
    await textUser(app, 'an').register('Hoàng Văn An', 1);
    await textUser(app, 'binh').register('Vi Văn Bình', 2);
    for (const a of ['/start', '1', '3', '1', 'Hội Nông dân huyện', 'Triệu Văn Nông', '0']) await textUser(app, 'nong').say(a);
    for (const a of ['/start', '1', '2', '1']) await textUser(app, 'halfway').say(a); // commune chosen, not registered
    const registered = await expectExact('registered');
    expect(Object.values(registered).reduce((s, t) => s + t.registered, 0)).toBe(4); // three communes' people + one agency's

    expect(await textUser(app, 'an').say('/doixa')).toContain('Chọn xã, thị trấn mới');
    await textUser(app, 'an').say('3');
    expect(await textUser(app, 'an').say('1')).toContain('Đã đổi xã/thị trấn');
    await expectExact('commune changed');

    await play('an', 7);
    await play('binh', 4);
    await play('nong', 9);
    const finished = await expectExact('attempts finished');
    expect(Object.values(finished).reduce((s, t) => s + t.attempts, 0)).toBe(4); // nong counts in commune and agency
    await play('an', 9); // a better second attempt raises the overall score
    await play('binh', 2); // a worse one only adds an attempt
    const beforeDeletion = await expectExact('second attempts');

    await deleteData('binh');
    const deleted = await expectExact('data deleted');
    expect(deleted).toEqual(beforeDeletion); // still counted, anonymously
    clock.advance(86_400_000);
    for (const a of ['/start', '1', 'Vi Văn Bình', '0']) await textUser(app, 'binh').say(a);
    await expectExact('registered again');
    await play('binh', 10);
    await expectExact('attempt after registering again');

    await textUser(app, 'halfway').register('Chu Thị Mai', 2);
    await deleteData('halfway'); // no attempt finished: the commune is asked again
    await textUser(app, 'halfway').register('Chu Thị Mai', 1);
    await expectExact('deleted before any attempt, registered elsewhere');

    // A row removed outright (no service does it; an operator's fix would): its contribution goes, an emptied unit vanishes.
    for (const a of ['/start', '1', '1', '1', 'Phòng Tư pháp', 'Lý Văn Tâm', '0']) await textUser(app, 'tam').say(a);
    expect((await expectExact('registered in an agency'))['TP']).toMatchObject({ registered: 1 });
    await app.db.deleteFrom('participants').where('external_id', '=', 'tam').execute();
    expect((await expectExact('row deleted'))['TP']).toBeUndefined();
  });

  it('should stay exact when concurrent transactions move people between the same units in opposite directions', async () => {
    const ids: number[] = [];
    const names = ['Lò Văn Một', 'Lò Văn Hai', 'Lò Văn Ba', 'Lò Văn Bốn', 'Lò Văn Năm', 'Lò Văn Sáu', 'Lò Văn Bảy', 'Lò Văn Tám'];
    for (const [i, name] of names.entries()) {
      expect(await textUser(app, `busy${i}`).register(name, 1 + (i % 2))).toContain('Đăng ký thành công');
      ids.push((await findParticipant(app.db, 'test', `busy${i}`))!.id);
    }
    const [x, y] = [(await findParticipant(app.db, 'test', 'busy0'))!.commune_code!, (await findParticipant(app.db, 'test', 'busy1'))!.commune_code!];
    // Eight writers at once (eight PostgreSQL connections), each moving its person back and forth and counting attempts.
    await Promise.all(
      ids.map(async (id, i) => {
        for (let n = 0; n < 15; n++) {
          await app.db.transaction().execute(async (trx) => {
            await trx.updateTable('participants').set((eb) => ({ commune_code: (n + i) % 2 ? x : y, finished_attempts: eb('finished_attempts', '+', 1) })).where('id', '=', id).execute();
          });
        }
      }),
    );
    const totals = await expectExact('after concurrent moves');
    expect(totals[x]!.attempts + totals[y]!.attempts).toBeGreaterThanOrEqual(8 * 15); // and any earlier people's
  });
});
