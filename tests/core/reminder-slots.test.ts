import { describe, expect, it } from 'vitest';
import { loadCampaign } from '../../src/config/campaign.ts';
import { shiftCampaign } from '../../src/core/campaign.ts';
import { currentSlot, DEFAULT_REMINDER_SETTINGS, holdReason, isQuietTime, listSlots, nextSlot, slotTimesOfDay, zonedInstant } from '../../src/core/reminder-slots.ts';
import { formatDateTime } from '../../src/core/time.ts';
import type { Campaign } from '../../src/core/types.ts';

const at = (local: string) => Date.parse(`${local}+07:00`);
const TZ = 'Asia/Ho_Chi_Minh';
const campaign: Campaign = shiftCampaign(loadCampaign('campaigns/bac-son-2023.yaml'), at('2030-07-31T00:00:00'));
const oneRound: Campaign = { ...campaign, rounds: [{ ...campaign.rounds[0]!, opensAt: campaign.opensAt, closesAt: campaign.closesAt }] };
const label = (ms: number) => formatDateTime(ms, TZ);

describe('reminder slots (pure)', () => {
  it('should fire daily at 08:00, at 19:00 on D-7/D-3/D-1 and at 08:00 and 19:00 on the last day', () => {
    const slots = listSlots(oneRound);
    // 3/7 … 30/7 = 28 days of 08:00, plus 19:00 on 23/7, 27/7, 29/7 and 30/7.
    expect(slots).toHaveLength(28 + 4);
    const evenings = slots.filter((s) => label(s.fireAt).startsWith('19:00')).map((s) => label(s.fireAt));
    expect(evenings).toEqual(['19:00 23/07/2030', '19:00 27/07/2030', '19:00 29/07/2030', '19:00 30/07/2030']);
    expect(slots[0]!.id).toBe('2030-07-03-0800');
    expect(slots.at(-1)!.id).toBe('2030-07-30-1900');
    expect(slots.at(-1)!.daysLeft).toBe(0);
  });

  it('should keep slot ids stable when recomputed and across restarts', () => {
    expect(listSlots(oneRound).map((s) => s.id)).toEqual(listSlots(structuredClone(oneRound)).map((s) => s.id));
  });

  it('should close each window before quiet hours, the next slot and the closing instant', () => {
    const slots = listSlots(oneRound);
    for (const s of slots) {
      expect(s.validUntil).toBeGreaterThan(s.fireAt);
      expect(s.validUntil).toBeLessThanOrEqual(s.fireAt + 120 * 60_000);
      expect(s.validUntil).toBeLessThanOrEqual(oneRound.closesAt);
      // no instant inside the window is quiet
      for (let t = s.fireAt; t < s.validUntil; t += 60_000) expect(isQuietTime(t, TZ, DEFAULT_REMINDER_SETTINGS.quietHours)).toBe(false);
    }
    const custom = { ...DEFAULT_REMINDER_SETTINGS, daily: ['20:00'], nearEnd: [], lastDay: [] };
    const late = listSlots(oneRound, custom)[0]!;
    expect(late.validUntil).toBe(at('2030-07-03T21:00:00'));
  });

  it('should walk opening to closing minute by minute and fire each slot exactly once, never in quiet hours or after closing', () => {
    const slots = listSlots(campaign);
    const fired: string[] = [];
    let last: string | undefined;
    for (let now = campaign.opensAt - 86_400_000; now < campaign.closesAt + 86_400_000; now += 5 * 60_000) {
      const s = currentSlot(slots, now);
      if (s && s.id !== last) fired.push(s.id);
      last = s?.id;
      if (s) {
        expect(holdReason(campaign, DEFAULT_REMINDER_SETTINGS, s, now)).toBeNull();
        expect(now).toBeLessThan(campaign.closesAt);
      }
    }
    expect(fired).toEqual(slots.map((s) => s.id));
    expect(holdReason(campaign, DEFAULT_REMINDER_SETTINGS, { validUntil: Infinity }, campaign.closesAt)).toBe('closed');
    expect(holdReason(campaign, DEFAULT_REMINDER_SETTINGS, { validUntil: Infinity }, at('2030-07-10T22:30:00'))).toBe('quiet');
    expect(nextSlot(slots, campaign.closesAt)).toBeUndefined();
  });

  it('should only remind while a round is open', () => {
    const gap: Campaign = { ...campaign, rounds: [{ ...campaign.rounds[0]!, closesAt: at('2030-07-10T00:00:00') }, { ...campaign.rounds[1]!, opensAt: at('2030-07-12T00:00:00') }] };
    const days = new Set(listSlots(gap).map((s) => s.id.slice(0, 10)));
    expect(days.has('2030-07-09')).toBe(true);
    expect(days.has('2030-07-10')).toBe(false);
    expect(days.has('2030-07-11')).toBe(false);
    expect(days.has('2030-07-12')).toBe(true);
  });

  it('should treat quiet hours that wrap midnight and convert local times in the campaign zone', () => {
    const q = { from: '21:00', to: '07:00' };
    expect(isQuietTime(at('2030-07-10T21:00:00'), TZ, q)).toBe(true);
    expect(isQuietTime(at('2030-07-10T06:59:00'), TZ, q)).toBe(true);
    expect(isQuietTime(at('2030-07-10T07:00:00'), TZ, q)).toBe(false);
    expect(zonedInstant('2030-07-10', '08:00', TZ)).toBe(Date.parse('2030-07-10T01:00:00Z'));
    expect(zonedInstant('2030-03-31', '08:00', 'Europe/Paris')).toBe(Date.parse('2030-03-31T06:00:00Z'));
    expect(slotTimesOfDay(DEFAULT_REMINDER_SETTINGS)).toEqual(['08:00', '19:00']);
  });

  it('should list nothing when reminders are disabled', () => {
    expect(listSlots(campaign, { ...DEFAULT_REMINDER_SETTINGS, enabled: false })).toEqual([]);
  });
});
