import { formatDateTime } from '../../core/time.ts';
import { WEB_QUIZ } from '../../contract/web-quiz.ts';
import { viDashboard as t, viWeb } from '../../messages/vi.ts';
import type { OfficialUnit } from '../../services/officials.ts';
import { html, trusted, type Html } from '../html.ts';
import { drawQrSvg } from '../join.ts';
import type { DashboardView } from './view.ts';

/** The form on a person's row: "Tạo link đăng nhập cho người này" (issue 23's fallback for a new phone or browser). */
export function signInForForm(view: DashboardView, unit: OfficialUnit, personId: number): Html {
  return html`<form method="post" action="/quan-tri/link-dang-nhap" class="inline"><input type="hidden" name="csrf" value="${view.csrf}"><input type="hidden" name="nguoi" value="${String(personId)}"><input type="hidden" name="don-vi" value="${unit.code}"><button type="submit" class="link">${t.signInFor}</button></form>`;
}

/**
 * The link just issued and its QR code, shown once (the POST's own answer, never stored or cached: the token is kept
 * only as a hash), with who issued it and the warning that attempts made through it are flagged for review.
 */
export async function signInForBody(view: DashboardView, unit: OfficialUnit, issued: { token: string; expiresAt: number; name: string; by: string; at: number }): Promise<Html> {
  const tz = view.ctx.campaign.timezone;
  const url = `${view.ctx.links.baseUrl}${WEB_QUIZ.link}?t=${issued.token}`;
  return html`<section class="narrow">
      <h1>${t.signInForHeading(issued.name)}</h1>
      <p>${t.signInForIntro(formatDateTime(issued.expiresAt, tz))}</p>
      <div class="qr" role="img" aria-label="${viWeb.qrAlt(t.signInForQr)}">${trusted(await drawQrSvg(url))}</div>
      <p><a href="${url}" class="sign-in-for">${url}</a></p>
      <p class="note">${t.signInForFlagged}</p>
      <p class="note">${t.signInForIssued(issued.by, formatDateTime(issued.at, tz))}</p>
      <p><a class="button secondary" href="/quan-tri/don-vi/${encodeURIComponent(unit.code)}">${t.backToUnit(unit.name)}</a></p>
    </section>`;
}
