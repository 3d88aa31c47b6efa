import { describe, expect, it } from 'vitest';
import { vi, viOfficials } from '../../src/messages/vi.ts';

const labels = { commune: 'xã, thị trấn', parent: 'huyện', area: 'tỉnh' } as Parameters<typeof vi.adminHelp>[0];
/** The commands a help text lists, in its order. */
const commandsIn = (help: string) => help.split('\n').flatMap((line) => /^\/([a-z]+)/u.exec(line)?.slice(1, 2) ?? []);

describe('help texts and menus built from the commands keyed by name', () => {
  it('should list each role’s commands in the order officials and citizens read them', () => {
    expect(commandsIn(vi.help(labels, 'T', '1/1', 10, 15, 3, 'R'))).toEqual(['thi', 'ketqua', 'moi', 'chungnhan', 'doixa', 'tatnhacnho', 'xoadulieu', 'huongdan']);
    expect(vi.help(labels, 'T', '1/1', 10, 15, 3, 'R')).toContain('\nLệnh:\n/thi — bắt đầu hoặc tiếp tục lượt thi\n');
    expect(commandsIn(vi.adminHelp(labels, false))).toEqual(
      ['bxh', 'bxhxa', 'bxhdv', 'bxhvd', 'thongke', 'link', 'xuat', 'khenthuong', 'ketquavong', 'kiemtra', 'nhacnho', 'guinhacnho', 'thongbao', 'chuathi', 'thongke', 'capquyen', 'dsquyen', 'thuhoiquyen', 'web'],
    );
    expect(commandsIn(vi.adminHelp(labels, true)).slice(0, 4)).toEqual(['bxh', 'bxhxa', 'bxhhuyen', 'bxhdv']);
    expect(vi.adminHelp(labels, true).split('\n')[0]).toBe('Lệnh cho cán bộ quản lý:');
    expect(viOfficials.unitHelp('Xã A')).toMatch(/^Lệnh cho cán bộ Xã A:\n\/bxh \[N\] \[mã vòng\] — người dự thi của đơn vị xếp hạng\n/u);
    expect(commandsIn(viOfficials.unitHelp('Xã A'))).toEqual(['bxh', 'thongke', 'chuathi', 'link', 'xuat', 'thongbao', 'nhacnho', 'ketquavong', 'kiemtra', 'web', 'huongdan']);
  });

  it('should keep the menus in their order, the parent level only where there is one', () => {
    expect(Object.keys(vi.citizenMenu(labels))).toEqual(['start', 'thi', 'ketqua', 'moi', 'chungnhan', 'huongdan', 'doixa', 'tatnhacnho', 'batnhacnho', 'xoadulieu']);
    expect(Object.keys(vi.adminMenu(labels, false))).toEqual(['bxh', 'bxhxa', 'bxhdv', 'bxhvd', 'thongke', 'link', 'xuat', 'chuathi', 'ketquavong', 'kiemtra', 'capquyen', 'dsquyen', 'thuhoiquyen', 'web']);
    expect(Object.keys(vi.adminMenu(labels, true))).toContain('bxhhuyen');
    expect(Object.keys(viOfficials.unitMenu)).toEqual(['bxh', 'thongke', 'chuathi', 'link', 'xuat', 'thongbao', 'nhacnho', 'ketquavong', 'web']);
  });
});
