import { viDashboard as t, viIntegrity } from '../../messages/vi.ts';
import { decisionText, evidenceText, personHeader } from '../../officials/integrity.ts';
import { html, type Html } from '../html.ts';
import type { Values } from './params.ts';
import type { DashboardView } from './view.ts';

/** The review's decision form, as posted: the person, "hop-le" or "loai", and the reason (required). */
export interface ReviewForm {
  personId: number;
  decision: 'valid' | 'excluded';
  reason: string;
}

export function reviewForm(body: Values): ReviewForm | undefined {
  const personId = Number(body.nguoi);
  const decision = body['quyet-dinh'] === 'loai' ? 'excluded' : body['quyet-dinh'] === 'hop-le' ? 'valid' : undefined;
  const reason = (body['ly-do'] ?? '').trim().slice(0, 300);
  if (!Number.isSafeInteger(personId) || personId <= 0 || !decision || !reason) return undefined;
  return { personId, decision, reason };
}

/**
 * `GET /quan-tri/kiem-tra` (district officials): every flagged person, open ones first, with the evidence in words,
 * the decision in force and a form to decide ("hợp lệ" / "loại", with a reason); a later decision reverses one.
 */
export async function reviewBody(view: DashboardView): Promise<Html> {
  const { ctx } = view;
  const review = await ctx.services.integrity.review();
  const open = review.people.filter((p) => !p.decision).length;
  const unitName = (code: string) => ctx.units.find((u) => u.code === code)?.name ?? code;
  return html`<h1>${t.reviewHeading}</h1>
    <p>${t.reviewIntro(open, review.people.length)}</p>
    ${review.people.length === 0 ? html`<p class="note">${viIntegrity.none}</p>` : ''}
    ${review.people.map(
      (p) => html`<section class="flagged${p.decision ? '' : ' open'}" id="nguoi-${String(p.participantId)}">
        <h2>${personHeader(ctx, p)}</h2>
        <ul>${p.flags.map((f) => html`<li>${evidenceText(ctx, f.evidence)}</li>`)}</ul>
        <p class="note">${decisionText(ctx, p)}</p>
        <form method="post" action="/quan-tri/kiem-tra" class="filters">
          <input type="hidden" name="csrf" value="${view.csrf}">
          <input type="hidden" name="nguoi" value="${String(p.participantId)}">
          <label>${t.reviewReason} <input type="text" name="ly-do" maxlength="300" required></label>
          <button class="button" type="submit" name="quyet-dinh" value="hop-le">${t.reviewValid}</button>
          <button class="button" type="submit" name="quyet-dinh" value="loai">${t.reviewExclude}</button>
        </form>
      </section>`,
    )}
    ${review.padding.map((n) => html`<p class="note">${viIntegrity.padding(unitName(n.unitCode), n.neverAttempted, n.registered)}</p>`)}`;
}
