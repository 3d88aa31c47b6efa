import type { DB } from '../db.ts';

export interface StoredDownload {
  filename: string;
  mime: string;
  content: Buffer;
}

export async function insertDownload(db: DB, id: string, file: StoredDownload, expiresAt: number, now: number): Promise<void> {
  await db.insertInto('downloads').values({ id, ...file, expires_at: expiresAt, created_at: now }).execute();
}

/** The file behind a link, while it has not expired. */
export async function findDownload(db: DB, id: string, now: number): Promise<StoredDownload | undefined> {
  return db.selectFrom('downloads').select(['filename', 'mime', 'content']).where('id', '=', id).where('expires_at', '>=', now).executeTakeFirst();
}

export async function deleteExpiredDownloads(db: DB, now: number): Promise<number> {
  const result = await db.deleteFrom('downloads').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
