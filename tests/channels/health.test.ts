import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createHealth } from '../../src/channels/health.ts';
import { createHttpServer } from '../../src/http/server.ts';

/** A health tracker and the HTTP server's /healthz over it, with every log line collected. */
function healthz(probe?: () => Promise<void>) {
  const lines: { level: number; msg: string; reason?: string; err?: { message: string } }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const health = createHealth(log, () => Date.parse('2026-12-06T03:00:00Z'), probe);
  const http = createHttpServer({ port: 0, host: '127.0.0.1', log: pino({ level: 'silent' }), health: () => health.check() });
  const get = async () => {
    const res = await http.fastify.inject({ method: 'GET', url: '/healthz' });
    return { status: res.statusCode, body: res.body };
  };
  return { health, get, lines, close: () => http.close() };
}

describe('/healthz', () => {
  it('should show a reason code while database writes fail, and the error with host and port only in the log', async () => {
    const h = healthz();
    h.health.storageFailed(Object.assign(new Error('connect ECONNREFUSED 10.0.0.12:5432'), { code: 'ECONNREFUSED' }), 'telegram:1');
    const down = await h.get();
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'failing', reason: 'database_unreachable', since: '2026-12-06T03:00:00.000Z' });
    expect(down.body).not.toMatch(/10\.0\.0\.12|5432|ECONNREFUSED/u);
    expect(h.lines.map((l) => [l.level, l.reason, l.err?.message])).toEqual([[50, 'database_unreachable', 'connect ECONNREFUSED 10.0.0.12:5432']]);
    h.health.storageWorks();
    expect((await h.get()).status).toBe(200);
    await h.close();
  });

  it('should fail while the database does not answer its probe, logging that once, and recover when it answers', async () => {
    let answering = false;
    const h = healthz(async () => {
      if (!answering) throw Object.assign(new Error('timeout exceeded when trying to connect to db.internal:5432'), { code: 'ETIMEDOUT' });
    });
    for (let i = 0; i < 3; i += 1) {
      const down = await h.get();
      expect([down.status, JSON.parse(down.body).reason]).toEqual([503, 'database_timeout']);
      expect(down.body).not.toMatch(/db\.internal|5432/u);
    }
    answering = true;
    expect(await h.get()).toEqual({ status: 200, body: '{"status":"ok"}' });
    expect(h.lines.map((l) => [l.level, l.msg])).toEqual([
      [50, 'the database does not answer the health probe'],
      [30, 'the database answers the health probe again'],
    ]);
    await h.close();
  });
});
