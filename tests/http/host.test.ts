import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitOf, logLines, startMain, waitForLog, type MainProcess } from '../helpers/processes.ts';
import { telegramEnv, tempDir } from '../helpers/telegram.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';

const FORWARDED = /^requests carry X-Forwarded-For but TRUST_PROXY is off/u;

// The bot as `npm start` runs it (src/main.ts → serve.ts), with HOST set: its HTTP server listens there and only there.
describe('the HTTP server of a bot process', () => {
  let fake: FakeTelegram;
  let dir: ReturnType<typeof tempDir>;
  let child: MainProcess | undefined;
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (child) await exitOf(child);
    await fake.close();
    dir.remove();
  });

  it('should listen on HOST only, and warn once of X-Forwarded-For while TRUST_PROXY is off', async () => {
    // 127.0.0.2 is loopback too, but another address than 127.0.0.1: a server on 0.0.0.0 would answer on both.
    child = startMain(telegramEnv(fake, dir.path, { LOG_LEVEL: 'info', ROLE: 'bot', HOST: '127.0.0.2', BULLMQ_PREFIX: `test-host-${process.pid}` }));
    const served = await waitForLog(child, /^web pages served$/u);
    const port = new URL(String(served.url)).port;
    expect((await fetch(`http://127.0.0.2:${port}/healthz`)).status).toBe(200);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect([served.host, served.port]).toEqual(['127.0.0.2', Number(port)]);

    for (let i = 0; i < 2; i++) await fetch(`http://127.0.0.2:${port}/`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    await waitForLog(child, FORWARDED);
    child.kill('SIGTERM');
    expect((await exitOf(child)).code).toBe(0);
    expect(logLines(child).filter((l) => typeof l.msg === 'string' && FORWARDED.test(l.msg))).toHaveLength(1);
  });
});
