import { randomBytes } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contestPhase } from '../../core/campaign.ts';
import { parseFullName, parsePhone } from '../../core/input.ts';
import { parseInvitePayload, personPayload } from '../../core/invites.ts';
import { formatDate } from '../../core/time.ts';
import { webRegistration, type Unit } from '../../core/types.ts';
import { lastFourMatch, parseCode } from '../../core/web-door.ts';
import { vi, viWebDoor as d, viWebQuiz as t } from '../../messages/vi.ts';
import type { Person } from '../../services/participants.ts';
import { secretMatches } from '../../http/secret.ts';
import type { WebContext } from '../context.ts';
import type { Values } from '../dashboard/params.ts';
import { html, type Html } from '../html.ts';
import { alreadyBody, codeBox, deleteBody, HONEYPOT, inviteBox, reEntryBody, registrationBody, type RegistrationErrors, type RegistrationValues } from './door-views.ts';

/** The registration and re-entry forms' double-submit CSRF cookie (they have no session yet). */
export const DOOR_CSRF_COOKIE = 'cds_thi_dk';

export const DOOR = { register: '/thi/dang-ky', reEntry: '/thi/vao-lai', deletion: '/thi/xoa-du-lieu' } as const;

/** A signed-in page's person and view, as the quiz pages have them. */
interface Signed {
  person: Person;
  sessionId: string;
  view: { name: string; csrf: string };
}

export interface DoorDeps {
  page: (reply: FastifyReply, title: string, body: Html, status?: number, signed?: Signed) => FastifyReply;
  notice: (reply: FastifyReply, status: number, title: string, text: string, signed?: Signed) => FastifyReply;
  signedIn: (request: FastifyRequest, reply: FastifyReply) => Promise<Signed | undefined>;
  signedPost: (request: FastifyRequest<{ Body: Values | undefined }>, reply: FastifyReply) => Promise<Signed | undefined>;
  /** The session cookie's person, without any page (undefined when there is none). */
  quietPerson: (request: FastifyRequest) => Promise<Person | undefined>;
  /** Sets the session cookie of a new session and sends the browser to `to` (303). */
  openSession: (reply: FastifyReply, session: { sessionId: string; expiresAt: number }, to: string) => FastifyReply;
  cookieAttrs: (path: string) => CookieSerializeOptions;
  clearSession: (reply: FastifyReply) => void;
}

/** The ways in on the web, under "not signed in" pages: registration (when open) and re-entry (unless off). */
export function doorLinks(ctx: WebContext): Html {
  const s = webRegistration(ctx.campaign);
  if (s === 'off') return html``;
  return html`<section class="narrow quiz-page door-links">
      ${s === 'open' ? html`<p><a class="button big" href="${DOOR.register}">${d.homeDoor}</a></p>` : ''}
      <p><a href="${DOOR.reEntry}">${d.reEntryLink}</a></p>
    </section>`;
}

/** Where a web person's code, invite link and deletion page show: under the start and result pages. */
export function personExtras(ctx: WebContext) {
  return async (person: Person, opts: { invite: boolean }): Promise<Html> => {
    const code = ctx.services.webDoor.codeOf(person);
    if (!code) return html``;
    const invite = opts.invite
      ? inviteBox(`${ctx.links.baseUrl}${DOOR.register}?moi=${personPayload(person.inviteCode)}`, await ctx.services.participants.countInvited(person.id))
      : '';
    return html`${codeBox(code)}${invite}<p><a href="${DOOR.deletion}">${d.deleteLink}</a></p>`;
  };
}

/**
 * The open door (issue 23): `/thi/dang-ky` (registration, from the home page, a unit's page or poster, or any link),
 * `/thi/vao-lai` (phone + personal code), `/thi/xoa-du-lieu` (a signed-in person's deletion). The forms have no
 * session: a double-submit cookie is their CSRF check. What was typed comes back with the error beside its field.
 */
