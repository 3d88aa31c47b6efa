import { describe, expect, it } from 'vitest';
import { loadUnits } from '../../src/bank/units.ts';
import { loadCampaign } from '../../src/config/campaign.ts';
import { shiftCampaign } from '../../src/core/campaign.ts';
import { communesOfPart, reachEstimates, slotPart } from '../../src/core/reminder-reach.ts';
import { CAMPAIGN_REMINDER_DEFAULTS } from '../../src/config/reminders.ts';
import { listSlots } from '../../src/core/reminder-slots.ts';
import type { Unit } from '../../src/core/types.ts';
import { viReminders } from '../../src/messages/vi.ts';

const TWO_HOURS = 2 * 3600_000;

describe('reminders at a province\u2019s scale', () => {
  it('should find that 300,000 people at Telegram\u2019s 25/s need 3 h 20 min, more than a 2 h window, and a district\u2019s 72,000 fit', () => {
    const [province] = reachEstimates({ telegram: 300_000 }, CAMPAIGN_REMINDER_DEFAULTS, TWO_HOURS);
    expect(province).toEqual({ channel: 'telegram', people: 300_000, perSecond: 25, neededMs: 12_000_000, windowMs: TWO_HOURS, fits: false });
    expect(viReminders.span(province!.neededMs)).toBe('3 giờ 20 phút');
    expect(viReminders.span(TWO_HOURS)).toBe('2 giờ');
    const [district] = reachEstimates({ telegram: 72_000 }, CAMPAIGN_REMINDER_DEFAULTS, TWO_HOURS);
    expect(district!.fits).toBe(true);
    expect(viReminders.span(district!.neededMs)).toBe('48 phút');
    // Channels send in parallel, each at its own rate: Zalo's 10/s is the bottleneck here.
    expect(reachEstimates({ telegram: 100_000, zalo: 80_000, test: 0 }, CAMPAIGN_REMINDER_DEFAULTS, TWO_HOURS).map((e) => [e.channel, e.fits])).toEqual([
      ['telegram', true],
      ['zalo', false],
    ]);
  });

  it('should deal the communes of Lạng Sơn 2025 into disjoint parts that together cover every unit, the same on every call', () => {
    const units = loadUnits('question-bank', loadCampaign('campaigns/lang-son-2025.yaml').unitFiles);
    const spread = { by: 'commune' as const, slots: 3 };
    const parts = [0, 1, 2].map((p) => communesOfPart(units, spread, p));
    expect(parts.map((p) => p.length)).toEqual([22, 22, 21]);
    expect(new Set(parts.flat()).size).toBe(65);
    expect(communesOfPart(units, spread, 1)).toEqual(parts[1]);
  });

  it('should keep every parent\u2019s communes in one part when spreading by parent', () => {
    const unit = (code: string, kind: Unit['kind'], parent?: string): Unit => ({ code, kind, name: code, group: kind, population: null, ...(parent ? { parent } : {}) });
    const units = [unit('H1', 'parent'), unit('H2', 'parent'), unit('H3', 'parent'), unit('a', 'commune', 'H1'), unit('b', 'commune', 'H2'), unit('c', 'commune', 'H1'), unit('d', 'commune', 'H3'), unit('g', 'agency')];
    const spread = { by: 'parent' as const, slots: 2 };
    expect(communesOfPart(units, spread, 0)).toEqual(['a', 'c', 'd']);
    expect(communesOfPart(units, spread, 1)).toEqual(['b']);
  });

  it('should let consecutive slots take turns, so any two in a row reach every part', () => {
    const campaign = shiftCampaign(loadCampaign('campaigns/lang-son-2025.yaml'), Date.parse('2030-07-31T00:00:00+07:00'));
    const settings = campaign.reminders!;
    expect(settings.spread).toEqual({ by: 'commune', slots: 2 });
    const slots = listSlots(campaign, settings);
    expect(slots.slice(0, 4).map((s) => [s.id, slotPart(campaign, settings, s.id)])).toEqual([
      ['2030-07-03-0800', 0],
      ['2030-07-03-1000', 1],
      ['2030-07-04-0800', 0],
      ['2030-07-04-1000', 1],
    ]);
    expect(slotPart(campaign, settings, 'm-2030-07-04-1400')).toBeUndefined();
    expect(slotPart(campaign, CAMPAIGN_REMINDER_DEFAULTS, slots[0]!.id)).toBeUndefined();
  });
});
