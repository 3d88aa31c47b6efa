import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, mayUse, parseCommand } from '../../src/contract/commands.ts';

describe('parseCommand: slash commands', () => {
  it('should read a known command, with or without the bot name Telegram adds in groups, in any case', () => {
    expect(parseCommand('/thi', false)).toEqual({ name: 'thi', args: '' });
    expect(parseCommand('/bxh@cds_bot 20', false)).toEqual({ name: 'bxh', args: '20' });
    expect(parseCommand('/THI', false)).toEqual({ name: 'thi', args: '' });
    expect(parseCommand('  /ketqua  ', false)).toEqual({ name: 'ketqua', args: '' });
  });

  it('should refuse an unknown command and anything that is not a command word', () => {
    expect(parseCommand('/khongco', true)).toBeUndefined();
    expect(parseCommand('/thi2', true)).toBeUndefined();
    expect(parseCommand('/', true)).toBeUndefined();
    expect(parseCommand('/ thi', false)).toBeUndefined();
    expect(parseCommand('thi/', false)).toBeUndefined();
  });

  it('should keep the arguments as typed: case, inner spaces and line breaks (an announcement)', () => {
    expect(parseCommand('/thongbao Xin chào  mọi người\nDòng hai', false)).toEqual({ name: 'thongbao', args: 'Xin chào  mọi người\nDòng hai' });
    expect(parseCommand('/capquyen T01 123456', false)).toEqual({ name: 'capquyen', args: 'T01 123456' });
  });

  it('should join a first argument that completes a longer command: "bxh xa" is /bxhxa, "ketqua vong" is /ketquavong', () => {
    expect(parseCommand('/bxh xa', false)).toEqual({ name: 'bxhxa', args: '' });
    expect(parseCommand('/bxh Xã 10', false)).toEqual({ name: 'bxhxa', args: '10' });
    expect(parseCommand('/BXH DV', false)).toEqual({ name: 'bxhdv', args: '' });
    expect(parseCommand('/ketqua vong 2', false)).toEqual({ name: 'ketquavong', args: '2' });
    expect(parseCommand('/bxh 20', false)).toEqual({ name: 'bxh', args: '20' });
    expect(parseCommand('/bxh khac', false)).toEqual({ name: 'bxh', args: 'khac' });
  });

  it("should know the citizens', the officials' and the granting commands", () => {
    for (const name of COMMAND_NAMES) expect(parseCommand(`/${name}`, false)?.name).toBe(name);
    expect(COMMAND_NAMES).toEqual(expect.arrayContaining(['start', 'thi', 'huongdan', 'bxh', 'capquyen', 'ketquavong', 'nhanquyen']));
  });

  it('should not take a property every object has for a command', () => {
    expect(parseCommand('/constructor', false)).toBeUndefined();
    expect(parseCommand('constructor', true)).toBeUndefined();
    expect(parseCommand('tostring', true)).toBeUndefined();
  });
});

describe('command roles', () => {
  it("should give each command its roles: the help to all, the units' own commands to unit officials, granting to the district", () => {
    for (const role of ['citizen', 'unit', 'district'] as const) expect(mayUse('huongdan', role)).toBe(true);
    expect(mayUse('thi', 'citizen') && !mayUse('thi', 'unit') && !mayUse('thi', 'district')).toBe(true);
    expect(mayUse('bxh', 'unit') && mayUse('bxh', 'district') && !mayUse('bxh', 'citizen')).toBe(true);
    expect(mayUse('capquyen', 'district') && !mayUse('capquyen', 'unit')).toBe(true);
    expect(mayUse('guinhacnho', 'district') && !mayUse('guinhacnho', 'unit')).toBe(true);
    expect(COMMAND_NAMES.filter((n) => mayUse(n, 'anyone'))).toEqual(['nhanquyen', 'noi']);
  });
});

describe('parseCommand: bare words (channels without a command menu)', () => {
  it('should read a command word typed without the slash, in any case, only when bare words are on', () => {
    expect(parseCommand('thi', true)).toEqual({ name: 'thi', args: '' });
    expect(parseCommand('BXH', true)).toEqual({ name: 'bxh', args: '' });
    expect(parseCommand('bxh 20', true)).toEqual({ name: 'bxh', args: '20' });
    expect(parseCommand('bxh xa 5', true)).toEqual({ name: 'bxhxa', args: '5' });
    // While a person types their name, "Thi" is a name, not a command.
    expect(parseCommand('Thi', false)).toBeUndefined();
    expect(parseCommand('Kết quả', false)).toBeUndefined();
  });

  it('should read the plain Vietnamese phrases with or without diacritics, any case and spacing', () => {
    expect(parseCommand('Kết quả', true)).toEqual({ name: 'ketqua', args: '' });
    expect(parseCommand('KET QUA', true)).toEqual({ name: 'ketqua', args: '' });
    expect(parseCommand('  kết   quả ', true)).toEqual({ name: 'ketqua', args: '' });
    expect(parseCommand('Làm bài', true)).toEqual({ name: 'thi', args: '' });
    expect(parseCommand('vào thi', true)).toEqual({ name: 'thi', args: '' });
    expect(parseCommand('Bắt đầu', true)).toEqual({ name: 'start', args: '' });
    expect(parseCommand('Trợ giúp', true)).toEqual({ name: 'huongdan', args: '' });
    expect(parseCommand('Đổi xã', true)).toEqual({ name: 'doixa', args: '' });
    expect(parseCommand('Tắt nhắc nhở', true)).toEqual({ name: 'tatnhacnho', args: '' });
    expect(parseCommand('Xoá dữ liệu', true)).toEqual({ name: 'xoadulieu', args: '' });
    expect(parseCommand('Kết quả vòng', true)).toEqual({ name: 'ketquavong', args: '' });
    expect(parseCommand('Thống kê', true)).toEqual({ name: 'thongke', args: '' });
  });

  it('should not take a phrase with more words, or ordinary text, for a command', () => {
    expect(parseCommand('kết quả của tôi', true)).toBeUndefined();
    expect(parseCommand('xin chào', true)).toBeUndefined();
    expect(parseCommand('Nguyễn Văn An', true)).toBeUndefined();
    expect(parseCommand('', true)).toBeUndefined();
    expect(parseCommand('   ', true)).toBeUndefined();
  });
});
