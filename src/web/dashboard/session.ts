import { createHash, randomBytes } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretMatches } from '../../http/secret.ts';

// The dashboard's cookies are read (request.cookies) and written (reply.setCookie) by @fastify/cookie, registered in
// the dashboard's scope only.

/** The session cookie (its value is the session id; the database keeps only its hash), sent to /quan-tri only. */
export const SESSION_COOKIE = 'cds_qt';
/** The sign-in form's double-submit CSRF cookie, set by the link's page and checked by its POST. */
export const SIGN_IN_COOKIE = 'cds_qt_dn';
export const DASHBOARD_PATH = '/quan-tri';
const SIGN_IN_PATH = '/quan-tri/dang-nhap';

export interface CookieOptions {
  /** PUBLIC_BASE_URL is https: cookies are Secure. */
  secure: boolean;
}

/** The attributes of the dashboard's cookies: never readable by scripts, never sent on another site's POST. */
function attributes(path: string, opts: CookieOptions): CookieSerializeOptions {
  return { path, httpOnly: true, sameSite: 'lax', secure: opts.secure };
}

export function setSessionCookie(reply: FastifyReply, sessionId: string, expiresAt: number, now: number, opts: CookieOptions): FastifyReply {
  return reply.setCookie(SESSION_COOKIE, sessionId, { ...attributes(DASHBOARD_PATH, opts), maxAge: Math.max(0, Math.floor((expiresAt - now) / 1000)) });
}

export const clearSessionCookie = (reply: FastifyReply, opts: CookieOptions) => reply.clearCookie(SESSION_COOKIE, attributes(DASHBOARD_PATH, opts));

/** A fresh double-submit value for the sign-in form: the cookie and the form's hidden field carry the same value. */
export function signInCsrf(reply: FastifyReply, opts: CookieOptions): string {
  const value = randomBytes(24).toString('base64url');
  reply.setCookie(SIGN_IN_COOKIE, value, { ...attributes(SIGN_IN_PATH, opts), maxAge: 600 });
  return value;
}

export const clearSignInCookie = (reply: FastifyReply, opts: CookieOptions) => reply.clearCookie(SIGN_IN_COOKIE, attributes(SIGN_IN_PATH, opts));

export function signInCsrfMatches(request: FastifyRequest, field: string | undefined): boolean {
  const cookieValue = request.cookies[SIGN_IN_COOKIE];
  return cookieValue !== undefined && cookieValue.length > 0 && secretMatches(field, cookieValue);
}

/**
 * A signed-in page's forms carry a token derived from the session id, which only the official's browser knows (the
 * cookie is HttpOnly and never sent cross-site on a POST): another site's form cannot supply it.
 */
export function sessionCsrf(sessionId: string): string {
  return createHash('sha256').update(`csrf:${sessionId}`).digest('base64url');
}

export const sessionCsrfMatches = (sessionId: string, field: string | undefined) => secretMatches(field, sessionCsrf(sessionId));
