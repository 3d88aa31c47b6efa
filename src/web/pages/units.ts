import { sortUnits } from '../../bank/units.ts';
import type { Unit } from '../../core/types.ts';

/** Communes and agencies have pages (the parent level of some campaigns does not). */
export type PublicPageUnit = Unit & { kind: 'commune' | 'agency' };

export function hasPage(unit: Unit): unit is PublicPageUnit {
  return unit.kind === 'commune' || unit.kind === 'agency';
}
import { viWeb, viWebDoor } from '../../messages/vi.ts';
import type { PublicUnit } from '../../services/public.ts';
import type { WebContext } from '../context.ts';
import type { PageData } from '../figures.ts';
import { html, trusted, type Html } from '../html.ts';
import { joinCards, joinOffer, qrSvg } from '../join.ts';
import { asOf, countdown, num, perThousandText, unitHref } from './parts.ts';

function unitList(ctx: WebContext, kind: 'commune' | 'agency', figures: readonly PublicUnit[]): Html {
  const byCode = new Map(figures.map((u) => [u.code, u]));
  const units = sortUnits(ctx.units.filter((u) => u.kind === kind));
  return html`<ul class="unit-list">${units.map((u) => {
    const href = unitHref(u.code);
    return html`<li><a href="${href}">${u.name}</a> <span class="muted">${num(byCode.get(u.code)?.participants ?? 0)} ${viWeb.chartPeople}</span><br><span class="url">${ctx.links.baseUrl}${href}</span></li>`;
  })}</ul>`;
}

/** `GET /don-vi`: every commune and agency with the address of its page. */
export function unitsBody(ctx: WebContext, data: PageData): Html {
  return html`<h1>${viWeb.unitsHeading}</h1>
    <p>${viWeb.unitsIntro(ctx.campaign.labels)}</p>
    <h2>${viWeb.communesGroup(ctx.campaign.labels)}</h2>${unitList(ctx, 'commune', data.figures.communes)}
    <h2>${viWeb.agenciesGroup}</h2>${unitList(ctx, 'agency', data.figures.agencies)}`;
}

/** The unit's figures as published, or zeros when nobody of it has registered. */
export function unitFigures(data: PageData, unit: PublicPageUnit): { figures: PublicUnit; of: number } {
  const list = unit.kind === 'commune' ? data.figures.communes : data.figures.agencies;
  const figures = list.find((u) => u.code === unit.code);
  return {
    figures: figures ?? { code: unit.code, name: unit.name, kind: unit.kind, population: unit.population, registered: 0, participants: 0, attempts: 0, perThousand: null, rank: null },
    of: list.length,
  };
}

/** `GET /don-vi/<code>`: the unit's figures and rank, its invite link and QR, a link to its poster. */
export async function unitBody(ctx: WebContext, data: PageData, unit: PublicPageUnit): Promise<Html> {
  const { figures: f, of } = unitFigures(data, unit);
  const t = viWeb.unitFigures;
  const pageUrl = `${ctx.links.baseUrl}${unitHref(unit.code)}`;
  const item = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<section class="hero">
      <h1>${unit.name}</h1>
      <p class="rank">${viWeb.unitRank(f.rank, of, ctx.campaign.labels, unit.kind)}</p>
      ${countdown(ctx.campaign, ctx.now())}
    </section>
    <section>
      <dl class="totals">${item(t.registered, num(f.registered))}${item(t.participants, num(f.participants))}${item(t.attempts, num(f.attempts))}${
        unit.kind === 'commune' ? item(t.perThousand, perThousandText(f.perThousand)) : ''
      }</dl>
      ${asOf(data.figures.at, ctx.campaign.timezone)}
    </section>
    <section id="moi">
      <h2>${viWeb.unitInviteHeading}</h2>
      <p>${viWeb.unitInviteIntro(unit.name)}</p>
      ${await joinCards(joinOffer(ctx.links, unit.code, { campaign: ctx.campaign, unitName: unit.name }))}
      <p>${viWeb.unitPageLink}: <a class="url" href="${unitHref(unit.code)}">${pageUrl}</a></p>
      <p><a class="button secondary" href="${unitHref(unit.code)}/poster">${viWeb.posterLink}</a></p>
    </section>`;
}

/** `GET /don-vi/<code>/poster`: one A4 page to print or post — the campaign, the unit, big QR codes, the code to type. */
export async function posterBody(ctx: WebContext, unit: Unit): Promise<Html> {
  const offer = joinOffer(ctx.links, unit.code, { campaign: ctx.campaign, unitName: unit.name });
  const qr = async (text: string, label: string) =>
    html`<div class="poster-qr"><div class="qr" role="img" aria-label="${viWeb.qrAlt(label)}">${trusted(await qrSvg(text))}</div><p>${label}</p></div>`;
  return html`<article class="poster">
      <p class="poster-organiser">${ctx.campaign.organiser}</p>
      <h1>${viWeb.posterHeading}</h1>
      <p class="poster-title">${ctx.campaign.title}</p>
      <p class="poster-for">${viWeb.posterFor(unit.name)}</p>
      ${countdown(ctx.campaign, ctx.now())}
      <div class="poster-codes">
        ${offer.web ? await qr(offer.web.url, viWebDoor.posterWeb) : ''}
        ${offer.telegram ? await qr(offer.telegram, viWeb.joinTelegram) : ''}
        ${offer.zalo?.link ? await qr(offer.zalo.link, viWeb.joinZalo) : ''}
      </div>
      <p class="poster-steps">${viWeb.posterSteps}</p>
      ${offer.zalo ? html`<p>${offer.zalo.link ? viWeb.posterZalo : viWeb.joinZaloHint(false)} <span class="code">${offer.zalo.code}</span></p>` : ''}
      <p class="url">${ctx.links.baseUrl}${unitHref(unit.code)}</p>
      <p class="screen-only note">${viWeb.posterPrint}</p>
    </article>`;
}
