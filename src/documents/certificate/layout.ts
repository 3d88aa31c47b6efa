import { viCertificate as T } from '../../messages/certificate.ts';
import type { CertificateText } from './content.ts';
import { fitText, type FitBox } from './fit.ts';
import { textWidth, type FontStyle } from './fonts.ts';
import { qrPath } from './qr.ts';

/**
 * The certificate as positioned shapes, in PDF points on an A4 landscape page (origin top left): the PDF draws them
 * with pdfkit, the PNG as an SVG of the same size. Measuring, wrapping and shrinking happen once, here, with the font
 * files both renderers use, so the two files show the same page.
 */
export type Item =
  /** One line of text; (x, y) is the start of its baseline. */
  | { kind: 'text'; text: string; x: number; y: number; size: number; style: FontStyle; color: string; width: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; stroke: string; lineWidth: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; lineWidth: number }
  | { kind: 'path'; d: string; fill: string; crisp?: boolean };

export type TextItem = Extract<Item, { kind: 'text' }>;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CertificateDrawing {
  width: number;
  height: number;
  items: Item[];
  /** Inside the inner border: nothing is drawn outside it but the border itself. */
  frame: Box;
  verifyQr: Box;
  inviteQr: Box | null;
  /** Where the signer's name goes (blank when the campaign file names no one). */
  signerName: Box;
}

export const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
const { width: W, height: H } = A4_LANDSCAPE;
const COLOR = { frame: '#8b1e1e', gold: '#b8862e', title: '#a31f1f', name: '#1b3a6b', text: '#1a1a1a', muted: '#555555' };
/** Of the size: how far Tinos's ink reaches above the baseline (Ẵ bold: 0.916) and below (g: 0.221), and the line spacing. */
const ASCENT = 0.92;
const DESCENT = 0.23;
const LEADING = 1.24;
const OUTER = 18;
const INNER = 25;
const CENTRE = W / 2;
const QR = 80;
/** Top of the bottom band (QR codes, signature block); the body stays above it. */
const BAND_TOP = 440;

/** The box a text line's ink can take (marks included). */
export function textBox(t: TextItem): Box {
  return { x: t.x, y: t.y - ASCENT * t.size, w: t.width, h: (ASCENT + DESCENT) * t.size };
}

class Page {
  readonly items: Item[] = [];

  line(text: string, style: FontStyle, size: number, color: string, at: { cx?: number; x?: number; y: number }): TextItem {
    const width = textWidth(text, style, size);
    const item: TextItem = { kind: 'text', text, x: at.x ?? (at.cx ?? CENTRE) - width / 2, y: at.y, size, style, color, width };
    this.items.push(item);
    return item;
  }

  /** A fitted block whose first line's top is at `top`; returns the bottom of its last line. */
  block(text: string, style: FontStyle, box: FitBox, color: string, top: number, cx = CENTRE): number {
    const { size, lines } = fitText(text, style, box);
    lines.forEach((l, i) => this.line(l, style, size, color, { cx, y: top + ASCENT * size + i * LEADING * size }));
    return top + (lines.length ? (lines.length - 1) * LEADING * size + (ASCENT + DESCENT) * size : 0);
  }
}

/** Double border, red outside and gold inside, with a small diamond in each inner corner. */
function border(p: Page): Box {
  p.items.push({ kind: 'rect', x: OUTER, y: OUTER, w: W - 2 * OUTER, h: H - 2 * OUTER, stroke: COLOR.frame, lineWidth: 3 });
  p.items.push({ kind: 'rect', x: INNER, y: INNER, w: W - 2 * INNER, h: H - 2 * INNER, stroke: COLOR.gold, lineWidth: 0.9 });
  const d = 5;
  const diamond = (x: number, y: number) => `M${x} ${y - d}L${x + d} ${y}L${x} ${y + d}L${x - d} ${y}z`;
  p.items.push({ kind: 'path', d: [diamond(INNER, INNER), diamond(W - INNER, INNER), diamond(INNER, H - INNER), diamond(W - INNER, H - INNER)].join(''), fill: COLOR.gold });
  const pad = 1;
  return { x: INNER + pad, y: INNER + pad, w: W - 2 * (INNER + pad), h: H - 2 * (INNER + pad) };
}

