/**
 * The /link document: every commune and agency (communes under their parent unit when the campaign has that level)
 * with its code, Telegram link, the code to type on Zalo and a QR code to print. A4 portrait, Times New Roman.
 */
import { AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, type IRunOptions } from 'docx';
import type { LevelLabels, Unit } from '../core/types.ts';
import { viLinksDoc as T } from '../messages/vi.ts';

/** One unit's ways to join, worked out by the caller (links depend on the channels that run). */
export interface UnitLinkEntry {
  unit: Unit;
  /** The t.me deep link, when the bot's Telegram username is known. */
  telegram?: string;
  /** What to type to the bot on Zalo ("/start u-…"), when Zalo is offered. */
  zaloTyped?: string;
  /** Where the QR code leads, and the code as a PNG. */
  qr: Buffer;
  /** Shown when neither Telegram nor Zalo is known (the local chat): what to type to the bot. */
  typed: string;
}

export interface UnitLinksDocument {
  title: string;
  labels: LevelLabels;
  madeAt: string;
  /** The bot's Zalo address (ZALO_BOT_LINK); `zalo` says whether Zalo is offered at all. */
  zalo: { offered: boolean; link?: string; qr?: Buffer };
  telegram: boolean;
  communes: { parent?: Unit; entries: UnitLinkEntry[] }[];
  agencies: UnitLinkEntry[];
}

const FONT = 'Times New Roman';
const PT = 2; // half-points
const MM = 56.7; // twips per millimetre
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(15 * MM), bottom: Math.round(15 * MM), left: Math.round(20 * MM), right: Math.round(15 * MM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** STT, unit and links, QR (twips). */
const QR_COLUMN = Math.round(40 * MM);
const COLUMNS = [800, TEXT_WIDTH - 800 - QR_COLUMN, QR_COLUMN];
/** A QR code 34 mm wide: scanned easily from a printed sheet (docx images are sized in 96-dpi pixels). */
const QR_PX = Math.round((34 / 25.4) * 96);

type Run = Omit<IRunOptions, 'text'>;

function para(runs: (string | [string, Run])[], opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; size?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.LEFT,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: 264 },
    children: runs.map((r) => (typeof r === 'string' ? new TextRun({ text: r }) : new TextRun({ text: r[0], ...r[1] }))),
  });
}

const image = (png: Buffer, alt: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width: QR_PX, height: QR_PX }, altText: { name: alt, title: alt, description: alt } })] });

const cell = (children: Paragraph[], width: number, opts: { align?: 'center'; shade?: boolean } = {}) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 80, bottom: 80, left: 100, right: 100 },
    ...(opts.shade ? { shading: { fill: 'E7EEF7' } } : {}),
    children,
  });

function headerRow(): TableRow {
  const h = (text: string, width: number) => cell([para([[text, { bold: true }]], { align: AlignmentType.CENTER })], width, { shade: true });
  return new TableRow({ tableHeader: true, cantSplit: true, children: [h(T.headers.no, COLUMNS[0]!), h(T.headers.unit, COLUMNS[1]!), h(T.headers.qr, COLUMNS[2]!)] });
}

/** A unit's row: name, code and the ways to join on the left, its QR code on the right; never split over two pages. */
function unitRow(n: number, e: UnitLinkEntry, zaloLink: string | undefined): TableRow {
  const mono: Run = { font: 'Courier New', size: 10.5 * PT };
  const lines = [para([[e.unit.name, { bold: true }]], { after: 40 }), para([T.code(e.unit.code)], { after: 40 })];
  if (e.telegram) lines.push(para([T.telegram, [e.telegram, mono]], { after: 40 }));
  // The code to type on its own line: never broken at its hyphen.
  if (e.zaloTyped) lines.push(para([T.zalo(zaloLink)]), para([[e.zaloTyped, { ...mono, bold: true, size: 12 * PT }]]));
  if (!e.telegram && !e.zaloTyped) lines.push(para([T.typed, [e.typed, { ...mono, bold: true }]]));
  return new TableRow({
    cantSplit: true,
    children: [cell([para([String(n)], { align: AlignmentType.CENTER })], COLUMNS[0]!), cell(lines, COLUMNS[1]!), cell([image(e.qr, T.qrAlt(e.unit.name))], COLUMNS[2]!)],
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const table = (rows: TableRow[]) =>
  new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows,
  });

const heading = (text: string) => para([[text, { bold: true, size: 13 * PT }]], { before: 240, after: 120 });
const subheading = (text: string) => para([[text, { bold: true, italics: true }]], { before: 160, after: 80 });

/** The first lines: title, campaign, how each channel is used (with the one Zalo QR code, the same for every unit). */
function opening(d: UnitLinksDocument, example: string): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    para([[T.title, { bold: true, size: 14 * PT }]], { align: AlignmentType.CENTER }),
    para([[d.title, { italics: true }]], { align: AlignmentType.CENTER, before: 60 }),
    para([[T.madeAt(d.madeAt), { italics: true, size: 11 * PT }]], { align: AlignmentType.CENTER, before: 40, after: 200 }),
    para([T.intro], { align: AlignmentType.JUSTIFIED, after: 80 }),
  ];
  if (d.telegram) out.push(para([T.telegramHow], { align: AlignmentType.JUSTIFIED, after: 80 }));
  if (!d.zalo.offered) return out;
  const how = para([T.zaloHow(d.zalo.link, example)]);
  if (!d.zalo.qr) return [...out, how];
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const qrWidth = COLUMNS[2]!;
  out.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_WIDTH - qrWidth, qrWidth],
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows: [new TableRow({ cantSplit: true, children: [cell([how], TEXT_WIDTH - qrWidth), cell([image(d.zalo.qr, T.zaloQrLabel), para([[T.zaloQrLabel, { size: 10 * PT }]], { align: AlignmentType.CENTER })], qrWidth)] })],
    }),
  );
  return out;
}

export async function buildUnitLinksDocx(d: UnitLinksDocument): Promise<Buffer> {
  const first = d.communes[0]?.entries[0] ?? d.agencies[0];
  const body: (Paragraph | Table)[] = opening(d, first?.zaloTyped ?? first?.typed ?? '/start');
  const sections = T.sections(d.labels);
  let n = 0;
  const rowsOf = (entries: UnitLinkEntry[]) => [headerRow(), ...entries.map((e) => unitRow(++n, e, d.zalo.link))];
  if (d.communes.some((g) => g.entries.length)) {
    body.push(heading(sections.communes));
    for (const group of d.communes) {
      if (!group.entries.length) continue;
      if (d.communes.length > 1 || group.parent) body.push(subheading(group.parent?.name ?? T.noParent(d.labels)));
      body.push(table(rowsOf(group.entries)));
    }
  }
  if (d.agencies.length) body.push(heading(sections.agencies), table(rowsOf(d.agencies)));
  const doc = new Document({
    creator: d.title,
    title: T.title,
    styles: { default: { document: { run: { font: FONT, size: 12 * PT } } } },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children: body }],
  });
  return Packer.toBuffer(doc);
}
