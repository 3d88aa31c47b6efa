import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCampaign } from '../../src/config/campaign.ts';
import { CAMPAIGN_REMINDER_DEFAULTS } from '../../src/config/reminders.ts';
import { tempDir } from '../support/reminders/harness.ts';

const base = readFileSync('campaigns/bac-son-2023.yaml', 'utf8');
const tmp = tempDir();
afterAll(() => tmp.remove());
const withBlock = (block: string) => {
  const file = join(tmp.path, `c-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `${base}\n${block}\n`);
  return file;
};

describe('campaign reminders block', () => {
  it('should default to the contest rules when absent', () => {
    expect(loadCampaign('campaigns/bac-son-2023.yaml').reminders).toEqual(CAMPAIGN_REMINDER_DEFAULTS);
  });

  it('should read times, quiet hours and per-channel rates', () => {
    const c = loadCampaign(withBlock(['reminders:', '  daily: ["09:30"]', '  quiet_hours: { from: "22:00", to: "06:00" }', '  channels:', '    telegram: { per_second: 20 }'].join('\n')));
    expect(c.reminders!.daily).toEqual(['09:30']);
    expect(c.reminders!.quietHours).toEqual({ from: '22:00', to: '06:00' });
    expect(c.reminders!.channels.telegram).toMatchObject({ perSecond: 20, burst: 1, perChatMs: 1000 });
    expect(c.reminders!.channels.zalo!.perSecond).toBe(10);
  });

  it('should refuse a time inside quiet hours, naming file, line and field', () => {
    const file = withBlock(['reminders:', '  daily: ["08:00", "22:15"]'].join('\n'));
    expect(() => loadCampaign(file)).toThrow(/:\d+: reminders\.daily\[1\]: 22:15 nằm trong giờ yên lặng/u);
  });

  it('should refuse a malformed time', () => {
    expect(() => loadCampaign(withBlock('reminders:\n  last_day: ["8h"]'))).toThrow(/reminders\.last_day\[0\]: cần giờ dạng HH:MM/u);
  });
});
