import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { loadCampaign } from '../../src/config/campaign.ts';
import { renderProposal } from '../../src/documents/proposal/proposal.ts';
import { createTestApp, playAttempt, tempDir, testClock, textUser } from '../helpers/app.ts';
import { docxText, zipEntry } from '../helpers/office.ts';

// The shipped province-wide rehearsal: Lạng Sơn's 65 commune-level units since 1/7/2025 (61 xã, 4 phường).
describe('the Lạng Sơn 2025 campaign (CAMPAIGN_FILE=campaigns/lang-son-2025.yaml)', () => {
  const dir = tempDir();
  const clock = testClock('2027-01-05T09:00:00+07:00');
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ now: clock.now, dir: dir.path, env: { CAMPAIGN_FILE: 'campaigns/lang-son-2025.yaml' } });
  });
  afterAll(async () => {
    await app.close();
    dir.remove();
  });

  it('should load 65 units, 4 of them phường, and only the five documents\u2019 topics', () => {
    const communes = app.units.filter((u) => u.kind === 'commune');
    expect(communes).toHaveLength(65);
    expect(new Set(communes.filter((u) => u.group === 'phuong').map((u) => u.name))).toEqual(new Set(['Phường Đông Kinh', 'Phường Kỳ Lừa', 'Phường Lương Văn Tri', 'Phường Tam Thanh']));
    expect(app.units.some((u) => u.kind !== 'commune')).toBe(false);
    const topics = new Set(loadCampaign('campaigns/lang-son-2025.yaml').rounds.flatMap((r) => Object.keys(r.topics)));
    expect([...topics].sort()).toEqual(['dti', 'nq49', 'qd411', 'qd749', 'qd942']);
  });

  it('should register a person in a phường with the 2025 labels, without an agency question', async () => {
    const u = textUser(app, 'ky-lua-1');
    expect(await u.say('/start')).toContain('Ủy ban nhân dân tỉnh Lạng Sơn');
    const ask = (await u.reply('1')).messages.at(-1)!;
    expect(ask.text).toBe('Bạn sống hoặc làm việc ở xã, phường nào?');
    expect(ask.choices).toHaveLength(65);
    expect(ask.choices!.map((c) => c.label)).toContain('Phường Kỳ Lừa');
    expect(await u.say('Đông Kinh Lạng')).toContain('Chưa nhận ra xã, phường bạn chọn');
    expect(await u.say('ky lua')).toContain('Bạn chọn Phường Kỳ Lừa?');
    expect(await u.say('1')).toContain('nhập họ và tên');
    expect(await u.say('Hoàng Thị Mai')).toContain('số điện thoại');
    const done = await u.say('0');
    expect(done).toContain('Đăng ký thành công');
    expect(done).toContain('Xã/phường: Phường Kỳ Lừa');
    expect(done).not.toContain('Đơn vị:');
    expect(await u.say('/huongdan')).toContain('/doixa — đổi xã, phường');
    expect(await u.say('/doixa')).toContain('Chọn xã, phường mới của bạn:');
    expect(await u.say('Tam Thanh')).toContain('Bạn chọn Phường Tam Thanh?');
    expect(await u.say('1')).toContain('Đã đổi xã/phường thành Phường Tam Thanh');
  });

  it('should word the officials\u2019 board and help with the 2025 labels and no parent level', async () => {
    const official = textUser(app, 'official', { isAdmin: true });
    const board = (await official.say('/bxhxa')).trim().split('\n');
    expect(board[0]).toBe('🏘 Xếp hạng xã, phường');
    expect(board).toHaveLength(66);
    const help = await official.say('/admin');
    expect(help).toContain('/bxhxa — xếp hạng xã, phường');
    expect(help).not.toContain('/bxhhuyen');
    expect((await official.say('/bxhhuyen')).trim()).toBe('Cuộc thi này không chia xã, phường theo huyện.');
  });

  it('should rank the 65 communes per 1,000 inhabitants in the reward proposal, on the 2019 census basis', async () => {
    const communes = app.units.filter((u) => u.kind === 'commune');
    expect(communes.every((u) => u.population !== null)).toBe(true);
    // Xã Bắc Sơn (2025) = Thị trấn Bắc Sơn + Long Đống + Bắc Quỳnh of 2019: 6,814 + 4,412 + 4,297.
    expect(communes.find((u) => u.code === '06325')!.population).toBe(15523);
    await textUser(app, 'ls-1').register('Hoàng Thị Mai', 1);
    await playAttempt(app, clock, 'ls-1', 8, 5_000);
    const text = docxText(await zipEntry((await renderProposal(await app.services.awards.proposal())).docx, 'word/document.xml'));
    expect(text).not.toContain('không xét tiêu chí "số người dự thi trên 1.000 dân');
    expect(text).toContain('Khối xã, phường: xét theo số người dự thi trên 1.000 dân (cơ quan: trên số cán bộ) (30)');
    expect(text).toMatch(/\n- [\d,]+ người\/1\.000 dân\n/u);
    expect(app.campaign.populationBasis).toMatch(/^Tổng điều tra dân số và nhà ở ngày 1\/4\/2019/u);
  });
});
