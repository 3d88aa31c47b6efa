/** The columns of the officials' workbook (and CSV), shared by export and import. */
import { foldText } from '../core/input.ts';
import type { Difficulty } from '../core/types.ts';

export type ColumnKey = 'topic' | 'id' | 'text' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'correct' | 'explanation' | 'source' | 'difficulty' | 'source_url' | 'longest_ok';

/** Optional columns: a sheet without one keeps each question's value from the bank (an older template loses nothing). */
export const KEPT_WHEN_ABSENT = ['source_url', 'longest_ok'] as const;

export interface Column {
  key: ColumnKey;
  header: string;
  /** Other headers accepted on import (compared folded: no case, no diacritics). */
  aliases: string[];
  width: number;
  required: boolean;
}

export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** Column order of the exported sheets. The topic column exists only in a one-file CSV (a sheet is one topic). */
export const COLUMNS: Column[] = [
  { key: 'id', header: 'Mã câu hỏi', aliases: ['id', 'ma', 'ma cau'], width: 12, required: true },
  { key: 'text', header: 'Câu hỏi', aliases: ['question', 'noi dung cau hoi'], width: 48, required: true },
  ...OPTION_KEYS.map((k, i) => ({
    key: k,
    header: `Phương án ${k}`,
    aliases: [`option ${k}`, `dap an ${k}`, k],
    width: 26,
    required: i < 2,
  })),
  { key: 'correct', header: 'Đáp án đúng', aliases: ['correct', 'dap an', 'correct letter'], width: 10, required: true },
  { key: 'explanation', header: 'Giải thích', aliases: ['explanation'], width: 44, required: true },
  { key: 'source', header: 'Nguồn', aliases: ['source', 'can cu', 'nguon trich dan'], width: 28, required: true },
  { key: 'difficulty', header: 'Mức độ', aliases: ['difficulty', 'do kho', 'muc do kho'], width: 12, required: true },
  // After the columns of the first template, so their letters stay where officials know them.
  { key: 'source_url', header: 'Địa chỉ nguồn (URL)', aliases: ['source_url', 'source url', 'url', 'link nguon', 'duong link nguon', 'dia chi nguon'], width: 40, required: false },
  { key: 'longest_ok', header: 'Lý do để đáp án dài nhất', aliases: ['longest_ok', 'longest ok'], width: 24, required: false },
];

export const TOPIC_COLUMN: Column = { key: 'topic', header: 'Chủ đề', aliases: ['topic', 'ma chu de'], width: 10, required: false };

/** The first sheet of an exported workbook: instructions, skipped on import. */
export const GUIDE_SHEET = 'Hướng dẫn';

export const DIFFICULTY_LABELS: Record<Difficulty, string> = { easy: 'Dễ', medium: 'Trung bình', hard: 'Khó' };

/** "Dễ", "de", "easy", "TRUNG BÌNH"… → the difficulty; undefined when not one of them. */
export function parseDifficulty(raw: string): Difficulty | undefined {
  const key = foldText(raw);
  for (const [d, label] of Object.entries(DIFFICULTY_LABELS)) if (key === d || key === foldText(label)) return d as Difficulty;
  return undefined;
}

/** The column a header cell names, if any. */
export function columnOf(header: string, columns: readonly Column[]): Column | undefined {
  const key = foldText(header).replace(/[:*]+$/u, '').trim();
  return columns.find((c) => foldText(c.header) === key || c.aliases.includes(key));
}
