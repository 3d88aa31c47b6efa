import { describe, expect, it } from 'vitest';
import {
  agencyData,
  answerData,
  commandData,
  communeData,
  confirmCommuneData,
  CONSENT_DATA,
  deleteData,
  DISPLAY_NAME_DATA,
  parseAgencyData,
  parseAnswerData,
  parseCommandData,
  parseCommuneData,
  parseConfirmCommuneData,
  parseDeleteData,
  SKIP_PHONE_DATA,
  SKIP_PREDICTION_DATA,
} from '../../src/contract/callback-data.ts';

/** Telegram refuses callback data over 64 bytes. */
const TELEGRAM_LIMIT = 64;

describe('callback data: what a button sends back', () => {
  it('should read back what it built, for every kind', () => {
    expect(parseCommandData(commandData('bxh xa'))).toBe('bxh xa');
    expect(parseAnswerData(answerData(123, 4, 2))).toEqual({ attemptId: 123, position: 4, shownIndex: 2 });
    expect(parseCommuneData(communeData('T01'))).toBe('T01');
    expect(parseConfirmCommuneData(confirmCommuneData(true))).toBe(true);
    expect(parseConfirmCommuneData(confirmCommuneData(false))).toBe(false);
    expect(parseAgencyData(agencyData('CA'))).toEqual({ code: 'CA' });
    expect(parseAgencyData(agencyData(null))).toEqual({ code: null });
    expect(parseDeleteData(deleteData(true))).toBe(true);
    expect(parseDeleteData(deleteData(false))).toBe(false);
  });

  it('should stay within Telegram\'s 64 bytes at the largest ids an answer may carry', () => {
    const largest = answerData(999_999_999_999, 999, 9);
    expect(Buffer.byteLength(largest)).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    expect(parseAnswerData(largest)).toEqual({ attemptId: 999_999_999_999, position: 999, shownIndex: 9 });
    expect(Buffer.byteLength(communeData('ABCDEFGHIJ12'))).toBeLessThanOrEqual(TELEGRAM_LIMIT);
  });

  it('should refuse malformed answer data: missing parts, letters, too many digits, anything around it', () => {
    for (const data of ['a:1:2', 'a:1:2:', 'a:x:1:1', 'a:1:1:x', 'a:1:2:10', 'a:1:1234:1', 'a:1234567890123:1:1', 'A:1:2:3', ' a:1:2:3', 'a:1:2:3 ', 'a:1:2:3:4', 'a:-1:2:3', 'a:1.5:2:3', '']) {
      expect(parseAnswerData(data), data).toBeUndefined();
    }
  });

  it('should refuse a commune or agency code that is empty, too long or not letters and digits', () => {
    for (const data of ['c:', 'c:T-01', 'c:T 01', 'c:ABCDEFGHIJKLM', 'c:Xã', 'C:T01', 'cT01']) expect(parseCommuneData(data), data).toBeUndefined();
    for (const data of ['g:', 'g:C A', 'g:--', 'g:ABCDEFGHIJKLM', 'G:CA']) expect(parseAgencyData(data), data).toBeUndefined();
    expect(parseCommuneData('c:ABCDEFGHIJ12')).toBe('ABCDEFGHIJ12');
  });

  it('should take only "y" and "n" as a confirmation or a deletion answer', () => {
    for (const data of ['cc:', 'cc:yes', 'cc:Y', 'cc:1']) expect(parseConfirmCommuneData(data), data).toBeUndefined();
    for (const data of ['del:', 'del:yes', 'del:Y', 'del:1']) expect(parseDeleteData(data), data).toBeUndefined();
  });

  it('should give each kind its own data: no parser reads another kind\'s button', () => {
    const built: [string, string][] = [
      ['command', commandData('thi')],
      ['answer', answerData(1, 2, 3)],
      ['commune', communeData('T01')],
      ['confirm', confirmCommuneData(true)],
      ['confirm', confirmCommuneData(false)],
      ['agency', agencyData('CA')],
      ['agency', agencyData(null)],
      ['delete', deleteData(true)],
      ['delete', deleteData(false)],
      ['consent', CONSENT_DATA],
      ['display name', DISPLAY_NAME_DATA],
      ['skip phone', SKIP_PHONE_DATA],
      ['skip prediction', SKIP_PREDICTION_DATA],
    ];
    const parsers: [string, (data: string) => unknown][] = [
      ['command', parseCommandData],
      ['answer', parseAnswerData],
      ['commune', parseCommuneData],
      ['confirm', parseConfirmCommuneData],
      ['agency', parseAgencyData],
      ['delete', parseDeleteData],
    ];
    for (const [kind, data] of built) {
      const readBy = parsers.filter(([, parse]) => parse(data) !== undefined).map(([name]) => name);
      expect(readBy, data).toEqual(parsers.some(([name]) => name === kind) ? [kind] : []);
    }
    expect(new Set(built.map(([, data]) => data)).size).toBe(built.length);
  });

  it('should read a command button whatever command line it carries, and nothing without its prefix', () => {
    expect(parseCommandData('cmd:')).toBe('');
    expect(parseCommandData('cmd:bxh 20')).toBe('bxh 20');
    expect(parseCommandData('xcmd:thi')).toBeUndefined();
    expect(parseCommandData('thi')).toBeUndefined();
  });
});
