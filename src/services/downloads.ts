/** A file kept for a download link (the shape of a chat attachment). */
export interface StoredFile {
  filename: string;
  content: Buffer;
  mime: string;
  caption?: string;
}
import type { ServiceDeps } from './deps.ts';
import { deleteExpiredDownloads, findDownload, insertDownload } from '../storage/repos/downloads.ts';

/** Files behind signed download links, in the database: whichever bot process a link reaches serves it. */
export interface DownloadsService {
  /** Keeps the file under `id` until `expiresAt`, pruning files already past their time. */
  keep(id: string, attachment: StoredFile, expiresAt: number): Promise<void>;
  /** The file under `id`, or undefined when unknown or expired. */
  find(id: string): Promise<StoredFile | undefined>;
}

export function createDownloadsService(deps: ServiceDeps): DownloadsService {
  return {
    async keep(id, attachment, expiresAt) {
      const now = deps.now();
      await deleteExpiredDownloads(deps.db, now);
      await insertDownload(deps.db, id, { filename: attachment.filename, mime: attachment.mime, content: attachment.content }, expiresAt, now);
    },
    async find(id) {
      const file = await findDownload(deps.db, id, deps.now());
      return file && { filename: file.filename, mime: file.mime, content: Buffer.from(file.content) };
    },
  };
}
