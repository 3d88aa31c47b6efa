import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.ts';
import { insertParticipant } from '../../../src/storage/repos/participants.ts';
import { CODE, TOWN } from '../../helpers/officials.ts';
import { ADMIN_ID, sayAndExpect, startTestBot, tempDir, type TestBot } from '../../helpers/telegram.ts';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/index.ts';
import { playAttempt } from '../../support/reminders/harness.ts';

const UNIT_OFFICIAL = 5001;
const EXCLUDED = 7007;
const DAY = 86_400_000;

/** The shipped campaign with four prizes a round and one excluded account. */
function campaignFile(dir: string): string {
  const text = readFileSync('campaigns/bac-son-2023.yaml', 'utf8');
  const block = /^results:\n(?: {2}.*\n)+/mu;
  expect(text).toMatch(block);
  const results = [
    'results:',
    '  prizes:',
    '    - { name: "Giải nhất", count: 1 }',
    '    - { name: "Giải nhì", count: 1 }',
    '    - { name: "Giải khuyến khích", count: 2 }',
    `  exclude: ["telegram:${EXCLUDED}"]`,
    '',
  ].join('\n');
  const file = join(dir, 'campaign.yaml');
  writeFileSync(file, text.replace(block, results));
  return file;
}

let seq = 0;
/** A participant who played round 1: score, time taken and prediction set as given. */
async function played(app: App, p: { name: string; account?: string; correct: number; seconds: number; prediction?: number }): Promise<number> {
  seq += 1;
  const now = app.now();
  const row = await insertParticipant(app.db, {
    channel: 'telegram',
    external_id: p.account ?? `round-${seq}`,
    chat_id: p.account ?? `round-${seq}`,
    display_name: null,
    full_name: p.name,
    phone: null,
    commune_code: TOWN.code,
    agency_code: null,
    consent_at: now,
    registered_at: now,
    step: 'ready',
    step_data: null,
    invite_code: `round${String(seq).padStart(6, '0')}`,
    invited_by: null,
    joined_via_unit: null,
    deleted_at: null,
    overall_finished_at: null,
    created_at: now,
  });
  await playAttempt(app, row.id, p.correct);
  await app.db.updateTable('best_results').set({ duration_ms: p.seconds * 1000, prediction: p.prediction ?? null }).where('participant_id', '=', row.id).execute();
  return row.id;
}

