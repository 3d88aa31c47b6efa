import { contestPhase } from '../core/campaign.ts';
import { attemptItem, drawQuestions, shuffleOptionOrder } from '../core/draw.ts';
import { attemptDeadline, attemptsLeft, type StartRefusal } from '../core/rules.ts';
import type { AttemptItem, Campaign, Round } from '../core/types.ts';
import type { ServiceDeps } from './deps.ts';
import {
  countFinishedInRound,
  createAttempt,
  finishAttempt,
  findOpenAttempt,
  getAttempt,
  getAttemptItems,
  getPrediction,
  insertAnswer,
  insertPrediction,
  listFinishedAttempts,
  listExpiredOpenAttempts,
  markShown,
  markAttemptOpenedBy,
  openAttemptFrontier,
  withOpenAttemptLocked,
  type AttemptRow,
} from '../storage/repos/attempts.ts';

export type QuizDeps = Pick<ServiceDeps, 'db' | 'campaign' | 'questions' | 'versionIds' | 'now' | 'random'>;
export type { AttemptItem };

/** One attempt of a person at a round's quiz; finished once `finishedAt` is set. */
export interface Attempt {
  id: number;
  participantId: number;
  roundId: string;
  startedAt: number;
  /** After this instant nothing is recorded (the time allowed, or the round's or contest's close). */
  deadlineAt: number;
  questionCount: number;
  finishedAt: number | null;
  score: number | null;
  durationMs: number | null;
  /** When the tie-break prediction question asked after it was shown; null until then. */
  predictionShownAt: number | null;
}

const toAttempt = (r: AttemptRow): Attempt => ({
  id: r.id,
  participantId: r.participant_id,
  roundId: r.round_id,
  startedAt: r.started_at,
  deadlineAt: r.deadline_at,
  questionCount: r.question_count,
  finishedAt: r.finished_at,
  score: r.score,
  durationMs: r.duration_ms,
  predictionShownAt: r.prediction_shown_at,
});

export interface FinishedAttempt {
  attempt: Attempt;
  items: AttemptItem[];
  round: Round;
  attemptsLeft: number;
  /** Why it ended: every question answered, or the time allowed (or the contest) ran out. */
  reason: 'completed' | 'time_up';
}

export type StartResult =
  | { kind: 'refused'; refusal: StartRefusal }
  | { kind: 'question'; attempt: Attempt; item: AttemptItem; resumed: boolean }
  | { kind: 'finished'; finished: FinishedAttempt };

export type AnswerResult =
  | { kind: 'no_attempt' }
  | { kind: 'stale' }
  /** A typed answer received before the question was shown: a second copy of the previous answer (nothing to say)… */
  | { kind: 'duplicate' }
  /** …or an answer given too early (the question is shown again with a note)… */
  | { kind: 'early'; attempt: Attempt; item: AttemptItem }
  /** …or the message carrying the question was never delivered (failed or expired): the question is sent again. */
  | { kind: 'unshown'; attempt: Attempt; item: AttemptItem }
  | { kind: 'invalid_choice'; item: AttemptItem }
  | { kind: 'next'; attempt: Attempt; answered: AttemptItem; item: AttemptItem }
  | { kind: 'finished'; answered: AttemptItem | null; finished: FinishedAttempt };

function roundOf(campaign: Campaign, roundId: string): Round {
  const round = campaign.rounds.find((r) => r.id === roundId);
  if (!round) throw new Error(`Unknown round ${roundId}`);
  return round;
}

/** Closes an attempt and gathers what the person is shown at the end. */
async function closeAttempt(deps: QuizDeps, attempt: AttemptRow, reason: FinishedAttempt['reason']): Promise<FinishedAttempt> {
  const done = (await finishAttempt(deps.db, attempt, deps.now())) ?? (await getAttempt(deps.db, attempt.id))!;
  const round = roundOf(deps.campaign, done.round_id);
  const finishedCount = await countFinishedInRound(deps.db, done.participant_id, round.id);
  return { attempt: toAttempt(done), items: await getAttemptItems(deps.db, done.id), round, attemptsLeft: attemptsLeft(deps.campaign, finishedCount), reason };
}

/** The open attempt of a person, closing it first when its time has run out. */
async function liveAttempt(deps: QuizDeps, participantId: number): Promise<{ open?: AttemptRow; expired?: FinishedAttempt }> {
  const open = await findOpenAttempt(deps.db, participantId);
  if (!open) return {};
  if (deps.now() >= open.deadline_at) return { expired: await closeAttempt(deps, open, 'time_up') };
  return { open };
}

