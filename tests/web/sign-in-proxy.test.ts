import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, tempDir } from '../helpers/app.ts';
import { DISTRICT_ID, mainText, openSignInPage, signInToken } from './dashboard-support.ts';
import { startWebApp } from './support.ts';

/** nginx on the same machine: every request reaches the app from 127.0.0.1, the client's address in X-Forwarded-For. */
const PROXY = '127.0.0.1';
const ATTACKER = '203.0.113.50';
const OFFICIAL = '198.51.100.77';

/** A sign-in POST through the proxy, for a client address. */
function postThroughProxy(http: FastifyInstance, client: string, form: Record<string, string>, cookie?: string) {
  return http.inject({
    method: 'POST',
    url: '/quan-tri/dang-nhap',
    payload: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client, ...(cookie ? { cookie } : {}) },
    remoteAddress: PROXY,
  });
}

/** Ten failed sign-ins (a wrong form) from the client: the limit of the window. */
async function tenFailures(http: FastifyInstance, client: string): Promise<void> {
  for (let i = 0; i < 10; i++) expect((await postThroughProxy(http, client, { t: 'x', csrf: 'y' })).statusCode).toBe(403);
}

/** An official's sign-in with a fresh, valid link, through the proxy from `client`. */
async function officialSignsIn(web: Awaited<ReturnType<typeof startWebApp>>, client: string) {
  const token = await signInToken(web.app, DISTRICT_ID);
  const page = await openSignInPage(web.http.fastify, token);
  return postThroughProxy(web.http.fastify, client, { t: token, csrf: page.csrf }, page.cookie);
}

describe('the sign-in limit behind a reverse proxy', () => {
  const clock = testClock('2023-07-05T09:00:00+07:00');

  describe('with TRUST_PROXY naming the proxy', () => {
    const dir = tempDir();
    let web: Awaited<ReturnType<typeof startWebApp>>;
    beforeAll(async () => {
      web = await startWebApp({ now: clock.now, dir: dir.path, env: { ADMIN_TELEGRAM_IDS: DISTRICT_ID, TRUST_PROXY: PROXY } });
    });
    afterAll(async () => {
      await web.close();
      dir.remove();
    });

    it('should count failures per client address: ten bad POSTs from one client lock out neither an official nor another client', async () => {
      const http = web.http.fastify;
      await tenFailures(http, ATTACKER);
      expect((await postThroughProxy(http, ATTACKER, { t: 'x', csrf: 'y' })).statusCode).toBe(429);
      // Another client through the same proxy: its own failures are its own, and a valid link signs in.
      expect((await postThroughProxy(http, OFFICIAL, { t: 'x', csrf: 'y' })).statusCode).toBe(403);
      const signedIn = await officialSignsIn(web, OFFICIAL);
      expect([signedIn.statusCode, signedIn.headers.location]).toEqual([303, '/quan-tri']);
    });
  });

  describe('without TRUST_PROXY', () => {
    const dir = tempDir();
    const lines: { level: number; msg: string; peer?: string }[] = [];
    let web: Awaited<ReturnType<typeof startWebApp>>;
    beforeAll(async () => {
      const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
      web = await startWebApp({ now: clock.now, dir: dir.path, env: { ADMIN_TELEGRAM_IDS: DISTRICT_ID }, log });
    });
    afterAll(async () => {
      await web.close();
      dir.remove();
    });

    it('should let a valid, unspent link sign in even after the address reached the limit, and keep refusing failures', async () => {
      const http = web.http.fastify;
      // Every client seems to be the proxy: one client's failures lock out the others' failures…
      await tenFailures(http, ATTACKER);
      const other = await postThroughProxy(http, OFFICIAL, { t: 'x', csrf: 'y' });
      expect([other.statusCode, mainText(other.body)]).toEqual([429, expect.stringContaining('Có quá nhiều lần đăng nhập từ địa chỉ này')]);
      // …but never a valid link: only failures count.
      const signedIn = await officialSignsIn(web, OFFICIAL);
      expect([signedIn.statusCode, signedIn.headers.location]).toEqual([303, '/quan-tri']);
      // The link is spent now: using it again is a failure, refused as one while the limit holds.
      const token = await signInToken(web.app, DISTRICT_ID);
      const page = await openSignInPage(http, token);
      expect((await postThroughProxy(http, OFFICIAL, { t: token, csrf: page.csrf }, page.cookie)).statusCode).toBe(303);
      expect((await postThroughProxy(http, OFFICIAL, { t: token, csrf: page.csrf }, page.cookie)).statusCode).toBe(429);
    });

    it('should warn once that requests carry X-Forwarded-For while TRUST_PROXY is off', async () => {
      for (const url of ['/', '/quan-tri']) await web.http.fastify.inject({ method: 'GET', url, headers: { 'x-forwarded-for': ATTACKER }, remoteAddress: PROXY });
      const warnings = lines.filter((l) => /X-Forwarded-For/u.test(l.msg));
      expect(warnings).toEqual([expect.objectContaining({ level: 40, peer: PROXY, msg: expect.stringMatching(/^requests carry X-Forwarded-For but TRUST_PROXY is off/u) })]);
    });
  });
});
