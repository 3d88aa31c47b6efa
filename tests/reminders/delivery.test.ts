import { afterEach, describe, expect, it } from 'vitest';
import { SendError } from '../../src/contract/channel.ts';
import { updateParticipant } from '../../src/storage/repos/participants.ts';
import { countByChat, countViolations, FakeChannel } from '../support/reminders/fake-channel.ts';
import { addPeople, at, playAttempt, statuses, waitFor } from '../support/reminders/harness.ts';
import { rig, settingsWith, type Rig } from './support.ts';

const SLOT = '2030-07-10-0800';
const IN_SLOT = at('2030-07-10T08:05:00');
let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

describe('sending a slot', () => {
  it('should honour 429 retry_after for the whole channel and deliver everyone once, with no rate violations', async () => {
    let thrown = false;
    const channel = new FakeChannel({
      fault: (chatId, n) => {
        if (chatId === 'c5' && n === 0 && !thrown) {
          thrown = true;
          return new SendError('rate_limited', 'Too Many Requests: retry after 1', 'telegram', 1000);
        }
        return undefined;
      },
    });
    r = await rig(IN_SLOT, channel);
    await addPeople(r.app, 40);
    await r.sweepAndSettle();
    expect(await statuses(r.app, SLOT)).toEqual({ sent: 40 });
    expect([...countByChat(channel.sent).values()].every((n) => n === 1)).toBe(true);
    expect(channel.sent).toHaveLength(40);
    const limited = channel.errors.find((e) => e.kind === 'rate_limited')!;
    // Nothing at all went out on the channel during retry_after.
    expect(channel.sent.filter((s) => s.at > limited.at && s.at < limited.at + 1000)).toEqual([]);
    expect(channel.violations).toBe(0);
    expect(countViolations(channel.sent, 25 + 1, 1000)).toBe(0);
  });

  it('should mark a person who blocked the bot unreachable after one try and never try again', async () => {
    const channel = new FakeChannel({ fault: (chatId) => (chatId === 'c1' ? new SendError('unreachable', 'Forbidden: bot was blocked by the user', 'telegram') : undefined) });
    r = await rig(IN_SLOT, channel);
    const [, blocked] = await addPeople(r.app, 3);
    await r.sweepAndSettle();
    expect(await statuses(r.app, SLOT)).toEqual({ sent: 2, failed: 1 });
    expect(channel.attemptsFor('c1')).toBe(1);
    expect(await r.app.db.selectFrom('accounts').select('unreachable').where('participant_id', '=', blocked!).execute()).toEqual([{ unreachable: 1 }]);
    r.clock.set(at('2030-07-11T08:01:00'));
    await r.sweepAndSettle();
    expect(await statuses(r.app, '2030-07-11-0800')).toEqual({ sent: 2 });
    expect(channel.attemptsFor('c1')).toBe(1);
  });

  it('should retry 5xx with backoff and count a message failed once the attempts run out', async () => {
    const channel = new FakeChannel({
      fault: (chatId, n) => {
        if (chatId === 'c0' && n < 2) return new SendError('transient', 'Bad Gateway', 'telegram');
        if (chatId === 'c1') return new SendError('transient', 'Internal Server Error', 'telegram');
        return undefined;
      },
    });
    r = await rig(IN_SLOT, channel, { settings: settingsWith({ maxAttempts: 3, backoffMs: 50 }) });
    await addPeople(r.app, 3);
    await r.sweepAndSettle();
    expect(await statuses(r.app, SLOT)).toEqual({ sent: 2, failed: 1 });
    expect(channel.attemptsFor('c0')).toBe(3);
    expect(channel.attemptsFor('c1')).toBe(3);
    expect(countByChat(channel.sent).get('c0')).toBe(1);
  });

  it('should keep one chat to one message per second when an announcement and a slot meet', async () => {
    const channel = new FakeChannel();
    r = await rig(IN_SLOT, channel);
    await addPeople(r.app, 5);
    await r.admin('/thongbao Lịch thi tuần 2 đã mở.');
    const id = (await r.app.db.selectFrom('reminder_runs').select('run_id').where('kind', '=', 'announcement').executeTakeFirstOrThrow()).run_id;
    await r.admin('', `cmd:xacnhan ${id}`);
    await r.sweepAndSettle();
    await waitFor('announcement settled', async () => (await statuses(r!.app, id)).sent === 5);
    expect(channel.sent).toHaveLength(10);
    expect(channel.violations).toBe(0);
    expect(countViolations(channel.sent, 30, 1000)).toBe(0);
  });

  it('should skip people who opted out or finished between fan-out and send, and a run whose window passed', async () => {
    const channel = new FakeChannel({ latencyMs: 30 });
    r = await rig(IN_SLOT, channel, { settings: settingsWith({ perSecond: 5 }) });
    const ids = await addPeople(r.app, 8);
    await r.rem.sweep();
    await waitFor('fanned out', async () => (await r!.app.db.selectFrom('reminder_runs').select('status').where('run_id', '=', SLOT).executeTakeFirst())?.status === 'fanned_out');
    await updateParticipant(r.app.db, ids.at(-1)!, { reminders_off: 1 });
    await playAttempt(r.app, ids.at(-2)!, 10);
    await waitFor('settled', async () => {
      const s = await statuses(r!.app, SLOT);
      return (s.sent ?? 0) + (s.skipped ?? 0) === 8;
    });
    expect(await statuses(r.app, SLOT)).toEqual({ sent: 6, skipped: 2 });
    // The worker was down through the whole 19:00 window on D-7: recorded as skipped, never sent late.
    r.clock.set(at('2030-07-23T21:30:00'));
    await r.sweepAndSettle();
    const late = await r.app.db.selectFrom('reminder_runs').selectAll().where('run_id', '=', '2030-07-23-1900').executeTakeFirstOrThrow();
    expect(late).toMatchObject({ status: 'skipped', skip_reason: 'missed', targeted: 0 });
  });
});
