import { describe, expect, it } from 'vitest';
import { clientKey, codeFromBytes, CODE_ALPHABET, formatCode, lastFourMatch, parseCode } from '../../src/core/web-door.ts';

describe('the open door\'s pure rules', () => {
  it('should count IPv4 addresses one by one and IPv6 addresses by their /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('should make 8-character codes of an alphabet without 0, O, 1 or I, and read them back however typed', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[01OI]/u);
    const code = codeFromBytes(Uint8Array.from([0, 1, 2, 3, 31, 32, 200, 255]));
    expect(code).toBe('2345ZZ2Z'.slice(0, 4) + 'Z' + '2' + CODE_ALPHABET[200 & 31] + 'Z');
    expect(formatCode('K7QM3XPA')).toBe('K7QM-3XPA');
    expect(parseCode(' k7qm-3xpa ')).toBe('K7QM3XPA');
    expect(parseCode('K7QM 3XPA')).toBe('K7QM3XPA');
    expect(parseCode('K7QM-3XP')).toBeUndefined();
    expect(parseCode('K7QM-3XP0')).toBeUndefined();
    expect(parseCode('K7QM-3XPO')).toBeUndefined();
  });

  it('should confirm a deletion only by the phone\'s last four digits', () => {
    expect(lastFourMatch('0912345678', '5678')).toBe(true);
    expect(lastFourMatch('0912345678', ' 5678 ')).toBe(true);
    expect(lastFourMatch('0912345678', '678')).toBe(false);
    expect(lastFourMatch('0912345678', '1234')).toBe(false);
  });
});
