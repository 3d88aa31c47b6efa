import { afterEach, describe, expect, it } from 'vitest';
import { isQuietTime, listSlots } from '../../src/core/reminder-slots.ts';
import { updateParticipant } from '../../src/storage/repos/participants.ts';
import { SendError } from '../../src/contract/channel.ts';
import { FakeChannel } from '../support/reminders/fake-channel.ts';
import { addPeople, at, playAttempt } from '../support/reminders/harness.ts';
import { rig, settingsWith, type Rig } from './support.ts';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

describe('walking the whole campaign with an injected clock', () => {
  it('should send each slot to its audience exactly once, never in quiet hours or after closing', async () => {
    const opens = at('2030-07-03T00:00:00');
    const channel = new FakeChannel({ perSecond: 1000, perChatMs: 0 });
    r = await rig(opens - 86_400_000, channel, { settings: settingsWith({ perSecond: 1000, burst: 10, perChatMs: 0 }) });
    channel.opts.clock = r.clock.now;
    const [never, perfectLater, optsOut, blocks] = await addPeople(r.app, 4);
    const blockedChat = `c3`;
    channel.opts.fault = (chatId) => (chatId === blockedChat ? new SendError('unreachable', 'Forbidden: bot was blocked by the user', 'telegram') : undefined);
    const perfectAt = at('2030-07-12T10:00:00');
    const optOutAt = at('2030-07-05T12:00:00');
    const fired: string[] = [];
    for (let t = opens - 86_400_000; t <= at('2030-08-01T00:00:00'); t += 3600_000) {
      r.clock.set(t);
      if (t === perfectAt) await playAttempt(r.app, perfectLater!, 10);
      if (t === optOutAt) await updateParticipant(r.app.db, optsOut!, { reminders_off: 1 });
      fired.push(...(await r.sweepAndSettle()));
    }
    const campaign = r.app.campaign;
    const slots = listSlots(campaign);
    expect(fired).toEqual(slots.map((s) => s.id));
    const to = (pid: number) => channel.sent.filter((s) => s.chatId === `c${pid - 1}`);
    expect(to(never!)).toHaveLength(slots.length);
    const expectedPerfect = slots.filter((s) => s.roundId !== 'tuan-2' || s.fireAt < perfectAt).length;
    expect(to(perfectLater!)).toHaveLength(expectedPerfect);
    expect(to(optsOut!)).toHaveLength(slots.filter((s) => s.fireAt < optOutAt).length);
    expect(to(blocks!)).toHaveLength(0);
    expect(channel.attemptsFor(blockedChat)).toBe(1);
    for (const s of channel.sent) {
      expect(isQuietTime(s.clock!, campaign.timezone, campaign.reminders!.quietHours)).toBe(false);
      expect(s.clock!).toBeLessThan(campaign.closesAt);
    }
    // Each message greets its own recipient (a slot's sends to several people go out in no fixed order).
    expect(to(never!)[0]!.text).toContain('Người Thử 0');
    expect(to(perfectLater!)[0]!.text).toContain('Người Thử 1');
    expect(channel.sent.at(-1)!.text).toContain('Hôm nay là ngày cuối cùng');
  });
});
