import { viDashboard as t } from '../../messages/vi.ts';
import { html, type Html } from '../html.ts';
import type { DashboardView } from './view.ts';

export const DOWNLOADS = {
  workbook: '/quan-tri/tai-ve/bao-cao.xlsx',
  proposalDocx: '/quan-tri/tai-ve/de-nghi-khen-thuong.docx',
  proposalXlsx: '/quan-tri/tai-ve/de-nghi-khen-thuong.xlsx',
} as const;

/** `GET /quan-tri/tai-ve`: the /xuat workbook (a unit official: their unit's), and for the district the reward proposal. */
export function downloadsBody(view: DashboardView): Html {
  const { official } = view;
  const item = (href: string, label: string, hint: string) => html`<li><a class="button" href="${href}" download>${label}</a><p class="note">${hint}</p></li>`;
  return html`<h1>${t.downloadsHeading}</h1>
    <ul class="downloads">
      ${official.role === 'unit'
        ? item(`${DOWNLOADS.workbook}?don-vi=${encodeURIComponent(official.unit.code)}`, t.workbookUnit(official.unit.name), t.workbookHint)
        : [item(DOWNLOADS.workbook, t.workbook, t.workbookHint), item(DOWNLOADS.proposalDocx, t.proposalDocx, t.proposalHint), item(DOWNLOADS.proposalXlsx, t.proposalXlsx, t.proposalHint)]}
    </ul>`;
}
