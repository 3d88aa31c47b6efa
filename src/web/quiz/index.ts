import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { randomBytes } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contestPhase } from '../../core/campaign.ts';
import { WEB_QUIZ } from '../../contract/web-quiz.ts';
import { viWebDoor, viWebQuiz as t } from '../../messages/vi.ts';
import type { StartRefusal } from '../../core/rules.ts';
import type { Person } from '../../services/participants.ts';
import { secretMatches } from '../../http/secret.ts';
import type { WebContext } from '../context.ts';
import { stringValues, type Values } from '../dashboard/params.ts';
import { sessionCsrf, sessionCsrfMatches } from '../dashboard/session.ts';
import { html, type Html } from '../html.ts';
import { sendPrivatePage } from '../layout.ts';
import { refusalText } from '../../conversation/quiz-views.ts';
import { certificateSection, registerCertificateDownloads } from './certificate.ts';
import { QUIZ_CSP, registerMiniApp } from './mini-app.ts';
import { registerDoor, personExtras, doorLinks } from './door.ts';
import { predictionStates, registerPrediction, roundResultsOf } from './prediction.ts';
import { linkBody, linkChatBody, noticeBody, questionBody, resultBody, startBody, whoBar, type QuizView } from './views.ts';

/** The participant's session cookie (its value is the session id; the database keeps only its hash), sent to /thi only. */
export const QUIZ_SESSION_COOKIE = 'cds_thi';
/** The link page's double-submit CSRF cookie, set by its GET and checked by its POST. */
export const QUIZ_LINK_COOKIE = 'cds_thi_vao';

export interface Signed {
  person: Person;
  sessionId: string;
  view: QuizView;
  /** The session travels with the form (the Telegram Mini App, whose frame gets no SameSite=Lax cookie), not the cookie. */
  viaForm?: boolean;
  /** The official whose fallback link opened the session: the quiz service records them on the attempt. */
  openedBy?: string;
}

/**
 * A form session's hidden value: the session id and its CSRF value in the forms' `csrf` field (both base64url, so
 * the dot separates them). A POST carrying one is checked as strictly as the cookie: the session must be open and
 * the CSRF value its own.
 */
const formToken = (sessionId: string) => `${sessionId}.${sessionCsrf(sessionId)}`;
const FORM_TOKEN = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]+)$/u;

const NUMBER = /^\d{1,9}$/u;

/**
 * The web quiz under /thi (issue 22): the personal link's page and the quiz pages of a participant's session. Every
 * rule is the chat's, decided by the same services (quiz: the draw, attempts per round, the deadline, closing, the
 * counters); the pages only show questions and forward answers. Forms POST, then redirect (303): a refresh or the
 * back button never submits again, and a second POST of the same answer is refused by the quiz service.
 */
