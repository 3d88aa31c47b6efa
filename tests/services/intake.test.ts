import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { createTestApp, tempDir, testClock, textUser } from '../helpers/app.ts';

// The last hour of week 1 of the shipped 2023 campaign (round 1 closes at the end of 9/7).
const LATE_IN_ROUND_1 = '2023-07-09T23:50:00+07:00';
const AFTER_ROUND_1 = '2023-07-10T08:00:00+07:00';

describe('the inbox service', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: App;
  const clock = testClock(LATE_IN_ROUND_1);

  beforeEach(async () => {
    dir = tempDir();
    clock.set(LATE_IN_ROUND_1);
    app = await createTestApp({ now: clock.now, dir: dir.path });
  });
  afterEach(async () => {
    await app.close();
    dir.remove();
  });

  it('should judge an update at the time it was received, not when it is processed', async () => {
    const user = textUser(app, 'u-late');
    await user.register('Hà Thị Muộn', 2);
    await user.say('/thi');
    const person = (await app.services.participants.find('test', 'u-late'))!;
    await app.services.intake.receive({ bot: 'test-bot', channel: 'test', updateId: '1', chatKey: 'u-late', payload: '"A"' });
    // Processed after the round closed (a restart, a backlog): the answer still counts.
    clock.set(AFTER_ROUND_1);
    const processed = await app.services.intake.processNext('test', 'u-late', async (_u, services) => {
      const result = await services.quiz.answer(person.id, 0);
      return { outcome: result.kind };
    });
    expect(processed.processed).toBe(true);
    const row = await app.db.selectFrom('inbox').select(['status', 'outcome', 'payload']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'processed', outcome: 'next', payload: null });
    const answers = await app.db.selectFrom('answers').select('answered_at').execute();
    expect(answers.map((a) => a.answered_at)).toEqual([Date.parse(LATE_IN_ROUND_1)]);
  });

  it('should roll back the answer and keep the update when processing fails, then process it on the next try', async () => {
    const user = textUser(app, 'u-crash');
    await user.register('Lò Văn Lỗi', 2);
    await user.say('/thi');
    const person = (await app.services.participants.find('test', 'u-crash'))!;
    await app.services.intake.receive({ bot: 'test-bot', channel: 'test', updateId: '7', chatKey: 'u-crash', payload: '"A"' });
    const failing = app.services.intake.processNext('test', 'u-crash', async (_u, services) => {
      await services.quiz.answer(person.id, 0);
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    });
    await expect(failing).rejects.toThrow('disk I/O error');
    expect(await app.db.selectFrom('answers').selectAll().execute()).toHaveLength(0);
    const ok = await app.services.intake.processNext('test', 'u-crash', async (_u, services) => ({ outcome: (await services.quiz.answer(person.id, 0)).kind }));
    expect(ok.processed).toBe(true);
    expect(await app.db.selectFrom('answers').selectAll().execute()).toHaveLength(1);
  });

  it('should hold a person’s next update while one of their replies waits, and erase texts once delivered', async () => {
    await app.services.intake.receive({ bot: 'test-bot', channel: 'test', updateId: '1', chatKey: 'u-1', payload: '"hi"' });
    await app.services.intake.receive({ bot: 'test-bot', channel: 'test', updateId: '2', chatKey: 'u-1', payload: '"again"' });
    expect(await app.services.intake.receive({ bot: 'test-bot', channel: 'test', updateId: '2', chatKey: 'u-1', payload: '"again"' })).toBe('duplicate');
    await app.services.intake.processNext('test', 'u-1', async () => ({ outcome: 'replied', reply: { chatId: 'c-1', body: '{"text":"xin chào"}', parts: 1 } }));
    const seen: string[] = [];
    expect((await app.services.intake.processNext('test', 'u-1', async (u) => (seen.push(u.payload), { outcome: 'replied' }))).processed).toBe(false);
    // Recorded as taken by the process that processed it: due for another sender only once that lease has run out.
    expect(await app.services.intake.nextReply('test', 'u-1')).toBeUndefined();
    clock.advance(11_000);
    const reply = (await app.services.intake.nextReply('test', 'u-1'))!;
    expect(reply.body).toBe('{"text":"xin chào"}');
    await app.services.intake.replySettled(reply.id, 'delivered');
    expect((await app.services.intake.processNext('test', 'u-1', async (u) => (seen.push(u.payload), { outcome: 'replied' }))).processed).toBe(true);
    expect(seen).toEqual(['"again"']);
    const outbox = await app.db.selectFrom('outbox').select(['status', 'body']).execute();
    expect(outbox).toEqual([{ status: 'delivered', body: null }]);
  });

  it('should prune settled traffic after the retention period and keep what is still waiting', async () => {
    await app.services.intake.receive({ bot: 'test-bot', channel: 'test', updateId: '1', chatKey: 'u-1', payload: '1' });
    await app.services.intake.processNext('test', 'u-1', async () => ({ outcome: 'ignored' }));
    await app.services.intake.receive({ bot: 'test-bot', channel: 'test', updateId: '2', chatKey: 'u-2', payload: '2' });
    clock.advance(8 * 86_400_000);
    await app.services.intake.prune(7 * 86_400_000);
    const left = await app.db.selectFrom('inbox').select(['update_id', 'status']).execute();
    expect(left).toEqual([{ update_id: '2', status: 'received' }]);
  });

  it('should store updates received at once, each only once, and store the others when one of them cannot be stored', async () => {
    const { intake } = app.services;
    const receive = (updateId: string, channel = 'test') => intake.receive({ bot: 'test-bot', channel, updateId, chatKey: `k${updateId}`, payload: '"x"' });
    // One turn of the event loop (a getUpdates batch): the writes share a commit; a redelivery is still a duplicate.
    const results = await Promise.allSettled([receive('10'), receive('11'), receive('10'), receive('12', null as unknown as string), receive('13')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual(['stored', 'stored', 'duplicate', 'failed', 'stored']);
    const rows = await app.db.selectFrom('inbox').select(['update_id', 'status']).orderBy('id').execute();
    expect(rows).toEqual(['10', '11', '13'].map((update_id) => ({ update_id, status: 'received' })));
  });
});
