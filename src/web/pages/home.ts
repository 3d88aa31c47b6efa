import { formatClosingDate, formatDate } from '../../core/time.ts';
import { viRounds, viWeb } from '../../messages/vi.ts';
import type { PublicFigures, RoundWinners } from '../../services/public.ts';
import type { WebContext } from '../context.ts';
import type { PageData } from '../figures.ts';
import { html, type Html } from '../html.ts';
import { joinCards, joinOffer } from '../join.ts';
import { RESULTS_FILES_PATH } from './results-files.ts';
import { asOf, chart, countdown, num, roundsTable, unitsTable } from './parts.ts';

function totals(figures: PublicFigures): Html {
  const t = viWeb.totals;
  const item = (label: string, value: number) => html`<div><dt>${label}</dt><dd>${num(value)}</dd></div>`;
  return html`<dl class="totals">${item(t.registered, figures.totals.registered)}${item(t.participated, figures.totals.participated)}${item(t.attempts, figures.totals.attempts)}</dl>`;
}

/** A closed round's published winners (prize, name, unit), as the home page and the web quiz's result show them. */
export function winnersOfRound({ round, winners, corrections = [] }: RoundWinners, timeZone: string): Html {
  const t = viWeb.winnersTable;
  // An exclusion after publication: a correction under the round (the winners above are already the corrected ones).
  const notes = corrections.map((k) => html`<p class="note correction">${viWeb.correction(k.name ?? viRounds.deleted, k.unit, formatDate(k.decidedAt, timeZone), k.reason)}</p>`);
  if (winners.length === 0) return html`<h3>${round.name}</h3><p class="note">${viWeb.winnersEmpty}</p>${notes}`;
  return html`<h3>${round.name}</h3>
    <table class="winners"><thead><tr><th>${t.rank}</th><th>${t.name}</th><th>${t.unit}</th></tr></thead>
    <tbody>${winners.map((w) => html`<tr><td>${w.prize}</td><td>${w.name ?? viRounds.deleted}</td><td>${w.unit}</td></tr>`)}</tbody></table>${notes}`;
}

/** The final rounds' anonymised results files, each with its SHA-256 (printed whole, to compare by eye or by results:verify). */
function resultsFiles(data: PageData): Html {
  if (data.resultsFiles.length === 0) return html``;
  return html`<section id="kiem-tra-ket-qua">
      <h2>${viWeb.resultsFilesHeading}</h2>
      <p>${viWeb.resultsFilesIntro}</p>
      <ul class="documents">${data.resultsFiles.map(
        (f) => html`<li>${viWeb.resultsFileLine(f.round.name)} <a href="${RESULTS_FILES_PATH}/${f.filename}" download>${f.filename}</a><br><span>${viWeb.resultsFileHash} <code class="sha256" data-file="${f.filename}">${f.sha256}</code></span></li>`,
      )}</ul>
    </section>`;
}

/** `GET /`: the campaign, how to join, live figures, rankings with charts, winners of closed rounds. */
export async function homeBody(ctx: WebContext, data: PageData): Promise<Html> {
  const { campaign } = ctx;
  const tz = campaign.timezone;
  const now = ctx.now();
  const { figures, charts } = data;
  return html`<section class="hero">
      <h1>${campaign.title}</h1>
      <p>${viWeb.organiser(campaign.organiser)}</p>
      <p>${viWeb.period(formatDate(campaign.opensAt, tz), formatClosingDate(campaign.closesAt, tz))}</p>
      ${countdown(campaign, now)}
    </section>
    <section id="tham-gia">
      <h2>${viWeb.joinHeading}</h2>
      ${await joinCards(joinOffer(ctx.links, undefined, { campaign: ctx.campaign }))}
    </section>
    <section id="so-lieu">
      <h2>${viWeb.totalsHeading}</h2>
      ${totals(figures)}
      ${asOf(figures.at, tz)}
    </section>
    <section id="vong-thi">
      <h2>${viWeb.roundsHeading}</h2>
      ${roundsTable(campaign, now)}
    </section>
    <section id="noi-dung">
      <h2>${viWeb.aboutHeading}</h2>
      <p>${viWeb.aboutIntro}</p>
      <ul class="documents">${ctx.topics.map((t) => html`<li><strong>${t.document}</strong><br><span>${t.name}</span></li>`)}</ul>
    </section>
    <section id="xa">
      <h2>${viWeb.communesHeading(campaign.labels)}</h2>
      <div class="ranking">
        ${unitsTable(figures.communes, true)}
        <div>${chart(charts.communes, viWeb.chartParticipants(campaign.labels, 'commune'))}${chart(charts.communesPerThousand, viWeb.chartPerThousand)}</div>
      </div>
    </section>
    <section id="co-quan">
      <h2>${viWeb.agenciesHeading}</h2>
      <div class="ranking">
        ${unitsTable(figures.agencies, false)}
        <div>${chart(charts.agencies, viWeb.chartParticipants(campaign.labels, 'agency'))}</div>
      </div>
    </section>
    <section id="theo-ngay">
      <h2>${viWeb.dailyHeading}</h2>
      ${chart(charts.daily, viWeb.chartDaily)}
    </section>
    <section id="ket-qua">
      <h2>${viWeb.winnersHeading}</h2>
      ${data.winners.length === 0 ? html`<p class="note">${viWeb.winnersNone}</p>` : data.winners.map((w) => winnersOfRound(w, tz))}
    </section>
    ${resultsFiles(data)}`;
}
