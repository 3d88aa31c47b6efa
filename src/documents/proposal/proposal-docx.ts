/**
 * The reward proposal as a Vietnamese administrative document (thể thức văn bản, Nghị định 30/2020/NĐ-CP):
 * issuing body and national motto, place and date, title, legal basis, tables, notes and signature block.
 * A4 portrait, Times New Roman 13 pt, margins 20/15/20/30 mm.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import { formatDateTime, localDayKey } from '../../core/time.ts';
import { viProposal as T } from '../../messages/vi.ts';
import type { AwardProposal } from '../../services/awards.ts';
import { basisLines, collectiveRows, individualRows, noteLines, type ProposalRow } from './proposal-rows.ts';

const FONT = 'Times New Roman';
const PT = 2; // docx sizes are half-points
const MM = 56.7; // twips per millimetre
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** STT, name, unit, achievements, reward (twips; they add up to the text width). */
const COLUMNS = [750, 2000, 1850, 3104, 1650];
/** The letterhead reaches 10 mm into the left margin, as offices lay it out, so both blocks fit on one line each. */
const LETTERHEAD = { indent: 567, left: 4350 };
/** Line spacing inside tables (240 = single): a little more than single keeps stacked diacritics apart. */
const TABLE_LINE = 264;

type Run = Omit<IRunOptions, 'text'>;

type ParaOptions = { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; run?: Run; before?: number; after?: number; indent?: number; line?: number };

function para(text: string, opts: ParaOptions = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: opts.line ?? 276 },
    ...(opts.indent ? { indent: { firstLine: opts.indent } } : {}),
    children: [new TextRun({ text, ...opts.run })],
  });
}

const centred = (text: string, run: Run = {}, line?: number) => para(text, { align: AlignmentType.CENTER, run, ...(line ? { line } : {}) });
/** Table text: single line spacing, left aligned. */
const cellText = (text: string) => para(text, { align: AlignmentType.LEFT, line: TABLE_LINE });

/** Nghị định 30: the day is written with two digits below 10, the month with two digits for January and February. */
export function placeDateLine(place: string, at: number, timeZone: string): string {
  const [year, month, day] = localDayKey(at, timeZone).split('-') as [string, string, string];
  const m = Number(month);
  return T.placeDate(place, day, m < 3 ? month : String(m), year);
}

function cell(children: Paragraph[], width: number, opts: { header?: boolean; margin?: number } = {}): TableCell {
  const side = opts.margin ?? 70;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: opts.header ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { top: 40, bottom: 40, left: side, right: side },
    children,
  });
}

/** Issuing body (left) and national motto with place and date (right), in a borderless two-column table. */
function letterhead(p: AwardProposal): Table {
  const s = p.settings;
  // A short rule under the issuing body: a bottom border on an indented empty paragraph.
  const rule = (indent: number) =>
    new Paragraph({
      indent: { left: indent, right: indent },
      // A 4 pt line box, so the rule sits just under the name rather than a blank line lower.
      spacing: { before: 0, after: 0, line: 80, lineRule: LineRuleType.EXACT },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      children: [],
    });
  const left = [centred(s.superiorBody, { size: 12 * PT }), centred(s.issuingBody, { bold: true, size: 12 * PT }), rule(1300)];
  const right = [
    centred(T.motto1, { bold: true, size: 12 * PT }),
    centred(T.motto2, { bold: true, size: 13 * PT, underline: {} }),
    new Paragraph({ spacing: { before: 240 }, alignment: AlignmentType.CENTER, children: [new TextRun({ text: placeDateLine(s.place, p.generatedAt, p.campaign.timezone), italics: true })] }),
  ];
  const width = TEXT_WIDTH + LETTERHEAD.indent;
  return new Table({
    width: { size: width, type: WidthType.DXA },
    indent: { size: -LETTERHEAD.indent, type: WidthType.DXA },
    columnWidths: [LETTERHEAD.left, width - LETTERHEAD.left],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, LETTERHEAD.left, { margin: 0 }), cell(right, width - LETTERHEAD.left, { margin: 0 })] })],
  });
}

function rowsTable(rows: ProposalRow[], nameHeader: string): Table {
  const H = T.headers;
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [H.no, nameHeader, H.unit, H.achievements, H.reward].map((h, i) => cell([centred(h, { bold: true }, TABLE_LINE)], COLUMNS[i]!, { header: true })),
  });
  const body = rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([centred(String(r.no), {}, TABLE_LINE)], COLUMNS[0]!),
          cell([cellText(r.name)], COLUMNS[1]!),
          cell([cellText(r.unit)], COLUMNS[2]!),
          cell(r.achievements.map((a) => cellText(`- ${a}`)), COLUMNS[3]!),
          cell([cellText(r.reward)], COLUMNS[4]!),
        ],
      }),
  );
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: COLUMNS, rows: [headerRow, ...body] });
}

function section(heading: string, rows: ProposalRow[], nameHeader: string): (Paragraph | Table)[] {
  const title = para(heading, { run: { bold: true }, before: 160, after: 80 });
  return rows.length ? [title, rowsTable(rows, nameHeader)] : [title, para(T.none, { run: { italics: true } })];
}

function signature(p: AwardProposal): Table {
  const s = p.settings;
  const small = 11 * PT;
  const left = [para(T.recipients, { align: AlignmentType.LEFT, run: { bold: true, italics: true, size: 12 * PT } }), ...T.recipientList.map((l) => para(l, { align: AlignmentType.LEFT, run: { size: small } }))];
  const right = [
    centred(s.signerTitle, { bold: true }),
    centred(T.signHint, { italics: true, size: small }),
    ...Array.from({ length: 4 }, () => centred('')),
    centred(s.signerName, { bold: true }),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [4200, TEXT_WIDTH - 4200],
    borders: TableBorders.NONE,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, 4200), cell(right, TEXT_WIDTH - 4200)] })],
  });
}

/** The proposal document (.docx) as a buffer. */
export async function buildProposalDocx(p: AwardProposal): Promise<Buffer> {
  const tz = p.campaign.timezone;
  const children: (Paragraph | Table)[] = [letterhead(p)];
  if (p.draft) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 240 },
        children: [new TextRun({ text: T.draft(formatDateTime(p.generatedAt, tz)), bold: true, color: 'C00000' })],
      }),
    );
  }
  children.push(
    para(T.title, { align: AlignmentType.CENTER, run: { bold: true, size: 14 * PT }, before: 360 }),
    para(T.subtitle(p.campaign.title), { align: AlignmentType.CENTER, run: { bold: true }, after: 240 }),
    ...basisLines(p).map((l) => para(l, { run: { italics: true }, indent: 567, after: 60 })),
    para(T.intro(p.settings.reward), { indent: 567, before: 120 }),
    ...section(T.collectivesHeading, collectiveRows(p), T.headers.collective),
    ...section(T.individualsHeading, individualRows(p), T.headers.person),
    para(T.notesHeading, { run: { bold: true, italics: true }, before: 200 }),
    ...noteLines(p).map((l) => para(`- ${l}`, { run: { italics: true, size: 12 * PT } })),
    para('', { after: 200 }),
    signature(p),
  );
  const doc = new Document({
    creator: p.campaign.organiser,
    title: T.title,
    styles: { default: { document: { run: { font: FONT, size: 13 * PT } } } },
    sections: [
      {
        // Page numbers from the second page on, centred at the top (Nghị định 30).
        properties: { page: { size: PAGE, margin: MARGIN }, titlePage: true },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
