import { sortUnits } from '../bank/units.ts';
import type { Unit } from '../core/types.ts';
import { unitPayload } from '../core/invites.ts';
import type { PresentationContext } from '../contract/context.ts';
import type { InboundEvent, OutMessage } from '../contract/messages.ts';
import { vi } from '../messages/vi.ts';

/** A printable QR code (PNG, 600 px, medium error correction: survives a little dirt on a printed poster). */
export async function qrPng(text: string): Promise<Buffer> {
  // Loaded on the first /link, not at start.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(text, { type: 'png', width: 600, margin: 2, errorCorrectionLevel: 'M' });
}

/** Communes first, then agencies, each in Vietnamese order. */
function orderedUnits(units: readonly Unit[]): Unit[] {
  return [...sortUnits(units.filter((u) => u.kind === 'commune')), ...sortUnits(units.filter((u) => u.kind === 'agency'))];
}

/**
 * `/link`: every unit's invite link as one list, then a QR image per unit; `/link <code>`: one unit. The link comes
 * from the channel (a t.me deep link on Telegram) so the same command works wherever it is asked.
 */
export async function unitLinks(ctx: PresentationContext, args: string, event: InboundEvent): Promise<OutMessage[]> {
  const code = args.trim().split(/\s+/u)[0] ?? '';
  const units = code ? ctx.units.filter((u) => u.code.toLowerCase() === code.toLowerCase()) : orderedUnits(ctx.units);
  if (units.length === 0) return [{ text: vi.linkUnknownUnit(code) }];
  const links = units.map((u) => ({ unit: u, link: event.inviteLink(unitPayload(u.code)), qr: (event.inviteQr ?? event.inviteLink)(unitPayload(u.code)) }));
  const list: OutMessage = { text: [vi.linksHeader(units.length), ...links.map((l) => vi.linkRow(l.unit.name, l.unit.code, l.link))].join('\n') };
  const photos = await Promise.all(
    links.map(async ({ unit, link, qr }): Promise<OutMessage> => ({
      text: vi.linkCaption(unit.name, link),
      photo: { filename: `qr-${unit.code}.png`, content: await qrPng(qr), mime: 'image/png' },
    })),
  );
  return [list, ...photos];
}
