import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.ts';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from '../../support/fake-telegram/index.ts';
import { botSays, currentQuestion, mark, readQuestion, registerByTaps, startTestBot, tapAndExpect, telegramEnv, tempDir, type TestBot } from '../../helpers/telegram.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A second bot process on the same database (tests/support/telegram/bot-child.ts), fed updates on stdin. */
async function secondBot(fake: FakeTelegram, dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/telegram/bot-child.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...telegramEnv(fake, dir) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const expectLine = async (what: string) => {
    const { value } = await lines.next();
    if (value !== what) throw new Error(`second bot said ${String(value)}, expected ${what}`);
  };
  await expectLine('ready');
  return {
    async receive(update: { update_id: number }) {
      child.stdin!.write(`${JSON.stringify(update)}\n`);
      await expectLine(`stored ${update.update_id}`);
    },
    async idle() {
      child.stdin!.write('idle\n');
      await expectLine('idle');
    },
    async stop() {
      child.stdin!.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** Answers questions through the first bot until the last one is on screen. */
async function tapToLastQuestion(fake: FakeTelegram, app: App, user: FakeUser) {
  await tapAndExpect(fake, user, 'Bắt đầu thi', /^Câu 1\//u);
  for (;;) {
    const message = await fake.waitFor(() => currentQuestion(user), { what: 'a question' });
    const q = readQuestion(app, message);
    if (q.n === q.total) return message;
    const after = mark(user);
    user.tap(q.labels.find((l) => l.startsWith(`${q.correct}.`))!);
    await botSays(fake, user, new RegExp(`^Câu ${q.n + 1}/`, 'u'), after);
  }
}

describe('two bot processes on one database', () => {
  let fake: FakeTelegram;
  let dir: ReturnType<typeof tempDir>;
  let a: TestBot;
  let b: Awaited<ReturnType<typeof secondBot>>;
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
    a = await startTestBot(fake, dir.path);
    b = await secondBot(fake, dir.path);
  });
  afterEach(async () => {
    await b.stop();
    await a.stop();
    await fake.close();
    dir.remove();
  });

  it('should send the end-of-quiz message once when conflicting taps on the last question reach both', async () => {
    const people = [8101, 8102, 8103, 8104, 8105];
    for (const id of people) {
      const user = fake.user(id, `Người ${id}`);
      await registerByTaps(fake, user, 'Xã Tân Tri', `Nguyễn Văn ${['An', 'Bình', 'Chi', 'Dũng', 'Giang'][id - 8101]}`);
      const last = await tapToLastQuestion(fake, a.app, user);
      const buttons = last.reply_markup!.inline_keyboard!.map((row) => row[0]!.callback_data!);
      const tap = (updateId: number, data: string) => ({
        update_id: updateId,
        callback_query: { id: `q${updateId}`, from: { id, is_bot: false, first_name: 'X' }, message: last, chat_instance: `ci${id}`, data },
      });
      // Two different answers to the same last question, one to each process, at the same moment.
      await Promise.all([a.telegram.bot.receive(tap(900_000 + id * 2, buttons[0]!)), b.receive(tap(900_001 + id * 2, buttons[1]!))]);
      await botSays(fake, user, /Câu hỏi dự đoán/u);
    }
    await Promise.all([a.telegram.bot.inbox.idle(), b.idle()]);
    for (const id of people) {
      const finished = fake.sentTo(id).filter((e) => /🏁 Hoàn thành/u.test(e.text ?? ''));
      expect(finished, `person ${id}`).toHaveLength(1);
    }
    // One answer per question, ten per attempt.
    const answers = await a.app.db.selectFrom('answers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(answers.n)).toBe(people.length * 10);
  });
});
