import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_APP_SCRIPT_URL } from '../../src/web/quiz/mini-app.ts';
import { testClock, tempDir, textUser } from '../helpers/app.ts';
import { initDataFor } from '../helpers/mini-app.ts';
import { cookieOf, mainText, postForm } from './dashboard-support.ts';
import { csrfOf, questionForm } from './quiz-support.ts';
import { startWebApp } from './support.ts';

const START = '2023-07-05T09:00:00+07:00';
const TOKEN = '7000000001:AAH-mini-app-test-token_abcdefghijk';
const QUIZ_CSP = "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';img-src 'self' data:;font-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'self' https://web.telegram.org";

/** The web quiz's Telegram Mini App door (issue 22): initData exchanged for a session that travels with the form. */
describe('web quiz: the Telegram Mini App', () => {
  const dir = tempDir();
  const clock = testClock(START);
  const logged: string[] = [];
  const log = pino(
    { level: 'trace' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        logged.push(chunk.toString());
        done();
      },
    }),
  );
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const http = () => web.http.fastify;
  let people = 0;
  /** A Telegram person registered through the chat: their Telegram user id. */
  async function telegramPerson(): Promise<number> {
    people += 1;
    const id = 5_000_000 + people;
    await textUser(web.app, String(id), { channel: 'telegram' }).register(`Người Telegram ${String.fromCharCode(64 + people)}`, 1);
    return id;
  }
  const exchange = (initData: string) => postForm(http(), '/thi/mini-app', { initData });

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path, env: { TELEGRAM_BOT_TOKEN: TOKEN }, log });
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('should serve the entry page with its same-origin script, framable by Telegram\'s web client', async () => {
    const res = await http().inject({ method: 'GET', url: '/thi/mini-app' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<script src="${MINI_APP_SCRIPT_URL}" defer></script>`);
    expect(res.body).toContain('<form id="mini-app" method="post" action="/thi/mini-app">');
    expect(res.headers['content-security-policy']).toBe(QUIZ_CSP);
    expect(res.headers['x-frame-options']).toBeUndefined();
    const script = await http().inject({ method: 'GET', url: MINI_APP_SCRIPT_URL });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toContain("get('tgWebAppData')");
    expect(MINI_APP_SCRIPT_URL).toMatch(/^\/static\/mini-app\.[0-9a-f]{12}\.js$/u);
  });

  it('should keep the site\'s policy elsewhere: no script, framed by itself only', async () => {
    for (const url of ['/', '/the-le', '/quan-tri/dang-nhap']) {
      const res = await http().inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'self'");
      expect(csp, url).not.toContain('telegram');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
    // The quiz pages have the Mini App's policy, whoever asks.
    for (const url of ['/thi', '/thi/vao']) expect((await http().inject({ method: 'GET', url })).headers['content-security-policy'], url).toBe(QUIZ_CSP);
  });

  it('should exchange good initData for a session whose forms carry it: a whole attempt without any cookie', async () => {
    const id = await telegramPerson();
    const start = await exchange(initDataFor(TOKEN, id, clock.now() - 60_000));
    expect(start.statusCode, start.body).toBe(200);
    expect(mainText(start.body)).toContain('Bắt đầu');
    expect(start.body).toContain('Người Telegram');
    expect(cookieOf(start, 'cds_thi')).toBeUndefined();
    expect(start.headers['content-security-policy']).toBe(QUIZ_CSP);
    const token = csrfOf(start.body);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]+$/u);
    // Each POST answers with the next page itself (a redirect's GET would carry no session inside the frame).
    let page = await postForm(http(), '/thi/bat-dau', { csrf: token });
    expect(page.statusCode, page.body).toBe(200);
    let answered = 0;
    while (page.body.includes('name="o"')) {
      const form = questionForm(page.body);
      expect(form.csrf).toBe(token);
      page = await postForm(http(), '/thi/tra-loi', { a: form.a, p: form.p, csrf: form.csrf, o: '0' });
      expect(page.statusCode, page.body).toBe(200);
      answered += 1;
    }
    expect(answered).toBeGreaterThan(1);
    expect(mainText(page.body)).toContain('Kết quả lượt thi');
    // The chat knows the same attempt: the person's attempt is finished there too.
    const attempts = await web.app.db.selectFrom('attempts').innerJoin('participants', 'participants.id', 'attempts.participant_id').select(['attempts.finished_at']).where('participants.external_id', '=', String(id)).execute();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.finished_at).not.toBeNull();
  });

  it('should check the form\'s session as strictly as the cookie: another id, a wrong CSRF value, a GET, a signed-out session', async () => {
    const id = await telegramPerson();
    const token = csrfOf((await exchange(initDataFor(TOKEN, id, clock.now()))).body);
    const [sessionId, csrf] = token.split('.') as [string, string];
    const attempts = async () => (await web.app.db.selectFrom('attempts').select('id').execute()).length;
    const before = await attempts();
    const forged = await postForm(http(), '/thi/bat-dau', { csrf: `${'A'.repeat(43)}.${csrf}` });
    expect(forged.statusCode).toBe(401);
    const wrongCsrf = await postForm(http(), '/thi/bat-dau', { csrf: `${sessionId}.${'x'.repeat(43)}` });
    expect(wrongCsrf.statusCode).toBe(403);
    expect(await attempts()).toBe(before);
    // A GET never reads a session from the address.
    expect((await http().inject({ method: 'GET', url: `/thi?csrf=${token}` })).statusCode).toBe(401);
    const out = await postForm(http(), '/thi/thoat', { csrf: token });
    expect(out.statusCode).toBe(303);
    expect((await postForm(http(), '/thi/bat-dau', { csrf: token })).statusCode).toBe(401);
  });

  it('should refuse a wrong hash, another bot\'s token, initData over an hour old (403); replayed within the hour it opens another session', async () => {
    const id = await telegramPerson();
    const good = initDataFor(TOKEN, id, clock.now() - 60_000);
    const tampered = await exchange(good.replace(String(id), String(id + 1)));
    expect(tampered.statusCode).toBe(403);
    expect(mainText(tampered.body)).toContain('Telegram không xác nhận được bạn');
    expect((await exchange(initDataFor('7000000002:AAH-other-bot', id, clock.now()))).statusCode).toBe(403);
    expect((await exchange(initDataFor(TOKEN, id, clock.now() - 3_601_000))).statusCode).toBe(403);
    expect((await exchange('')).statusCode).toBe(403);
    const first = csrfOf((await exchange(good)).body);
    const again = await exchange(good);
    expect(again.statusCode).toBe(200);
    expect(csrfOf(again.body)).not.toBe(first);
  });

  it('should tell a Telegram user who has not registered to register in the chat first', async () => {
    const res = await exchange(initDataFor(TOKEN, 6_999_999, clock.now()));
    expect(res.statusCode).toBe(403);
    expect(mainText(res.body)).toContain('Bạn chưa đăng ký');
    expect(mainText(res.body)).toContain('gõ /start trong chat với bot để đăng ký');
  });

  it('should never log initData nor the session', async () => {
    const id = await telegramPerson();
    const initData = initDataFor(TOKEN, id, clock.now());
    const res = await exchange(initData);
    expect(res.statusCode).toBe(200);
    const all = logged.join('');
    expect(all).toContain('/thi/mini-app');
    expect(all).not.toContain(/hash=([0-9a-f]{64})/u.exec(initData)![1]!);
    expect(all).not.toContain(encodeURIComponent(initData).slice(0, 40));
    expect(all).not.toContain('auth_date');
    expect(all).not.toContain(csrfOf(res.body).split('.')[0]!);
  });
});
