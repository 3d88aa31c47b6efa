import { contestPhase } from '../../core/campaign.ts';
import { formatDate, formatDateTime } from '../../core/time.ts';
import type { Campaign, Round } from '../../core/types.ts';
import { vi, viDashboard as t } from '../../messages/vi.ts';
import type { OfficialUnit } from '../../services/officials.ts';
import { html, type Html } from '../html.ts';
import { num } from '../pages/parts.ts';
import type { Values } from './params.ts';
import { signInForForm } from './sign-in-for.ts';
import type { DashboardView } from './view.ts';

export const MEMBERS_PAGE_SIZE = 50;
const STATUSES = ['all', 'finished', 'waiting'] as const;
type Status = (typeof STATUSES)[number];

export interface MembersQuery {
  search: string;
  status: Status;
  page: number;
}

export function membersQuery(query: Values): MembersQuery {
  const page = Number(query.page);
  return {
    search: (query.q ?? '').trim().slice(0, 80),
    status: (STATUSES as readonly string[]).includes(query.status ?? '') ? (query.status as Status) : 'all',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

/** "This round": the open one, else the last one that has opened (or the first, before the opening). */
export function roundInView(campaign: Campaign, now: number): Round {
  const phase = contestPhase(campaign, now);
  if (phase.phase === 'open') return phase.round;
  return [...campaign.rounds].reverse().find((r) => r.opensAt <= now) ?? campaign.rounds[0]!;
}

function pageLink(unit: OfficialUnit, q: MembersQuery, page: number): string {
  const params = new URLSearchParams({ ...(q.search ? { q: q.search } : {}), ...(q.status !== 'all' ? { status: q.status } : {}), page: String(page) });
  return `/quan-tri/don-vi/${encodeURIComponent(unit.code)}?${params.toString()}`;
}

/** Who verified the phone and when, or the form an official who called the number uses to mark it verified. */
function phoneVerification(view: DashboardView, unit: OfficialUnit, p: { id: number; phoneVerified: { at: number; by: string } | null }): Html {
  const tz = view.ctx.campaign.timezone;
  if (p.phoneVerified) return html`<br><small>${t.phoneVerified(p.phoneVerified.by, formatDateTime(p.phoneVerified.at, tz))}</small>`;
  return html`<form method="post" action="/quan-tri/xac-minh-sdt" class="inline"><input type="hidden" name="csrf" value="${view.csrf}"><input type="hidden" name="nguoi" value="${String(p.id)}"><input type="hidden" name="don-vi" value="${unit.code}"><button type="submit" class="link">${t.phoneVerify}</button></form>`;
}

/** `GET /quan-tri/don-vi/<code>`: the unit's people (the list an official calls through), searched and paginated. */
export async function membersBody(view: DashboardView, unit: OfficialUnit, q: MembersQuery): Promise<Html> {
  const { ctx } = view;
  const tz = ctx.campaign.timezone;
  const round = roundInView(ctx.campaign, ctx.now());
  const r = await ctx.services.boards.members({
    unitCode: unit.code,
    round,
    ...(q.search ? { search: q.search } : {}),
    ...(q.status !== 'all' ? { finished: q.status === 'finished' } : {}),
    page: q.page,
    pageSize: MEMBERS_PAGE_SIZE,
  });
  const first = (r.page - 1) * MEMBERS_PAGE_SIZE;
  const T = t.peopleTable;
  const option = (s: Status) => html`<option value="${s}"${s === q.status ? html` selected` : ''}>${t.status[s]}</option>`;
  return html`<h1>${t.participantsHeading(unit.name)}</h1>
    <form class="filters" method="get" action="/quan-tri/don-vi/${encodeURIComponent(unit.code)}">
      <label>${t.search} <input type="search" name="q" value="${q.search}" maxlength="80"></label>
      <label>${T.state} <select name="status">${STATUSES.map(option)}</select></label>
      <button class="button" type="submit">${t.show}</button>
    </form>
    <p class="note">${t.roundNote(round.name)}</p>
    <p>${t.peopleCount(r.total, r.page, r.pages)}</p>
    ${r.people.length === 0
      ? html`<p class="note">${t.peopleNone}</p>`
      : html`<div class="table-wrap"><table class="people">
      <thead><tr><th class="n wide">${T.n}</th><th>${T.name}</th><th>${T.phone}</th><th>${T.state}</th><th class="wide">${T.channel}</th><th class="wide">${T.registered}</th></tr></thead>
      <tbody>${r.people.map(
        (p, i) =>
          html`<tr><td class="n wide">${num(first + i + 1)}</td><td>${p.name}<br>${signInForForm(view, unit, p.id)}</td><td>${p.phone === null ? '—' : p.phone.kind === 'shown' ? html`<a href="tel:${p.phone.number}">${p.phone.number}</a>${phoneVerification(view, unit, p)}` : vi.officialPhone(p.phone)}</td><td><span class="state ${p.finished ? 'open' : 'closed'}">${
            p.finished ? t.finishedYes : t.finishedNo
          }</span></td><td class="wide">${p.channel}</td><td class="wide">${formatDate(p.registeredAt, tz)}</td></tr>`,
      )}</tbody>
    </table></div>`}
    <nav class="pager">${r.page > 1 ? html`<a href="${pageLink(unit, q, r.page - 1)}">${t.prev}</a>` : ''}${r.page < r.pages ? html`<a href="${pageLink(unit, q, r.page + 1)}">${t.next}</a>` : ''}</nav>`;
}
