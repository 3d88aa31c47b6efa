import QRCode from 'qrcode';
import { unitPayload } from '../core/invites.ts';
import { webRegistration, type Campaign } from '../core/types.ts';
import { viWeb, viWebDoor } from '../messages/vi.ts';
import type { JoinLinks } from './context.ts';
import { html, trusted, type Html } from './html.ts';

/** What a page offers to join with: the Telegram deep link, and the Zalo address with the code to type. */
export interface JoinOffer {
  telegram?: string;
  zalo?: { link?: string; code: string };
  /** The web quiz's registration page (issue 23; a unit's carries its code, so that joining counts for it, and a QR code). */
  web?: { url: string; unitName?: string };
}

/** The home page carries no unit; "web" is a payload the bot ignores (only u-… and r-… mean something). */
const HOME_PAYLOAD = 'web';

/** The web door's address: the registration page, with the unit's payload when it is a unit's door. */
export function webDoorUrl(links: JoinLinks, unitCode?: string): string {
  return `${links.baseUrl}/thi/dang-ky${unitCode ? `?moi=${unitPayload(unitCode)}` : ''}`;
}

export function joinOffer(links: JoinLinks, unitCode?: string, web?: { campaign: Campaign; unitName?: string }): JoinOffer {
  const payload = unitCode ? unitPayload(unitCode) : HOME_PAYLOAD;
  return {
    ...(web && webRegistration(web.campaign) === 'open' ? { web: { url: webDoorUrl(links, unitCode), ...(web.unitName ? { unitName: web.unitName } : {}) } } : {}),
    ...(links.telegramUsername ? { telegram: `https://t.me/${links.telegramUsername}?start=${payload}` } : {}),
    ...(links.zalo || links.zaloLink ? { zalo: { ...(links.zaloLink ? { link: links.zaloLink } : {}), code: unitCode ? `/start ${payload}` : '/start' } } : {}),
  };
}

// A QR code depends only on its text; keeping the few drawn (one per unit and channel) is a cache, not state.
const qrCache = new Map<string, Promise<string>>();

/** An inline SVG QR code (medium error correction: survives a little dirt on a printed poster), drawn anew. */
export const drawQrSvg = (text: string): Promise<string> => QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });

/** The same, kept: for the few texts drawn again and again (a unit's and the home page's doors). */
export function qrSvg(text: string): Promise<string> {
  let svg = qrCache.get(text);
  if (!svg) {
    svg = drawQrSvg(text);
    qrCache.set(text, svg);
  }
  return svg;
}

async function qrFigure(text: string, label: string): Promise<Html> {
  return html`<div class="qr" role="img" aria-label="${viWeb.qrAlt(label)}">${trusted(await qrSvg(text))}</div>`;
}

/** The two "Tham gia qua …" cards with their QR codes. */
export async function joinCards(offer: JoinOffer): Promise<Html> {
  const cards: Html[] = [];
  if (offer.web) {
    const { url, unitName } = offer.web;
    cards.push(html`<div class="card join web-door">
      <h3>${unitName ? viWebDoor.unitDoor : viWebDoor.homeDoor}</h3>
      ${unitName ? await qrFigure(url, viWebDoor.unitDoor) : ''}
      <p>${unitName ? viWebDoor.unitDoorHint(unitName) : viWebDoor.homeDoorIntro}</p>
      <p><a class="button" href="${url}">${viWebDoor.homeDoor}</a></p>
      <p><a href="/thi/vao-lai">${viWebDoor.reEntryLink}</a></p>
    </div>`);
  }
  if (offer.telegram) {
    cards.push(html`<div class="card join">
      <h3>${viWeb.joinTelegram}</h3>
      ${await qrFigure(offer.telegram, viWeb.joinTelegram)}
      <p>${viWeb.joinTelegramHint}</p>
      <p><a class="button" href="${offer.telegram}">${viWeb.joinTelegram}</a></p>
    </div>`);
  }
  if (offer.zalo) {
    const { link, code } = offer.zalo;
    cards.push(html`<div class="card join">
      <h3>${viWeb.joinZalo}</h3>
      ${link ? await qrFigure(link, viWeb.joinZalo) : ''}
      <p>${viWeb.joinZaloHint(link !== undefined)}</p>
      <p class="code">${code}</p>
      ${link ? html`<p><a class="button zalo" href="${link}">${viWeb.zaloOpen}</a></p>` : ''}
    </div>`);
  }
  if (cards.length === 0) return html`<p class="note">${viWeb.noChannel}</p>`;
  return html`<div class="cards">${cards}</div>`;
}
