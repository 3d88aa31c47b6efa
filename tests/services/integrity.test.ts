import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import type { AttemptItem } from '../../src/core/types.ts';
import { OPTION_LETTERS } from '../../src/messages/vi.ts';
import { findOpenAttempt, getAttemptItems } from '../../src/storage/repos/attempts.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { createTestApp, tempDir, testClock, textUser } from '../helpers/app.ts';
import { docxText, zipEntry } from '../helpers/office.ts';
import { grantUnit, person } from '../helpers/officials.ts';

/** Round 1 on a fixed list of ten questions: everyone gets the same questions (in their own order). */
const FIXED = ['qd749-002', 'qd749-003', 'qd749-004', 'qd749-005', 'qd749-007', 'qd749-008', 'qd749-009', 'qd749-010', 'qd749-011', 'qd749-012'];
const START = '2023-07-05T09:00:00+07:00';

type Pick = (item: AttemptItem, i: number) => 'right' | 'wrong';

describe('integrity flags and exclusions (issue 25)', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: App;
  const clock = testClock(START);

  beforeEach(async () => {
    dir = tempDir();
    clock.set(START);
    const campaign = readFileSync('campaigns/bac-son-2023.yaml', 'utf8').replace(/(  - id: tuan-1\n)/u, `$1    question_ids: [${FIXED.join(', ')}]\n`);
    const file = join(dir.path, 'campaign.yaml');
    writeFileSync(file, campaign);
    app = await createTestApp({ now: clock.now, dir: dir.path, env: { CAMPAIGN_FILE: file } });
  });
  afterEach(async () => {
    await app.close();
    dir.remove();
  });

  const admin = () => textUser(app, 'district', { isAdmin: true });

  /**
   * One attempt through the conversation: each question shown (stamped at the clock), then `thinkMs` later the tap,
   * received `lateMs` after that (a slow network: the receipt is late, the shown time honest).
   */
  async function attempt(userId: string, pick: Pick, thinkMs: number, lateMs = 0): Promise<void> {
    const user = textUser(app, userId);
    const started = await user.say('/thi');
    const p = (await findParticipant(app.db, 'test', userId))!;
    const open = await findOpenAttempt(app.db, p.id);
    if (!open) throw new Error(started);
    const items = await getAttemptItems(app.db, open.id);
    for (const [i, item] of items.entries()) {
      clock.advance(thinkMs + lateMs);
      // A wrong answer is always the same wrong option (by its original index), whatever order it was shown in.
      const correctOriginal = item.optionOrder[item.correctShown]!;
      const wrongOriginal = (correctOriginal + 1) % item.optionOrder.length;
      const shown = pick(item, i) === 'right' ? item.correctShown : item.optionOrder.indexOf(wrongOriginal);
      await user.say(OPTION_LETTERS[shown]!);
    }
    clock.advance(60_000);
  }
  /** The same three questions wrong (by question, whatever the order they came in). */
  const threeWrong: Pick = (item) => (FIXED.indexOf(item.questionId) < 7 ? 'right' : 'wrong');
  const allRight: Pick = () => 'right';

  async function kinds(): Promise<Map<string, string[]>> {
    await app.services.integrity.refresh();
    const review = await app.services.integrity.review();
    return new Map(review.people.map((p) => [p.name ?? '', p.flags.map((f) => f.evidence.kind).sort()]));
  }

  it('should flag a machine-speed attempt, twins with the same wrong answers, three people on one phone and an official-opened session — and not an honest slow network or perfect scores on a fixed list', async () => {
    await textUser(app, 'bot').register('Máy Trả Lời', 1);
    await attempt('bot', allRight, 500);
    await textUser(app, 'slow').register('Lê Chậm Mạng', 1);
    await attempt('slow', allRight, 7_000, 40_000);
    await textUser(app, 'twin-a').register('Nguyễn Sinh Một', 2);
    await textUser(app, 'twin-b').register('Nguyễn Sinh Hai', 2);
    await attempt('twin-a', threeWrong, 6_000);
    await attempt('twin-b', threeWrong, 6_000);
    // Perfect scores on the fixed list: identical sheets, correct answers only, same pace.
    for (const id of ['perfect-1', 'perfect-2', 'perfect-3']) {
      await textUser(app, id).register(`Trần Giỏi ${['Một', 'Hai', 'Ba'][Number(id.slice(-1)) - 1]}`, 3);
      await attempt(id, allRight, 6_000);
    }
    for (const name of ['Đào Chung Một', 'Đào Chung Hai', 'Đào Chung Ba']) await person(app, name, '06325', '0912345678');
    await person(app, 'Đào Số Riêng', '06325', '0912345679');
    await textUser(app, 'helped').register('Vũ Được Mở', 4);
    await attempt('helped', allRight, 9_000);
    const helped = (await findParticipant(app.db, 'test', 'helped'))!;
    await app.db.updateTable('attempts').set({ opened_by: 'telegram:777' }).where('participant_id', '=', helped.id).execute();

    const flagged = await kinds();
    expect(flagged.get('Máy Trả Lời')).toEqual(['speed']);
    expect(flagged.get('Nguyễn Sinh Một')).toEqual(['twins']);
    expect(flagged.get('Nguyễn Sinh Hai')).toEqual(['twins']);
    for (const name of ['Đào Chung Một', 'Đào Chung Hai', 'Đào Chung Ba']) expect(flagged.get(name)).toEqual(['phone']);
    expect(flagged.get('Vũ Được Mở')).toEqual(['opened']);
    for (const name of ['Lê Chậm Mạng', 'Trần Giỏi Một', 'Trần Giỏi Hai', 'Trần Giỏi Ba', 'Đào Số Riêng']) expect(flagged.has(name)).toBe(false);

    const text = await admin().say('/kiemtra');
    expect(text).toContain('Máy Trả Lời');
    expect(text).toMatch(/Làm bài nhanh hơn tốc độ đọc \(Tuần 1\): 10 câu chưa gặp ở lượt trước.*trung vị 0,5 giây\/câu, cả bài 5 giây/u);
    expect(text).toMatch(/Trùng đáp án sai với #\d+ \(cùng đơn vị, Tuần 1\): 3 câu chọn cùng một đáp án sai/u);
    expect(text).toContain('Một số điện thoại, 3 người đăng ký');
    expect(text).toContain('làm trong phiên đăng nhập do cán bộ telegram:777 mở hộ');

    // A unit official sees their unit's flags and the decisions, and cannot decide.
    const twinUnit = (await findParticipant(app.db, 'test', 'twin-a'))!.commune_code!;
    await grantUnit(app, twinUnit, { channel: 'test', userId: 'unit-official' }, 'district');
    const official = textUser(app, 'unit-official');
    const own = await official.say('/kiemtra');
    expect(own).toMatch(/🔎 Kiểm tra kết quả — Xã [^:]+: 2 người có dấu hiệu chưa được quyết định, 2 người có dấu hiệu/u);
    expect(own).toContain('Nguyễn Sinh Một');
    expect(own).not.toContain('Máy Trả Lời');
    const twinA = (await findParticipant(app.db, 'test', 'twin-a'))!.id;
    expect(await official.say(`/kiemtra loai ${twinA} chép bài`)).toContain('Chỉ cán bộ huyện quyết định');
    expect((await findParticipant(app.db, 'test', 'twin-a'))!.excluded).toBe(0);
  });

  it('should keep each attempt’s pace as it finishes, leave out questions seen in an earlier attempt, and measure attempts finished before the pace was kept', async () => {
    // A second attempt on the same fixed list, fast: every question was seen in the first, so its pace proves nothing.
    await textUser(app, 'again').register('Phạm Thi Lại', 1);
    await attempt('again', threeWrong, 8_000);
    await attempt('again', allRight, 600);
    await textUser(app, 'bot').register('Máy Trả Lời', 1);
    await attempt('bot', allRight, 500);
    const paces = async (userId: string) =>
      app.db.selectFrom('attempts').select(['fresh_questions', 'fresh_median_ms', 'fresh_total_ms']).where('participant_id', '=', await idOf(userId)).orderBy('id').execute();
    const kept = (rows: Awaited<ReturnType<typeof paces>>) => rows.map((r) => [r.fresh_questions, Number(r.fresh_median_ms), Number(r.fresh_total_ms)]);
    expect(kept(await paces('again'))).toEqual([[10, 8_000, 80_000], [0, 0, 0]]);
    expect(kept(await paces('bot'))).toEqual([[10, 500, 5_000]]);

    const flagged = await kinds();
    expect(flagged.get('Máy Trả Lời')).toEqual(['speed']);
    expect(flagged.has('Phạm Thi Lại')).toBe(false);

    // Attempts finished before migration 200 have no kept pace: the computation measures them first, the same way.
    await app.db.updateTable('attempts').set({ fresh_questions: null, fresh_median_ms: null, fresh_total_ms: null }).execute();
    await app.db.deleteFrom('integrity_flags').execute();
    const again = await kinds();
    expect(again.get('Máy Trả Lời')).toEqual(['speed']);
    expect(again.has('Phạm Thi Lại')).toBe(false);
    expect(kept(await paces('again'))).toEqual([[10, 8_000, 80_000], [0, 0, 0]]);
    expect(kept(await paces('bot'))).toEqual([[10, 500, 5_000]]);
  });

  it('should flag one name registered several times in one unit whatever its case or diacritics, the same way on both databases, and key names written before', async () => {
    // SQLite's lower() folds ASCII letters only: "ĐÀO" and "Đào" are one name only through the folded key.
    const a = await person(app, 'ĐÀO VĂN AN', '06325', null);
    const b = await person(app, 'Đào Văn  An', '06325', null);
    const c = await person(app, 'Dao Van An', '06325', null);
    await person(app, 'Đào Văn An', '06328', null); // another commune
    await person(app, 'Đào Văn Anh', '06325', null);
    const expected = (id: number) => ({ kind: 'name', people: 3, unitCode: '06325', otherIds: [a, b, c].filter((x) => x !== id) });
    const names = async () => {
      await app.services.integrity.refresh();
      return (await app.services.integrity.review()).people.map((p) => ({ id: p.participantId, evidence: p.flags.map((f) => f.evidence) }));
    };
    expect(await names()).toEqual([a, b, c].map((id) => ({ id, evidence: [expected(id)] })));
    expect(await admin().say('/kiemtra')).toMatch(/Một họ tên đăng ký 3 lần trong Thị trấn Bắc Sơn: trùng với/u);

    // Names written before the key was (migration 201) are keyed first, the same way.
    await app.db.updateTable('participants').set({ name_key: null }).execute();
    await app.db.deleteFrom('integrity_flags').execute();
    expect(await names()).toEqual([a, b, c].map((id) => ({ id, evidence: [expected(id)] })));
  });

  const idOf = async (userId: string) => (await findParticipant(app.db, 'test', userId))!.id;
  const unitFigures = async () => (await app.services.boards.units('commune')).find((u) => u.registered > 0)!;
  async function proposalText(): Promise<string> {
    const reply = await admin().reply('/khenthuong');
    const xml = await zipEntry(reply.messages[0]!.document!.content, 'word/document.xml');
    return docxText(xml);
  }

  it('should leave an excluded person out of every board, unit figure, round result and the proposal, keep them out after delete-and-register, and take them back when undone', async () => {
    await textUser(app, 'cheat').register('Máy Trả Lời', 1);
    await attempt('cheat', allRight, 400);
    await textUser(app, 'honest').register('Hoàng Thật Thà', 1);
    await attempt('honest', threeWrong, 8_000);
    const cheat = await idOf('cheat');
    expect(await admin().say('/bxh')).toMatch(/1\. Máy Trả Lời[\s\S]*2\. Hoàng Thật Thà/u);
    expect(await unitFigures()).toMatchObject({ registered: 2, participants: 2, attempts: 2 });

    expect(await admin().say(`/kiemtra loai ${cheat}`)).toContain('Cần ghi lý do');
    expect(await textUser(app, 'honest').say(`/kiemtra loai ${cheat} gian lận`)).not.toContain('Đã ghi');
    expect(await admin().say(`/kiemtra loai ${cheat} 10 câu trong 4 giây, không liên lạc được`)).toContain(`Đã ghi: #${cheat} Máy Trả Lời — loại`);
    const board = await admin().say('/bxh');
    expect(board).not.toContain('Máy Trả Lời');
    expect(board).toMatch(/1\. Hoàng Thật Thà/u);
    expect(await unitFigures()).toMatchObject({ registered: 1, participants: 1, attempts: 1, averageBestScore: 7 });
    expect(await admin().say('/kiemtra tatca')).toMatch(/Đã quyết định: loại — "10 câu trong 4 giây, không liên lạc được" \(test:district, \d\d:\d\d 05\/07\/2023\)/u);

    clock.set('2023-07-10T01:00:00+07:00'); // round 1 closed; its only flag decided: final at once
    const results = await admin().say('/ketquavong 1');
    expect(results).toContain('đã chốt kết quả');
    expect(results).toContain('1 người dự thi vòng này');
    expect(results).toMatch(/Giải nhất — 1\. Hoàng Thật Thà/u);
    expect(results).not.toContain('Máy Trả Lời');
    const proposal = await proposalText();
    expect(proposal).not.toContain('Máy Trả Lời');
    expect(proposal).toContain('Hoàng Thật Thà');
    expect(proposal).toMatch(/Không tính 1 người bị loại sau khi kiểm tra dấu hiệu bất thường[^:]*: Thị trấn Bắc Sơn 1 người/u);

    // Deleting one's data and registering again does not launder the exclusion.
    await textUser(app, 'cheat').say('/xoadulieu');
    expect(await textUser(app, 'cheat').say('1')).toContain('Đã xóa dữ liệu cá nhân');
    expect(await textUser(app, 'cheat').register('Máy Trả Lời', 1)).toContain('Đăng ký thành công');
    expect((await findParticipant(app.db, 'test', 'cheat'))!.excluded).toBe(1);
    expect(await admin().say('/bxh')).not.toContain('Máy Trả Lời');
    expect(await unitFigures()).toMatchObject({ registered: 1, participants: 1 });

    // Undone: counted again everywhere.
    expect(await admin().say(`/kiemtra hople ${cheat} đã gọi điện xác minh, người thật làm bài`)).toContain('hợp lệ');
    expect(await admin().say('/bxh')).toMatch(/1\. Máy Trả Lời/u);
    expect(await unitFigures()).toMatchObject({ registered: 2, participants: 2, attempts: 2 });
    expect(await admin().say('/ketquavong 1')).toMatch(/Giải nhất — 1\. Máy Trả Lời/u);
  });

  it('should keep the results of a round with open flags waiting until they are decided or review_days passed, and show a later exclusion as a correction', async () => {
    await textUser(app, 'cheat').register('Máy Trả Lời', 1);
    await attempt('cheat', allRight, 400);
    await textUser(app, 'honest').register('Hoàng Thật Thà', 1);
    await attempt('honest', threeWrong, 8_000);
    const cheat = await idOf('cheat');
    clock.set('2023-07-10T01:00:00+07:00');
    const waiting = await admin().say('/ketquavong 1');
    expect(waiting).toContain('chưa chốt — đang kiểm tra 1 người có dấu hiệu bất thường (/kiemtra); công bố khi kiểm tra xong, chậm nhất ngày 12/07/2023');
    expect(await admin().say('/ketquavong')).toContain('Tuần 1 (03/07/2023–09/07/2023): chưa chốt — đang kiểm tra 1 người');
    clock.set('2023-07-13T00:00:00+07:00'); // three days after the close: published, flag still open
    const published = await admin().say('/ketquavong 1');
    expect(published).toContain('đã chốt kết quả');
    expect(published).toMatch(/Giải nhất — 1\. Máy Trả Lời/u);
    clock.advance(3_600_000);
    await admin().say(`/kiemtra loai ${cheat} không liên lạc được`);
    const corrected = await admin().say('/ketquavong 1');
    expect(corrected).toMatch(/Giải nhất — 1\. Hoàng Thật Thà/u);
    expect(corrected).toMatch(/Đính chính sau khi công bố[^\n]*\n• Máy Trả Lời — Thị trấn Bắc Sơn — 10 điểm — loại ngày 13\/07\/2023: không liên lạc được/u);
    const [round] = await app.services.public.winners();
    expect(round!.corrections).toEqual([expect.objectContaining({ name: 'Máy Trả Lời', reason: 'không liên lạc được' })]);
  });
});
