import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServerOptions } from '../../src/http/server.ts';

const silent = pino({ level: 'silent' });
const server = (options: Partial<HttpServerOptions> = {}) => createHttpServer({ port: 0, host: '127.0.0.1', log: silent, ...options });

/** A server with a JSON echo route, as the webhooks receive. */
function echoing(options: Partial<HttpServerOptions> = {}) {
  const http = server(options);
  http.fastify.post('/echo', async (request) => request.body);
  return http;
}

describe('the app HTTP server', () => {
  it('should answer the health check', async () => {
    const http = server();
    const health = await http.fastify.inject({ method: 'GET', url: '/healthz' });
    expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok' }]);
    await http.close();
  });

  it('should answer 404 for a path no route serves', async () => {
    const http = server();
    expect((await http.fastify.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404);
    await http.close();
  });

  it('should hand a route the parsed JSON body', async () => {
    const http = echoing();
    const echo = await http.fastify.inject({ method: 'POST', url: '/echo', payload: { update_id: 7 } });
    expect([echo.statusCode, echo.json()]).toEqual([200, { update_id: 7 }]);
    await http.close();
  });

  it('should answer 413 to a body above the cap', async () => {
    const http = echoing({ maxBodyBytes: 1024 });
    const big = await http.fastify.inject({ method: 'POST', url: '/echo', payload: { padding: 'x'.repeat(2048) } });
    expect(big.statusCode).toBe(413);
    await http.close();
  });

  it('should answer 400 to a body that is not JSON', async () => {
    const http = echoing();
    const bad = await http.fastify.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"update_id": 7' });
    expect(bad.statusCode).toBe(400);
    await http.close();
  });

  it('should answer 500 when a handler throws and keep serving', async () => {
    const http = server();
    http.fastify.get('/boom', async () => {
      throw new Error('boom');
    });
    expect((await http.fastify.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    expect((await http.fastify.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await http.close();
  });

  it('should log a failing handler as an error and ordinary requests not at info', async () => {
    const lines: { level: number; msg: string; component?: string }[] = [];
    const http = server({ log: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }) });
    http.fastify.get('/boom', async () => {
      throw new Error('boom');
    });
    await http.fastify.inject({ method: 'GET', url: '/healthz' });
    await http.fastify.inject({ method: 'GET', url: '/nowhere' });
    await http.fastify.inject({ method: 'GET', url: '/boom' });
    expect(lines.map((l) => [l.level, l.msg, l.component])).toEqual([[50, 'http request failed', 'http']]);
    await http.close();
  });

  /** The client address a route sees for a request from 127.0.0.1 forwarded for 203.0.113.9. */
  async function addressSeen(options: Partial<HttpServerOptions>): Promise<string> {
    const http = server(options);
    http.fastify.get('/ip', async (request) => request.ip);
    const seen = await http.fastify.inject({ method: 'GET', url: '/ip', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } });
    await http.close();
    return seen.body;
  }

  it('should take the client address from X-Forwarded-For when the peer is a trusted proxy', async () => {
    expect(await addressSeen({ trustProxy: ['127.0.0.1'] })).toBe('203.0.113.9');
  });

  it('should ignore X-Forwarded-For by default', async () => {
    expect(await addressSeen({})).toBe('127.0.0.1');
  });

  /** The warnings a server logs for two requests forwarded by 127.0.0.1 for 203.0.113.9. */
  async function forwardingWarnings(options: Partial<HttpServerOptions>): Promise<{ level: number; msg: string }[]> {
    const lines: { level: number; msg: string }[] = [];
    const http = server({ ...options, log: pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) }) });
    for (let i = 0; i < 2; i++) await http.fastify.inject({ method: 'GET', url: '/healthz', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } });
    await http.close();
    return lines;
  }

  it('should warn once when requests carry X-Forwarded-For while no proxy is trusted', async () => {
    expect((await forwardingWarnings({})).map((l) => [l.level, l.msg.split(':')[0]])).toEqual([[40, 'requests carry X-Forwarded-For but TRUST_PROXY is off']]);
  });

  it('should not warn of X-Forwarded-For from a trusted proxy', async () => {
    expect(await forwardingWarnings({ trustProxy: ['127.0.0.1'] })).toEqual([]);
  });

  it('should finish a request in hand when closing, then refuse connections', async () => {
    const http = server();
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    http.fastify.get('/slow', async () => {
      entered();
      await released;
      return { done: true };
    });
    const port = await http.listen();
    const pending = fetch(`http://127.0.0.1:${port}/slow`);
    await inHandler;
    const closed = http.close();
    release();
    const response = await pending;
    expect([response.status, await response.json()]).toEqual([200, { done: true }]);
    await closed;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