function currentItem(items: AttemptItem[]): AttemptItem | undefined {
  return items.find((i) => i.chosenShown === null);
}

/**
 * Starts a new attempt in the open round, or resumes the unfinished one at its first unanswered question.
 * Questions and option orders are drawn once and stored, so a resumed attempt shows exactly the same quiz.
 */
export async function startOrResume(deps: QuizDeps, participantId: number): Promise<StartResult> {
  const { open, expired } = await liveAttempt(deps, participantId);
  if (expired) return { kind: 'finished', finished: expired };
  if (open) {
    const items = await getAttemptItems(deps.db, open.id);
    const item = currentItem(items);
    if (item) return { kind: 'question', attempt: toAttempt(open), item, resumed: true };
    return { kind: 'finished', finished: await closeAttempt(deps, open, 'completed') };
  }
  const now = deps.now();
  const phase = contestPhase(deps.campaign, now);
  if (phase.phase === 'closed') return { kind: 'refused', refusal: { reason: 'closed', closedAt: phase.closedAt } };
  if (phase.phase === 'not_open') return { kind: 'refused', refusal: { reason: 'not_open', opensAt: phase.opensAt } };
  if (phase.phase === 'between_rounds') return { kind: 'refused', refusal: { reason: 'between_rounds', nextOpensAt: phase.nextRound.opensAt } };
  const round = phase.round;
  const finished = await countFinishedInRound(deps.db, participantId, round.id);
  if (attemptsLeft(deps.campaign, finished) === 0) {
    return { kind: 'refused', refusal: { reason: 'no_attempts_left', allowed: deps.campaign.attemptsPerRound, roundClosesAt: round.closesAt } };
  }
  const drawn = drawQuestions(deps.questions, round, deps.campaign.questionsPerAttempt, deps.random).map((q) => ({
    q,
    versionId: deps.versionIds.get(q.id)!,
    optionOrder: shuffleOptionOrder(q.options.length, deps.random),
  }));
  const { row, created } = await createAttempt(deps.db, {
    participantId,
    roundId: round.id,
    startedAt: now,
    deadlineAt: attemptDeadline(deps.campaign, round, now),
    items: drawn.map(({ versionId, optionOrder }) => ({ versionId, optionOrder })),
  });
  // The questions just stored are the ones drawn (the bank's current versions): the first is shown without reading
  // them back. Another request's attempt, created first, is read.
  const first = drawn[0]!;
  const item = created
    ? attemptItem({ ...first.q, questionId: first.q.id, versionId: first.versionId, sourceUrl: first.q.sourceUrl ?? null }, 0, first.optionOrder, null, null)
    : currentItem(await getAttemptItems(deps.db, row.id))!;
  return { kind: 'question', attempt: toAttempt(row), item, resumed: row.started_at !== now };
}

/**
 * Whether typed input, received at `now`, may answer a question shown at `shownAt`: 'shown' when it was received at or
 * after that time; before it, a copy of the answer just given to the question before ('duplicate') or an early answer;
 * 'unshown' when the message carrying the question was never delivered. Several servers compare their clocks here:
 * they keep them in sync (NTP, docs/deployment.md).
 */
async function typedTiming(shownAt: number | null, now: number, sameAsPrevious: () => Promise<boolean>): Promise<'shown' | 'duplicate' | 'early' | 'unshown'> {
  if (shownAt === null) return 'unshown';
  if (now >= shownAt) return 'shown';
  return (await sameAsPrevious()) ? 'duplicate' : 'early';
}

/** The answered question of an attempt at `position` (the one before the current), if any. */
async function answeredAt(deps: QuizDeps, attemptId: number, position: number): Promise<AttemptItem | undefined> {
  if (position < 0) return undefined;
  return (await getAttemptItems(deps.db, attemptId)).find((i) => i.position === position && i.chosenShown !== null);
}

/**
 * Records an answer to the current question of the person's open attempt. `expected` (from a tapped button) pins the
 * attempt and question the person saw: a tap on an older question, a double tap or a second concurrent answer is
 * refused as stale and records nothing. A typed answer (no `expected`) counts only when it was received (the service's
 * clock) at or after the question was shown; see `typedTiming`. After the time allowed or after closing, nothing is
 * recorded.
 */
