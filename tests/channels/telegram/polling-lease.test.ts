import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from '../../support/fake-telegram/index.ts';
import { exitOf, logLines, startMain, waitForLog, type MainProcess } from '../../helpers/processes.ts';
import { botSays, currentQuestion, mark, registerByTaps, tapAndExpect, telegramEnv, tempDir } from '../../helpers/telegram.ts';

const TOOK = /^took the polling lease/u;
const TOOK_OVER = /^took over the polling lease/u;
const WAITING = /^another process polls this bot/u;

/** Taps the first option of the question on screen and waits for the next one. */
async function answerCurrent(fake: FakeTelegram, user: FakeUser, timeoutMs?: number): Promise<void> {
  const q = currentQuestion(user)!;
  const n = Number(/^Câu (\d+)/u.exec(q.text!)![1]);
  const after = mark(user);
  user.tapData(q.message_id, q.reply_markup!.inline_keyboard![0]![0]!.callback_data!);
  await botSays(fake, user, new RegExp(`^Câu ${n + 1}/`, 'u'), after, timeoutMs);
}

/** The web address a process logged once its HTTP server listened. */
async function webUrl(child: MainProcess): Promise<string> {
  return String((await waitForLog(child, /^web pages served$/u)).url);
}

// Two real bot processes (src/main.ts) in polling mode on one database (SQLite file, or PostgreSQL under test:pg).
describe('two bot processes polling one bot token', () => {
  let fake: FakeTelegram;
  let dir: ReturnType<typeof tempDir>;
  const children: MainProcess[] = [];
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exitOf(child);
    }
    await fake.close();
    dir.remove();
  });

  it('should let one process poll while the other serves the web and waits, and hand over when the poller dies or stops', async () => {
    const env = telegramEnv(fake, dir.path, {
      LOG_LEVEL: 'info',
      ROLE: 'bot',
      BULLMQ_PREFIX: `test-lease-${process.pid}`,
      // Short for the test, with room for a loaded machine: a renewal may wait behind another process's write.
      POLLING_LEASE_MS: '10000',
      POLLING_HEARTBEAT_MS: '1000',
    });
    const start = () => {
      const child = startMain(env);
      children.push(child);
      return child;
    };
    const a = start();
    await waitForLog(a, TOOK);
    const b = start();
    await waitForLog(b, WAITING);
    // The waiting process serves the web pages all the same.
    expect((await fetch(`${await webUrl(b)}/healthz`)).status).toBe(200);

    const an = fake.user(7301, 'An');
    await registerByTaps(fake, an, 'Xã Tân Tri', 'Hoàng Văn An');
    await tapAndExpect(fake, an, 'Bắt đầu thi', /^Câu 1\//u);
    await answerCurrent(fake, an);

    // The poller dies without releasing its lease: the other takes over once it has expired.
    a.kill('SIGKILL');
    await exitOf(a);
    await answerCurrent(fake, an, 30_000);
    expect((await waitForLog(b, TOOK_OVER)).previous).toBe((await waitForLog(a, TOOK)).holder);

    // A restarted process waits for the one that polls now; a clean stop releases the lease for it at once.
    const c = start();
    await waitForLog(c, WAITING);
    await answerCurrent(fake, an);
    b.kill('SIGTERM');
    expect((await exitOf(b)).code).toBe(0);
    expect(logLines(b).some((l) => l.msg === 'released the polling lease')).toBe(true);
    await waitForLog(c, TOOK_OVER);
    await answerCurrent(fake, an, 30_000);

    // Never two pollers at once: Telegram (the fake) would have ended one of them with 409.
    expect(fake.calls.filter((call) => call.method === 'getUpdates' && call.errorCode === 409)).toEqual([]);
    expect(fake.calls.some((call) => call.method === 'getUpdates')).toBe(true);
    // Each tap answered once: four questions answered, question 5 on screen once.
    expect(an.botMessages().filter((m) => /^Câu 5\//u.test(m.text ?? ''))).toHaveLength(1);
  }, 180_000);
});