export async function registerQuiz(web: FastifyInstance, ctx: WebContext, cssUrl: string): Promise<void> {
  const secure = ctx.links.baseUrl.startsWith('https:');
  const attrs = (path: string): CookieSerializeOptions => ({ path, httpOnly: true, sameSite: 'lax', secure });
  const { quiz, webSessions } = ctx.services;

  await web.register(fastifyCookie);
  await web.register(fastifyFormbody, { bodyLimit: 4096 });

  const send = (reply: FastifyReply, opts: { title: string; body: Html; signed?: Signed }, status = 200) =>
    sendPrivatePage(reply, status, {
      campaign: ctx.campaign,
      cssUrl,
      title: opts.title,
      section: { brand: { href: WEB_QUIZ.home, label: t.title }, nav: [], ...(opts.signed ? { bar: whoBar(opts.signed.view) } : {}) },
      body: opts.body,
    });
  const notice = (reply: FastifyReply, status: number, title: string, text: string, signed?: Signed) => send(reply, { title, body: noticeBody(title, text), ...(signed ? { signed } : {}) }, status);
  /** Not signed in: how to get a link from the chat, and the web's own doors (registration, re-entry) when open. */
  const needSignIn = (reply: FastifyReply, status: number, text: string) => send(reply, { title: t.needSignInTitle, body: html`${noticeBody(t.needSignInTitle, text)}${doorLinks(ctx)}` }, status);
  const see = (reply: FastifyReply, url: string) => reply.header('cache-control', 'no-store').redirect(url, 303);

  // The quiz pages run the Mini App's same-origin script and may be framed by Telegram's web client (not the rest).
  web.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', QUIZ_CSP).removeHeader('x-frame-options');
    return payload;
  });

  web.addHook('preHandler', async (request, reply) => {
    if (stringValues(request.query) && stringValues(request.body)) return;
    return notice(reply, 400, t.refusedTitle, t.badRequest);
  });

  /** The session's participant, or a page telling how to get a link (and the stale cookie cleared). */
  async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<Signed | undefined> {
    const form = request.method === 'POST' ? FORM_TOKEN.exec(stringValues(request.body)?.csrf ?? '') : null;
    const sessionId = form ? form[1] : request.cookies[QUIZ_SESSION_COOKIE];
    const session = sessionId ? await webSessions.quizSessionOf(sessionId) : undefined;
    if (sessionId && session) {
      const { person, openedBy } = session;
      const signed = form ? formSigned(person, sessionId) : { person, sessionId, view: { name: nameOf(person), csrf: sessionCsrf(sessionId) } };
      return openedBy ? { ...signed, openedBy } : signed;
    }
    if (sessionId && !form) reply.clearCookie(QUIZ_SESSION_COOKIE, attrs(WEB_QUIZ.home));
    await needSignIn(reply, 401, sessionId ? `${t.sessionEnded} ${t.needSignIn}` : t.needSignIn);
    return undefined;
  }

  /** A signed-in POST: the session and its CSRF value, else a refusal (nothing recorded). */
  async function signedPost(request: FastifyRequest<{ Body: Values | undefined }>, reply: FastifyReply): Promise<Signed | undefined> {
    const signed = await signedIn(request, reply);
    if (!signed) return undefined;
    const csrf = signed.viaForm ? FORM_TOKEN.exec(request.body?.csrf ?? '')?.[2] : request.body?.csrf;
    if (sessionCsrfMatches(signed.sessionId, csrf)) return signed;
    await notice(reply, 403, t.refusedTitle, t.badForm, signed);
    return undefined;
  }

  const refused = (reply: FastifyReply, signed: Signed, r: StartRefusal) => {
    return notice(reply, 200, t.refusedTitle, refusalText(r, ctx.campaign), signed);
  };
  const resultUrl = (attemptId: number) => `${WEB_QUIZ.home}/ket-qua/${attemptId}`;
  const predictionState = predictionStates(ctx);
  const roundResults = roundResultsOf(ctx);
  const nameOf = (person: Person) => person.fullName ?? person.displayName ?? '';
  const webPerson = personExtras(ctx);
  const formSigned = (person: Person, sessionId: string): Signed => ({ person, sessionId, view: { name: nameOf(person), csrf: formToken(sessionId) }, viaForm: true });

  /**
   * After a POST: a redirect (303) to the next page; with a form session the next page itself (a GET inside the
   * Mini App's frame would carry no session). The quiz service refuses a re-posted answer either way.
   */
  async function next(reply: FastifyReply, signed: Signed, to: { result: number } | 'home'): Promise<FastifyReply> {
    if (!signed.viaForm) return see(reply, to === 'home' ? WEB_QUIZ.home : resultUrl(to.result));
    return to === 'home' ? current(reply, signed) : result(reply, signed, to.result);
  }

  async function result(reply: FastifyReply, signed: Signed, attemptId: number | undefined): Promise<FastifyReply> {
    const finished = attemptId === undefined ? undefined : await quiz.finishedAttempt(signed.person.id, attemptId);
    if (!finished) return notice(reply, 404, t.refusedTitle, t.badRequest, signed);
    const open = contestPhase(ctx.campaign, ctx.now()).phase === 'open';
    const prediction = await predictionState(finished);
    const extras = await webPerson(signed.person, { invite: true });
    // A web-only person has no chat the announcement could reach; the /noi code joins one (and reminders).
    const inChat = ctx.services.webDoor.codeOf(signed.person) === undefined;
    const link = open ? await ctx.services.links.codeFor(signed.person.id) : undefined;
    const roundPart = await roundResults(finished);
    // Inside the Mini App (a form session, no cookie) a GET download would not be signed in: the chat's /chungnhan is there.
    const certificate = signed.viaForm ? '' : certificateSection(finished.attempt.id);
    const rest = html`${link ? linkChatBody(link, ctx.campaign.timezone) : ''}${roundPart}${certificate}`;
    const body = resultBody(signed.view, finished, open, prediction, ctx.campaign.predictionQuestion, rest, extras, inChat);
    return send(reply, { title: finished.reason === 'time_up' ? t.timeUpTitle : t.resultHeading, body, signed });
  }

  /** The current question (stamped as shown as it is rendered), else the start page or the result. */
  async function current(reply: FastifyReply, signed: Signed, note?: string, status = 200): Promise<FastifyReply> {
    const open = await quiz.openAttempt(signed.person.id);
    if (open?.kind === 'finished') return next(reply, signed, { result: open.finished.attempt.id });
    if (!open) return send(reply, { title: t.startHeading, body: startBody(signed.view, note, await webPerson(signed.person, { invite: false })), signed }, status);
    const { attempt, item } = open;
    await quiz.markShown(attempt.id, item.position, ctx.now());
    return send(reply, { title: t.questionOf(item.position + 1, attempt.questionCount), body: questionBody(signed.view, ctx.campaign, attempt, item, note ? { note } : {}), signed }, status);
  }

  // The link: its GET shows the button (a chat app's preview may fetch it), its POST spends the token.
  web.get<{ Querystring: Values }>(WEB_QUIZ.link, async (request, reply) => {
    const token = request.query.t;
    if (!token) return needSignIn(reply, 200, request.query.ra === '1' ? `${t.signedOut} ${t.needSignIn}` : t.needSignIn);
    const state = await webSessions.quizLinkState(token);
    if (state === 'used') return notice(reply, 410, t.linkRefusedTitle, t.linkUsed);
    if (state === 'expired') return notice(reply, 410, t.linkRefusedTitle, t.linkExpired);
    if (state === 'invalid') return notice(reply, 403, t.linkRefusedTitle, t.linkInvalid);
    const csrf = randomBytes(24).toString('base64url');
    reply.setCookie(QUIZ_LINK_COOKIE, csrf, { ...attrs(WEB_QUIZ.link), maxAge: 600 });
    return send(reply, { title: t.linkHeading, body: linkBody(token, csrf) });
  });

  web.post<{ Body: Values | undefined }>(WEB_QUIZ.link, async (request, reply) => {
    const form = request.body ?? {};
    const cookie = request.cookies[QUIZ_LINK_COOKIE];
    if (!cookie || !secretMatches(form.csrf, cookie)) return notice(reply, 403, t.linkRefusedTitle, t.badForm);
    const r = await webSessions.quizSignIn(form.t ?? '');
    if (r.kind === 'used') return notice(reply, 410, t.linkRefusedTitle, t.linkUsed);
    if (r.kind === 'expired') return notice(reply, 410, t.linkRefusedTitle, t.linkExpired);
    if (r.kind !== 'signed_in') return notice(reply, 403, t.linkRefusedTitle, t.linkInvalid);
    reply.setCookie(QUIZ_SESSION_COOKIE, r.sessionId, { ...attrs(WEB_QUIZ.home), maxAge: Math.max(0, Math.floor((r.expiresAt - ctx.now()) / 1000)) });
    reply.clearCookie(QUIZ_LINK_COOKIE, attrs(WEB_QUIZ.link));
    return see(reply, WEB_QUIZ.home);
  });

  web.post<{ Body: Values | undefined }>(`${WEB_QUIZ.home}/thoat`, async (request, reply) => {
    const signed = await signedPost(request, reply);
    if (!signed) return reply;
    await webSessions.signOut(signed.sessionId);
    reply.clearCookie(QUIZ_SESSION_COOKIE, attrs(WEB_QUIZ.home));
    return see(reply, `${WEB_QUIZ.link}?ra=1`);
  });

  web.get<{ Querystring: Values }>(WEB_QUIZ.home, async (request, reply) => {
    const signed = await signedIn(request, reply);
    return signed ? current(reply, signed, request.query['da-dang-ky'] === '1' ? viWebDoor.welcome(signed.view.name) : undefined) : reply;
  });

  web.post<{ Body: Values | undefined }>(`${WEB_QUIZ.home}/bat-dau`, async (request, reply) => {
    const signed = await signedPost(request, reply);
    if (!signed) return reply;
    const r = await quiz.startOrResume(signed.person.id, signed.openedBy);
    if (r.kind === 'refused') return refused(reply, signed, r.refusal);
    if (r.kind === 'finished') return next(reply, signed, { result: r.finished.attempt.id });
    return next(reply, signed, 'home');
  });

  web.post<{ Body: Values | undefined }>(`${WEB_QUIZ.home}/tra-loi`, async (request, reply) => {
    const signed = await signedPost(request, reply);
    if (!signed) return reply;
    const { a, p, o } = request.body ?? {};
    if (!a || !p || !NUMBER.test(a) || !NUMBER.test(p)) return notice(reply, 400, t.refusedTitle, t.badRequest, signed);
    const expected = { attemptId: Number(a), position: Number(p) };
    // No option chosen (a browser without `required`): the same question again, nothing recorded.
    if (o === undefined || !NUMBER.test(o)) return current(reply, signed, t.noChoice, 400);
    // The answer's time is when this request arrived: the services' clock, read as it is handled.
    const r = await quiz.answer(signed.person.id, Number(o), expected, signed.openedBy);
    switch (r.kind) {
      case 'next':
        return next(reply, signed, 'home');
      case 'finished':
        return next(reply, signed, { result: r.finished.attempt.id });
      case 'invalid_choice':
        return current(reply, signed, t.noChoice, 400);
      default: {
        // A second POST of an answer already recorded, or an answer to another question: nothing recorded. When the
        // attempt it names has ended meanwhile, its result; otherwise the current question, with why.
        const done = await quiz.finishedAttempt(signed.person.id, expected.attemptId);
        if (done && !(await quiz.openAttempt(signed.person.id))) return next(reply, signed, { result: done.attempt.id });
        return current(reply, signed, t.notCurrent, 409);
      }
    }
  });

  web.get<{ Params: { id: string } }>(`${WEB_QUIZ.home}/ket-qua/:id`, async (request, reply) => {
    const signed = await signedIn(request, reply);
    if (!signed) return reply;
    return result(reply, signed, NUMBER.test(request.params.id) ? Number(request.params.id) : undefined);
  });

  registerMiniApp(web, ctx, {
    page: (reply, title, body) => send(reply, { title, body }),
    notice: (reply, status, title, text) => notice(reply, status, title, text),
    openFormSession: async (reply, person, sessionId) => current(reply, formSigned(person, sessionId)),
  });

  registerPrediction(web, ctx, { send, notice, next, signedPost });
  registerCertificateDownloads(web, ctx, { signedIn, notFound: (reply, signed) => notice(reply, 404, t.refusedTitle, t.certificateNone, signed) });

  registerDoor(web, ctx, {
    page: (reply, title, body, status = 200, signed) => send(reply, { title, body, ...(signed ? { signed } : {}) }, status),
    notice,
    signedIn,
    signedPost,
    quietPerson: async (request) => {
      const sessionId = request.cookies[QUIZ_SESSION_COOKIE];
      return sessionId ? webSessions.participantOf(sessionId) : undefined;
    },
    openSession: (reply, session, to) => {
      reply.setCookie(QUIZ_SESSION_COOKIE, session.sessionId, { ...attrs(WEB_QUIZ.home), maxAge: Math.max(0, Math.floor((session.expiresAt - ctx.now()) / 1000)) });
      return see(reply, to);
    },
    cookieAttrs: attrs,
    clearSession: (reply) => {
      reply.clearCookie(QUIZ_SESSION_COOKIE, attrs(WEB_QUIZ.home));
    },
  });
}
