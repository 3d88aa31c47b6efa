import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { viWeb } from '../messages/vi.ts';
import { loadAssets } from './assets.ts';
import { registerDashboard } from './dashboard/index.ts';
import { registerQuiz } from './quiz/index.ts';
import type { WebContext } from './context.ts';
import { pageDataCache } from './figures.ts';
import { page, type PageShell } from './layout.ts';
import { homeBody } from './pages/home.ts';
import { notFoundBody, rulesBody } from './pages/rules.ts';
import { registerCertificateCheck } from './pages/certificate-check.ts';
import { registerResultsFiles } from './pages/results-files.ts';
import { hasPage, posterBody, unitBody, unitsBody } from './pages/units.ts';

export type { WebContext, JoinLinks } from './context.ts';

/** Pages show figures at most this old in a browser (the server's own cache adds up to 30 s). */
const PAGE_CACHE = 'public, max-age=15';

/**
 * No script at all; styles from our stylesheet, plus inline style attributes, which the charts' SVG uses. Pages may
 * only be framed by this site. No upgrade-insecure-requests: the local chat serves plain http on 127.0.0.1.
 */
const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'none'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
};

/**
 * The public pages on the app's HTTP server, in their own fastify scope (security headers apply to them, not to the
 * webhooks), and the officials' dashboard under `/quan-tri` (src/web/dashboard/).
 */
export async function registerWeb(fastify: FastifyInstance, ctx: WebContext): Promise<void> {
  const assets = loadAssets();
  const pageData = pageDataCache(ctx);
  const units = new Map(ctx.units.filter(hasPage).map((u) => [u.code.toLowerCase(), u]));
  const send = (reply: FastifyReply, shell: Omit<PageShell, 'campaign' | 'cssUrl'>, status = 200) =>
    reply
      .code(status)
      .header('cache-control', status === 200 ? PAGE_CACHE : 'no-cache')
      .type('text/html; charset=utf-8')
      .send(page({ campaign: ctx.campaign, cssUrl: assets.cssUrl, ...shell }));
  const notFound = (reply: FastifyReply, message: string) => send(reply, { title: viWeb.notFoundTitle, body: notFoundBody(message) }, 404);
  await fastify.register(async (web) => {
    await web.register(helmet, { contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false });
    assets.register(web);
    web.get('/', async (_request, reply) => send(reply, { current: 'home', body: await homeBody(ctx, await pageData()) }));
    web.get('/don-vi', async (_request, reply) => send(reply, { current: 'units', title: viWeb.unitsHeading, body: unitsBody(ctx, await pageData()) }));
    web.get<{ Params: { code: string } }>('/don-vi/:code', async (request, reply) => {
      const unit = units.get(request.params.code.toLowerCase());
      if (!unit) return notFound(reply, viWeb.notFoundUnit(request.params.code));
      return send(reply, { current: 'units', title: unit.name, body: await unitBody(ctx, await pageData(), unit) });
    });
    web.get<{ Params: { code: string } }>('/don-vi/:code/poster', async (request, reply) => {
      const unit = units.get(request.params.code.toLowerCase());
      if (!unit) return notFound(reply, viWeb.notFoundUnit(request.params.code));
      return send(reply, { title: unit.name, bare: true, body: await posterBody(ctx, unit) });
    });
    registerResultsFiles(web, ctx, (reply) => notFound(reply, viWeb.notFoundPage));
    registerCertificateCheck(web, ctx, assets.cssUrl);
    web.get('/the-le', async (_request, reply) => send(reply, { current: 'rules', title: viWeb.rulesHeading, body: rulesBody(ctx.campaign, ctx.now()) }));
    // Its own scope: the form parser it adds applies to its routes only.
    await web.register(async (dashboard) => registerDashboard(dashboard, ctx, assets.cssUrl));
    await web.register(async (quiz) => registerQuiz(quiz, ctx, assets.cssUrl));
    web.setNotFoundHandler(async (request, reply) =>
      request.method === 'GET' || request.method === 'HEAD' ? notFound(reply, viWeb.notFoundPage) : reply.code(404).send({ error: 'Not Found' }),
    );
  });
}
