import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Table } from './import-table.ts';
import { ImportError, IMPORT_LIMITS, checkSize } from './xlsx-import.ts';
import { viOperator } from '../messages/operator.ts';

const T = viOperator.import;

/** Text of a CSV file: UTF-8 only (Excel: "CSV UTF-8"; LibreOffice: character set Unicode UTF-8). */
function decode(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError([T.csvNotUtf8(file)]);
  }
}

/**
 * A CSV file as one table. Comma, semicolon (Excel in Vietnamese locale) and tab separators are all accepted.
 * Row numbers are the lines the official sees in a spreadsheet (header = row 1).
 */
export function readCsv(file: string, bytes: Buffer): Table {
  checkSize(file, bytes.length);
  let records: string[][];
  try {
    records = parse(decode(file, bytes), { bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    throw new ImportError([T.unreadableCsv(file, (err as Error).message)]);
  }
  if (records.length > IMPORT_LIMITS.rows + 1) throw new ImportError([T.csvTooLong(file, records.length, IMPORT_LIMITS.rows)]);
  const toCells = (record: string[]) => record.map((text, i) => ({ col: i + 1, text }));
  const [head, ...rest] = records;
  return {
    where: basename(file),
    header: head ? toCells(head) : [],
    rows: rest.map((r, i) => ({ row: i + 2, cells: toCells(r) })),
  };
}

/** The topic a CSV without a "Chủ đề" column is for: its file name (qd749.csv → qd749). */
export const csvTopicFromName = (file: string) => basename(file, extname(file));
