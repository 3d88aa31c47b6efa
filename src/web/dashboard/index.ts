import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localDayKey } from '../../core/time.ts';
import { vi, viDashboard as t, viWeb } from '../../messages/vi.ts';
import { buildResultsWorkbook } from '../../documents/results-workbook.ts';
import { PROPOSAL_FILES, renderProposal } from '../../documents/proposal/proposal.ts';
import { hasOfficials, type OfficialUnit } from '../../services/officials.ts';
import type { WebOfficial } from '../../services/web-sessions.ts';
import type { WebContext } from '../context.ts';
import { html, type Html } from '../html.ts';
import { sendPrivatePage } from '../layout.ts';
import { DOWNLOADS, downloadsBody } from './downloads.ts';
import { membersBody, membersQuery } from './members.ts';
import { overviewBody } from './overview.ts';
import { stringValues, unitFilter, type Values } from './params.ts';
import { questionsBody } from './questions.ts';
import { reviewBody, reviewForm } from './review.ts';
import {
  clearSessionCookie,
  clearSignInCookie,
  SESSION_COOKIE,
  sessionCsrf,
  sessionCsrfMatches,
  signInCsrf,
  setSessionCookie,
  signInCsrfMatches,
  type CookieOptions,
} from './session.ts';
import { messageBody, signInBody, signInNeededBody } from './sign-in.ts';
import { signInForBody } from './sign-in-for.ts';
import { unitsBody, unitsQuery } from './units.ts';
import type { DashboardView } from './view.ts';

type Nav = 'overview' | 'units' | 'participants' | 'questions' | 'review' | 'downloads';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Navigation of the dashboard: a unit official has their unit's list instead of the district's pages. */
function navOf(official: WebOfficial | undefined, current: Nav | undefined) {
  if (!official) return [];
  const n = t.nav;
  const entries: [Nav, string, string][] =
    official.role === 'unit'
      ? [['overview', '/quan-tri', n.overview], ['participants', `/quan-tri/don-vi/${encodeURIComponent(official.unit.code)}`, n.participants], ['downloads', '/quan-tri/tai-ve', n.downloads]]
      : [
          ['overview', '/quan-tri', n.overview],
          ['units', '/quan-tri/don-vi', n.units],
          ['questions', '/quan-tri/cau-hoi', n.questions],
          ['review', '/quan-tri/kiem-tra', n.review],
          ['downloads', '/quan-tri/tai-ve', n.downloads],
        ];
  return entries.map(([key, href, label]) => ({ href, label, current: key === current }));
}

/** Who is signed in, and the sign-out form (a POST with the session's CSRF token). */
function userBar(view: DashboardView): Html {
  const who = view.official.role === 'unit' ? t.roleUnit(view.official.unit.name) : t.roleDistrict;
  return html`<div class="userbar"><span>${who}</span><form method="post" action="/quan-tri/dang-xuat"><input type="hidden" name="csrf" value="${view.csrf}"><button type="submit" class="link">${t.signOut}</button></form></div>`;
}

/**
 * The officials' dashboard under /quan-tri, in the web's scope (same security headers). Every page looks the session
 * up and the official's role anew; nothing is cached, in the server or the browser.
 */
