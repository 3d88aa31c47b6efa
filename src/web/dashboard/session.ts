import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretMatches } from '../../http/secret.ts';

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

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function cookie(name: string, value: string, path: string, maxAgeSeconds: number, opts: CookieOptions): string {
  return [`${name}=${value}`, `Path=${path}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(opts.secure ? ['Secure'] : [])].join('; ');
}

export function sessionCookie(sessionId: string, expiresAt: number, now: number, opts: CookieOptions): string {
  return cookie(SESSION_COOKIE, sessionId, DASHBOARD_PATH, Math.max(0, Math.floor((expiresAt - now) / 1000)), opts);
}

export const clearSessionCookie = (opts: CookieOptions) => cookie(SESSION_COOKIE, '', DASHBOARD_PATH, 0, opts);

/** A fresh double-submit value for the sign-in form: the cookie and the form's hidden field carry the same value. */
export function signInCsrf(reply: FastifyReply, opts: CookieOptions): string {
  const value = randomBytes(24).toString('base64url');
  reply.header('set-cookie', cookie(SIGN_IN_COOKIE, value, SIGN_IN_PATH, 600, opts));
  return value;
}

export const clearSignInCookie = (opts: CookieOptions) => cookie(SIGN_IN_COOKIE, '', SIGN_IN_PATH, 0, opts);

export function signInCsrfMatches(request: FastifyRequest, field: string | undefined): boolean {
  const cookieValue = readCookie(request, SIGN_IN_COOKIE);
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
