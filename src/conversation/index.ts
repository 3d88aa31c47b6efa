import { contestPhase } from '../core/campaign.ts';
import { parseAnswerChoice, parsePrediction } from '../core/input.ts';
import { formatClosingDate, formatDate } from '../core/time.ts';
import { OPTION_LETTERS, vi } from '../messages/vi.ts';
import { handleAdminCommand } from '../officials/commands.ts';
import { answerQuestion, startOrResume, type AnswerResult, type StartResult } from '../services/quiz.ts';
import { findOpenAttempt, getAttemptItems, insertPrediction, listFinishedAttempts } from '../storage/repos/attempts.ts';
import { overallRankOf, totals } from '../storage/repos/leaderboards.ts';
import { anonymiseParticipant, countInvited, findParticipant, updateParticipant, type ParticipantRow } from '../storage/repos/participants.ts';
import { matchTypedChoice } from '../contract/choices.ts';
import { ADMIN_COMMANDS, parseCommand, type Command } from '../contract/commands.ts';
import type { ConversationDeps } from './deps.ts';
import { answeredEcho, attemptDate, finishedMessages, parseAnswerData, questionMessage, refusalText } from './quiz-views.ts';
import { communeChoices, createParticipant, handleRegistration, isStaleTap, personPayload, stepPrompt, welcomeMessages } from './registration.ts';
import type { InboundEvent, OutMessage, Reply } from '../contract/messages.ts';

export type { ConversationDeps } from './deps.ts';
export type * from '../contract/messages.ts';

/** The channel-agnostic dialogue: one inbound event in, the replies out. All state is read from and written to the database. */
export interface Conversation {
  handle(event: InboundEvent): Promise<Reply>;
}

export function createConversation(deps: ConversationDeps): Conversation {
  return { handle: (event) => handle(deps, event) };
}

const say = (...texts: string[]): Reply => ({ messages: texts.map((text) => ({ text })) });

function commandOf(event: InboundEvent, p: ParticipantRow | undefined): Command | undefined {
  const input = event.input;
  if (input.kind === 'choice' && input.data.startsWith('cmd:')) return parseCommand(`/${input.data.slice(4)}`, false);
  return input.kind === 'text' ? parseCommand(input.text, p?.step !== 'name') : undefined;
}

async function handle(deps: ConversationDeps, event: InboundEvent): Promise<Reply> {
  const p = await findParticipant(deps.db, event.channel, event.userId);
  const cmd = commandOf(event, p);
  const isAdminCommand = cmd && (ADMIN_COMMANDS as readonly string[]).includes(cmd.name);
  // Officials need not register; anyone else asking for an official command gets the citizen help, nothing more.
  if (isAdminCommand && event.isAdmin) return { messages: await handleAdminCommand(deps, cmd, event) };
  if (!p) {
    const payload = cmd?.name === 'start' ? cmd.args.split(/\s+/u)[0] : undefined;
    const { notes } = await createParticipant(deps, event, payload);
    return { messages: welcomeMessages(deps, notes) };
  }
  if (p.chat_id !== event.chatId) await updateParticipant(deps.db, p.id, { chat_id: event.chatId });
  if (p.registered_at === null) {
    if (event.input.kind === 'unsupported') return { messages: [{ text: vi.unsupported }, stepPrompt(deps, p, event)] };
    if (cmd?.name === 'start') return { messages: welcomeMessages(deps, []).slice(0, 1).concat(stepPrompt(deps, p, event)) };
    if (cmd) return { messages: [{ text: vi.notRegistered }, stepPrompt(deps, p, event)] };
    // A tap on an earlier step's buttons (already answered) changes nothing: a notice, like a stale answer tap.
    if (isStaleTap(deps, p, event)) return { messages: [], notice: vi.staleTap };
    return { messages: await handleRegistration(deps, p, event) };
  }
  if (event.input.kind === 'unsupported') return say(vi.unsupported);
  if (cmd) return isAdminCommand ? say(helpText(deps)) : runCitizenCommand(deps, p, cmd, event);
  if (event.input.kind === 'choice') return handleTap(deps, p, event.input.data, event);
  if (event.input.kind === 'text') return handleText(deps, p, event.input.text, event);
  return say(vi.unknownText);
}

function helpText(deps: ConversationDeps): string {
  const c = deps.campaign;
  const rounds = c.rounds.map((r) => `${r.name} (${formatDate(r.opensAt, c.timezone)}–${formatClosingDate(r.closesAt, c.timezone)})`).join('; ');
  return vi.help(c.title, formatClosingDate(c.closesAt, c.timezone), c.questionsPerAttempt, c.attemptMinutes, c.attemptsPerRound, rounds);
}

