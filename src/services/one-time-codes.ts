import { createHash, randomBytes } from 'node:crypto';

/**
 * The one-time codes people type into a chat (an official's /nhanquyen, a web person's /noi): 8 characters of 32 — no
 * 0/O, no 1/I, read aloud and typed on a phone —, shown as two groups of four, stored only as a SHA-256 of the
 * normalised code.
 */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

/** Upper case, separators and spaces dropped: "abcd-efgh" and "ABCD EFGH" are the same code. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/gu, '');
}

export const hashCode = (code: string) => createHash('sha256').update(normaliseCode(code)).digest('hex');

/** A code from 8 bytes (random, or a keyed hash when the code must be shown again): "ABCD-EFGH". */
export function codeFrom(bytes: Uint8Array = randomBytes(CODE_LENGTH)): string {
  const chars = [...bytes.subarray(0, CODE_LENGTH)].map((b) => CODE_ALPHABET[b & 31]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}