export async function registerDashboard(web: FastifyInstance, ctx: WebContext, cssUrl: string): Promise<void> {
  const cookies: CookieOptions = { secure: ctx.links.baseUrl.startsWith('https:') };
  const unitsByCode = new Map(ctx.units.filter(hasOfficials).map((u) => [u.code.toLowerCase(), u]));
  const parentsByCode = new Map(ctx.units.filter((u) => u.kind === 'parent').map((u) => [u.code.toLowerCase(), u]));

  // fastify's own plugins, in this scope only: cookies parsed into request.cookies and written with reply.setCookie;
  // urlencoded forms parsed as query strings are (a name given twice becomes an array, refused below).
  await web.register(fastifyCookie);
  await web.register(fastifyFormbody, { bodyLimit: 4096 });

  const send = (reply: FastifyReply, opts: { title: string; body: Html; view?: DashboardView; current?: Nav }, status = 200) =>
    sendPrivatePage(reply, status, {
      campaign: ctx.campaign,
      cssUrl,
      title: opts.title,
      section: { brand: { href: '/quan-tri', label: t.title }, nav: navOf(opts.view?.official, opts.current), footer: t.footer(ctx.campaign.organiser), ...(opts.view ? { bar: userBar(opts.view) } : {}) },
      body: opts.body,
    });
  const refuse = (reply: FastifyReply, status: 400 | 403 | 404 | 410 | 429, title: string, text: string, view?: DashboardView) =>
    send(reply, { title, body: messageBody(title, text, view ? { href: '/quan-tri', label: t.backToDashboard } : undefined), ...(view ? { view } : {}) }, status);

  // Every route of the dashboard gets its query string and form through this one check: one string per name, or 400.
  web.addHook('preHandler', async (request, reply) => {
    if (stringValues(request.query) && stringValues(request.body)) return;
    return refuse(reply, 400, t.badRequestTitle, t.badValues);
  });

  /** The signed-in official with their current role, or a 401 page (and the stale cookie cleared). */
  async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<DashboardView | undefined> {
    const sessionId = request.cookies[SESSION_COOKIE];
    const official = sessionId ? await ctx.services.webSessions.officialOf(sessionId) : undefined;
    if (sessionId && official) return { ctx, official, csrf: sessionCsrf(sessionId) };
    if (sessionId) clearSessionCookie(reply, cookies);
    await send(reply, { title: t.signInNeededTitle, body: signInNeededBody(sessionId ? t.sessionEnded : undefined) }, 401);
    return undefined;
  }
  const districtOnly = (reply: FastifyReply, view: DashboardView) =>
    view.official.role === 'unit' ? refuse(reply, 403, t.forbiddenTitle, t.districtOnly(view.official.unit.name), view) : undefined;
  const otherUnit = (reply: FastifyReply, view: DashboardView, own: OfficialUnit) => refuse(reply, 403, t.forbiddenTitle, t.otherUnit(own.name), view);
  /** The unit a page names, when this official may see it: for a unit official, their session's unit and no other. */
  function unitFor(reply: FastifyReply, view: DashboardView, code: string): { unit: OfficialUnit } | { refused: FastifyReply } {
    const unit = unitsByCode.get(code.toLowerCase());
    const { official } = view;
    if (official.role === 'unit') return unit?.code === official.unit.code ? { unit: official.unit } : { refused: otherUnit(reply, view, official.unit) };
    if (!unit) return { refused: refuse(reply, 404, viWeb.notFoundTitle, viWeb.notFoundUnit(code), view) };
    return { unit };
  }

  // Sign-in: the link's GET only shows the button; its POST spends the token.
  web.get<{ Querystring: Values }>('/quan-tri/dang-nhap', async (request, reply) => {
    const token = request.query.t;
    if (!token) return send(reply, { title: t.signInNeededTitle, body: signInNeededBody(request.query.ra === '1' ? t.signedOut : undefined) });
    const state = await ctx.services.webSessions.linkState(token);
    if (state === 'used') return refuse(reply, 410, t.linkRefusedTitle, t.linkUsed);
    if (state === 'expired') return refuse(reply, 410, t.linkRefusedTitle, t.linkExpired);
    if (state === 'invalid') return refuse(reply, 403, t.linkRefusedTitle, t.linkInvalid);
    return send(reply, { title: t.signInHeading, body: signInBody(token, signInCsrf(reply, cookies)) });
  });

  web.post<{ Body: Values | undefined }>('/quan-tri/dang-nhap', async (request, reply) => {
    const form = request.body ?? {};
    // Failures count against the address (the client's own behind a trusted proxy, TRUST_PROXY); a success never
    // does, so a valid, unspent link signs in even after others' failures from the same address reached the limit.
    const failed = async (status: 403 | 410, text: string) =>
      (await ctx.services.webSessions.countFailure(request.ip)) ? refuse(reply, status, t.linkRefusedTitle, text) : refuse(reply, 429, t.tooManyTitle, t.tooMany);
    if (!signInCsrfMatches(request, form.csrf)) return failed(403, t.badForm);
    const r = await ctx.services.webSessions.signIn(form.t ?? '');
    if (r.kind === 'used') return failed(410, t.linkUsed);
    if (r.kind === 'expired') return failed(410, t.linkExpired);
    if (r.kind === 'invalid') return failed(403, t.linkInvalid);
    if (r.kind !== 'signed_in') return failed(403, t.notOfficial);
    setSessionCookie(reply, r.sessionId, r.expiresAt, ctx.now(), cookies);
    return clearSignInCookie(reply, cookies)
      .header('cache-control', 'no-store')
      .redirect('/quan-tri', 303);
  });

  web.post<{ Body: Values | undefined }>('/quan-tri/dang-xuat', async (request, reply) => {
    const view = await signedIn(request, reply);
    if (!view) return reply;
    const sessionId = request.cookies[SESSION_COOKIE]!;
    if (!sessionCsrfMatches(sessionId, request.body?.csrf)) return refuse(reply, 403, t.forbiddenTitle, t.badForm, view);
    await ctx.services.webSessions.signOut(sessionId);
    return clearSessionCookie(reply, cookies).redirect('/quan-tri/dang-nhap?ra=1', 303);
  });

  web.get('/quan-tri', async (request, reply) => {
    const view = await signedIn(request, reply);
    if (!view) return reply;
    return send(reply, { title: t.overviewHeading, body: await overviewBody(view), view, current: 'overview' });
  });

  web.get<{ Querystring: Values }>('/quan-tri/don-vi', async (request, reply) => {
    const view = await signedIn(request, reply);
    if (!view) return reply;
    const refused = districtOnly(reply, view);
    if (refused) return refused;
    const q = unitsQuery(request.query, parentsByCode);
    if (q === 'bad') return refuse(reply, 400, t.badRequestTitle, t.badParentFilter(ctx.campaign.labels), view);
    return send(reply, { title: t.unitsHeading, body: await unitsBody(view, q), view, current: 'units' });
  });

  web.get<{ Params: { code: string }; Querystring: Values }>('/quan-tri/don-vi/:code', async (request, reply) => {
    const view = await signedIn(request, reply);
    if (!view) return reply;
    const found = unitFor(reply, view, request.params.code);
    if ('refused' in found) return found.refused;
    const { unit } = found;
    const current = view.official.role === 'unit' ? 'participants' : 'units';
    return send(reply, { title: t.participantsHeading(unit.name), body: await membersBody(view, unit, membersQuery(request.query)), view, current });
  });

  web.get('/quan-tri/cau-hoi', async (request, reply) => {
    const view = await signedIn(request, reply);
    if (!view) return reply;
    return districtOnly(reply, view) ?? send(reply, { title: t.questionsHeading, body: await questionsBody(view), view, current: 'questions' });
  });

  web.get('/quan-tri/kiem-tra', async (request, reply) => {
    const view = await signedIn(request, reply);
    if (!view) return reply;
    return districtOnly(reply, view) ?? send(reply, { title: t.reviewHeading, body: await reviewBody(view), view, current: 'review' });
  });

  // Only district officials decide (a unit official sees their unit's flags read-only, in /kiemtra).
  web.post<{ Body: Values | undefined }>('/quan-tri/kiem-tra', async (request, reply) => {
    const view = await signedIn(request, reply);
    if (!view) return reply;
    const refused = districtOnly(reply, view);
    if (refused) return refused;
    if (!sessionCsrfMatches(request.cookies[SESSION_COOKIE]!, request.body?.csrf)) return refuse(reply, 403, t.forbiddenTitle, t.badForm, view);
    const form = reviewForm(request.body ?? {});
    if (!form) return refuse(reply, 400, t.badRequestTitle, t.reviewBadForm, view);
    const done = await ctx.services.integrity.decide(form.personId, form.decision, form.reason, `${view.official.channel}:${view.official.userId}`);
    if (done === 'unknown') return refuse(reply, 404, viWeb.notFoundTitle, t.reviewBadForm, view);
    return reply.header('cache-control', 'no-store').redirect(`/quan-tri/kiem-tra#nguoi-${String(form.personId)}`, 303);
  });

  /**
   * A person's row's form (POST): the session, its CSRF value and the unit the row is on (a unit official's own only);
   * the person's id (0 when malformed) and who acts ("telegram:123"), else the refusal already sent.
   */
  async function rowForm(request: FastifyRequest<{ Body: Values | undefined }>, reply: FastifyReply) {
    const view = await signedIn(request, reply);
    if (!view) return undefined;
    const form = request.body ?? {};
    if (!sessionCsrfMatches(request.cookies[SESSION_COOKIE]!, form.csrf)) {
      await refuse(reply, 403, t.forbiddenTitle, t.badForm, view);
      return undefined;
    }
    const found = unitFor(reply, view, form['don-vi'] ?? '');
    if ('refused' in found) return undefined;
    const personId = /^\d{1,9}$/u.test(form.nguoi ?? '') ? Number(form.nguoi) : 0;
    return { view, unit: found.unit, personId, by: `${view.official.channel}:${view.official.userId}` };
  }

  // An official who called a number marks it verified: the district anyone's, a unit official their unit's people.
  web.post<{ Body: Values | undefined }>('/quan-tri/xac-minh-sdt', async (request, reply) => {
    const row = await rowForm(request, reply);
    if (!row) return reply;
    const marked = await ctx.services.participants.verifyPhone(row.personId, row.by, row.unit.code);
    if (!marked) return refuse(reply, 404, viWeb.notFoundTitle, t.badForm, row.view);
    return reply.header('cache-control', 'no-store').redirect(`/quan-tri/don-vi/${encodeURIComponent(row.unit.code)}`, 303);
  });

  // The fallback sign-in link (issue 23): the same scope as the phone above. The token row keeps who issued it.
  web.post<{ Body: Values | undefined }>('/quan-tri/link-dang-nhap', async (request, reply) => {
    const row = await rowForm(request, reply);
    if (!row) return reply;
    const { view, unit, by } = row;
    const { official } = view;
    const issued = await ctx.services.webSessions.issueQuizLink(row.personId, by, unit.code);
    if (issued.kind !== 'issued') {
      return issued.kind === 'other_unit' && official.role === 'unit' ? otherUnit(reply, view, official.unit) : refuse(reply, 404, viWeb.notFoundTitle, t.signInForNone, view);
    }
    const name = issued.person.fullName ?? issued.person.displayName ?? '';
    const body = await signInForBody(view, unit, { token: issued.token, expiresAt: issued.expiresAt, name, by, at: ctx.now() });
    return send(reply, { title: t.signInForHeading(name), body, view, current: official.role === 'unit' ? 'participants' : 'units' });
  });

  web.get('/quan-tri/tai-ve', async (request, reply) => {
    const view = await signedIn(request, reply);
    if (!view) return reply;
    return send(reply, { title: t.downloadsHeading, body: downloadsBody(view), view, current: 'downloads' });
  });

  const file = (reply: FastifyReply, filename: string, mime: string, content: Buffer) =>
    reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).type(mime).send(content);

  web.get<{ Querystring: Values }>(DOWNLOADS.workbook, async (request, reply) => {
    const view = await signedIn(request, reply);
    if (!view) return reply;
    const filter = unitFilter(request.query['don-vi'], unitsByCode);
    if (filter === 'bad') return refuse(reply, 400, t.badRequestTitle, t.badUnitFilter(ctx.campaign.labels), view);
    const { official } = view;
    if (official.role === 'unit' && filter.unit && filter.unit.code !== official.unit.code) return otherUnit(reply, view, official.unit);
    // A unit official's workbook is their session's unit's, whatever the request names; the district's is the filter's.
    const unit = official.role === 'unit' ? official.unit : filter.unit;
    const day = localDayKey(ctx.now(), ctx.campaign.timezone);
    const filename = vi.exportFileName(unit ? `${ctx.campaign.id}-${unit.code}` : ctx.campaign.id, day);
    return file(reply, filename, XLSX, await buildResultsWorkbook(ctx.campaign, await ctx.services.exports.results(unit?.code)));
  });

  for (const [path, kind] of [[DOWNLOADS.proposalDocx, 'docx'], [DOWNLOADS.proposalXlsx, 'xlsx']] as const) {
    web.get(path, async (request, reply) => {
      const view = await signedIn(request, reply);
      if (!view) return reply;
      const refused = districtOnly(reply, view);
      if (refused) return refused;
      const files = await renderProposal(await ctx.services.awards.proposal());
      return file(reply, PROPOSAL_FILES[kind], kind === 'docx' ? DOCX : XLSX, files[kind]);
    });
  }
}
