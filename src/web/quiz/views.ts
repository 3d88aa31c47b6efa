import { formatDateTime, formatTime } from '../../core/time.ts';
import type { Campaign } from '../../core/types.ts';
import { OPTION_LETTERS, vi, viLinkAccounts, viWebQuiz as t } from '../../messages/vi.ts';
import type { Attempt, AttemptItem, FinishedAttempt } from '../../services/quiz.ts';
import { html, type Html } from '../html.ts';
import { spendLinkBody } from '../layout.ts';

/** A session's page: who it is (the name they registered, else their chat name) and the forms' CSRF value. */
export interface QuizView {
  name: string;
  csrf: string;
}

/** Whose session this is, and "Không phải tôi" (sign out, a POST). */
export function whoBar(view: QuizView): Html {
  return html`<div class="userbar quizbar"><span>${t.whoIs(view.name)}</span><form method="post" action="/thi/thoat"><input type="hidden" name="csrf" value="${view.csrf}"><button type="submit" class="link">${t.notMe}</button></form></div>`;
}

/** The personal link's page: one button; its POST spends the token (a GET, such as a link preview's, never does). */
export function linkBody(token: string, csrf: string): Html {
  return spendLinkBody({ sectionClass: 'narrow quiz-page', heading: t.linkHeading, intro: t.linkIntro, action: '/thi/vao', token, csrf, button: t.linkButton, buttonClass: 'button big' });
}

/** A notice or refusal. */
export function noticeBody(title: string, text: string): Html {
  return html`<section class="narrow quiz-page">
      <h1>${title}</h1>
      <p>${text}</p>
    </section>`;
}

const startForm = (csrf: string, label: string) =>
  html`<form method="post" action="/thi/bat-dau"><input type="hidden" name="csrf" value="${csrf}"><button class="button big" type="submit">${label}</button></form>`;

/** No attempt open: the start button. */
export function startBody(view: QuizView, note?: string, extras: Html | string = ''): Html {
  return html`<section class="narrow quiz-page">
      <h1>${t.startHeading}</h1>
      ${note ? html`<p class="notice">${note}</p>` : ''}
      ${startForm(view.csrf, t.startButton)}
      ${extras}
    </section>`;
}

/**
 * One question: its text, the options as large radio buttons each inside its label (values are the shown positions,
 * nothing hints at the key), "Trả lời", and the deadline in the campaign's time (the server's clock).
 */
export function questionBody(view: QuizView, campaign: Campaign, attempt: Attempt, item: AttemptItem, opts: { intro?: string; note?: string } = {}): Html {
  const tz = campaign.timezone;
  const cut = attempt.deadlineAt < attempt.startedAt + campaign.attemptMinutes * 60_000;
  return html`<section class="narrow quiz quiz-page">
      ${opts.intro ? html`<p>${opts.intro}</p>` : ''}
      ${opts.note ? html`<p class="notice" role="alert">${opts.note}</p>` : ''}
      <p class="deadline"><strong>${t.deadline(formatTime(attempt.deadlineAt, tz))}</strong> <span class="note">${t.deadlineNote}</span></p>
      ${cut ? html`<p class="note">${t.cutShort(formatTime(attempt.deadlineAt, tz))}</p>` : ''}
      <form method="post" action="/thi/tra-loi">
        <fieldset>
          <legend><span class="qno">${t.questionOf(item.position + 1, attempt.questionCount)}</span> <span class="qtext">${item.text}</span></legend>
          <p class="note">${t.choose}</p>
          <div class="options">
            ${item.shownOptions.map(
              (o, i) => html`<label class="option"><input type="radio" name="o" value="${i}" required> <span><b>${OPTION_LETTERS[i]}.</b> ${o}</span></label>`,
            )}
          </div>
        </fieldset>
        <input type="hidden" name="a" value="${attempt.id}">
        <input type="hidden" name="p" value="${item.position}">
        <input type="hidden" name="csrf" value="${view.csrf}">
        <button class="button big" type="submit">${t.answerButton}</button>
      </form>
    </section>`;
}

/** The tie-break prediction as the web asks it: where it stands for an attempt. */
export type PredictionState = { kind: 'ask'; value?: string; error?: string } | { kind: 'given'; value: number } | { kind: 'none' };

