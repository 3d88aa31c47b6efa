/**
 * Validation of one imported table (a workbook sheet or a CSV topic) into raw questions. Readers turn cells into
 * text or a refusal; this module maps headers to columns and checks every row, naming sheet, row and column.
 */
import { questionSchema, type RawQuestion } from './questions.ts';
import { COLUMNS, KEPT_WHEN_ABSENT, OPTION_KEYS, TOPIC_COLUMN, columnOf, parseDifficulty, type Column, type ColumnKey } from './sheet-columns.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.import;

/** One cell as a reader saw it: its text, or why it cannot be used (formula, date…). */
export interface Cell {
  col: number;
  text: string;
  refused?: string;
}

export interface TableRow {
  row: number;
  cells: Cell[];
}

/** A sheet (or CSV file) read into text: header cells and data rows, numbered as the official sees them. */
export interface Table {
  /** "Trang tính qd749" or "bank.csv" — the start of every message. */
  where: string;
  header: Cell[];
  rows: TableRow[];
}

/** A question row that passed the row checks; `id` is empty for a new question. */
export interface ImportedRow {
  topic?: string;
  question: RawQuestion;
  at: string;
  /** Optional columns the table does not have: the bank's values are kept for them. */
  absent?: (typeof KEPT_WHEN_ABSENT)[number][];
}

