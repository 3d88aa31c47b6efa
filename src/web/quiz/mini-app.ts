import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { WEB_QUIZ } from '../../contract/web-quiz.ts';
import { viMiniApp as t } from '../../messages/vi.ts';
import type { Person } from '../../services/participants.ts';
import type { WebContext } from '../context.ts';
import type { Values } from '../dashboard/params.ts';
import { html, type Html } from '../html.ts';
import { verifyInitData } from './init-data.ts';

/** The Mini App's entry page: a `web_app` button (BotFather's menu button or /thi's) opens it inside Telegram. */
export const MINI_APP_PATH = WEB_QUIZ.miniApp;

/**
 * The quiz pages' Content-Security-Policy: the site's (no inline script, our styles and fonts) plus a same-origin
 * script (the Mini App's start-up) and framing by Telegram's web client. Everything else under / keeps the site's
 * policy (script-src 'none', frame-ancestors 'self').
 */
export const QUIZ_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self' https://web.telegram.org",
].join(';');

/**
 * The start-up script (same origin, no Telegram SDK): Telegram passes the launch parameters in the address's hash,
 * `tgWebAppData` being the signed initData. It tells Telegram the app is ready, drops the hash from the address, and
 * POSTs initData to the server, once.
 */
const SCRIPT = `(function () {
  var form = document.getElementById('mini-app');
  if (!form) return;
  try {
    if (window.TelegramWebviewProxy) window.TelegramWebviewProxy.postEvent('web_app_ready', '');
    else if (window.parent !== window) window.parent.postMessage(JSON.stringify({ eventType: 'web_app_ready', eventData: {} }), 'https://web.telegram.org');
  } catch (e) { /* outside Telegram */ }
  var data = new URLSearchParams(window.location.hash.slice(1)).get('tgWebAppData');
  if (!data) { document.getElementById('mini-app-none').hidden = false; document.getElementById('mini-app-wait').hidden = true; return; }
  history.replaceState(null, '', window.location.pathname);
  form.elements.namedItem('initData').value = data;
  form.submit();
})();
`;

const script = Buffer.from(SCRIPT);
export const MINI_APP_SCRIPT_URL = `/static/mini-app.${createHash('sha256').update(script).digest('hex').slice(0, 12)}.js`;

function entryBody(): Html {
  return html`<section class="narrow quiz-page">
      <h1>${t.title}</h1>
      <p id="mini-app-wait">${t.opening}</p>
      <p id="mini-app-none" hidden>${t.notInTelegram}</p>
      <form id="mini-app" method="post" action="${MINI_APP_PATH}"><input type="hidden" name="initData" value=""></form>
      <script src="${MINI_APP_SCRIPT_URL}" defer></script>
    </section>`;
}

/** What the quiz routes give the Mini App door: their page and notice, and the quiz page of a new form session. */
export interface MiniAppHooks {
  page(reply: FastifyReply, title: string, body: Html): FastifyReply;
  notice(reply: FastifyReply, status: number, title: string, text: string): FastifyReply;
  /** The participant's current quiz page, its forms carrying the session (no cookie inside Telegram's frame). */
  openFormSession(reply: FastifyReply, person: Person, sessionId: string): Promise<FastifyReply>;
}

/**
 * The Telegram Mini App door of the web quiz (issue 22). GET shows the entry page; its script POSTs initData, which
 * is verified with the bot token (src/web/quiz/init-data.ts) and exchanged for a participant session of the same
 * person the chat knows (channel 'telegram', their user id). initData is never logged (it rides in the POST body,
 * which the server does not log) nor stored. A valid initData posted again within its hour opens another session
 * for the same person: whoever holds it within the hour can act as that person anyway, and a refresh of the page
 * re-posts it.
 */
export function registerMiniApp(web: FastifyInstance, ctx: WebContext, hooks: MiniAppHooks): void {
  web.get(MINI_APP_SCRIPT_URL, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript; charset=utf-8').send(script),
  );

  web.get(MINI_APP_PATH, async (_request, reply) => hooks.page(reply, t.title, entryBody()));

  web.post<{ Body: Values | undefined }>(MINI_APP_PATH, async (request, reply) => {
    const token = ctx.telegramBotToken;
    if (!token) return hooks.notice(reply, 404, t.refusedTitle, t.unavailable);
    const check = verifyInitData(request.body?.initData ?? '', token, ctx.now());
    if (!check.ok) return hooks.notice(reply, 403, t.refusedTitle, t.refused);
    const person = await ctx.services.participants.find('telegram', check.userId);
    if (!person?.registered) return hooks.notice(reply, 403, t.notRegisteredTitle, t.notRegistered);
    const { sessionId } = await ctx.services.webSessions.openQuizSession(person);
    return hooks.openFormSession(reply, person, sessionId);
  });
}
