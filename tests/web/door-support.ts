import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { cookieOf, postForm } from './dashboard-support.ts';
import { answer, csrfOf, questionForm } from './quiz-support.ts';

export const COMMUNE = '06328'; // Xã Long Đống
export const COMMUNE_NAME = 'Xã Long Đống';

export interface Registration {
  name: string;
  phone: string;
  commune?: string;
  agency?: string;
  consent?: boolean;
  via?: string;
  ip?: string;
  extra?: Record<string, string>;
}

/** The registration page's GET (with `?moi=` when given): its CSRF value and cookie. */
export async function openRegistration(http: FastifyInstance, via?: string, opts: { cookie?: string; ip?: string } = {}) {
  const res = await http.inject({ method: 'GET', url: `/thi/dang-ky${via ? `?moi=${via}` : ''}`, ...(opts.cookie ? { headers: { cookie: opts.cookie } } : {}), ...(opts.ip ? { remoteAddress: opts.ip } : {}) });
  return { res, csrf: csrfOf(res.body), cookie: cookieOf(res, 'cds_thi_dk') ?? '' };
}

/** Fills and posts the registration form as a browser would (the page's CSRF value and cookie). */
export async function postRegistration(http: FastifyInstance, r: Registration): Promise<LightMyRequestResponse> {
  const page = await openRegistration(http, r.via, r.ip ? { ip: r.ip } : {});
  const form: Record<string, string> = {
    ...(r.consent === false ? {} : { 'dong-y': '1' }),
    xa: r.commune ?? COMMUNE,
    'co-quan': r.agency ?? '',
    'ho-ten': r.name,
    sdt: r.phone,
    moi: r.via ?? '',
    'trang-web': '',
    csrf: page.csrf,
    ...r.extra,
  };
  return postForm(http, '/thi/dang-ky', form, { cookie: page.cookie, ...(r.ip ? { ip: r.ip } : {}) });
}

/** Registers and returns the session cookie (`cds_thi=…`). */
export async function registerOnWeb(http: FastifyInstance, r: Registration): Promise<string> {
  const res = await postRegistration(http, r);
  expect(res.statusCode, res.body).toBe(303);
  expect(res.headers.location).toBe('/thi?da-dang-ky=1');
  return cookieOf(res, 'cds_thi')!;
}

/** The re-entry code shown on a page ("ABCD-EFGH"). */
export const codeOf = (body: string) => /<p class="reentry-code">([A-Z0-9-]{9})<\/p>/u.exec(body)?.[1];

/** Starts an attempt and answers every question with the first option; the result page's response. */
export async function playOnWeb(http: FastifyInstance, session: string): Promise<LightMyRequestResponse> {
  const start = await http.inject({ method: 'GET', url: '/thi', headers: { cookie: session } });
  let res = await postForm(http, '/thi/bat-dau', { csrf: csrfOf(start.body) }, { cookie: session });
  expect(res.statusCode, res.body).toBe(303);
  for (;;) {
    const page = await http.inject({ method: 'GET', url: res.headers.location as string, headers: { cookie: session } });
    if ((res.headers.location as string).startsWith('/thi/ket-qua/')) return page;
    res = await answer(http, session, questionForm(page.body), 0);
    expect(res.statusCode, res.body).toBe(303);
  }
}
