import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import { textUser } from '../helpers/app.ts';
import { cookieOf, postForm } from './dashboard-support.ts';

/** The personal link /thi gives where the chat has no buttons. */
export const QUIZ_LINK = /(https?:\/\/[^\s]+\/thi\/vao\?t=([A-Za-z0-9_-]{43}))/u;

/** A Zalo (or local-chat) person, registered through the chat; `thi()` is their /thi and the link it offers. */
export async function chatPerson(app: App, userId: string, name: string, channel = 'zalo') {
  const user = textUser(app, userId, { channel });
  await user.register(name, 1);
  return {
    user,
    async thi(): Promise<{ text: string; token: string; url: string }> {
      const text = await user.say('/thi');
      const m = QUIZ_LINK.exec(text);
      expect(m, text).not.toBeNull();
      return { text, token: m![2]!, url: m![1]! };
    },
  };
}

/** The link page's GET: its hidden CSRF value and the cookie that must come back with it. */
export async function openLink(http: FastifyInstance, token: string) {
  const res = await http.inject({ method: 'GET', url: `/thi/vao?t=${token}` });
  return { res, csrf: csrfOf(res.body), cookie: cookieOf(res, 'cds_thi_vao') ?? '' };
}

/** Opens the link and presses "Vào làm bài": the session cookie (`cds_thi=…`). */
export async function enter(http: FastifyInstance, token: string): Promise<string> {
  const page = await openLink(http, token);
  const res = await postForm(http, '/thi/vao', { t: token, csrf: page.csrf }, { cookie: page.cookie });
  expect(res.statusCode, res.body).toBe(303);
  expect(res.headers.location).toBe('/thi');
  return cookieOf(res, 'cds_thi')!;
}

export const csrfOf = (body: string) => /name="csrf" value="([^"]+)"/u.exec(body)?.[1] ?? '';

/** The question form of a page: attempt, position, CSRF and the options' labels. */
export function questionForm(body: string): { a: string; p: string; csrf: string; options: string[] } {
  const a = /name="a" value="(\d+)"/u.exec(body)?.[1];
  const p = /name="p" value="(\d+)"/u.exec(body)?.[1];
  expect(a, body).toBeDefined();
  const options = [...body.matchAll(/<label class="option"><input type="radio" name="o" value="(\d+)" required> <span>([\s\S]*?)<\/span><\/label>/gu)].map((m) => m[2]!.replace(/<[^>]+>/gu, ''));
  return { a: a!, p: p!, csrf: csrfOf(body), options };
}

/** Answers the page's question with the option at `o` (shown position): the response to the POST. */
export function answer(http: FastifyInstance, session: string, form: { a: string; p: string; csrf: string }, o: number): Promise<LightMyRequestResponse> {
  return postForm(http, '/thi/tra-loi', { a: form.a, p: form.p, csrf: form.csrf, o: String(o) }, { cookie: session });
}
