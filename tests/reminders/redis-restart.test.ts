import { execFileSync } from 'node:child_process';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countByChat, FakeChannel } from '../support/reminders/fake-channel.ts';
import { addPeople, at, cleanupPrefix, statuses, waitFor } from '../support/reminders/harness.ts';
import { rig, settingsWith, type Rig } from './support.ts';

// A private Redis for this file, so restarting it never disturbs the shared one on 6379.
const PORT = 6390;
const URL = `redis://127.0.0.1:${PORT}`;
const redisUp = () => execFileSync('redis-server', ['--port', String(PORT), '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);
const redisDown = () => {
  try {
    execFileSync('redis-cli', ['-p', String(PORT), 'shutdown', 'nosave'], { stdio: 'ignore' });
  } catch {
    // already down
  }
};
const ping = () => {
  try {
    return execFileSync('redis-cli', ['-p', String(PORT), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().includes('PONG');
  } catch {
    return false;
  }
};

let r: Rig | undefined;
beforeAll(async () => {
  redisDown();
  redisUp();
  await waitFor('private redis', ping);
});
afterAll(async () => {
  if (r) {
    await r.stop().catch(() => undefined);
    await cleanupPrefix(r.prefix, ['telegram'], URL).catch(() => undefined);
  }
  redisDown();
});

describe('Redis restarted mid-run', () => {
  it('should keep the quiz running while Redis is down and finish the slot exactly once after it returns empty', async () => {
    const SLOT = '2030-07-10-0800';
    const channel = new FakeChannel();
    // The worker's warnings and errors, shown if the slot does not start: a loaded machine must not hide why.
    const logs: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
    // The people first: the worker's own first sweep (autoSweep) may fan the slot out as soon as it starts.
    let ids: number[] = [];
    r = await rig(at('2030-07-10T08:02:00'), channel, { redisUrl: URL, autoSweep: true, settings: settingsWith({ perSecond: 20 }) }, { log, before: async (app) => void (ids = await addPeople(app, 120)) });
    await r.rem.sweep();
    await waitFor('some sent', () => channel.sent.length >= 30, 60_000).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${channel.sent.length} sent, statuses ${JSON.stringify(await statuses(r!.app, SLOT))}, worker log:\n${logs.join('')}`);
    });
    redisDown(); // no persistence: every job, lock and scheduler is gone
    await waitFor('redis down', () => !ping());
    const sentWhileDown = channel.sent.length;

    // The bot does not depend on Redis: a citizen can still start and answer.
    const reply = await r.app.conversation.handle({
      channel: 'telegram', userId: 'u0', chatId: 'c0', isAdmin: false, capabilities: channel.capabilities, inviteLink: (p) => p, input: { kind: 'text', text: '/thi' },
    });
    expect(reply.messages.at(-1)!.text).toMatch(/Câu 1\/10/u);
    const started = Date.now();
    expect(await r.admin('/guinhacnho')).toMatch(/xacnhan/u);
    expect(Date.now() - started).toBeLessThan(10_000);

    redisUp();
    await waitFor('redis back', ping);
    await waitFor('slot finished', async () => {
      const s = await statuses(r!.app, SLOT);
      return (s.sent ?? 0) + (s.unknown ?? 0) + (s.skipped ?? 0) === 120;
    }, 60_000);
    const s = await statuses(r.app, SLOT);
    expect(channel.sent.length).toBeGreaterThan(sentWhileDown);
    expect([...countByChat(channel.sent).values()].every((n) => n === 1)).toBe(true);
    expect((s.sent ?? 0) + (s.unknown ?? 0)).toBe(ids.length - (s.skipped ?? 0));
    expect(s.unknown ?? 0).toBeLessThanOrEqual(8);
  }, 120_000);
});
