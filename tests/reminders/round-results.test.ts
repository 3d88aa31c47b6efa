import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCampaign } from '../../src/config/campaign.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/core/reminder-slots.ts';
import { startReminders, type Reminders } from '../../src/reminders/runtime.ts';
import { wantedSchedulers } from '../../src/reminders/schedulers.ts';
import { countByChat, FakeChannel } from '../support/reminders/fake-channel.ts';
import { addPeople, at, playAttempt, statuses, tempDir, waitFor } from '../support/reminders/harness.ts';
import { rig, type Rig } from './support.ts';

const RUN = 'kq-tuan-1';
let r: Rig | undefined;
let second: Reminders | undefined;
let tmp: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await second?.close();
  second = undefined;
  await r?.stop();
  r = undefined;
  tmp?.remove();
});

/** The shipped campaign (prizes nhất 1, nhì 2, ba 3, khuyến khích 5) with the results announcement on. */
function announcingCampaign(): string {
  tmp = tempDir();
  const file = join(tmp.path, 'campaign.yaml');
  const text = readFileSync('campaigns/bac-son-2023.yaml', 'utf8');
  expect(text).toContain('  announce: false');
  writeFileSync(file, text.replace('  announce: false', '  announce: true'));
  return file;
}

const resultsMessages = (channel: FakeChannel) => channel.sent.filter((s) => s.text.startsWith('🏅 Kết quả Tuần 1'));

describe('the round results announcement', () => {
  it('should tell each participant once, after the round is final, never those who turned reminders off, even with two workers sweeping twice', async () => {
    const channel = new FakeChannel();
    // Round 1 (Tuần 1) of the 2030 rehearsal is open until 10/7/2030 00:00.
    r = await rig(at('2030-07-05T12:00:00'), channel, {}, { env: { CAMPAIGN_FILE: announcingCampaign() } });
    // c0, c1, c2 play; c3 registered but never finished an attempt (not a participant of the round).
    const [best, optedOut, third] = await addPeople(r.app, 4);
    await playAttempt(r.app, best!, 10);
    await playAttempt(r.app, optedOut!, 8);
    await playAttempt(r.app, third!, 5);
    await r.app.services.participants.setReminders(optedOut!, false);
    // An update received before the close, not processed yet: the results are not final.
    expect(await r.app.services.intake.receive({ bot: 'test-bot', channel: 'zalo', updateId: 'late-1', chatKey: 'z-late', payload: '{}' })).toBe('stored');
    expect(await r.rem.sweep()).toEqual({ started: [] });

    r.clock.set(at('2030-07-10T12:00:00'));
    expect((await r.rem.sweep()).started).toEqual([]);
    expect((await r.app.services.rounds.results('tuan-1'))!.final).toBe(false);
    await r.app.services.intake.processNext('zalo', 'z-late', async () => ({ outcome: 'test' }));
    expect((await r.app.services.rounds.results('tuan-1'))!.final).toBe(true);

    second = startReminders(r.app, [channel], { role: 'worker', prefix: r.prefix, now: r.clock.now, schedulers: false, autoSweep: false, lockDurationMs: 5000 });
    await second.ready();
    const [a, b] = await Promise.all([r.rem.sweep(), second.sweep()]);
    expect([...a.started, ...b.started]).toEqual([RUN]);
    await waitFor('announcement sent', async () => (await statuses(r!.app, RUN)).sent === 2);

    // Ticks again on both workers, with recovery (re-adds every unsettled delivery): nothing new goes out.
    await Promise.all([r.rem.sweep({ recover: true }), second.sweep({ recover: true })]);
    await waitFor('run done', async () => (await r!.app.db.selectFrom('reminder_runs').select('status').where('run_id', '=', RUN).executeTakeFirst())?.status === 'done');
    expect((await Promise.all([r.rem.sweep(), second.sweep()])).flatMap((s) => s.started)).toEqual([]);

    const sent = resultsMessages(channel);
    expect(sent.map((s) => s.chatId).sort()).toEqual(['c0', 'c2']);
    expect([...countByChat(sent).values()]).toEqual([1, 1]);
    expect(await statuses(r.app, RUN)).toEqual({ sent: 2 });
    const toBest = sent.find((s) => s.chatId === 'c0')!.text;
    expect(toBest).toContain('Chào Người Thử 0! Bạn xếp thứ 1/3 trong Tuần 1.');
    expect(toBest).toContain('Chúc mừng bạn đạt Giải nhất!');
    const toThird = sent.find((s) => s.chatId === 'c2')!.text;
    expect(toThird).toContain('Bạn xếp thứ 3/3 trong Tuần 1.');
    expect(toThird).toMatch(/Người đạt giải:\n• Giải nhất: Người Thử 0 \([^)]+\)\n• Giải nhì: Người Thử 1 \([^)]+\)\n• Giải nhì: Người Thử 2/u);
    expect(toThird).toContain('/tatnhacnho');
    // The ranks were written once at fan-out, deleted people included, and messages read them.
    const ranks = await r.app.db.selectFrom('round_ranks').select(['participant_id', 'rank']).where('round_id', '=', 'tuan-1').orderBy('rank').execute();
    expect(ranks.map((x) => [x.participant_id, Number(x.rank)])).toEqual([[best, 1], [optedOut, 2], [third, 3]]);
    expect(await r.admin('/nhacnho')).toMatch(/thông báo kết quả Tuần 1: 2 \/ 2 \/ 0 \/ 0/u);
  });

  it('should keep the sweep scheduled when reminders are off but results are announced', () => {
    const shipped = loadCampaign('campaigns/bac-son-2023.yaml');
    const off = { ...DEFAULT_REMINDER_SETTINGS, enabled: false };
    const before = shipped.opensAt - 1;
    expect([...wantedSchedulers({ campaign: shipped, settings: off }, before).keys()]).toEqual([]);
    const announcing = { ...shipped, results: { ...shipped.results!, announce: true } };
    expect([...wantedSchedulers({ campaign: announcing, settings: off }, before).keys()]).toEqual(['sweep']);
    expect([...wantedSchedulers({ campaign: announcing, settings: DEFAULT_REMINDER_SETTINGS }, before).keys()]).toContain('sweep');
  });
});