export function answerQuestion(
  deps: QuizDeps,
  participantId: number,
  shownIndex: number,
  expected?: { attemptId: number; position: number },
  openedBy?: string,
): Promise<AnswerResult> {
  // A web and a chat answer of the same person at the same instant are serialised: the open attempt's row is locked
  // first (PostgreSQL), so the second reads the first's answer and is refused or shown the next question.
  return withOpenAttemptLocked(deps.db, participantId, (tx) => answerLocked({ ...deps, db: tx }, participantId, shownIndex, expected, openedBy));
}

async function answerLocked(deps: QuizDeps, participantId: number, shownIndex: number, expected?: { attemptId: number; position: number }, openedBy?: string): Promise<AnswerResult> {
  const frontier = await openAttemptFrontier(deps.db, participantId);
  if (!frontier || deps.now() >= frontier.attempt.deadline_at) return answerOffPath(deps, participantId, expected);
  const { attempt: open, items } = frontier;
  const item = items[0]!;
  if (expected && (expected.attemptId !== open.id || expected.position !== item.position)) return { kind: 'stale' };
  if (!expected) {
    const timing = await typedTiming(item.shownAt, deps.now(), async () => (await answeredAt(deps, open.id, item.position - 1))?.chosenShown === shownIndex);
    if (timing === 'duplicate') return { kind: 'duplicate' };
    if (timing !== 'shown') return { kind: timing, attempt: toAttempt(open), item };
  }
  if (shownIndex < 0 || shownIndex >= item.shownOptions.length) return { kind: 'invalid_choice', item };
  const isCorrect = shownIndex === item.correctShown;
  const recorded = await insertAnswer(deps.db, { attemptId: open.id, position: item.position, chosenIndex: item.optionOrder[shownIndex]!, isCorrect, at: deps.now() });
  if (!recorded) return { kind: 'stale' };
  if (openedBy) await markAttemptOpenedBy(deps.db, open.id, openedBy);
  const answered: AttemptItem = { ...item, chosenShown: shownIndex, isCorrect };
  // Questions are answered in order, so the last position ends the attempt.
  const next = items[1];
  if (!next) return { kind: 'finished', answered, finished: await closeAttempt(deps, open, 'completed') };
  return { kind: 'next', attempt: toAttempt(open), answered, item: next };
}

/** The rare cases: no open attempt, time up, or an open attempt with nothing left to answer. */
async function answerOffPath(deps: QuizDeps, participantId: number, expected?: { attemptId: number; position: number }): Promise<AnswerResult> {
  const { open, expired } = await liveAttempt(deps, participantId);
  if (expired) return expected && expected.attemptId !== expired.attempt.id ? { kind: 'stale' } : { kind: 'finished', answered: null, finished: expired };
  if (!open) return expected ? { kind: 'stale' } : { kind: 'no_attempt' };
  return { kind: 'finished', answered: null, finished: await closeAttempt(deps, open, 'completed') };
}

export type PredictionTurn = { kind: 'shown' | 'duplicate' | 'early' } | { kind: 'unshown'; finished: FinishedAttempt };

/**
 * Whether typed input at the prediction step of a finished attempt, received now, may answer the prediction question
 * (the same rule as a typed answer; `asChoice` is the input read as an option, compared with the attempt's last
 * answer). When the message asking it was never delivered, the attempt's end is given to show again.
 */
export async function predictionTurn(deps: QuizDeps, attemptId: number, asChoice: number | null): Promise<PredictionTurn> {
  const attempt = (await getAttempt(deps.db, attemptId))!;
  const timing = await typedTiming(attempt.prediction_shown_at, deps.now(), async () => asChoice !== null && (await answeredAt(deps, attemptId, attempt.question_count - 1))?.chosenShown === asChoice);
  if (timing !== 'unshown') return { kind: timing };
  return { kind: 'unshown', finished: await finishedOf(deps, attempt) };
}

/** A finished attempt as shown at its end: ended by the time when a question is left unanswered. */
async function finishedOf(deps: QuizDeps, attempt: AttemptRow): Promise<FinishedAttempt> {
  const items = await getAttemptItems(deps.db, attempt.id);
  const finishedCount = await countFinishedInRound(deps.db, attempt.participant_id, attempt.round_id);
  const reason = items.every((i) => i.chosenShown !== null) ? 'completed' : 'time_up';
  return { attempt: toAttempt(attempt), items, round: roundOf(deps.campaign, attempt.round_id), attemptsLeft: attemptsLeft(deps.campaign, finishedCount), reason };
}

/** Finishes attempts whose time ran out while nobody was answering (run at start-up and before leaderboards). */
export async function closeExpiredAttempts(deps: QuizDeps): Promise<number> {
  let closed = 0;
  for (;;) {
    const batch = await listExpiredOpenAttempts(deps.db, deps.now());
    for (const a of batch) if (await finishAttempt(deps.db, a, a.deadline_at)) closed++;
    if (batch.length < 1000) return closed;
  }
}

