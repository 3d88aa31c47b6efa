import { contestPhase } from '../../core/campaign.ts';
import { daysLeft, formatClosingDate, formatDate, formatDateTime } from '../../core/time.ts';
import type { Campaign, Round } from '../../core/types.ts';
import { viWeb } from '../../messages/vi.ts';
import type { PublicUnit } from '../../services/public.ts';
import { html, trusted, type Html } from '../html.ts';

const numberFormat = new Intl.NumberFormat('vi-VN');
const decimalFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1.234 as a Vietnamese reader writes it. */
export const num = (n: number) => numberFormat.format(n);
export const perThousandText = (v: number | null) => (v === null ? viWeb.none : decimalFormat.format(v));

export function unitHref(code: string): string {
  return `/don-vi/${encodeURIComponent(code)}`;
}

/** "Vòng 2 đang mở đến hết 16/07/2023. Còn 12 ngày đến hạn cuối (hết ngày 30/07/2023)." — no script needed. */
export function countdown(campaign: Campaign, now: number): Html {
  const tz = campaign.timezone;
  const closes = formatClosingDate(campaign.closesAt, tz);
  const phase = contestPhase(campaign, now);
  if (phase.phase === 'closed') return html`<p class="countdown closed">${viWeb.countdown.closed(closes)}</p>`;
  const left = html`<strong>${viWeb.countdown.daysLeft(daysLeft(now, campaign.closesAt, tz))}</strong> ${viWeb.countdown.deadline(closes)}`;
  if (phase.phase === 'not_open') {
    return html`<p class="countdown">${viWeb.countdown.notOpen(daysLeft(now, phase.opensAt + 1, tz), formatDate(phase.opensAt, tz))}</p>`;
  }
  const state =
    phase.phase === 'open'
      ? viWeb.countdown.open(phase.round.name, formatClosingDate(phase.round.closesAt, tz))
      : viWeb.countdown.between(phase.nextRound.name, formatDate(phase.nextRound.opensAt, tz));
  return html`<p class="countdown">${state} ${left}</p>`;
}

function roundState(round: Round, now: number): 'open' | 'closed' | 'upcoming' {
  if (now >= round.closesAt) return 'closed';
  return now >= round.opensAt ? 'open' : 'upcoming';
}

export function roundsTable(campaign: Campaign, now: number): Html {
  const tz = campaign.timezone;
  const t = viWeb.roundsTable;
  return html`<table class="rounds">
    <thead><tr><th>${t.round}</th><th>${t.dates}</th><th>${t.state}</th></tr></thead>
    <tbody>${campaign.rounds.map((r) => {
      const state = roundState(r, now);
      return html`<tr class="${state}"><td>${r.name}</td><td>${viWeb.roundDates(formatDate(r.opensAt, tz), formatClosingDate(r.closesAt, tz))}</td><td><span class="state ${state}">${viWeb.roundState[state]}</span></td></tr>`;
    })}</tbody>
  </table>`;
}

/** A ranked table of units: rank, name (linked to its page), participants, and per 1,000 inhabitants for communes. */
export function unitsTable(units: readonly PublicUnit[], withPerThousand: boolean): Html {
  const t = viWeb.unitTable;
  return html`<div class="table-wrap"><table class="units">
    <thead><tr><th class="n">${t.rank}</th><th>${t.name}</th><th class="n">${t.participants}</th>${withPerThousand ? html`<th class="n">${t.perThousand}</th>` : ''}</tr></thead>
    <tbody>${units.map(
      (u) =>
        html`<tr><td class="n">${u.rank ?? viWeb.none}</td><td><a href="${unitHref(u.code)}">${u.name}</a></td><td class="n">${num(u.participants)}</td>${
          withPerThousand ? html`<td class="n">${perThousandText(u.perThousand)}</td>` : ''
        }</tr>`,
    )}</tbody>
  </table></div>`;
}

/** An SVG chart drawn by the chart module, scaled to the page. */
export function chart(svg: string, label: string): Html {
  return html`<figure class="chart" role="img" aria-label="${label}">${trusted(svg)}</figure>`;
}

export function asOf(at: number, timeZone: string): Html {
  return html`<p class="note">${viWeb.asOf(formatDateTime(at, timeZone))}</p>`;
}
