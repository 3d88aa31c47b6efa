import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { countByChat, readSink } from '../support/reminders/fake-channel.ts';
import { addPeople, at, cleanupPrefix, Clock, statuses, testApp, testPrefix, tempDir, waitFor } from '../support/reminders/harness.ts';
import { CLOSES_AT, REDIS_URL } from '../support/reminders/harness.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const SLOT = '2030-07-10-0800';
const NOW = at('2030-07-10T08:01:00');
const children: ChildProcess[] = [];
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await cleanup?.();
  cleanup = undefined;
});

function startWorker(dir: string, prefix: string, sink: string, extra: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/reminders/worker-child.ts'], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(dir, 'db.sqlite'), CONTEST_CLOSES_AT: CLOSES_AT, DEMO: 'off', LOG_LEVEL: 'silent', REDIS_URL, BULLMQ_PREFIX: prefix, NOW_MS: String(NOW), SINK_FILE: sink, RATE: '60', ...extra },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

async function setup(n: number): Promise<{ app: App; dir: string; prefix: string; sink: string; ids: number[] }> {
  const tmp = tempDir();
  const app = await testApp(tmp.path, new Clock(NOW));
  const ids = await addPeople(app, n);
  const prefix = testPrefix();
  cleanup = async () => {
    await cleanupPrefix(prefix);
    await app.close();
    tmp.remove();
  };
  return { app, dir: tmp.path, prefix, sink: join(tmp.path, 'sent.jsonl'), ids };
}

/** Every recipient got at most one message; those with none are exactly the claimed-but-unconfirmed ("unknown"). */
async function expectExactlyOnce(app: App, sink: string, n: number) {
  const s = await statuses(app, SLOT);
  expect((s.sent ?? 0) + (s.unknown ?? 0)).toBe(n);
  const got = countByChat(readSink(sink));
  expect([...got.values()].filter((k) => k > 1)).toEqual([]);
  const rows = await app.db.selectFrom('reminder_deliveries').select(['participant_id', 'status']).where('run_id', '=', SLOT).execute();
  const chatOf = (pid: number) => `c${pid - 1}`;
  for (const row of rows) if (row.status === 'sent') expect(got.get(chatOf(row.participant_id))).toBe(1);
  const missing = rows.filter((row) => !got.has(chatOf(row.participant_id)));
  expect(missing.every((row) => row.status === 'unknown')).toBe(true);
  return s;
}

describe('reminder workers as separate processes', () => {
  it('should reach every recipient exactly once after a worker is SIGKILLed mid fan-out and restarted', async () => {
    const { app, dir, prefix, sink } = await setup(200);
    const first = await startWorker(dir, prefix, sink);
    await waitFor('some sends', () => readSink(sink).length >= 40, 30_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const before = readSink(sink).length;
    expect(before).toBeLessThan(200);
    await startWorker(dir, prefix, sink);
    await waitFor('all settled', async () => {
      const s = await statuses(app, SLOT);
      return (s.sent ?? 0) + (s.unknown ?? 0) === 200;
    }, 60_000);
    const s = await expectExactlyOnce(app, sink, 200);
    expect(s.unknown ?? 0).toBeLessThanOrEqual(4); // at most the jobs in flight at the kill (concurrency 4)
  }, 90_000);

  it('should finish the fan-out and reach everyone once when the worker is killed while fanning out', async () => {
    const { app, dir, prefix, sink } = await setup(900);
    const first = await startWorker(dir, prefix, sink, { PAGE_SIZE: '3', RATE: '1000' });
    await waitFor('fan-out under way', async () => {
      const run = await app.db.selectFrom('reminder_runs').select(['status', 'targeted']).where('run_id', '=', SLOT).executeTakeFirst();
      return run !== undefined && run.targeted > 0;
    }, 30_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const run = await app.db.selectFrom('reminder_runs').select(['status', 'targeted']).where('run_id', '=', SLOT).executeTakeFirstOrThrow();
    expect(run.targeted).toBeLessThan(900);
    await startWorker(dir, prefix, sink, { PAGE_SIZE: '50', RATE: '1000' });
    await waitFor('all settled', async () => {
      const s = await statuses(app, SLOT);
      return (s.sent ?? 0) + (s.unknown ?? 0) === 900;
    }, 60_000);
    await expectExactlyOnce(app, sink, 900);
    expect((await app.db.selectFrom('reminder_runs').select('targeted').where('run_id', '=', SLOT).executeTakeFirstOrThrow()).targeted).toBe(900);
  }, 90_000);

  it('should reach every recipient exactly once with two workers running at once', async () => {
    const { app, dir, prefix, sink } = await setup(150);
    await Promise.all([startWorker(dir, prefix, sink), startWorker(dir, prefix, sink)]);
    await waitFor('all sent', async () => (await statuses(app, SLOT)).sent === 150, 60_000);
    const s = await expectExactlyOnce(app, sink, 150);
    expect(s).toEqual({ sent: 150 });
    expect(readSink(sink)).toHaveLength(150);
  }, 90_000);
});
