import { sortUnits } from '../bank/units.ts';
import { formatDateTime, localDayKey } from '../core/time.ts';
import type { Unit } from '../core/types.ts';
import { unitPayload } from '../core/invites.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import type { UnitLinkEntry } from '../documents/unit-links-docx.ts';
import { vi, viLinksDoc } from '../messages/vi.ts';

/** A printable QR code (PNG, 600 px, medium error correction: survives a little dirt on a printed poster). */
export async function qrPng(text: string): Promise<Buffer> {
  // Loaded on the first /link, not at start.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(text, { type: 'png', width: 600, margin: 2, errorCorrectionLevel: 'M' });
}

/**
 * A QR code for the printed document: whole pixels per module (8), about 300 px — sharp at 34 mm, and quick to draw
 * (a fixed width makes the encoder resample: 40 of those took seconds).
 */
async function qrPrintPng(text: string): Promise<Buffer> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(text, { type: 'png', scale: 8, margin: 2, errorCorrectionLevel: 'M' });
}

const byName = (units: readonly Unit[], kind: Unit['kind']) => sortUnits(units.filter((u) => u.kind === kind));

/**
 * `/link <code>`: one unit's invite link and its QR image. `/link` alone: every unit in one .docx (one message, not
 * one per unit: 39 photos meet Telegram's limits). Links come from the channel (a t.me deep link on Telegram, the code
 * to type on Zalo), and the document lists every channel the bot is on.
 */
export async function unitLinks(ctx: PresentationContext, args: string, event: InboundEvent): Promise<OutMessage[]> {
  const code = args.trim().split(/\s+/u)[0] ?? '';
  if (!code) return [await unitLinksDocument(ctx, event)];
  const unit = ctx.units.find((u) => u.code.toLowerCase() === code.toLowerCase());
  if (!unit) return [{ text: vi.linkUnknownUnit(code) }];
  const payload = unitPayload(unit.code);
  const link = event.inviteLink(payload);
  return [
    { text: [vi.linksHeader(1), vi.linkRow(unit.name, unit.code, link)].join('\n') },
    { text: vi.linkCaption(unit.name, link), photo: { filename: `qr-${unit.code}.png`, content: await qrPng((event.inviteQr ?? event.inviteLink)(payload)), mime: 'image/png' } },
  ];
}

/** Every commune (under its parent when the campaign has that level) and agency, as one Word document. */
async function unitLinksDocument(ctx: PresentationContext, event: InboundEvent): Promise<OutMessage> {
  const { telegramUsername, zaloLink } = event.joinAddresses ?? {};
  const zaloOffered = zaloLink !== undefined || event.channel === 'zalo';
  const entry = async (unit: Unit): Promise<UnitLinkEntry> => {
    const payload = unitPayload(unit.code);
    const telegram = telegramUsername ? `https://t.me/${telegramUsername}?start=${payload}` : undefined;
    // A Telegram link carries the unit; a Zalo QR code can only open the bot (the code is typed after).
    const qr = await qrPrintPng(telegram ?? (event.inviteQr ?? event.inviteLink)(payload));
    return { unit, ...(telegram ? { telegram } : {}), ...(zaloOffered ? { zaloTyped: `/start ${payload}` } : {}), qr, typed: `/start ${payload}` };
  };
  const communes = byName(ctx.units, 'commune');
  const parents = byName(ctx.units, 'parent');
  const groups = parents.length
    ? [...parents.map((p) => ({ parent: p, units: communes.filter((c) => c.parent === p.code) })), { units: communes.filter((c) => !parents.some((p) => p.code === c.parent)) }]
    : [{ units: communes }];
  const now = ctx.now();
  const tz = ctx.campaign.timezone;
  const { buildUnitLinksDocx } = await import('../documents/unit-links-docx.ts'); // docx is loaded on the first /link
  const agencies = byName(ctx.units, 'agency');
  const content = await buildUnitLinksDocx({
    title: ctx.campaign.title,
    labels: ctx.campaign.labels,
    madeAt: formatDateTime(now, tz),
    telegram: telegramUsername !== undefined,
    zalo: { offered: zaloOffered, ...(zaloLink ? { link: zaloLink, qr: await qrPrintPng(zaloLink) } : {}) },
    communes: await Promise.all(groups.map(async (g) => ({ ...('parent' in g ? { parent: g.parent } : {}), entries: await Promise.all(g.units.map(entry)) }))),
    agencies: await Promise.all(agencies.map(entry)),
  });
  return {
    text: viLinksDoc.caption(communes.length + agencies.length, formatDateTime(now, tz)),
    document: { filename: viLinksDoc.fileName(ctx.campaign.id, localDayKey(now, tz)), content, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  };
}
