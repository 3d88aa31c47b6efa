import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRoundClosed } from '../../core/campaign.ts';
import { PREDICTION_MAX, parsePrediction } from '../../core/input.ts';
import { WEB_QUIZ } from '../../contract/web-quiz.ts';
import { vi, viWebQuiz as t } from '../../messages/vi.ts';
import type { FinishedAttempt } from '../../services/quiz.ts';
import type { WebContext } from '../context.ts';
import type { Values } from '../dashboard/params.ts';
import { staleWhileRevalidate } from '../figures.ts';
import type { Html } from '../html.ts';
import { winnersOfRound } from '../pages/home.ts';
import { predictionBody, roundResultsBody, type PredictionState } from './views.ts';
import type { Signed } from './index.ts';

const NUMBER = /^\d{1,9}$/u;

/**
 * The tie-break prediction of an attempt on its result page, as the chat asks it after the attempt: while the
 * attempt's round is open and none was given, the question (stamped as shown as it renders); once given, its value.
 */
export function predictionStates(ctx: WebContext) {
  return async (f: FinishedAttempt): Promise<PredictionState> => {
    const given = await ctx.services.quiz.prediction(f.attempt.id);
    if (given !== undefined) return { kind: 'given', value: given };
    if (isRoundClosed(f.round, ctx.now())) return { kind: 'none' };
    await ctx.services.quiz.markShown(f.attempt.id, 'prediction', ctx.now());
    return { kind: 'ask' };
  };
}

/**
 * The round's results for someone who only uses the web (the announcement goes to the chats): the winners the public
 * pages name once the round's results are final (the rules of /ketquavong), else when they will be. Kept 5 minutes,
 * like the home page's.
 */
export function roundResultsOf(ctx: WebContext) {
  const winners = staleWhileRevalidate(() => ctx.services.public.winners(ctx.winnersPerRound ?? 3), ctx.cacheTtlMs === 0 ? 0 : 5 * 60_000, Date.now);
  return async (f: FinishedAttempt): Promise<Html> => {
    // While the round is open nothing is published: no query (the winners' is the dearest, over the whole round).
    const published = isRoundClosed(f.round, ctx.now()) ? (await winners()).find((w) => w.round.id === f.round.id) : undefined;
    return roundResultsBody(f.round, ctx.campaign.timezone, ctx.now(), published ? winnersOfRound(published, ctx.campaign.timezone) : undefined);
  };
}

interface PredictionDeps {
  send: (reply: FastifyReply, opts: { title: string; body: Html; signed?: Signed }, status?: number) => FastifyReply;
  notice: (reply: FastifyReply, status: number, title: string, text: string, signed?: Signed) => FastifyReply;
  /** After a POST: the redirect, or inside the Mini App the page itself (see `next` in registerQuiz). */
  next: (reply: FastifyReply, signed: Signed, to: { result: number }) => Promise<FastifyReply>;
  signedPost: (request: FastifyRequest<{ Body: Values | undefined }>, reply: FastifyReply) => Promise<Signed | undefined>;
}

/**
 * POST /thi/du-doan: the prediction for one of the person's finished attempts, read and refused as the chat reads it
 * (parsePrediction, the chat's messages), saved once (the service keeps the first), then back to the result (303). A
 * refused value shows the question again with why (400), recording nothing.
 */
export function registerPrediction(web: FastifyInstance, ctx: WebContext, d: PredictionDeps): void {
  const { quiz, participants } = ctx.services;
  web.post<{ Body: Values | undefined }>(`${WEB_QUIZ.home}/du-doan`, async (request, reply) => {
    const signed = await d.signedPost(request, reply);
    if (!signed) return reply;
    const { a, v } = request.body ?? {};
    const finished = a && NUMBER.test(a) ? await quiz.finishedAttempt(signed.person.id, Number(a)) : undefined;
    if (!finished) return d.notice(reply, 404, t.refusedTitle, t.badRequest, signed);
    const attemptId = finished.attempt.id;
    if ((await quiz.prediction(attemptId)) !== undefined) return d.next(reply, signed, { result: attemptId });
    if (isRoundClosed(finished.round, ctx.now())) return d.notice(reply, 200, t.refusedTitle, t.predictionClosed, signed);
    const parsed = parsePrediction(v ?? '');
    if (!parsed.ok) {
      const error = parsed.error === 'prediction_max' ? vi.predictionTooLarge(PREDICTION_MAX.toLocaleString('vi-VN')) : vi.predictionInvalid;
      const body = predictionBody(signed.view, attemptId, ctx.campaign.predictionQuestion, { value: (v ?? '').slice(0, 16), error });
      return d.send(reply, { title: t.predictionHeading, body, signed }, 400);
    }
    await quiz.savePrediction(attemptId, parsed.value);
    // The chat's prediction step for this attempt is answered too: a number typed there later is not taken for it.
    const step = signed.person.step;
    if (step.kind === 'prediction' && step.attemptId === attemptId) await participants.setStep(signed.person.id, { kind: 'ready' });
    return d.next(reply, signed, { result: attemptId });
  });
}
