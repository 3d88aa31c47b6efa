/** Pure rules of the web quiz's open door (issue 23): the rate limit's client key and the personal re-entry code. */

/**
 * The key a rate limit counts an address under: an IPv4 address as it is (also when written IPv4-mapped,
 * ::ffff:1.2.3.4), an IPv6 address by its /64 — one household or one phone's carrier allocation, which can change
 * the rest at will.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/iu.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const bare = ip.split('%')[0]!.toLowerCase();
  const [head = '', tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = bare.includes('::') && tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g.replace(/^0+/u, '') || '0'))
    .join(':')}::/64`;
}

/** 32 letters and digits nobody mixes up when reading or typing: no 0/O, no 1/I. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** A code from (at least 8) random or keyed bytes: 5 bits of each byte, so every letter is equally likely. */
export function codeFromBytes(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, CODE_LENGTH), (b) => CODE_ALPHABET[b & 31]!).join('');
}

/** The code as shown: two groups of four ("ABCD-EFGH"). */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A typed code: case, spaces and dashes ignored; O read as 0 is not in the alphabet, so it is refused (undefined). */
export function parseCode(raw: string): string | undefined {
  const code = raw.toUpperCase().replace(/[\s.-]/gu, '');
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : undefined;
}

/** Whether `typed` is the last four digits of `phone` (spaces ignored). */
export function lastFourMatch(phone: string, typed: string): boolean {
  const digits = typed.replace(/\s/gu, '');
  return /^\d{4}$/u.test(digits) && phone.endsWith(digits);
}
