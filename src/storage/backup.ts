import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { sqlitePath } from './db.ts';

/** What a finished backup holds: rows per table, read back from the backup file itself. */
export interface BackupSummary {
  file: string;
  tables: { table: string; rows: number }[];
}

// All pages in one step: one read transaction, which in WAL mode never blocks the bot's writes. In small steps,
// any write of the bot between two steps would restart the copy from the first page.
const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of a live SQLite database (SQLite's online backup API through better-sqlite3), written aside and
 * renamed into place once checked, so `destination` is never a half-written file.
 */
export async function backupSqlite(databaseUrl: string, destination: string): Promise<BackupSummary> {
  const source = sqlitePath(databaseUrl);
  const target = resolve(destination);
  if (target === source) throw new Error('Tệp sao lưu phải khác tệp cơ sở dữ liệu / the backup must be another file');
  if (!existsSync(source)) throw new Error(`Không thấy tệp SQLite / no such SQLite file: ${source}`);
  const draft = `${target}.partial`;
  mkdirSync(dirname(target), { recursive: true });
  rmSync(draft, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(draft, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const summary = checkBackup(draft);
  renameSync(draft, target);
  return { ...summary, file: target };
}

/** Opens the copy read-only, runs SQLite's integrity check and counts the rows of every table. */
function checkBackup(file: string): BackupSummary {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`Bản sao lưu hỏng / the backup failed its integrity check: ${String(integrity)}`);
    const names = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
    return { file, tables: names.map((table) => ({ table, rows: db.prepare(`select count(*) from "${table}"`).pluck().get() as number })) };
  } finally {
    db.close();
  }
}
