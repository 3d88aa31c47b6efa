import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { createTestApp, testClock, textUser } from '../helpers/app.ts';
import { copyBank, provinceCampaign } from '../helpers/bank.ts';
import { docxText, zipEntry } from '../helpers/office.ts';
import { registerSynthetic } from '../helpers/participants.ts';
import { playAttempt } from '../support/reminders/harness.ts';

describe('units with a parent level', () => {
  const bank = copyBank();
  const clock = testClock('2023-07-05T10:00:00+07:00');
  let app: App;

  beforeAll(async () => {
    app = await createTestApp({ now: clock.now, dir: bank.tmp, env: { QUESTION_BANK_DIR: bank.dir, CAMPAIGN_FILE: provinceCampaign(bank) } });
  });
  afterAll(async () => {
    await app?.close();
    bank.cleanup();
  });

  it('should store each commune\u2019s parent and rank communes per parent and the parent level', async () => {
    const rows = await app.db.selectFrom('units').select(['code', 'kind', 'parent_code']).where('code', 'in', ['185', '06325', '06382']).orderBy('code').execute();
    expect(rows).toEqual([
      { code: '06325', kind: 'commune', parent_code: '185' },
      { code: '06382', kind: 'commune', parent_code: 'T01' },
      { code: '185', kind: 'parent', parent_code: null },
    ]);
    // Two people in Thị trấn Bắc Sơn (185), one in Xã Nhất Tiến (T01); all finish an attempt.
    const people = [await registerSynthetic(app.db, 1, '06325', clock.now()), await registerSynthetic(app.db, 2, '06325', clock.now()), await registerSynthetic(app.db, 3, '06382', clock.now())];
    for (const [i, p] of people.entries()) await playAttempt(app, p.id, 10 - i);

    const official = textUser(app, 'official', { isAdmin: true });
    const own = (await official.say('/bxhxa 185')).trim().split('\n');
    expect(own[0]).toBe('🏘 Xếp hạng xã, thị trấn — Huyện Bắc Sơn');
    expect(own).toHaveLength(1 + 9);
    expect(own[1]).toMatch(/^1\. Thị trấn Bắc Sơn: 2 người dự thi, 2 lượt, [\d.]+‰ dân số, điểm TB 9\.5$/u);
    expect(own.join('\n')).not.toContain('Nhất Tiến');

    const parents = (await official.say('/bxhhuyen')).trim().split('\n');
    expect(parents).toEqual(['🏛 Xếp hạng huyện', '1. Huyện Bắc Sơn: 2 người dự thi, 2 lượt, điểm TB 9.5', '2. Huyện Thử nghiệm: 1 người dự thi, 1 lượt, điểm TB 8.0']);

    expect((await official.say('/bxhxa t01')).trim().split('\n')).toHaveLength(1 + 9);
    expect(await official.say('/bxhxa 999')).toContain('Không có huyện mã "999". Các mã: 185, T01.');
    expect((await official.say('/bxhxa')).trim().split('\n')).toHaveLength(1 + 18);
    const help = await official.say('/admin');
    expect(help).toContain('/bxhxa [mã huyện] — xếp hạng xã, thị trấn (toàn tỉnh hoặc của một huyện)');
    expect(help).toContain('/bxhhuyen — xếp hạng huyện');
  });

  it('should group the communes of the /link document under their parent unit, then list the agencies', async () => {
    const official = textUser(app, 'official', { isAdmin: true });
    const reply = await official.reply('/link');
    expect(reply.messages).toHaveLength(1);
    const doc = reply.messages[0]!.document!;
    const lines = docxText(await zipEntry(doc.content, 'word/document.xml')).split('\n');
    const at = (text: string) => lines.indexOf(text);
    const [bacSon, test, agencies] = [at('Huyện Bắc Sơn'), at('Huyện Thử nghiệm'), at('CƠ QUAN, ĐƠN VỊ')];
    expect(at('XÃ, THỊ TRẤN')).toBeGreaterThan(-1);
    expect(at('XÃ, THỊ TRẤN')).toBeLessThan(bacSon);
    expect(bacSon).toBeLessThan(test);
    expect(test).toBeLessThan(agencies);
    for (const u of app.units) {
      if (u.kind === 'parent') continue;
      const row = at(u.name);
      expect(row, u.name).toBeGreaterThan(-1);
      const [from, to] = u.kind === 'agency' ? [agencies, lines.length] : u.parent === '185' ? [bacSon, test] : [test, agencies];
      expect(row > from && row < to, u.name).toBe(true);
      expect(lines).toContain(`Nhắn cho bot: /start u-${u.code}`);
    }
  });
});