/**
 * `openedBy`: the official whose fallback sign-in link opened the web session the request came through (issue 23);
 * the attempt started, resumed or answered in it keeps the first such official (`attempts.opened_by`, flagged for
 * review). The chat never passes it.
 */
export interface QuizService {
  startOrResume(personId: number, openedBy?: string): Promise<StartResult>;
  answer(personId: number, shownIndex: number, expected?: { attemptId: number; position: number }, openedBy?: string): Promise<AnswerResult>;
  /** The question a person is expected to answer now, if an attempt is open. */
  currentQuestion(personId: number): Promise<AttemptItem | undefined>;
  /**
   * The person's open attempt and its current question, without starting one (a web page's GET); an attempt whose
   * time ran out is closed and given as finished.
   */
  openAttempt(personId: number): Promise<{ kind: 'question'; attempt: Attempt; item: AttemptItem } | { kind: 'finished'; finished: FinishedAttempt } | undefined>;
  /** A finished attempt of the person with its questions, as shown at its end; undefined when not theirs or not finished. */
  finishedAttempt(personId: number, attemptId: number): Promise<FinishedAttempt | undefined>;
  /**
   * Stamps a question (or, with 'prediction', the attempt's tie-break question) as shown at `at`, keeping the earliest
   * stamp: what a presentation calls when the person can see it (the local chat when it prints it, a web page when it
   * renders it; Telegram and Zalo stamp through the inbox, with the delivered mark).
   */
  markShown(attemptId: number, position: number | 'prediction', at: number): Promise<void>;
  /** Whether typed input at the prediction step of `attemptId`, received now, may answer it (see `predictionTurn`). */
  predictionTurn(attemptId: number, asChoice: number | null): Promise<PredictionTurn>;
  /** The tie-break prediction for a finished attempt; false when one was already given. */
  savePrediction(attemptId: number, value: number): Promise<boolean>;
  /** The tie-break prediction given for an attempt; undefined while none was. */
  prediction(attemptId: number): Promise<number | undefined>;
  finishedAttempts(personId: number): Promise<Attempt[]>;
  closeExpiredAttempts(): Promise<number>;
}

export function createQuizService(deps: QuizDeps): QuizService {
  return {
    async startOrResume(personId, openedBy) {
      const r = await startOrResume(deps, personId);
      if (openedBy && r.kind === 'question') await markAttemptOpenedBy(deps.db, r.attempt.id, openedBy);
      return r;
    },
    answer: (personId, shownIndex, expected, openedBy) => answerQuestion(deps, personId, shownIndex, expected, openedBy),
    async currentQuestion(personId) {
      const open = await findOpenAttempt(deps.db, personId);
      return open ? currentItem(await getAttemptItems(deps.db, open.id)) : undefined;
    },
    async openAttempt(personId) {
      // The common case in one query: an open attempt in time, with its first unanswered question.
      const frontier = await openAttemptFrontier(deps.db, personId);
      if (frontier && deps.now() < frontier.attempt.deadline_at) return { kind: 'question', attempt: toAttempt(frontier.attempt), item: frontier.items[0]! };
      const { open, expired } = await liveAttempt(deps, personId);
      if (expired) return { kind: 'finished', finished: expired };
      if (!open) return undefined;
      const item = currentItem(await getAttemptItems(deps.db, open.id));
      if (!item) return { kind: 'finished', finished: await closeAttempt(deps, open, 'completed') };
      return { kind: 'question', attempt: toAttempt(open), item };
    },
    async finishedAttempt(personId, attemptId) {
      const attempt = await getAttempt(deps.db, attemptId);
      if (!attempt || attempt.participant_id !== personId || attempt.finished_at === null) return undefined;
      return finishedOf(deps, attempt);
    },
    markShown: (attemptId, position, at) => markShown(deps.db, attemptId, position, at),
    predictionTurn: (attemptId, asChoice) => predictionTurn(deps, attemptId, asChoice),
    savePrediction: (attemptId, value) => insertPrediction(deps.db, attemptId, value, deps.now()),
    prediction: (attemptId) => getPrediction(deps.db, attemptId),
    finishedAttempts: async (personId) => (await listFinishedAttempts(deps.db, personId)).map(toAttempt),
    closeExpiredAttempts: () => closeExpiredAttempts(deps),
  };
}
