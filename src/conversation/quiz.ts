import { contestPhase } from '../core/campaign.ts';
import { PREDICTION_MAX, parseAnswerChoice, parsePrediction } from '../core/input.ts';
import { formatClosingDate, formatDateTime } from '../core/time.ts';
import { SKIP_PREDICTION_DATA, parseAnswerData } from '../contract/callback-data.ts';
import { matchTypedChoice } from '../contract/choices.ts';
import type { OutMessage, Reply } from '../contract/messages.ts';
import { WEB_QUIZ } from '../contract/web-quiz.ts';
import { OPTION_LETTERS, vi, viMiniApp, viWebQuiz } from '../messages/vi.ts';
import type { AnswerResult, FinishedAttempt, StartResult } from '../services/quiz.ts';
import { notice, say, tapped, typed, type Feature, type PersonTurn } from './feature.ts';
import { answeredEcho, finishedMessages, predictionMessage, questionMessage, refusalText } from './quiz-views.ts';

/** After closing: the closing notice and the person's final standing. Undefined while the contest runs. */
export async function closedReply({ ctx, person }: PersonTurn): Promise<Reply | undefined> {
  const phase = contestPhase(ctx.campaign, ctx.now());
  if (phase.phase !== 'closed') return undefined;
  const fresh = (await ctx.services.results.fresh(person.id)) ?? person;
  return say(vi.refusedClosed(formatClosingDate(phase.closedAt, ctx.campaign.timezone)), vi.finalResult(fresh.overallScore, await ctx.services.results.overallRank(person.id)));
}

/** /thi: the first or resumed question, or why not. */
export async function startReply(turn: PersonTurn, result: StartResult): Promise<Reply> {
  const { ctx, person, event } = turn;
  if (result.kind === 'refused') {
    if (result.refusal.reason === 'closed') return (await closedReply(turn))!;
    return say(refusalText(result.refusal, ctx.campaign));
  }
  if (result.kind === 'finished') return finishReply(turn, result.finished, undefined);
  const { attempt, item, resumed } = result;
  const round = ctx.campaign.rounds.find((r) => r.id === attempt.roundId)!;
  const done = (await ctx.services.quiz.finishedAttempts(person.id)).filter((a) => a.roundId === round.id).length;
  const intro = resumed ? vi.resumed : vi.roundIntro(round.name, attempt.questionCount, ctx.campaign.attemptMinutes, done + 1, ctx.campaign.attemptsPerRound);
  const first: OutMessage = event.capabilities.buttons || !ctx.webBaseUrl ? { text: intro } : { text: `${intro}\n\n${await webQuizLink(turn)}`, noPreview: true };
  const question = questionMessage(attempt.id, item, attempt.questionCount, event.capabilities);
  // On Telegram (https only, as Telegram requires; PUBLIC_BASE_URL): "Làm bài trên web" below the answer buttons opens the Mini App.
  const miniApp = event.capabilities.webAppButton === true && ctx.webBaseUrl?.startsWith('https://') === true;
  return { messages: [first, miniApp ? { ...question, webApp: { label: viMiniApp.button, url: `${ctx.webBaseUrl}${WEB_QUIZ.miniApp}` } } : question] };
}

/**
 * "Làm bài trên web" where the chat has no buttons (Zalo, the local chat): a one-time link that signs the person in
 * on the web quiz as themselves. Sent without a preview; a preview's GET could not spend it anyway.
 */
async function webQuizLink({ ctx, person }: PersonTurn): Promise<string> {
  const link = await ctx.services.webSessions.createQuizLink(person);
  return viWebQuiz.chatLink(`${ctx.webBaseUrl}${WEB_QUIZ.link}?t=${link.token}`, formatDateTime(link.expiresAt, ctx.campaign.timezone));
}

async function finishReply({ ctx, person }: PersonTurn, finished: FinishedAttempt, echo: string | undefined): Promise<Reply> {
  await ctx.services.participants.setStep(person.id, { kind: 'prediction', attemptId: finished.attempt.id });
  return { messages: finishedMessages(finished, ctx.campaign), ...(echo ? { echo } : {}) };
}

