import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import type { OutMessage } from '../../src/contract/messages.ts';

/** A district official of the test apps (ADMIN_TELEGRAM_IDS). */
export const DISTRICT_ID = '900001';
export const LINK = /(https?:\/\/[^\s]+\/quan-tri\/dang-nhap\?t=([A-Za-z0-9_-]{43}))/u;

/** The last message `/web` answers a Telegram account with (isAdmin as the Telegram channel would set it). */
export async function askWeb(app: App, userId: string, channel = 'telegram', isAdmin = userId === DISTRICT_ID): Promise<OutMessage> {
  const reply = await app.conversation.handle({
    channel,
    userId,
    chatId: userId,
    chatKind: 'private',
    isAdmin,
    capabilities: { buttons: true, maxLength: 4096, contactButton: true },
    inviteLink: (payload) => `https://t.me/bot?start=${payload}`,
    input: { kind: 'text', text: '/web' },
  });
  // The link is the last message (a district official may first be told of a grant code used meanwhile).
  return reply.messages.at(-1)!;
}

/** The token of a fresh sign-in link for the account. */
export async function signInToken(app: App, userId: string): Promise<string> {
  const m = LINK.exec((await askWeb(app, userId)).text);
  expect(m).not.toBeNull();
  return m![2]!;
}

export function setCookies(res: LightMyRequestResponse): string[] {
  const h = res.headers['set-cookie'];
  return h === undefined ? [] : Array.isArray(h) ? h : [h];
}

/** `name=value` of the named cookie set by the response. */
export function cookieOf(res: LightMyRequestResponse, name: string): string | undefined {
  return setCookies(res)
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));
}

/** The sign-in page's GET: its hidden CSRF value and the cookie that must come back with it. */
export async function openSignInPage(http: FastifyInstance, token: string): Promise<{ res: LightMyRequestResponse; csrf: string; cookie: string }> {
  const res = await http.inject({ method: 'GET', url: `/quan-tri/dang-nhap?t=${token}` });
  const csrf = /name="csrf" value="([^"]+)"/u.exec(res.body)?.[1] ?? '';
  return { res, csrf, cookie: cookieOf(res, 'cds_qt_dn') ?? '' };
}

export function postForm(http: FastifyInstance, url: string, form: Record<string, string>, opts: { cookie?: string; ip?: string } = {}) {
  return http.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(opts.cookie ? { cookie: opts.cookie } : {}) },
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

let addresses = 0;

/**
 * Opens the link's page and presses "Đăng nhập": the session cookie (`cds_qt=…`). Each sign-in comes from an address
 * of its own, so that the tests stay under the per-address limit.
 */
export async function signIn(http: FastifyInstance, token: string): Promise<string> {
  const page = await openSignInPage(http, token);
  addresses += 1;
  const ip = `198.51.100.${addresses}`;
  const res = await postForm(http, '/quan-tri/dang-nhap', { t: token, csrf: page.csrf }, { cookie: page.cookie, ip });
  expect(res.statusCode, res.body).toBe(303);
  return cookieOf(res, 'cds_qt')!;
}

export const getAs = (http: FastifyInstance, url: string, cookie: string) => http.inject({ method: 'GET', url, headers: { cookie } });

/** The text of a page's <main>, tags removed. */
export function mainText(body: string): string {
  const main = /<main>([\s\S]*)<\/main>/u.exec(body)?.[1] ?? body;
  return main.replace(/<[^>]+>/gu, ' ').replace(/\s+/gu, ' ').trim();
}

/** A finished scheduled reminder run as the worker records it: `sent` deliveries to the first people, then `failed`. */
export async function recordReminderRun(app: App, opts: { runId: string; fireAt: number; roundId: string; sent: number; failed: number }): Promise<void> {
  const people = await app.db.selectFrom('participants').select('id').orderBy('id').limit(opts.sent + opts.failed).execute();
  if (people.length < opts.sent + opts.failed) throw new Error(`only ${people.length} people`);
  const { runId, fireAt } = opts;
  const campaign = app.campaign.id;
  await app.db
    .insertInto('reminder_runs')
    .values({ campaign_id: campaign, run_id: runId, kind: 'slot', status: 'done', fire_at: fireAt, valid_until: fireAt + 7_200_000, round_id: opts.roundId, text: null, scope: null, requested_by: null, skip_reason: null, context_json: null, created_at: fireAt, updated_at: fireAt })
    .execute();
  await app.db
    .insertInto('reminder_deliveries')
    .values(
      people.map((p, k) => ({ campaign_id: campaign, run_id: runId, participant_id: p.id, channel: 'telegram', audience: 'start', status: k < opts.sent ? ('sent' as const) : ('failed' as const), claim_token: null, error: null, updated_at: fireAt + k })),
    )
    .execute();
}
