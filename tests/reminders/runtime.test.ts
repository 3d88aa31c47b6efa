import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/core/reminder-slots.ts';
import { roleFrom } from '../../src/config/role.ts';
import { startReminders, type Reminders } from '../../src/reminders/runtime.ts';
import { checkRedisSettings } from '../../src/reminders/schedulers.ts';
import { countByChat, FakeChannel } from '../support/reminders/fake-channel.ts';
import { addPeople, at, statuses, waitFor } from '../support/reminders/harness.ts';
import { rig, settingsWith, type Rig } from './support.ts';

let r: Rig | undefined;
const extra: Reminders[] = [];
afterEach(async () => {
  for (const x of extra.splice(0)) await x.close();
  await r?.stop();
  r = undefined;
});

const schedulerIds = async (rem: Reminders) => (await rem.deps!.control.getJobSchedulers(0, -1)).map((s) => s.id ?? s.key).sort();

describe('reminders runtime', () => {
  it('should upsert one scheduler per time of day (cron, campaign zone, ending at closing) once, however many processes start', async () => {
    r = await rig(at('2030-07-10T08:00:00'), new FakeChannel());
    const opts = { role: 'worker' as const, prefix: r.prefix, schedulers: true, autoSweep: false };
    for (let i = 0; i < 3; i++) extra.push(startReminders(r.app, [r.channel], opts));
    await waitFor('schedulers', async () => (await schedulerIds(extra[0]!)).length === 3);
    const all = await extra[0]!.deps!.control.getJobSchedulers(0, -1);
    expect(all.map((s) => s.id ?? s.key).sort()).toEqual(['slot-0800', 'slot-1900', 'sweep']);
    const eight = all.find((s) => (s.id ?? s.key) === 'slot-0800')!;
    expect(eight).toMatchObject({ pattern: '0 8 * * *', tz: 'Asia/Ho_Chi_Minh', endDate: r.app.campaign.closesAt });
    // A restart changes nothing; a changed campaign file replaces the schedule.
    for (const x of extra.splice(0)) await x.close();
    const changed = { ...DEFAULT_REMINDER_SETTINGS, daily: ['09:30'], nearEnd: [], lastDay: ['09:30'] };
    extra.push(startReminders(r.app, [r.channel], { ...opts, settings: changed }));
    await waitFor('schedule replaced', async () => (await schedulerIds(extra[0]!)).join() === 'slot-0930,sweep');
    expect((await extra[0]!.deps!.control.getJobSchedulers(0, -1)).find((s) => (s.id ?? s.key) === 'slot-0930')!.pattern).toBe('30 9 * * *');
  });

  it('should let in-flight sends finish on close and leave nothing claimed; a restart sends the rest exactly once', async () => {
    const channel = new FakeChannel({ latencyMs: 150 });
    r = await rig(at('2030-07-10T08:01:00'), channel, { settings: settingsWith({ perSecond: 10 }) });
    await addPeople(r.app, 30);
    await r.rem.sweep();
    await waitFor('a few sent', () => channel.sent.length >= 5);
    await r.rem.close();
    const after = await statuses(r.app, '2030-07-10-0800');
    expect(after.sending).toBeUndefined();
    expect(after.unknown).toBeUndefined();
    expect(after.sent).toBe(channel.sent.length);
    const again = startReminders(r.app, [channel], { role: 'worker', prefix: r.prefix, now: r.clock.now, schedulers: false, lockDurationMs: 5000, settings: settingsWith({ perSecond: 50 }) });
    extra.push(again);
    await waitFor('rest sent', async () => (await statuses(r!.app, '2030-07-10-0800')).sent === 30);
    expect([...countByChat(channel.sent).values()].every((n) => n === 1)).toBe(true);
    expect(channel.sent).toHaveLength(30);
  });

  it('should warn when Redis may evict keys, and read the role from --role before ROLE', async () => {
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    await checkRedisSettings({ config: async () => ['maxmemory-policy', 'allkeys-lru'] } as unknown as Redis, log);
    await checkRedisSettings({ config: async () => ['maxmemory-policy', 'noeviction'] } as unknown as Redis, log);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('noeviction');
    expect(roleFrom(['--role=worker'], 'all')).toBe('worker');
    expect(roleFrom([], 'bot')).toBe('bot');
    expect(() => roleFrom(['--role=both'], 'all')).toThrow(/--role/u);
  });
});