async function answerReply(turn: PersonTurn, result: AnswerResult, isTap: boolean): Promise<Reply> {
  switch (result.kind) {
    case 'stale':
      return isTap ? notice(vi.staleTap) : say(vi.staleTap);
    case 'invalid_choice':
      return isTap ? notice(vi.unknownTap) : say(vi.answerInvalid(OPTION_LETTERS.slice(0, result.item.shownOptions.length)));
    case 'no_attempt':
      return (await closedReply(turn)) ?? say(vi.unknownText);
    case 'duplicate':
      return { messages: [] };
    case 'early':
    case 'unshown': {
      // Too early: a note, then the question again. Never delivered: the question again, as /thi resumes.
      const note = result.kind === 'early' ? vi.answerBeforeQuestion : vi.resumed;
      return { messages: [{ text: note }, questionMessage(result.attempt.id, result.item, result.attempt.questionCount, turn.event.capabilities)] };
    }
    case 'next': {
      const next = questionMessage(result.attempt.id, result.item, result.attempt.questionCount, turn.event.capabilities);
      return { messages: [next], ...(isTap ? { echo: answeredEcho(result.answered, result.attempt.questionCount) } : {}) };
    }
    case 'finished': {
      const echo = isTap && result.answered ? answeredEcho(result.answered, result.finished.attempt.questionCount) : undefined;
      return finishReply(turn, result.finished, echo);
    }
  }
}

/** Answers: a tapped answer button ("a:…"), or a letter or number typed while an attempt is open. */
export const answers: Feature = {
  name: 'answers',
  async handle(turn) {
    const t = turn as PersonTurn;
    const data = tapped(t);
    const answer = data ? parseAnswerData(data) : undefined;
    if (answer) return answerReply(t, await t.ctx.services.quiz.answer(t.person.id, answer.shownIndex, { attemptId: answer.attemptId, position: answer.position }), true);
    const text = typed(t);
    if (text === undefined) return undefined;
    const current = await t.ctx.services.quiz.currentQuestion(t.person.id);
    if (!current) return undefined;
    const index = parseAnswerChoice(text, current.shownOptions.length);
    if (index === null) return say(vi.answerInvalid(OPTION_LETTERS.slice(0, current.shownOptions.length)));
    return answerReply(t, await t.ctx.services.quiz.answer(t.person.id, index), false);
  },
};

/** The tie-break prediction asked after an attempt: a number typed, or skipped. */
export const prediction: Feature = {
  name: 'prediction',
  async handle(turn) {
    const { ctx, person } = turn as PersonTurn;
    if (person.step.kind !== 'prediction') return undefined;
    const data = tapped(turn);
    const text = typed(turn);
    const skipped = data === SKIP_PREDICTION_DATA || (text !== undefined && matchTypedChoice(text, [{ data: SKIP_PREDICTION_DATA, label: vi.predictionSkip, key: 'bỏ qua' }]));
    if (skipped) {
      await ctx.services.participants.setStep(person.id, { kind: 'ready' });
      return say(vi.predictionSkipped);
    }
    if (text === undefined) return undefined;
    // Typed before the question reached the person: a second copy of their last answer, or an early answer.
    const timing = await ctx.services.quiz.predictionTurn(person.step.attemptId, parseAnswerChoice(text, OPTION_LETTERS.length));
    if (timing.kind === 'duplicate') return { messages: [] };
    if (timing.kind === 'early') return { messages: [{ text: vi.answerBeforeQuestion }, predictionMessage(person.step.attemptId, ctx.campaign)] };
    if (timing.kind === 'unshown') return { messages: finishedMessages(timing.finished, ctx.campaign) };
    const parsed = parsePrediction(text);
    if (!parsed.ok) return say(parsed.error === 'prediction_max' ? vi.predictionTooLarge(PREDICTION_MAX.toLocaleString('vi-VN')) : vi.predictionInvalid);
    await ctx.services.quiz.savePrediction(person.step.attemptId, parsed.value);
    await ctx.services.participants.setStep(person.id, { kind: 'ready' });
    return say(vi.predictionSaved(parsed.value.toLocaleString('vi-VN')));
  },
};

/** A typed letter after closing gets the closing notice rather than "not understood". */
export const afterClosing: Feature = {
  name: 'after closing',
  async handle(turn) {
    const text = typed(turn);
    return text !== undefined && parseAnswerChoice(text, 4) !== null ? closedReply(turn as PersonTurn) : undefined;
  },
};
