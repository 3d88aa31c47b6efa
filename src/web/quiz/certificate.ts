import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { personPayload } from '../../core/invites.ts';
import { WEB_QUIZ } from '../../contract/web-quiz.ts';
import { renderIssuedCertificate } from '../../documents/certificate/index.ts';
import { viWebQuiz as t } from '../../messages/vi.ts';
import type { Person } from '../../services/participants.ts';
import type { WebContext } from '../context.ts';
import { html, type Html } from '../html.ts';

const path = (attemptId: number, ext: 'pdf' | 'png') => `${WEB_QUIZ.home}/chung-nhan/${attemptId}.${ext}`;

/** The result page's "Tải giấy chứng nhận": the PDF, and the PNG to share. */
export function certificateSection(attemptId: number): Html {
  return html`<section class="certificate">
      <h2>${t.certificateHeading}</h2>
      <p>${t.certificateIntro}</p>
      <p><a class="button" href="${path(attemptId, 'pdf')}" download>${t.certificatePdf}</a> <a class="button secondary" href="${path(attemptId, 'png')}" download>${t.certificatePng}</a></p>
    </section>`;
}

/** The person's invite as a web address for the PNG's second QR code: the Telegram deep link, else the Zalo bot's address. */
function inviteUrl(ctx: WebContext, person: Person): string | null {
  if (ctx.links.telegramUsername) return `https://t.me/${ctx.links.telegramUsername}?start=${personPayload(person.inviteCode)}`;
  return ctx.links.zaloLink ?? null;
}

interface Deps<S extends { person: Person }> {
  /** The session's participant, else the sign-in page was sent (undefined). */
  signedIn: (request: FastifyRequest, reply: FastifyReply) => Promise<S | undefined>;
  notFound: (reply: FastifyReply, signed: S) => Promise<FastifyReply> | FastifyReply;
}

/**
 * `GET /thi/chung-nhan/<attempt>.pdf|.png`: the signed-in person's certificate for that finished attempt's round (or
 * the whole contest, as the campaign file says) — theirs only: another person's attempt is not found.
 */
export function registerCertificateDownloads<S extends { person: Person }>(web: FastifyInstance, ctx: WebContext, d: Deps<S>): void {
  web.get<{ Params: { file: string } }>(`${WEB_QUIZ.home}/chung-nhan/:file`, async (request, reply) => {
    const signed = await d.signedIn(request, reply);
    if (!signed) return reply;
    const m = /^(\d{1,9})\.(pdf|png)$/u.exec(request.params.file);
    const finished = m ? await ctx.services.quiz.finishedAttempt(signed.person.id, Number(m[1])) : undefined;
    const cert = finished ? await ctx.services.certificates.issue(signed.person.id, finished.round.id) : undefined;
    if (!m || !cert) return d.notFound(reply, signed);
    const files = await renderIssuedCertificate(ctx.campaign, cert, { baseUrl: ctx.links.baseUrl, inviteUrl: inviteUrl(ctx, signed.person) });
    const file = m[2] === 'pdf' ? files.pdf : files.png;
    return reply
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex, nofollow')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .type(m[2] === 'pdf' ? 'application/pdf' : 'image/png')
      .send(file.content);
  });
}
