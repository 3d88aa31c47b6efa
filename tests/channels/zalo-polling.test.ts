import { waitFor } from '../helpers/wait.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { startZaloTestBot, useZaloFixture, zaloSays } from '../helpers/zalo.ts';

const CITIZEN = 'c0ffee0011223344';
const POLLING = { env: { ZALO_WEBHOOK_URL: '' }, zalo: { pollTimeoutSeconds: 1, apiTimeoutMs: 300 } };

describe('Zalo getUpdates polling under faults', () => {
  const t = useZaloFixture('cds-zalo-poll-');
  let logs: string[];
  const logged = (pattern: RegExp) => logs.filter((l) => pattern.test(l));
  const start = async () => {
    t.bot = await startZaloTestBot(t.fake, t.dir.path, { ...POLLING, logs });
  };
  beforeEach(() => {
    logs = [];
  });

  it('should reject malformed updates with their id and serve the next person at once, without backing off', async () => {
    for (let i = 1; i <= 5; i++) t.fake.push({ event_name: 'message.text.received', message: { message_id: `bad-${i}`, date: 1, text: 'x' } });
    t.fake.push(t.fake.makeUpdate(CITIZEN, '/start'));
    await start();
    await zaloSays(t.fake, CITIZEN, /Nghị định 13\/2023/u);
    const rejected = logged(/malformed update recorded as rejected/u);
    expect(rejected.map((l) => JSON.parse(l).updateId)).toEqual(['bad-1', 'bad-2', 'bad-3', 'bad-4', 'bad-5']);
    expect(logged(/zalo getUpdates failed/u)).toEqual([]);
  });

  it('should cut a getUpdates that never answers at its timeout and poll again', async () => {
    t.fake.fail({ method: 'getUpdates', error_code: 0, hang: true });
    t.fake.push(t.fake.makeUpdate(CITIZEN, '/start'));
    await start();
    await zaloSays(t.fake, CITIZEN, /Nghị định 13\/2023/u);
    expect(logged(/zalo getUpdates failed/u)).toHaveLength(1);
  });

  it('should stop polling with one clear error when the token is refused (401)', async () => {
    t.fake.fail({ method: 'getUpdates', error_code: 401, description: 'Unauthorized', times: 1000 });
    await start();
    const [line] = await waitFor('the 401 error line', async () => {
      const stopped = logged(/polling stopped/u);
      return stopped.length ? stopped : undefined;
    });
    expect(JSON.parse(line!)).toMatchObject({ level: 50, msg: expect.stringContaining('ZALO_BOT_TOKEN') });
    // The loop has ended after that line: one getUpdates call, no retry, no warning.
    expect(t.fake.calls.filter((c) => c.method === 'getUpdates')).toHaveLength(1);
    expect(logged(/zalo getUpdates failed/u)).toEqual([]);
  });
});

// Two bot processes (here two apps in one process, each with its own lease holder) polling one Zalo token on one
// database: one polls, the other waits; a clean stop hands the lease over.
describe('two Zalo bots polling one token', () => {
  const t = useZaloFixture('cds-zalo-lease-');
  const LEASE = { POLLING_LEASE_MS: '2000', POLLING_HEARTBEAT_MS: '200' };

  it('should let only the lease holder poll, and the other take over when it stops', async () => {
    const logsA: string[] = [];
    const logsB: string[] = [];
    const a = await startZaloTestBot(t.fake, t.dir.path, { ...POLLING, env: { ...POLLING.env, ...LEASE }, logs: logsA });
    const b = await startZaloTestBot(t.fake, t.dir.path, { ...POLLING, env: { ...POLLING.env, ...LEASE }, logs: logsB });
    t.bot = b;
    expect(a.zalo.mode).toBe('polling');
    expect(logsA.some((l) => /took the polling lease/u.test(l))).toBe(true);
    expect(logsB.some((l) => /another process polls this bot/u.test(l))).toBe(true);
    expect(logsB.some((l) => /took (over )?the polling lease/u.test(l))).toBe(false);

    t.fake.push(t.fake.makeUpdate(CITIZEN, '/start'));
    await zaloSays(t.fake, CITIZEN, /Nghị định 13\/2023/u);
    await a.stop();
    expect(logsA.some((l) => /released the polling lease/u.test(l))).toBe(true);
    await waitFor('the second bot to take over', () => logsB.some((l) => /took over the polling lease/u.test(l)));
    const from = t.fake.sent.get(CITIZEN)?.length ?? 0;
    t.fake.push(t.fake.makeUpdate(CITIZEN, '/huongdan'));
    await zaloSays(t.fake, CITIZEN, /./u, from);
  });
});
