import { describe, expect, it } from 'vitest';
import { contestPhase, demoCampaign, shiftCampaign } from '../../src/core/campaign.ts';
import { attemptDeadline } from '../../src/core/rules.ts';
import { daysLeft, formatClosingDate, formatDate, localDayStart } from '../../src/core/time.ts';
import { loadCampaign } from '../../src/config/campaign.ts';

const campaign = loadCampaign('campaigns/bac-son-2023.yaml');
const TZ = 'Asia/Ho_Chi_Minh';

describe('the shipped Bắc Sơn 2023 campaign', () => {
  it('should run four weekly rounds from 3/7 to the end of 30/7/2023', () => {
    expect(campaign.rounds).toHaveLength(4);
    expect(formatDate(campaign.opensAt, TZ)).toBe('03/07/2023');
    expect(formatClosingDate(campaign.closesAt, TZ)).toBe('30/07/2023');
    expect(campaign.questionsPerAttempt).toBe(10);
    expect(campaign.attemptsPerRound).toBe(3);
    expect(campaign.attemptMinutes).toBe(15);
  });

  it('should be open in week 2 on 12/7/2023 and closed a second after midnight 30→31/7', () => {
    const phase = contestPhase(campaign, Date.parse('2023-07-12T10:00:00+07:00'));
    expect(phase.phase === 'open' && phase.round.id).toBe('tuan-2');
    expect(contestPhase(campaign, Date.parse('2023-07-30T23:59:59+07:00')).phase).toBe('open');
    expect(contestPhase(campaign, Date.parse('2023-07-31T00:00:01+07:00')).phase).toBe('closed');
    expect(contestPhase(campaign, Date.parse('2023-07-02T23:00:00+07:00')).phase).toBe('not_open');
  });
});

describe('moving a campaign (CONTEST_CLOSES_AT, demo)', () => {
  it('should shift the opening and every round by the same amount as the closing', () => {
    const closes = Date.parse('2026-12-20T00:00:00+07:00');
    const moved = shiftCampaign(campaign, closes);
    const delta = closes - campaign.closesAt;
    expect(moved.opensAt - campaign.opensAt).toBe(delta);
    moved.rounds.forEach((r, i) => {
      expect(r.opensAt - campaign.rounds[i]!.opensAt).toBe(delta);
      expect(r.closesAt - campaign.rounds[i]!.closesAt).toBe(delta);
    });
  });

  it('should make the demo close 7 days after now, labelled, with the last round playable now', () => {
    const now = Date.parse('2026-11-25T09:00:00+07:00');
    const demo = demoCampaign(campaign, now);
    expect(demo.closesAt - now).toBe(7 * 86_400_000);
    expect(demo.title).toMatch(/^\[DEMO\]/u);
    expect(demo.demo).toBe(true);
    const phase = contestPhase(demo, now);
    expect(phase.phase === 'open' && phase.round.id).toBe('tuan-4');
  });
});

describe('attempt deadline', () => {
  it('should be the time allowed, cut short by the round closing', () => {
    const round = campaign.rounds[0]!;
    const start = round.opensAt + 3600_000;
    expect(attemptDeadline(campaign, round, start)).toBe(start + 15 * 60_000);
    const late = round.closesAt - 60_000;
    expect(attemptDeadline(campaign, round, late)).toBe(round.closesAt);
  });
});

describe('calendar in Asia/Ho_Chi_Minh', () => {
  it('should count days left by local calendar days and find local midnight', () => {
    expect(daysLeft(Date.parse('2023-07-30T08:00:00+07:00'), campaign.closesAt, TZ)).toBe(0);
    expect(daysLeft(Date.parse('2023-07-23T23:30:00+07:00'), campaign.closesAt, TZ)).toBe(7);
    expect(localDayStart(Date.parse('2023-07-12T01:30:00+07:00'), TZ)).toBe(Date.parse('2023-07-12T00:00:00+07:00'));
    expect(localDayStart(Date.parse('2023-07-11T20:30:00Z'), TZ)).toBe(Date.parse('2023-07-12T00:00:00+07:00'));
  });
});
