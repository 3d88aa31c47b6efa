import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { loadCampaign } from '../../src/config/campaign.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { createTestApp, tempDir, testClock, textUser } from '../helpers/app.ts';

const NEW_TOPICS = ['bdhvs', 'bvdlcn', 'luatai', 'luatcds', 'luatdl', 'nq57'];

// The 2026 contest: the 65 commune-level units of 2025, questions on the documents in force in 2026.
describe('the Lạng Sơn 2026 campaign (CAMPAIGN_FILE=campaigns/lang-son-2026.yaml)', () => {
  const dir = tempDir();
  const clock = testClock('2027-01-05T09:00:00+07:00');
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ now: clock.now, dir: dir.path, env: { CAMPAIGN_FILE: 'campaigns/lang-son-2026.yaml' } });
  });
  afterAll(async () => {
    await app.close();
    dir.remove();
  });

  it('should load the 65 units of 2025 and draw only on the six documents of 2026, each with at least 20 questions', () => {
    expect(app.units.filter((u) => u.kind === 'commune')).toHaveLength(65);
    const campaign = loadCampaign('campaigns/lang-son-2026.yaml');
    expect([...new Set(campaign.rounds.flatMap((r) => Object.keys(r.topics)))].sort()).toEqual(NEW_TOPICS);
    for (const topic of NEW_TOPICS) expect(app.bank.questions.filter((q) => q.topic === topic).length).toBeGreaterThanOrEqual(20);
  });

  it('should give a week-1 attempt the round\u2019s mix: 4 on Nghị quyết 57, 4 on Bình dân học vụ số, 2 on Luật Chuyển đổi số', async () => {
    const u = textUser(app, 'dong-kinh-1');
    expect(await u.register('Nông Văn Hải', 1)).toContain('Đăng ký thành công');
    const topicOf = new Map(app.bank.questions.map((q) => [q.text, q.topic]));
    const seen: string[] = [];
    let reply = await u.say('/thi');
    expect(reply).toContain('Tuần 1: Nghị quyết 57 và Bình dân học vụ số');
    for (let n = 1; n <= 10; n++) {
      const text = new RegExp(`Câu ${n}/10\\n(.+)\\n`, 'u').exec(reply)?.[1];
      expect(text, `câu ${n}`).toBeDefined();
      seen.push(topicOf.get(text!) ?? `không có trong ngân hàng: ${text}`);
      reply = await u.say('A');
    }
    const counts = Object.fromEntries(NEW_TOPICS.map((t) => [t, seen.filter((s) => s === t).length]).filter(([, c]) => c));
    expect(counts).toEqual({ nq57: 4, bdhvs: 4, luatcds: 2 });
  });

  it('should record consent under the campaign\u2019s own version for Luật 91/2025/QH15', async () => {
    const u = textUser(app, 'tam-thanh-1');
    expect(await u.say('/start')).toContain('Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15');
    await u.say('1');
    await u.say('Tam Thanh');
    await u.say('1');
    await u.say('Lý Thị Hoa');
    expect(await u.say('0')).toContain('Xã/phường: Phường Tam Thanh');
    expect((await findParticipant(app.db, 'test', 'tam-thanh-1'))?.consent_version).toBe('lang-son-2026-luat91-v2');
  });
});