/** Organiser (left) and national motto (right), each with a short rule under it; returns the header's bottom. */
function header(p: Page, t: CertificateText): number {
  const top = 54;
  const left = { cx: 205, width: 300 };
  const right = { cx: 600, width: 340 };
  const orgBottom = p.block(t.organiser, 'bold', { width: left.width, maxSize: 12.5, maxLines: 2 }, COLOR.text, top, left.cx);
  const orgRule = orgBottom + 5;
  p.items.push({ kind: 'line', x1: left.cx - 35, y1: orgRule, x2: left.cx + 35, y2: orgRule, stroke: COLOR.text, lineWidth: 0.6 });
  const m1 = p.line(T.motto1, 'bold', 12.5, COLOR.text, { cx: right.cx, y: top + ASCENT * 12.5 });
  const m2 = p.line(T.motto2, 'bold', 13.5, COLOR.text, { cx: right.cx, y: m1.y + 17.5 });
  const mottoRule = m2.y + DESCENT * 13.5 + 3;
  p.items.push({ kind: 'line', x1: m2.x, y1: mottoRule, x2: m2.x + m2.width, y2: mottoRule, stroke: COLOR.text, lineWidth: 0.6 });
  return Math.max(orgRule, mottoRule);
}

/** The body's blocks top to bottom, every size and gap times `scale`; returns its height (drawn on a scratch page). */
function body(p: Page, t: CertificateText, top: number, scale: number): number {
  const width = 660;
  const s = (v: number) => v * scale;
  let y = top;
  y = p.block(T.certifies, 'italic', { width, maxSize: s(16), maxLines: 1 }, COLOR.text, y) + s(6);
  y = p.block(t.name, 'bold', { width, maxSize: s(36), maxLines: 2, oneLineDownTo: 0.75 }, COLOR.name, y) + s(10);
  y = p.block(t.unit, 'regular', { width, maxSize: s(17), maxLines: 2 }, COLOR.text, y) + s(5);
  y = p.block(t.contest, 'regular', { width, maxSize: s(17), maxLines: 2 }, COLOR.text, y) + s(5);
  if (t.round) y = p.block(t.round, 'regular', { width, maxSize: s(17), maxLines: 2 }, COLOR.text, y) + s(7);
  y = p.block(t.score, 'bold', { width, maxSize: s(17.5), maxLines: 1 }, COLOR.text, y);
  return y - top;
}

/** A QR code with its two-line caption under it. */
function qr(p: Page, url: string, x: number, caption: readonly string[]): Box {
  const box = { x, y: BAND_TOP - 2, w: QR, h: QR };
  p.items.push({ kind: 'path', d: qrPath(url, box.x, box.y, QR), fill: '#000000', crisp: true });
  caption.forEach((l, i) => p.line(l, 'italic', 8.5, COLOR.text, { cx: x + QR / 2, y: box.y + QR + 16 + i * 10.5 }));
  return box;
}

/** Date, signer's title, room to sign, signer's name; centred on the right. */
function signature(p: Page, t: CertificateText): Box {
  const cx = 640;
  const width = 250;
  const date = p.line(t.date, 'italic', 14, COLOR.text, { cx, y: BAND_TOP + 18 });
  if (t.signerTitle) p.block(t.signerTitle, 'bold', { width, maxSize: 14, maxLines: 2 }, COLOR.text, date.y + 6, cx);
  const nameBaseline = 538;
  const nameBox = { x: cx - width / 2, y: nameBaseline - ASCENT * 15, w: width, h: (ASCENT + DESCENT) * 15 };
  if (t.signerName) p.block(t.signerName, 'bold', { width, maxSize: 15, maxLines: 1 }, COLOR.text, nameBox.y, cx);
  return nameBox;
}

export function layoutCertificate(t: CertificateText, options: { invite: boolean }): CertificateDrawing {
  const p = new Page();
  const frame = border(p);
  const headerBottom = header(p, t);
  const titleBottom = p.block(T.title, 'bold', { width: 700, maxSize: 30, maxLines: 1 }, COLOR.title, headerBottom + 34);
  // The body, as large as fits between the title and the bottom band, a little above the middle of that space.
  const [bandTop, bandBottom] = [titleBottom + 14, BAND_TOP - 10];
  let scale = 1;
  let height = body(new Page(), t, 0, scale);
  while (height > bandBottom - bandTop && scale > 0.3) height = body(new Page(), t, 0, (scale -= 0.04));
  body(p, t, bandTop + Math.max(0, (bandBottom - bandTop - height) * 0.4), scale);

  const verifyQr = qr(p, t.verifyUrl, 62, T.verifyQr);
  const inviteQr = options.invite && t.inviteUrl ? qr(p, t.inviteUrl, 62 + QR + 34, T.inviteQr) : null;
  const verifyAt = fitText(t.verifyAt, 'regular', { width: 330, maxSize: 7.5, maxLines: 1 });
  p.line(verifyAt.lines[0]!, 'regular', verifyAt.size, COLOR.muted, { x: 62, y: H - INNER - 10 });
  const signerName = signature(p, t);
  return { width: W, height: H, items: p.items, frame, verifyQr, inviteQr, signerName };
}