export function registerDoor(web: FastifyInstance, ctx: WebContext, x: DoorDeps): void {
  const { webDoor, privacy } = ctx.services;
  const setting = () => webRegistration(ctx.campaign);
  const units = ctx.units.filter((u) => u.kind === 'commune' || u.kind === 'agency');
  const byCode = new Map(units.map((u) => [u.code, u]));
  const consentText = () => vi.consentAsk(ctx.campaign.labels, ctx.campaign.privacy.law, formatDate(privacy.identityHashesErasedAt(), ctx.campaign.timezone));

  const newCsrf = (reply: FastifyReply) => {
    const csrf = randomBytes(24).toString('base64url');
    reply.setCookie(DOOR_CSRF_COOKIE, csrf, { ...x.cookieAttrs('/thi'), maxAge: 3600 });
    return csrf;
  };
  const csrfOk = (request: FastifyRequest<{ Body: Values | undefined }>) => {
    const cookie = request.cookies[DOOR_CSRF_COOKIE];
    return Boolean(cookie) && secretMatches(request.body?.csrf, cookie!);
  };
  const viaUnitOf = (via: string): Unit | undefined => {
    const invite = parseInvitePayload(via);
    return invite?.kind === 'unit' ? byCode.get(invite.code) : undefined;
  };
  /** Why the door is shut (registration not open, or the contest over), else undefined. */
  const shut = (reply: FastifyReply, reEntry: boolean): FastifyReply | undefined => {
    const s = setting();
    if (s === 'off') return x.notice(reply, 403, d.offTitle, d.off);
    if (s === 'via-chat' && !reEntry) return x.notice(reply, 403, d.viaChatTitle, d.viaChat);
    if (!reEntry && contestPhase(ctx.campaign, ctx.now()).phase === 'closed') return x.notice(reply, 403, d.closedTitle, d.closed);
    return undefined;
  };

  const registration = (reply: FastifyReply, values: RegistrationValues, errors: RegistrationErrors, status = 200, notice?: string) => {
    const viaUnit = viaUnitOf(values.via);
    const body = registrationBody({ campaign: ctx.campaign, units, consentText: consentText(), ...(viaUnit ? { viaUnit } : {}), values, errors, csrf: newCsrf(reply), ...(notice ? { notice } : {}) });
    return x.page(reply, d.registerHeading, body, status);
  };

  web.get<{ Querystring: Values }>(DOOR.register, async (request, reply) => {
    const closed = shut(reply, false);
    if (closed) return closed;
    const signed = await x.quietPerson(request);
    if (signed) return x.page(reply, d.registerHeading, alreadyBody(signed.fullName ?? ''));
    const via = request.query.moi ?? '';
    return registration(reply, { consent: false, commune: '', agency: '', name: '', phone: '', via: parseInvitePayload(via) ? via : '' }, {});
  });

  web.post<{ Body: Values | undefined }>(DOOR.register, async (request, reply) => {
    const closed = shut(reply, false);
    if (closed) return closed;
    const f = request.body ?? {};
    // The field people never see: filled, a neutral page and nothing registered (no hint for the script).
    if (f[HONEYPOT]) return x.notice(reply, 200, d.receivedTitle, d.received);
    const signed = await x.quietPerson(request);
    if (signed) return x.page(reply, d.registerHeading, alreadyBody(signed.fullName ?? ''));
    const values: RegistrationValues = {
      consent: f['dong-y'] === '1',
      commune: f.xa ?? '',
      agency: f['co-quan'] ?? '',
      name: (f['ho-ten'] ?? '').slice(0, 120),
      phone: (f.sdt ?? '').slice(0, 24),
      via: parseInvitePayload(f.moi) ? f.moi! : '',
    };
    if (!csrfOk(request)) return registration(reply, values, {}, 403, t.badForm);
    const viaUnit = viaUnitOf(values.via);
    const errors: RegistrationErrors = {};
    if (!values.consent) errors.consent = d.consentMissing;
    const commune = viaUnit?.kind === 'commune' ? viaUnit : byCode.get(values.commune);
    if (commune?.kind !== 'commune') errors.commune = d.communeMissing(ctx.campaign.labels);
    const agency = viaUnit?.kind === 'agency' ? viaUnit : values.agency ? byCode.get(values.agency) : undefined;
    if (values.agency && viaUnit?.kind !== 'agency' && agency?.kind !== 'agency') errors.agency = d.agencyUnknown;
    const name = parseFullName(values.name);
    if (!name.ok) errors.name = name.error === 'name_length' ? vi.nameLength : vi.nameChars;
    const phone = parsePhone(values.phone);
    if (!phone.ok) errors.phone = d.phoneInvalid;
    if (Object.keys(errors).length || !name.ok || !phone.ok || !commune) return registration(reply, values, errors, 400);
    const r = await webDoor.register(
      { communeCode: commune.code, agencyCode: agency?.code ?? null, fullName: name.value, phone: phone.value, ...(values.via ? { via: values.via } : {}) },
      request.ip,
    );
    if (r.kind === 'limited') return registration(reply, values, {}, 429, d.limited);
    reply.clearCookie(DOOR_CSRF_COOKIE, x.cookieAttrs('/thi'));
    return x.openSession(reply, r, '/thi?da-dang-ky=1');
  });

  const reEntry = (reply: FastifyReply, values: { phone: string; code: string }, errors: { phone?: string; code?: string }, status = 200, notice?: string) =>
    x.page(reply, d.reEntryHeading, reEntryBody({ values, errors, csrf: newCsrf(reply), ...(notice ? { notice } : {}) }), status);

  web.get(DOOR.reEntry, async (request, reply) => {
    const closed = shut(reply, true);
    if (closed) return closed;
    const signed = await x.quietPerson(request);
    if (signed) return x.page(reply, d.reEntryHeading, alreadyBody(signed.fullName ?? ''));
    return reEntry(reply, { phone: '', code: '' }, {});
  });

  web.post<{ Body: Values | undefined }>(DOOR.reEntry, async (request, reply) => {
    const closed = shut(reply, true);
    if (closed) return closed;
    const f = request.body ?? {};
    const values = { phone: (f.sdt ?? '').slice(0, 24), code: (f.ma ?? '').slice(0, 16) };
    if (!csrfOk(request)) return reEntry(reply, values, {}, 403, t.badForm);
    const phone = parsePhone(values.phone);
    const code = parseCode(values.code);
    if (!phone.ok || !code) return reEntry(reply, values, { ...(phone.ok ? {} : { phone: d.phoneInvalid }), ...(code ? {} : { code: d.codeInvalid }) }, 400);
    const r = await webDoor.reEnter(phone.value, code, request.ip);
    if (r.kind !== 'signed_in') return r.kind === 'limited' ? reEntry(reply, values, {}, 429, d.reEntryLimited) : reEntry(reply, values, {}, 401, d.reEntryWrong);
    reply.clearCookie(DOOR_CSRF_COOKIE, x.cookieAttrs('/thi'));
    return x.openSession(reply, r, '/thi');
  });

  web.get(DOOR.deletion, async (request, reply) => {
    const signed = await x.signedIn(request, reply);
    if (!signed) return reply;
    if (!signed.person.phone) return x.notice(reply, 200, d.deleteHeading, d.deleteNoPhone, signed);
    return x.page(reply, d.deleteHeading, deleteBody(signed.view.csrf), 200, signed);
  });

  web.post<{ Body: Values | undefined }>(DOOR.deletion, async (request, reply) => {
    const signed = await x.signedPost(request, reply);
    if (!signed) return reply;
    const phone = signed.person.phone;
    if (!phone) return x.notice(reply, 200, d.deleteHeading, d.deleteNoPhone, signed);
    if (!lastFourMatch(phone, request.body?.['so-cuoi'] ?? '')) return x.page(reply, d.deleteHeading, deleteBody(signed.view.csrf, d.deleteWrong), 400, signed);
    await privacy.deleteData(signed.person.id);
    x.clearSession(reply);
    return x.notice(reply, 200, d.deletedTitle, d.deleted);
  });
}
