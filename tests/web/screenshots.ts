/**
 * `npm run web:screenshots`: the README's pictures of the public pages and the officials' dashboard (docs/web-*.png),
 * taken in Debian's Chromium from the real app with 600 synthetic people who registered and played over the first nine
 * days of the 2023 campaign, and two reminder runs.
 */
import { join } from 'node:path';
import { answerQuestion, startOrResume } from '../../src/services/quiz.ts';
import type { AttemptItem } from '../../src/core/types.ts';
import { testClock, tempDir } from '../helpers/app.ts';
import { registerSynthetic } from '../helpers/participants.ts';
import { DISTRICT_ID, recordReminderRun, signIn, signInToken } from './dashboard-support.ts';
import { openBrowser, startWebApp } from './support.ts';

const DOCS = new URL('../../docs/', import.meta.url).pathname;
const FAMILY = ['Hoàng', 'Lý', 'Nông', 'Vi', 'Hà', 'Lương', 'Lộc', 'Đinh', 'Dương', 'Chu', 'Lăng', 'Triệu'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thu', 'Minh', 'Ngọc'];
const GIVEN = ['Minh', 'Hoa', 'Sơn', 'Lan', 'Tú', 'Hùng', 'Giang', 'Mai', 'Lụa', 'Thắng', 'Hạnh', 'Phúc', 'Yến', 'Tuấn'];
const DAY = 86_400_000;

let seed = 7;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

const dir = tempDir();
const clock = testClock('2023-07-03T08:00:00+07:00');
const web = await startWebApp({ now: clock.now, dir: dir.path, env: { ADMIN_TELEGRAM_IDS: DISTRICT_ID } });
const { app } = web;
const communes = app.units.filter((u) => u.kind === 'commune').map((u) => u.code);
const agencies = app.units.filter((u) => u.kind === 'agency').map((u) => u.code);
for (let n = 1; n <= 600; n++) {
  const day = n % 9; // 03/07 … 11/07: round 1 (to 09/07), then round 2
  clock.set(app.campaign.opensAt + day * DAY + 8 * 3600_000 + n * 60_000);
  const commune = communes[Math.floor(communes.length * random() ** 1.6)]!;
  const person = await registerSynthetic(app.db, n, commune, clock.now());
  const name = `${FAMILY[n % FAMILY.length]} ${MIDDLE[(n >> 2) % MIDDLE.length]} ${GIVEN[(n * 7) % GIVEN.length]}`;
  const phone = n % 3 === 1 ? {} : { phone: `09${String(12_000_000 + n * 7919).slice(0, 8)}` };
  await app.db.updateTable('participants').set({ full_name: name, channel: n % 4 === 0 ? 'zalo' : 'telegram', ...phone, ...(n % 3 === 0 ? { agency_code: agencies[Math.floor(agencies.length * random() ** 1.3)]! } : {}) }).where('id', '=', person.id).execute();
  const started = await startOrResume(app.deps, person.id);
  if (started.kind !== 'question') continue;
  for (let item: AttemptItem | undefined = started.item; item; ) {
    clock.advance(15_000 + Math.floor(random() * 20_000));
    const result = await answerQuestion(app.deps, person.id, random() < 0.7 ? item.correctShown : (item.correctShown + 1) % item.shownOptions.length, { attemptId: started.attempt.id, position: item.position });
    item = result.kind === 'next' ? result.item : undefined;
  }
}
clock.set('2023-07-12T09:00:00+07:00');
await reminderRuns();

const browser = await openBrowser();
const page = await browser.context.newPage();
async function shoot(name: string, size: { width: number; height: number }, path: string, anchor?: string): Promise<void> {
  await page.setViewportSize(size);
  await page.goto(`${web.url}${path}`);
  if (anchor) await page.evaluate((sel) => document.querySelector(sel)!.scrollIntoView(), anchor);
  await page.screenshot({ path: join(DOCS, `web-${name}.png`) });
  console.log(`docs/web-${name}.png`);
}
const phone = { width: 360, height: 740 };
const desktop = { width: 1280, height: 800 };
await shoot('home-phone', phone, '/');
await shoot('home-phone-chart', phone, '/', '#xa .chart');
await shoot('home-desktop', desktop, '/');
await shoot('home-desktop-ranking', desktop, '/', '#xa');
await shoot('unit-phone', phone, '/don-vi/06325');
await shoot('unit-desktop', desktop, '/don-vi/06325');
await shoot('dashboard-sign-in-phone', phone, `/quan-tri/dang-nhap?t=${await signInToken(app, DISTRICT_ID)}`);
// The dashboard, signed in as a district official (the session cookie from the sign-in form, set in the browser).
const session = await signIn(web.http.fastify, await signInToken(app, DISTRICT_ID));
await browser.context.addCookies([{ name: 'cds_qt', value: session.split('=')[1]!, url: web.url }]);
await shoot('dashboard-phone', phone, '/quan-tri');
await shoot('dashboard-desktop', desktop, '/quan-tri');
await shoot('dashboard-unit-days-desktop', desktop, '/quan-tri', 'table.unit-days');
await shoot('dashboard-units-desktop', desktop, '/quan-tri/don-vi?sort=perThousand');
await shoot('dashboard-unit-phone', phone, '/quan-tri/don-vi/06325?status=waiting');
await shoot('dashboard-questions-desktop', desktop, '/quan-tri/cau-hoi');
await webQuiz();
await page.close();
await browser.close();
await web.close();
dir.remove();

/**
 * The web quiz (docs/web-quiz-*.png) at a phone's size: a Zalo person signed in with their personal link (its POST
 * done here, the session cookie given to the browser) plays round 2 — a question, the prediction asked on the result,
 * the result with it saved, and, once round 2 has closed, its published winners on the same page.
 */
async function webQuiz(): Promise<void> {
  const person = await registerSynthetic(app.db, 601, communes[0]!, clock.now());
  await app.db.updateTable('participants').set({ full_name: 'Hoàng Thị Mai', channel: 'zalo' }).where('id', '=', person.id).execute();
  // Her account too: people are found by their accounts (a session of a 'test' account would belong to nobody).
  await app.db.updateTable('accounts').set({ channel: 'zalo' }).where('participant_id', '=', person.id).execute();
  const link = await app.services.webSessions.createQuizLink({ channel: 'zalo', externalId: person.external_id });
  const signed = await app.services.webSessions.quizSignIn(link.token);
  if (signed.kind !== 'signed_in') throw new Error(signed.kind);
  await browser.context.addCookies([{ name: 'cds_thi', value: signed.sessionId, url: `${web.url}/thi` }]);
  const quiz = await browser.context.newPage();
  await quiz.setViewportSize(phone);
  const snap = async (name: string) => {
    await quiz.screenshot({ path: join(DOCS, `web-quiz-${name}.png`) });
    console.log(`docs/web-quiz-${name}.png`);
  };
  await quiz.goto(`${web.url}/thi`);
  await quiz.getByRole('button', { name: 'Bắt đầu lượt thi' }).click();
  await quiz.waitForURL(/\/thi$/u);
  await snap('question');
  for (let q = 0; q < 10; q++) {
    await quiz.locator('label.option').nth([0, 1, 2, 0, 3, 1, 2, 0, 1, 3][q]!).click();
    clock.advance(20_000 + q * 1_000);
    await quiz.getByRole('button', { name: 'Trả lời' }).click();
    await quiz.waitForLoadState();
  }
  await quiz.waitForURL(/\/thi\/ket-qua\/\d+$/u);
  await quiz.locator('form.prediction').scrollIntoViewIfNeeded();
  await snap('prediction');
  await quiz.getByLabel(app.campaign.predictionQuestion).fill('150');
  await quiz.getByRole('button', { name: 'Gửi dự đoán' }).click();
  await quiz.waitForURL(/\/thi\/ket-qua\/\d+$/u);
  await snap('result');
  clock.set('2023-07-19T09:00:00+07:00'); // round 2 has closed: its winners are published
  await quiz.reload();
  await quiz.evaluate(() => document.querySelector('.round-results')!.scrollIntoView());
  await snap('round-results');
  await quiz.close();
}

/** Two morning reminders of round 2 as the worker records them: most sent, a few failed. */
async function reminderRuns(): Promise<void> {
  await recordReminderRun(app, { runId: 'slot-2023-07-10', fireAt: Date.parse('2023-07-10T08:00:00+07:00'), roundId: 'tuan-2', sent: 369, failed: 11 });
  await recordReminderRun(app, { runId: 'slot-2023-07-11', fireAt: Date.parse('2023-07-11T08:00:00+07:00'), roundId: 'tuan-2', sent: 428, failed: 12 });
}