async function runCitizenCommand(deps: ConversationDeps, p: ParticipantRow, cmd: Command, event: InboundEvent): Promise<Reply> {
  // A new command ends a pending confirmation or prediction.
  if (p.step !== 'ready') await updateParticipant(deps.db, p.id, { step: 'ready', step_data: null });
  switch (cmd.name) {
    case 'start':
      return say(await statusText(deps, p));
    case 'thi':
      return startReply(deps, p, await startOrResume(deps, p.id), event);
    case 'ketqua':
      return say(await resultsText(deps, p));
    case 'huongdan':
      return say(helpText(deps));
    case 'moi': {
      const invited = await countInvited(deps.db, p.id);
      return say(vi.invite(event.inviteLink(personPayload(p.invite_code)), invited.total, invited.finished));
    }
    case 'doixa': {
      if ((await listFinishedAttempts(deps.db, p.id)).length > 0) return say(vi.doixaRefused);
      await updateParticipant(deps.db, p.id, { step: 'change_commune' });
      return { messages: [{ text: vi.doixaAsk, choices: communeChoices(deps.units), columns: 2 }] };
    }
    case 'tatnhacnho':
      await updateParticipant(deps.db, p.id, { reminders_off: 1 });
      return say(vi.remindersOff);
    case 'batnhacnho':
      await updateParticipant(deps.db, p.id, { reminders_off: 0 });
      return say(vi.remindersOn);
    case 'xoadulieu':
      await updateParticipant(deps.db, p.id, { step: 'confirm_delete' });
      return {
        messages: [{ text: vi.deleteAsk, choices: [{ data: 'del:y', label: vi.deleteYes, key: '1' }, { data: 'del:n', label: vi.deleteNo, key: '0' }] }],
      };
    default:
      return say(helpText(deps));
  }
}

async function closedReply(deps: ConversationDeps, p: ParticipantRow): Promise<Reply | undefined> {
  const phase = contestPhase(deps.campaign, deps.now());
  if (phase.phase !== 'closed') return undefined;
  const fresh = (await findParticipant(deps.db, p.channel, p.external_id)) ?? p;
  return say(vi.refusedClosed(formatClosingDate(phase.closedAt, deps.campaign.timezone)), vi.finalResult(fresh.overall_score, await overallRankOf(deps.db, p.id)));
}

async function startReply(deps: ConversationDeps, p: ParticipantRow, result: StartResult, event: InboundEvent): Promise<Reply> {
  if (result.kind === 'refused') {
    if (result.refusal.reason === 'closed') return (await closedReply(deps, p))!;
    return say(refusalText(result.refusal, deps.campaign));
  }
  if (result.kind === 'finished') return finishReply(deps, p, result.finished, undefined);
  const { attempt, item, resumed } = result;
  const round = deps.campaign.rounds.find((r) => r.id === attempt.round_id)!;
  const done = (await listFinishedAttempts(deps.db, p.id)).filter((a) => a.round_id === round.id).length;
  const intro = resumed
    ? vi.resumed
    : vi.roundIntro(round.name, attempt.question_count, deps.campaign.attemptMinutes, done + 1, deps.campaign.attemptsPerRound);
  return { messages: [{ text: intro }, questionMessage(attempt.id, item, attempt.question_count, event.capabilities)] };
}

async function finishReply(deps: ConversationDeps, p: ParticipantRow, finished: Extract<AnswerResult, { kind: 'finished' }>['finished'], echo: string | undefined): Promise<Reply> {
  await updateParticipant(deps.db, p.id, { step: 'prediction', step_data: String(finished.attempt.id) });
  return { messages: finishedMessages(finished, deps.campaign), ...(echo ? { echo } : {}) };
}

async function answerReply(deps: ConversationDeps, p: ParticipantRow, result: AnswerResult, event: InboundEvent, tapped: boolean): Promise<Reply> {
  switch (result.kind) {
    case 'stale':
      return tapped ? { messages: [], notice: vi.staleTap } : say(vi.staleTap);
    case 'invalid_choice':
      return tapped ? { messages: [], notice: vi.unknownTap } : say(vi.answerInvalid(OPTION_LETTERS.slice(0, result.item.shownOptions.length)));
    case 'no_attempt':
      return (await closedReply(deps, p)) ?? say(vi.unknownText);
    case 'next': {
      const next = questionMessage(result.attempt.id, result.item, result.attempt.question_count, event.capabilities);
      return { messages: [next], ...(tapped ? { echo: answeredEcho(result.answered, result.attempt.question_count) } : {}) };
    }
    case 'finished': {
      const echo = tapped && result.answered ? answeredEcho(result.answered, result.finished.attempt.question_count) : undefined;
      return finishReply(deps, p, result.finished, echo);
    }
  }
}

async function handleTap(deps: ConversationDeps, p: ParticipantRow, data: string, event: InboundEvent): Promise<Reply> {
  const answer = parseAnswerData(data);
  if (answer) {
    const result = await answerQuestion(deps, p.id, answer.shownIndex, { attemptId: answer.attemptId, position: answer.position });
    return answerReply(deps, p, result, event, true);
  }
  if (data === 'pr:-' && p.step === 'prediction') {
    await updateParticipant(deps.db, p.id, { step: 'ready', step_data: null });
    return say(vi.predictionSkipped);
  }
  if ((data === 'del:y' || data === 'del:n') && p.step === 'confirm_delete') return confirmDelete(deps, p, data === 'del:y');
  if (data.startsWith('c:') && p.step === 'change_commune') return changeCommune(deps, p, data.slice(2));
  return { messages: [], notice: vi.staleTap };
}