/** "A", …, "Z", "AA", … — the column letter of a 1-based index. */
export function columnLetter(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

export const cellAt = (where: string, row: number, col: number, column?: Column) =>
  T.cell(where, row, columnLetter(col), column?.header);

/** Header text → column position; problems for missing, repeated or refused header cells. */
export function mapHeader(table: Table, withTopic: boolean): { columns: Map<ColumnKey, number>; ignored: string[]; problems: string[] } {
  const known = withTopic ? [TOPIC_COLUMN, ...COLUMNS] : COLUMNS;
  const columns = new Map<ColumnKey, number>();
  const ignored: string[] = [];
  const problems: string[] = [];
  for (const cell of table.header) {
    if (cell.refused) problems.push(T.refusedHeader(cellAt(table.where, 1, cell.col), cell.refused));
    if (!cell.text) continue;
    const column = columnOf(cell.text, known);
    if (!column) ignored.push(T.ignoredColumn(table.where, columnLetter(cell.col), cell.text));
    else if (columns.has(column.key)) problems.push(T.repeatedColumn(cellAt(table.where, 1, cell.col), column.header, columnLetter(columns.get(column.key)!)));
    else columns.set(column.key, cell.col);
  }
  const missing = known.filter((c) => c.required && !columns.has(c.key)).map((c) => `"${c.header}"`);
  if (missing.length) problems.push(T.missingColumns(table.where, missing.join(', ')));
  return { columns, ignored, problems };
}

/** The correct letter: "A", "b", "C." — or a refusal for "A, C", "AC", "" or a letter outside A–F. */
function parseCorrect(raw: string): { letter?: string; problem?: string } {
  const letters = raw.toUpperCase().replace(/ĐÁP ÁN|DAP AN|VÀ|VA|AND/gu, ' ').match(/[A-Z]/gu) ?? [];
  if (letters.length === 0) return { problem: T.noCorrect };
  if (letters.length > 1) return { problem: T.severalCorrect(letters.length, letters.join(', ')) };
  if (!OPTION_KEYS.includes(letters[0] as (typeof OPTION_KEYS)[number])) return { problem: T.notALetter(raw) };
  return { letter: letters[0] };
}

const ZOD_FIELD: Record<string, ColumnKey> = {
  id: 'id',
  difficulty: 'difficulty',
  text: 'text',
  correct: 'correct',
  explanation: 'explanation',
  source: 'source',
  source_url: 'source_url',
  longest_ok: 'longest_ok',
};

/** Checks one row; returns the question or the problems, each naming row and column. */
function readRow(table: Table, row: TableRow, columns: Map<ColumnKey, number>): { imported?: ImportedRow; problems: string[] } {
  const problems: string[] = [];
  const locate = (key: ColumnKey) => cellAt(table.where, row.row, columns.get(key) ?? 0, [TOPIC_COLUMN, ...COLUMNS].find((c) => c.key === key));
  const text = (key: ColumnKey) => {
    const cell = row.cells.find((c) => c.col === columns.get(key));
    if (cell?.refused) problems.push(`${locate(key)}: ${cell.refused}`);
    // Pasted text may be decomposed (NFD) or carry Windows line ends: store what the bank expects.
    return cell?.refused ? '' : (cell?.text ?? '').normalize('NFC').replace(/\r\n?/gu, '\n');
  };
  const options = OPTION_KEYS.map((k) => (columns.has(k) ? text(k) : ''));
  const refused = OPTION_KEYS.map((k) => Boolean(row.cells.find((c) => c.col === columns.get(k))?.refused));
  const count = options.reduce((last, o, i) => (o || refused[i] ? i + 1 : last), 0);
  options.slice(0, count).forEach((o, i) => {
    if (!o && !refused[i]) problems.push(T.optionGap(locate(OPTION_KEYS[i]!), OPTION_KEYS[i]!, OPTION_KEYS[count - 1]!));
  });
  const correct = parseCorrect(text('correct'));
  if (correct.problem) problems.push(`${locate('correct')}: ${correct.problem}`);
  else if (OPTION_KEYS.indexOf(correct.letter as 'A') >= count) problems.push(T.correctEmpty(locate('correct'), correct.letter));
  const difficulty = parseDifficulty(text('difficulty'));
  if (!difficulty) problems.push(T.badDifficulty(locate('difficulty'), text('difficulty')));
  const id = text('id');
  const optional = (key: (typeof KEPT_WHEN_ABSENT)[number]) => (text(key) ? { [key]: text(key) } : {});
  const candidate = {
    id: id || 'new-000',
    difficulty: difficulty ?? 'easy',
    text: text('text'),
    options: options.slice(0, count),
    correct: correct.letter ?? 'A',
    explanation: text('explanation'),
    source: text('source'),
    ...optional('source_url'),
    ...optional('longest_ok'),
  };
  const parsed = questionSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, index] = issue.path;
      const key = field === 'options' ? (typeof index === 'number' ? OPTION_KEYS[index]! : 'A') : ZOD_FIELD[String(field)];
      // Reported above: the letter, the level, empty or refused options.
      if (key === 'correct' || key === 'difficulty' || (field === 'options' && typeof index === 'number' && !options[index])) continue;
      problems.push(`${key ? locate(key) : cellAt(table.where, row.row, 1)}: ${issue.message}`);
    }
  }
  if (problems.length || !parsed.success) return { problems };
  const topic = columns.has('topic') ? text('topic') : undefined;
  const absent = KEPT_WHEN_ABSENT.filter((k) => !columns.has(k));
  const imported = { ...(topic !== undefined ? { topic } : {}), question: { ...parsed.data, id }, at: T.row(table.where, row.row) };
  return { imported: absent.length ? { ...imported, absent } : imported, problems };
}

/** Every non-empty row of a table as a question, or every problem found (all rows are checked, not just the first). */
export function readTable(table: Table, withTopic = false): { rows: ImportedRow[]; ignored: string[]; problems: string[] } {
  const { columns, ignored, problems } = mapHeader(table, withTopic);
  if (problems.length) return { rows: [], ignored, problems };
  const rows: ImportedRow[] = [];
  for (const row of table.rows) {
    if (row.cells.every((c) => !c.text && !c.refused)) continue;
    const result = readRow(table, row, columns);
    problems.push(...result.problems);
    if (result.imported) rows.push(result.imported);
  }
  return { rows, ignored, problems };
}
