import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personPayload } from '../../src/core/invites.ts';
import { findParticipant, getParticipant } from '../../src/storage/repos/participants.ts';
import { playAttempt } from '../support/reminders/harness.ts';
import { tempDir, testClock, textUser } from '../helpers/app.ts';
import { communeCodes, webPerson } from '../helpers/web-person.ts';
import { cookieOf, DISTRICT_ID, postForm } from './dashboard-support.ts';
import { codeOf, playOnWeb, registerOnWeb } from './door-support.ts';
import { csrfOf } from './quiz-support.ts';
import { startWebApp } from './support.ts';

const START = '2023-07-05T09:00:00+07:00';
const HOUR = 3_600_000;
const CODE = /\/noi ([A-Z2-9]{4}-[A-Z2-9]{4})/u;

/** One person, several accounts (issue 23): /noi from a chat joins a web-only person's account. */
describe('/noi: a web-only person joins a chat account', () => {
  const clock = testClock(START);
  let dir: ReturnType<typeof tempDir>;
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const app = () => web.app;
  const official = () => textUser(app(), DISTRICT_ID, { channel: 'telegram', isAdmin: true });
  const telegram = (id: string) => textUser(app(), id, { channel: 'telegram' });

  beforeEach(async () => {
    clock.set(START);
    dir = tempDir();
    web = await startWebApp({ now: clock.now, dir: dir.path, env: { ADMIN_TELEGRAM_IDS: DISTRICT_ID } });
  });
  afterEach(async () => {
    await web.close();
    dir.remove();
  });

  /** The web person's session cookie, as the web registration or re-entry will give them. */
  async function sessionOf(accountId: string): Promise<string> {
    const { sessionId } = await app().services.webSessions.openQuizSession({ channel: 'web', externalId: accountId });
    return `cds_thi=${sessionId}`;
  }
  const page = (url: string, cookie: string) => web.http.fastify.inject({ method: 'GET', url, headers: { cookie } });
  /** The web person's last finished attempt's result page. */
  async function resultPage(personId: number, cookie: string) {
    const last = await app().db.selectFrom('attempts').select('id').where('participant_id', '=', personId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    return page(`/thi/ket-qua/${last.id}`, cookie);
  }
  /** A web person who finished `attempts` attempts with `correct` right answers each; their code and session. */
  async function webPlayer(id: string, name: string, commune: string, attempts: number, correct: number, opts: { payload?: string; phone?: string } = {}) {
    const person = await webPerson(app(), id, name, commune, opts);
    for (let i = 0; i < attempts; i++) await playAttempt(app(), person.id, correct);
    const cookie = await sessionOf(id);
    const res = await resultPage(person.id, cookie);
    expect(res.statusCode).toBe(200);
    const code = CODE.exec(res.body)?.[1];
    expect(code, res.body).toBeDefined();
    return { person, cookie, code: code!, body: res.body };
  }

  /** A Telegram person registered through the chat (commune 1) who finished an attempt per score in `scores`. */
  async function chatPlayer(id: string, name: string, scores: number[]) {
    const tg = telegram(id);
    await tg.register(name, 1);
    const chat = (await findParticipant(app().db, 'telegram', id))!;
    for (const correct of scores) await playAttempt(app(), chat.id, correct);
    return { tg, chat };
  }

  it('should show the code on the result page, the same on every view, and attach a Telegram account that never registered', async () => {
    const [c1] = communeCodes(app());
    const w = await webPlayer('w-an', 'Web Nguyễn An', c1!, 1, 7);
    expect(w.body).toContain('Nối với chat để nhận nhắc nhở');
    expect(w.body).toContain('Mã dùng một lần, có giá trị đến 09:00 06/07/2023');
    expect(CODE.exec((await resultPage(w.person.id, w.cookie)).body)?.[1]).toBe(w.code);
    // Stored only hashed.
    const stored = await app().db.selectFrom('link_codes').select('code_hash').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).not.toContain(w.code.replace('-', ''));

    // A Telegram account that only started registering.
    const tg = telegram('tg-1');
    expect(await tg.say('/start')).toContain('Chào mừng bạn');
    expect(await tg.say(`/noi ${w.code.toLowerCase()}`)).toContain('Đã nối tài khoản chat này với bài thi trên web của Web Nguyễn An');
    expect(await tg.say('/ketqua')).toContain('Tuần 1: còn 2 lượt thi');
    expect(await tg.say('/thi')).toContain('lượt thi 2/3');
    // The web session is the same person; no code any more (a chat account reaches them now).
    const home = await page('/thi', w.cookie);
    expect(home.body).toContain('Bạn đang làm bài với tên: Web Nguyễn An');
    expect((await resultPage(w.person.id, w.cookie)).body).not.toMatch(CODE);
    // The unfinished chat row is left inert; the attach is audited.
    expect((await findParticipant(app().db, 'telegram', 'tg-1'))!.id).toBe(w.person.id);
    expect(await app().services.links.merges()).toMatchObject([{ kind: 'attach', toId: w.person.id, actor: 'telegram:tg-1', attemptsMoved: 0 }]);
    const stats = await official().say('/thongke');
    expect(stats).toContain('Đăng ký: 1');
    expect(stats).toMatch(/telegram 1 đăng ký\/1 dự thi; web 1 đăng ký\/1 dự thi/u);
  });

  it('should merge into a Telegram person: attempts, best results, overall score, unit totals and invitations', async () => {
    const [c1, c2] = communeCodes(app());
    const { tg, chat } = await chatPlayer('tg-2', 'Trần Thị Chat', [4]);
    expect(chat.commune_code).toBe(c1);
    const w = await webPlayer('w-binh', 'Web Lê Bình', c2!, 1, 9, { phone: '0912345678' });
    // Someone the web person invited, who finished an attempt.
    const invited = await webPerson(app(), 'w-khach', 'Khách Mời', c2!, { payload: personPayload(w.person.inviteCode) });
    await playAttempt(app(), invited.id, 5);
    const boardBefore = await official().say('/bxhxa');
    expect(boardBefore).toContain('2 người dự thi, 2 lượt');

    expect(await tg.say(`/noi ${w.code}`)).toContain('Đã gộp 1 lượt thi trên web vào tài khoản của Trần Thị Chat');

    const results = await tg.say('/ketqua');
    expect(results).toContain('Tuần 1: còn 1 lượt thi');
    expect(results).toContain('Điểm tổng (cộng điểm cao nhất mỗi vòng): 9');
    const bxh = await official().say('/bxh');
    expect(bxh).toContain('Trần Thị Chat');
    expect(bxh).toMatch(/Trần Thị Chat[^\n]*9/u);
    expect(bxh).not.toContain('Web Lê Bình');
    // Unit totals: the web person's commune keeps only the invited person; the chat person's has 1 person, 2 attempts, best 9.
    const totals = await app().db.selectFrom('unit_totals').selectAll().where('code', 'in', [c1!, c2!]).orderBy('code').execute();
    expect(Object.fromEntries(totals.map((t) => [t.code, [Number(t.registered), Number(t.participants), Number(t.attempts), Number(t.score_sum)]]))).toEqual({
      [c1!]: [1, 1, 2, 9],
      [c2!]: [1, 1, 1, 5],
    });
    const board = await official().say('/bxhxa');
    expect(board).toContain('1 người dự thi, 2 lượt');
    // The invited person counts for the chat person now, who keeps the web person's phone (they gave none in the chat).
    expect((await getParticipant(app().db, invited.id))!.invited_by).toBe(chat.id);
    expect((await getParticipant(app().db, chat.id))!.phone).toBe('0912345678');
    expect(await official().say('/bxhvd')).toContain('Trần Thị Chat');
    // The web session goes on as the merged person; the merge is audited.
    expect((await page('/thi', w.cookie)).body).toContain('Bạn đang làm bài với tên: Trần Thị Chat');
    expect(await app().services.links.merges()).toMatchObject([{ kind: 'merge', fromId: w.person.id, toId: chat.id, actor: 'telegram:tg-2', attemptsMoved: 1 }]);
  });

  it('should let a web person merged into a Telegram person back in on a new browser with the phone and code of their web account', async () => {
    const { tg, chat } = await chatPlayer('tg-3', 'Hà Văn Cửa', [3]);
    const session = await registerOnWeb(web.http.fastify, { name: 'Hà Văn Cửa', phone: '0977333444', commune: chat.commune_code! });
    const reentry = codeOf((await page('/thi', session)).body)!;
    const result = await playOnWeb(web.http.fastify, session);
    const link = CODE.exec(result.body)?.[1];
    expect(link, result.body).toBeDefined();
    expect(await tg.say(`/noi ${link}`)).toContain('Đã gộp 1 lượt thi trên web vào tài khoản của Hà Văn Cửa');

    const open = await web.http.fastify.inject({ method: 'GET', url: '/thi/vao-lai' });
    const back = await postForm(web.http.fastify, '/thi/vao-lai', { sdt: '0977333444', ma: reentry, csrf: csrfOf(open.body) }, { cookie: cookieOf(open, 'cds_thi_dk')! });
    expect(back.statusCode, back.body).toBe(303);
    const home = await page('/thi', cookieOf(back, 'cds_thi')!);
    expect(home.body).toContain('Bạn đang làm bài với tên: Hà Văn Cửa');
    // Signed in as the web account of the merged person: the same code is shown, the merged results count.
    expect(codeOf(home.body)).toBe(reentry);
    expect(await tg.say('/ketqua')).toContain('Tuần 1: còn 1 lượt thi');
  });

  it('should refuse a merge that would exceed a round\'s attempts, moving nothing, with "liên hệ cán bộ"', async () => {
    const [c1] = communeCodes(app());
    const { tg } = await chatPlayer('tg-3', 'Phạm Văn Chat', [4, 5]);
    const w = await webPlayer('w-cuong', 'Web Cường', c1!, 2, 6);
    const reply = await tg.say(`/noi ${w.code}`);
    expect(reply).toContain('vượt quá số lượt được thi của một vòng');
    expect(reply).toContain('liên hệ cán bộ');
    expect(await tg.say('/ketqua')).toContain('Tuần 1: còn 1 lượt thi');
    expect(await app().db.selectFrom('attempts').select('id').where('participant_id', '=', w.person.id).execute()).toHaveLength(2);
    expect(await app().services.links.merges()).toEqual([]);
  });

  it('should refuse a merge while both people have an attempt open, and merge once one of them is finished', async () => {
    const [c1] = communeCodes(app());
    const { tg, chat } = await chatPlayer('tg-9', 'Đỗ Văn Dở', []);
    const w = await webPlayer('w-do', 'Web Dở', c1!, 1, 6);
    expect((await app().services.quiz.startOrResume(w.person.id)).kind).toBe('question');
    expect(await tg.say('/thi')).toContain('Câu 1/10');
    expect(await app().db.selectFrom('attempts').select('id').where('participant_id', '=', chat.id).where('open_marker', '=', 1).execute()).toHaveLength(1);
    expect(await tg.say(`/noi ${w.code}`)).toContain('đang có lượt thi dở cả trên web và trong chat');
    for (let i = 0; i < 10; i++) await tg.say('A');
    const merged = await tg.say(`/noi ${w.code}`);
    expect(merged).toContain('Đã gộp 2 lượt thi trên web');
    // The web attempt still open is the merged person's now, on the web page.
    expect((await page('/thi', w.cookie)).body).toContain('Câu 1/10');
  });

  it('should tell a wrong, used or expired code apart, and stop an account after 5 tries in an hour', async () => {
    const [c1] = communeCodes(app());
    const w = await webPlayer('w-dung', 'Web Dũng', c1!, 1, 5);
    const first = telegram('tg-4');
    expect(await first.say('/noi')).toContain('Cách dùng: /noi <mã>');
    expect(await first.say('/noi ABCD-EFGH')).toContain('Mã nối không đúng');
    expect(await first.say(`/noi ${w.code}`)).toContain('Đã nối');
    expect(await telegram('tg-5').say(`/noi ${w.code}`)).toContain('Mã nối này đã được dùng');

    const late = await webPlayer('w-em', 'Web Em', c1!, 1, 5);
    clock.advance(24 * HOUR);
    expect(await telegram('tg-6').say(`/noi ${late.code}`)).toContain('Mã nối đã hết hạn');

    const guesser = telegram('tg-7');
    for (let i = 0; i < 5; i++) expect(await guesser.say(`/noi ZZZZ-ZZZ${i + 2}`)).toContain('không đúng');
    expect(await guesser.say('/noi ZZZZ-ZZZ9')).toContain('thử quá nhiều mã');
    clock.advance(HOUR);
    expect(await guesser.say('/noi ZZZZ-ZZZ9')).toContain('không đúng');
  });

  it('should delete every account of a merged person, and give no fresh attempts when they register again on Telegram', async () => {
    const [c1] = communeCodes(app());
    const { tg, chat } = await chatPlayer('tg-8', 'Vũ Thị Gộp', [4]);
    const w = await webPlayer('w-gop', 'Web Gộp', c1!, 1, 6);
    expect(await tg.say(`/noi ${w.code}`)).toContain('Đã gộp');

    await tg.say('/xoadulieu');
    expect(await tg.say('1')).toContain('Đã xóa dữ liệu cá nhân');
    expect(await app().db.selectFrom('accounts').select('channel').where('participant_id', '=', chat.id).execute()).toEqual([]);
    expect(await app().db.selectFrom('identity_hashes').select('participant_id').execute()).toEqual([{ participant_id: chat.id }, { participant_id: chat.id }]);
    // The web session ends with the person.
    expect((await page('/thi', w.cookie)).body).not.toContain('Bạn đang làm bài với tên');

    await tg.say('/start');
    await tg.say('1');
    await tg.say('Vũ Thị Gộp');
    await tg.say('0');
    expect(await tg.say('/ketqua')).toContain('Tuần 1: còn 1 lượt thi');
    expect((await findParticipant(app().db, 'telegram', 'tg-8'))!.id).toBe(chat.id);
  });
});