describe('/ketquavong on Telegram', () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let dir: ReturnType<typeof tempDir>;
  let skewMs = 0;
  let deletedWinner = 0;
  let excluded = 0;
  const ids: Record<string, number> = {};
  const district = () => fake.user(ADMIN_ID, 'Cán bộ huyện');
  const official = () => fake.user(UNIT_OFFICIAL, 'Cán bộ', 'Thị trấn');

  beforeAll(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
    bot = await startTestBot(fake, dir.path, { web: true, now: () => Date.now() + skewMs, env: { CAMPAIGN_FILE: campaignFile(dir.path) } });
    const round1 = bot.app.campaign.rounds[0]!;
    const ask = await sayAndExpect(fake, district(), `/capquyen ${TOWN.code}`, /Mã cấp quyền cán bộ Thị trấn Bắc Sơn/u);
    await sayAndExpect(fake, official(), `/nhanquyen ${CODE.exec(ask.text ?? '')![1]!}`, /Bạn đã được cấp quyền cán bộ Thị trấn Bắc Sơn/u);
    // Round 1, three days before its close. Five perfect scores: the prediction 5 is exact.
    skewMs = round1.closesAt - 3 * DAY - Date.now();
    await played(bot.app, { name: 'Trưởng Ban Tổ Chức', account: String(ADMIN_ID), correct: 10, seconds: 60, prediction: 5 });
    await played(bot.app, { name: 'Cán Bộ Thị Trấn', account: String(UNIT_OFFICIAL), correct: 10, seconds: 61, prediction: 5 });
    excluded = await played(bot.app, { name: 'Người Không Xét', account: String(EXCLUDED), correct: 10, seconds: 62, prediction: 5 });
    ids.bon = await played(bot.app, { name: 'Lường Văn Bốn', correct: 10, seconds: 90, prediction: 5 });
    // Faster than Bốn, but predicted 9: the prediction decides first.
    ids.an = await played(bot.app, { name: 'Hoàng Văn An', correct: 10, seconds: 30, prediction: 9 });
    deletedWinner = await played(bot.app, { name: 'Đàm Thị Dư', correct: 9, seconds: 30 });
    await played(bot.app, { name: 'Chu Văn Chín', correct: 8, seconds: 30 });
    ids.tam = await played(bot.app, { name: 'Ê Văn Tám', correct: 7, seconds: 30 });
    // An update received a minute before the close that is still waiting (another channel's, not processed here).
    skewMs = round1.closesAt - 60_000 - Date.now();
    expect(await bot.app.services.intake.receive({ bot: 'test-bot', channel: 'zalo', updateId: 'late-1', chatKey: 'z-late', payload: '{}' })).toBe('stored');
    skewMs = 0;
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
  });

  it('should say "chưa chốt" while an update received before the close is unprocessed, then final', async () => {
    const pending = await sayAndExpect(fake, district(), '/ketquavong 1', /Kết quả Tuần 1 \(vòng 1\)/u);
    expect(pending.text).toContain('chưa chốt — còn tin nhắn gửi trước giờ đóng vòng chưa xử lý xong');
    expect(pending.text).toContain('tạm tính');
    expect(await bot.app.services.public.winners()).toEqual([]);
    await bot.app.services.intake.processNext('zalo', 'z-late', async () => ({ outcome: 'test' }));
    const final = await sayAndExpect(fake, district(), '/ketquavong 1', /Kết quả Tuần 1 \(vòng 1\)/u);
    expect(final.text).toContain('Kết quả Tuần 1 (vòng 1) — đã chốt kết quả');
    expect(final.text).not.toContain('tạm tính');
  });

  it('should list the winners with prize, rank, name, unit, score and time; organisers and excluded people left out; the prediction breaking ties', async () => {
    const reply = await sayAndExpect(fake, district(), '/ketquavong 1', /Người đạt giải/u);
    const rows = reply.text!.split('\n').filter((l) => l.startsWith('Giải '));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^Giải nhất — 4\. Lường Văn Bốn — Thị trấn Bắc Sơn — 10\/10 điểm — 1 phút 30 giây — \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/u);
    expect(rows[1]).toMatch(/^Giải nhì — 5\. Hoàng Văn An — Thị trấn Bắc Sơn — 10\/10 điểm — 30 giây — /u);
    expect(rows[2]).toMatch(/^Giải khuyến khích — 6\. Đàm Thị Dư — Thị trấn Bắc Sơn — 9\/10 điểm/u);
    expect(rows[3]).toMatch(/^Giải khuyến khích — 7\. Chu Văn Chín — Thị trấn Bắc Sơn — 8\/10 điểm/u);
    expect(reply.text).toContain('8 người dự thi vòng này; 5 người đạt điểm tuyệt đối');
    expect(reply.text).toContain('3 người xếp trên không được xét giải vì là cán bộ tổ chức cuộc thi hoặc có tên trong danh sách không xét giải');
    // The rank a participant is told (one query per person, as the announcement does) agrees with the list.
    expect([await bot.app.services.rounds.rankOf('tuan-1', ids.bon!), await bot.app.services.rounds.rankOf('tuan-1', ids.an!), await bot.app.services.rounds.rankOf('tuan-1', ids.tam!)]).toEqual([4, 5, 8]);
    for (const name of ['Trưởng Ban Tổ Chức', 'Cán Bộ Thị Trấn', 'Người Không Xét', 'Ê Văn Tám']) expect(reply.text).not.toContain(name);
  });

  it('should keep a winner who deleted their data after the close ranked as "(đã xóa dữ liệu)", on the public page too', async () => {
    await bot.app.services.privacy.deleteData(deletedWinner);
    // An excluded person who deletes their data is still recognised (identity hash) and still wins nothing.
    await bot.app.services.privacy.deleteData(excluded);
    const reply = await sayAndExpect(fake, district(), '/ketquavong 1', /Người đạt giải/u);
    expect(reply.text).toMatch(/\nGiải khuyến khích — 6\. \(đã xóa dữ liệu\) — 9\/10 điểm/u);
    expect(reply.text).not.toContain('Đàm Thị Dư');
    expect(reply.text).toMatch(/\nGiải khuyến khích — 7\. Chu Văn Chín/u);
    expect(reply.text).toContain('3 người xếp trên không được xét giải');
    // The reward proposal names neither of them and says how many it left out.
    const proposal = await bot.app.services.awards.proposal();
    expect(proposal.individuals.map((p) => p.name).sort()).toEqual(['Cán Bộ Thị Trấn', 'Chu Văn Chín', 'Hoàng Văn An', 'Lường Văn Bốn', 'Trưởng Ban Tổ Chức', 'Ê Văn Tám'].sort());
    expect(proposal.leftOut.individuals).toBe(2);
    const [published] = await bot.app.services.public.winners();
    expect(published!.winners.map((w) => [w.prize, w.rank, w.name])).toEqual([
      ['Giải nhất', 4, 'Lường Văn Bốn'],
      ['Giải nhì', 5, 'Hoàng Văn An'],
      ['Giải khuyến khích', 6, null],
      ['Giải khuyến khích', 7, 'Chu Văn Chín'],
    ]);
    const page = await (await fetch(`http://127.0.0.1:${bot.port}/`)).text();
    expect(page).toMatch(/<td>Giải khuyến khích<\/td><td>\(đã xóa dữ liệu\)<\/td>/u);
    expect(page).not.toContain('Đàm Thị Dư');
  });

  it('should list the rounds and which are final without an argument, and explain a bad one', async () => {
    const list = await sayAndExpect(fake, district(), '/ketquavong', /Kết quả các vòng thi/u);
    expect(list.text).toMatch(/\n1\. Tuần 1 \([^)]+\): đã chốt kết quả\n2\. Tuần 2 \([^)]+\): đã chốt kết quả\n3\. Tuần 3 \([^)]+\): chưa chốt — vòng thi đang mở\n4\. Tuần 4 \([^)]+\): chưa mở$/u);
    const open = await sayAndExpect(fake, district(), '/ketquavong 3', /Kết quả Tuần 3/u);
    expect(open.text).toContain('chưa chốt — vòng thi đang mở');
    expect(open.text).toContain('Vòng này chưa có ai hoàn thành bài thi.');
    const bad = await sayAndExpect(fake, district(), '/ketquavong 9', /Không có vòng thi số "9"/u);
    expect(bad.text).toContain('Cuộc thi có 4 vòng: gõ /ketquavong 1 đến /ketquavong 4');
    await sayAndExpect(fake, district(), '/ketquavong tuần một', /Không có vòng thi số "tuần"/u);
  });

  it('should show a unit official the same published winners, and a citizen only the help', async () => {
    const reply = await sayAndExpect(fake, official(), '/ketquavong 1', /Người đạt giải/u);
    expect(reply.text).toMatch(/Giải nhất — 4\. Lường Văn Bốn/u);
    expect(reply.text).not.toContain('Cán Bộ Thị Trấn');
    const citizen = await sayAndExpect(fake, fake.user(6006, 'Dân'), '/ketquavong 1', /./u);
    expect(citizen.text).not.toContain('Người đạt giải');
  });
});