async function confirmDelete(deps: ConversationDeps, p: ParticipantRow, yes: boolean): Promise<Reply> {
  if (!yes) {
    await updateParticipant(deps.db, p.id, { step: 'ready', step_data: null });
    return say(vi.deleteCancelled);
  }
  await anonymiseParticipant(deps.db, p.id, deps.now());
  return say(vi.deleteDone);
}

async function changeCommune(deps: ConversationDeps, p: ParticipantRow, code: string): Promise<Reply> {
  const unit = deps.units.find((u) => u.kind === 'commune' && u.code === code);
  if (!unit) return say(vi.communeUnknown);
  if ((await listFinishedAttempts(deps.db, p.id)).length > 0) return say(vi.doixaRefused);
  await updateParticipant(deps.db, p.id, { commune_code: code, step: 'ready', step_data: null });
  return say(vi.doixaDone(unit.name));
}

async function handleText(deps: ConversationDeps, p: ParticipantRow, text: string, event: InboundEvent): Promise<Reply> {
  const open = await findOpenAttempt(deps.db, p.id);
  if (open) {
    const items = await getAttemptItems(deps.db, open.id);
    const current = items.find((i) => i.chosenShown === null);
    const index = parseAnswerChoice(text, current?.shownOptions.length ?? 4);
    if (index === null) return say(vi.answerInvalid(OPTION_LETTERS.slice(0, current?.shownOptions.length ?? 4)));
    return answerReply(deps, p, await answerQuestion(deps, p.id, index), event, false);
  }
  if (p.step === 'prediction') return predictionReply(deps, p, text);
  if (p.step === 'change_commune') {
    const picked = matchTypedChoice(text, communeChoices(deps.units));
    return picked ? changeCommune(deps, p, picked.data.slice(2)) : say(vi.communeUnknown);
  }
  if (p.step === 'confirm_delete') {
    const picked = matchTypedChoice(text, [
      { data: 'del:y', label: vi.deleteYes, key: '1' },
      { data: 'del:n', label: vi.deleteNo, key: '0' },
    ]);
    return confirmDelete(deps, p, picked?.data === 'del:y');
  }
  if (parseAnswerChoice(text, 4) !== null) return (await closedReply(deps, p)) ?? say(vi.unknownText);
  return say(vi.unknownText);
}

async function predictionReply(deps: ConversationDeps, p: ParticipantRow, text: string): Promise<Reply> {
  if (matchTypedChoice(text, [{ data: 'pr:-', label: vi.predictionSkip, key: 'bỏ qua' }])) {
    await updateParticipant(deps.db, p.id, { step: 'ready', step_data: null });
    return say(vi.predictionSkipped);
  }
  const parsed = parsePrediction(text);
  if (!parsed.ok) return say(vi.predictionInvalid);
  await insertPrediction(deps.db, Number(p.step_data), parsed.value, deps.now());
  await updateParticipant(deps.db, p.id, { step: 'ready', step_data: null });
  return say(vi.predictionSaved(parsed.value.toLocaleString('vi-VN')));
}

async function statusText(deps: ConversationDeps, p: ParticipantRow): Promise<string> {
  const commune = deps.units.find((u) => u.code === p.commune_code)?.name ?? '';
  const rank = await overallRankOf(deps.db, p.id);
  const best = rank ? vi.resultsBest(p.overall_score, vi.duration(p.overall_duration_ms)) : vi.resultsNone;
  return vi.status(p.full_name ?? '', commune, best);
}

async function resultsText(deps: ConversationDeps, p: ParticipantRow): Promise<string> {
  const c = deps.campaign;
  const attempts = await listFinishedAttempts(deps.db, p.id);
  if (attempts.length === 0) return vi.resultsNone;
  const fresh = (await findParticipant(deps.db, p.channel, p.external_id)) ?? p;
  const roundName = (id: string) => c.rounds.find((r) => r.id === id)?.name ?? id;
  const lines = [vi.resultsHeader(fresh.full_name ?? '')];
  attempts.forEach((a, i) => lines.push(vi.resultsAttempt(i + 1, roundName(a.round_id), a.score ?? 0, a.question_count, vi.duration(a.duration_ms ?? 0), attemptDate(a.finished_at!, c))));
  lines.push('', vi.resultsBest(fresh.overall_score, vi.duration(fresh.overall_duration_ms)));
  const rank = await overallRankOf(deps.db, p.id);
  if (rank) lines.push(vi.resultsRank(rank, (await totals(deps.db)).participated));
  const phase = contestPhase(c, deps.now());
  if (phase.phase === 'open') {
    const used = attempts.filter((a) => a.round_id === phase.round.id).length;
    lines.push(vi.resultsLeft(phase.round.name, Math.max(0, c.attemptsPerRound - used)));
  }
  if (phase.phase === 'closed') lines.push(vi.refusedClosed(formatClosingDate(phase.closedAt, c.timezone)));
  return lines.join('\n');
}
