import type { FastifyInstance } from 'fastify';
import { viCertificate } from '../../messages/certificate.ts';
import type { CertificateCheck } from '../../services/certificates.ts';
import type { WebContext } from '../context.ts';
import { html, type Html } from '../html.ts';
import { page } from '../layout.ts';

const T = viCertificate.check;
const numbers = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

function checkBody(ctx: WebContext, check: CertificateCheck | undefined): Html {
  if (!check) return html`<section class="certificate-check"><h1>${T.title}</h1><p>${T.unknown}</p></section>`;
  if (check.status === 'revoked') return html`<section class="certificate-check"><h1>${T.revoked}</h1><p>${T.revokedIntro}</p></section>`;
  const row = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<section class="certificate-check">
      <h1>${T.valid}</h1>
      <p>${T.validIntro(ctx.campaign.title, ctx.campaign.organiser)}</p>
      <dl class="totals">${row(T.name, check.name)}${row(T.unit, check.unit)}${row(T.round, check.round?.name ?? T.wholeContest)}${row(T.score, T.scoreValue(numbers.format(check.score), numbers.format(check.maxScore)))}</dl>
    </section>`;
}

/**
 * `GET /chung-nhan/<code>`: whether a certificate is genuine, with the name, unit and score it states — nothing more —
 * or that it was revoked. Never indexed; kept by the visitor's browser only and asked again each time (`private,
 * no-cache`), so that a revocation shows at once.
 */
export function registerCertificateCheck(web: FastifyInstance, ctx: WebContext, cssUrl: string): void {
  web.get<{ Params: { code: string } }>('/chung-nhan/:code', async (request, reply) => {
    const check = await ctx.services.certificates.check(request.params.code);
    return reply
      .code(check ? 200 : 404)
      .header('cache-control', 'private, no-cache')
      .header('x-robots-tag', 'noindex, nofollow')
      .type('text/html; charset=utf-8')
      .send(page({ campaign: ctx.campaign, cssUrl, title: T.title, noindex: true, body: checkBody(ctx, check) }));
  });
}
