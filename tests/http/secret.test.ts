import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { requireSecret, secretMatches } from '../../src/http/secret.ts';
import { createHttpServer } from '../../src/http/server.ts';

describe('secretMatches', () => {
  it('should accept the expected secret', () => {
    expect(secretMatches('abc', 'abc')).toBe(true);
  });

  it('should refuse a secret that only starts like the expected one', () => {
    expect(secretMatches('abcd', 'abc')).toBe(false);
    expect(secretMatches('ab', 'abc')).toBe(false);
  });

  it('should refuse a missing or repeated header', () => {
    expect(secretMatches(undefined, 'abc')).toBe(false);
    expect(secretMatches(['abc'], 'abc')).toBe(false);
  });
});

describe('requireSecret', () => {
  /** A server with one guarded route that records what it processed. */
  function guarded(status: 401 | 403, maxBodyBytes?: number) {
    const http = createHttpServer({ port: 0, log: pino({ level: 'silent' }), ...(maxBodyBytes ? { maxBodyBytes } : {}) });
    const processed: unknown[] = [];
    const log = pino({ level: 'silent' });
    http.fastify.post('/hook', { onRequest: requireSecret({ header: 'x-secret', secret: 's3cret', status, log }) }, async (request) => {
      processed.push(request.body);
      return { ok: true };
    });
    const post = (body: unknown, secret?: string) =>
      http.fastify.inject({ method: 'POST', url: '/hook', headers: secret === undefined ? {} : { 'x-secret': secret }, payload: body as object });
    return { http, processed, post };
  }

  it('should refuse a wrong secret with the given status and process nothing', async () => {
    const { http, processed, post } = guarded(403);
    const refused = await post({ n: 1 }, 'guess');
    expect([refused.statusCode, refused.json()]).toEqual([403, { error: 'forbidden' }]);
    // The request after it is processed, so the refused one would have been too.
    expect((await post({ n: 2 }, 's3cret')).statusCode).toBe(200);
    expect(processed).toEqual([{ n: 2 }]);
    await http.close();
  });

  it('should refuse a missing secret with 401 when asked to', async () => {
    const { http, post } = guarded(401);
    const refused = await post({ n: 1 });
    expect([refused.statusCode, refused.json()]).toEqual([401, { error: 'unauthorized' }]);
    await http.close();
  });

  it('should refuse a wrong secret before reading an oversized body', async () => {
    const { http, post } = guarded(401, 1024);
    const big = { padding: 'x'.repeat(4096) };
    expect((await post(big, 'guess')).statusCode).toBe(401);
    expect((await post(big, 's3cret')).statusCode).toBe(413);
    await http.close();
  });
});
