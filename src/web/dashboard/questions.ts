import { letter } from '../../bank/quality.ts';
import { viDashboard as t } from '../../messages/vi.ts';
import type { QuestionVersionReport } from '../../services/bank-report.ts';
import { html, type Html } from '../html.ts';
import { num } from '../pages/parts.ts';
import type { DashboardView } from './view.ts';

const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((100 * n) / d)}%`);

function row(r: QuestionVersionReport): Html {
  const flagged = r.needsReview;
  const wrong = r.topWrong ? html`${letter(r.topWrong.index)}. ${r.options[r.topWrong.index] ?? ''} <span class="muted">×${num(r.topWrong.count)}</span>` : '—';
  return html`<tr${flagged ? html` class="flagged"` : ''}><td>${r.questionId}${r.active ? '' : html`<br><span class="muted">${t.oldVersion}</span>`}</td><td class="q">${r.text}</td><td class="n">${num(r.answered)}</td><td class="n">${pct(
    r.correct,
    r.answered,
  )}</td><td>${wrong}</td><td>${flagged ? html`<span class="state bad">${t.review}</span>` : ''}</td></tr>`;
}

/** `GET /quan-tri/cau-hoi`: the bank report, live: share correct, most chosen wrong option, flagged for review; hardest first. */
export async function questionsBody(view: DashboardView): Promise<Html> {
  const data = await view.ctx.services.bankReport.data();
  const answered = data.versions.filter((v) => v.answered > 0).sort((a, b) => Number(b.needsReview) - Number(a.needsReview) || a.correct / a.answered - b.correct / b.answered);
  const total = answered.reduce((s, v) => s + v.answered, 0);
  const right = answered.reduce((s, v) => s + v.correct, 0);
  const T = t.questionTable;
  return html`<h1>${t.questionsHeading}</h1>
    <p class="note">${t.questionsIntro}</p>
    ${answered.length === 0
      ? html`<p>${t.questionsNone}</p>`
      : html`<p>${t.questionsSummary(total, pct(right, total), answered.filter((v) => v.needsReview).length)}</p>
    <div class="table-wrap"><table class="questions">
      <thead><tr><th>${T.id}</th><th>${T.question}</th><th class="n">${T.answered}</th><th class="n">${T.correct}</th><th>${T.wrong}</th><th>${T.review}</th></tr></thead>
      <tbody>${answered.map(row)}</tbody>
    </table></div>`}`;
}
