import { participantsChartSvg } from '../../charts/figures.ts';
import { perThousand, rankUnits, type UnitResult } from '../../core/ranking.ts';
import { viDashboard as t } from '../../messages/vi.ts';
import { html, type Html } from '../html.ts';
import { chart, num, perThousandText } from '../pages/parts.ts';
import { unitFilter, type Values } from './params.ts';
import type { DashboardView } from './view.ts';

export const UNIT_SORTS = ['rank', 'registered', 'participants', 'perThousand', 'average', 'name'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];

/** What the units page shows, from its query string (an unknown kind or sort falls back to the default). */
export interface UnitsQuery {
  kind: 'commune' | 'agency';
  sort: UnitSort;
  parent?: string;
}

/** 'bad' when `parent` names no parent unit: the filter never quietly widens to every commune. */
export function unitsQuery(query: Values, parentsByLowerCode: ReadonlyMap<string, { code: string }>): UnitsQuery | 'bad' {
  const sort = (UNIT_SORTS as readonly string[]).includes(query.sort ?? '') ? (query.sort as UnitSort) : 'rank';
  const kind = query.kind === 'agency' ? 'agency' : 'commune';
  // The form's "Tất cả" sends an empty parent: no filter.
  const filter = unitFilter(query.parent === '' ? undefined : query.parent, parentsByLowerCode);
  if (filter === 'bad') return 'bad';
  const parent = kind === 'commune' ? filter.unit?.code : undefined;
  return { kind, sort, ...(parent ? { parent } : {}) };
}

interface Row {
  rank: number | null;
  unit: UnitResult;
  per: number | null;
}

const collator = new Intl.Collator('vi');
const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);
const SORTERS: Record<UnitSort, (a: Row, b: Row) => number> = {
  rank: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || collator.compare(a.unit.name, b.unit.name),
  registered: (a, b) => b.unit.registered - a.unit.registered,
  participants: (a, b) => b.unit.participants - a.unit.participants,
  perThousand: (a, b) => desc(a.per, b.per),
  average: (a, b) => b.unit.averageBestScore - a.unit.averageBestScore,
  name: (a, b) => collator.compare(a.unit.name, b.unit.name),
};

function filters(view: DashboardView, q: UnitsQuery): Html {
  const labels = view.ctx.campaign.labels;
  const kinds = t.kinds(labels);
  const parents = view.ctx.units.filter((u) => u.kind === 'parent');
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="/quan-tri/don-vi">
      <label>${t.filterKind} <select name="kind">${option('commune', kinds.commune, q.kind === 'commune')}${option('agency', kinds.agency, q.kind === 'agency')}</select></label>
      ${parents.length > 0
        ? html`<label>${t.filterParent(labels)} <select name="parent">${option('', t.allParents, !q.parent)}${parents.map((p) => option(p.code, p.name, p.code === q.parent))}</select></label>`
        : ''}
      <label>${t.sortBy} <select name="sort">${UNIT_SORTS.map((s) => option(s, t.sorts[s], s === q.sort))}</select></label>
      <button class="button" type="submit">${t.show}</button>
    </form>`;
}

/** A column header that sorts by itself (a plain link: works without script). */
function sortHeader(q: UnitsQuery, sort: UnitSort, label: string, numeric: boolean): Html {
  const params = new URLSearchParams({ kind: q.kind, sort, ...(q.parent ? { parent: q.parent } : {}) });
  return html`<th${numeric ? html` class="n"` : ''}${q.sort === sort ? html` aria-sort="${sort === 'name' ? 'ascending' : 'descending'}"` : ''}><a href="/quan-tri/don-vi?${params.toString()}">${label}</a></th>`;
}

/** `GET /quan-tri/don-vi`: every commune (of one parent) or agency, sortable, with a bar chart in the same order. */
export async function unitsBody(view: DashboardView, q: UnitsQuery): Promise<Html> {
  const results = await view.ctx.services.boards.units(q.kind, q.parent ? { parent: q.parent } : undefined);
  const rows: Row[] = rankUnits(results).map(({ rank, entry }) => ({ rank, unit: entry, per: perThousand(entry) }));
  rows.sort(SORTERS[q.sort]);
  const communes = q.kind === 'commune';
  const T = t.unitTable;
  const svg = await participantsChartSvg(
    rows.map((r) => r.unit),
    view.ctx.campaign.labels,
    q.kind,
    420,
  );
  return html`<h1>${t.unitsHeading}</h1>
    ${filters(view, q)}
    ${rows.length === 0
      ? html`<p class="note">${t.unitsNone}</p>`
      : html`<div class="ranking">
      <div class="table-wrap"><table class="units">
        <thead><tr>${sortHeader(q, 'rank', T.rank, true)}${sortHeader(q, 'name', T.name, false)}${sortHeader(q, 'registered', T.registered, true)}${sortHeader(q, 'participants', T.participants, true)}${
          communes ? sortHeader(q, 'perThousand', T.perThousand, true) : ''
        }${sortHeader(q, 'average', T.average, true)}</tr></thead>
        <tbody>${rows.map(
          (r) =>
            html`<tr><td class="n">${r.rank ?? '—'}</td><td><a href="/quan-tri/don-vi/${encodeURIComponent(r.unit.code)}">${r.unit.name}</a></td><td class="n">${num(r.unit.registered)}</td><td class="n">${num(r.unit.participants)}</td>${
              communes ? html`<td class="n">${perThousandText(r.per)}</td>` : ''
            }<td class="n">${r.unit.averageBestScore.toFixed(1)}</td></tr>`,
        )}</tbody>
      </table></div>
      <div>${chart(svg, t.unitsHeading)}</div>
    </div>`}`;
}