/** The prediction question's form: a labelled number field (the numeric keypad on phones), POSTed to /thi/du-doan. */
export function predictionForm(view: QuizView, attemptId: number, question: string, state: { value?: string; error?: string }): Html {
  return html`<form method="post" action="/thi/du-doan" class="prediction" novalidate>
      <h2>${t.predictionHeading}</h2>
      <p class="note">${t.predictionIntro}</p>
      ${state.error ? html`<p class="notice" role="alert" id="du-doan-loi">${state.error}</p>` : ''}
      <label for="du-doan" class="qtext">${question}</label>
      <p class="note" id="du-doan-goi-y">${t.predictionHint}</p>
      <input id="du-doan" name="v" type="text" inputmode="numeric" autocomplete="off" enterkeyhint="send" maxlength="16" required value="${state.value ?? ''}" aria-describedby="du-doan-goi-y${state.error ? ' du-doan-loi' : ''}"${state.error ? html` aria-invalid="true"` : ''}>
      <input type="hidden" name="a" value="${attemptId}">
      <input type="hidden" name="csrf" value="${view.csrf}">
      <button class="button big" type="submit">${t.predictionButton}</button>
    </form>`;
}

/** The prediction question alone (after a refused value): the form again with why, and the way back to the result. */
export function predictionBody(view: QuizView, attemptId: number, question: string, state: { value?: string; error?: string }): Html {
  return html`<section class="narrow quiz-page">
      ${predictionForm(view, attemptId, question, state)}
      <p><a class="back" href="/thi/ket-qua/${attemptId}">${t.backToResult}</a></p>
    </section>`;
}

/** The round's results on the result page: the published winners once final, else when they will be. */
export function roundResultsBody(round: { name: string; closesAt: number }, tz: string, now: number, winners: Html | undefined): Html {
  const text = winners ? '' : now < round.closesAt ? t.roundResultsLater(round.name, formatDateTime(round.closesAt, tz)) : t.roundResultsPending(round.name);
  return html`<section class="round-results">
      <h2>${t.roundResultsHeading}</h2>
      ${winners ? html`<div class="table-wrap">${winners}</div>` : html`<p class="note">${text}</p>`}
      <p><a href="/#ket-qua">${t.roundResultsAll}</a></p>
    </section>`;
}

/** A web-only person's /noi code: what to send to the bot to join a chat account, and until when it is valid. */
export function linkChatBody(link: { code: string; expiresAt: number }, tz: string): Html {
  const l = viLinkAccounts;
  return html`<section class="link-chat">
      <h2>${l.webHeading}</h2>
      <p>${l.webIntro}</p>
      <p class="code"><strong>${l.webCommand(link.code)}</strong></p>
      <p class="note">${l.webValid(formatDateTime(link.expiresAt, tz))}</p>
      <p class="note">${l.webNote}</p>
    </section>`;
}

/** The attempt's end, like the chat's end message: the score, the missed questions with explanation and source. */
export function resultBody(view: QuizView, f: FinishedAttempt, contestOpen: boolean, prediction: PredictionState = { kind: 'none' }, predictionQuestion = '', roundResults: Html | string = '', extras: Html | string = '', inChat = true): Html {
  const total = f.attempt.questionCount;
  const score = f.attempt.score ?? 0;
  const wrong = f.items.filter((i) => !i.isCorrect);
  const option = (i: number | null, item: AttemptItem) => (i === null ? t.noAnswer : `${OPTION_LETTERS[i]}. ${item.shownOptions[i]}`);
  return html`<section class="narrow result quiz-page">
      <h1>${f.reason === 'time_up' ? t.timeUpTitle : t.resultHeading}</h1>
      ${f.reason === 'time_up' ? html`<p class="notice">${vi.timeUp}</p>` : ''}
      <p class="score">${vi.finished(score, total, vi.duration(f.attempt.durationMs ?? 0))}</p>
      ${score === total ? html`<p>${vi.perfect}</p>` : ''}
      ${prediction.kind === 'ask' ? predictionForm(view, f.attempt.id, predictionQuestion, prediction) : ''}
      ${prediction.kind === 'given' ? html`<p class="notice">${t.predictionSaved(prediction.value.toLocaleString('vi-VN'))}</p>` : ''}
      ${wrong.length
        ? html`<h2>${vi.wrongHeader}</h2>
            <ul class="missed">
              ${wrong.map(
                (w) => html`<li>
                  <p class="qtext">${t.questionOf(w.position + 1, total)}: ${w.text}</p>
                  <p>✗ ${t.yourAnswer}: ${option(w.chosenShown, w)}</p>
                  <p>✓ ${t.rightAnswer}: <strong>${option(w.correctShown, w)}</strong></p>
                  <p>${w.explanation}</p>
                  <p class="note">${t.source}: ${w.source}${w.sourceUrl ? html` — <a href="${w.sourceUrl}" rel="noopener noreferrer">${t.seeAt}</a>` : ''}</p>
                </li>`,
              )}
            </ul>`
        : ''}
      <p>${vi.attemptsLeft(f.attemptsLeft)}</p>
      ${f.attemptsLeft > 0 && contestOpen ? startForm(view.csrf, t.nextAttempt) : ''}
      ${roundResults}
      ${extras}
      ${inChat ? html`<p class="note">${t.toChat}</p>` : ''}
    </section>`;
}
