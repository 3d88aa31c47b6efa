import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { DEFAULT_AWARD_SETTINGS } from '../../src/core/awards.ts';
import { renderProposal } from '../../src/documents/proposal/proposal.ts';
import { createAwardsService, type AwardDeps } from '../../src/services/awards.ts';
import { syncUnits } from '../../src/storage/repos/catalog.ts';
import { createTestApp, playAttempt, tempDir, testClock, textUser } from '../helpers/app.ts';
import { docxTables, docxText, zipEntry } from '../helpers/office.ts';

const NHAT_HOA = '06376';

/** The proposal's documents for a database, campaign and unit list of the test's choosing. */
const buildProposalFiles = async (deps: AwardDeps) => renderProposal(await createAwardsService(deps).proposal());

describe('reward proposal from people played through the conversation', () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T10:00:00+07:00');
  let app: App;
  let deps: AwardDeps;

  const play = (userId: string, correct: number) => playAttempt(app, clock, userId, correct, 5_000 + correct * 1000);

  async function joinWith(userId: string, payload: string, answers: string[]) {
    const u = textUser(app, userId);
    await u.say(`/start ${payload}`);
    for (const a of answers) await u.say(a);
  }

  beforeAll(async () => {
    app = await createTestApp({ now: clock.now, dir: dir.path });
    await textUser(app, 'minh').register('Hoàng Văn Minh', 2);
    await play('minh', 7);
    const invite = /\/start (r-[\w-]+)/u.exec(await textUser(app, 'minh').say('/moi'))![1]!;
    await joinWith('hoa', invite, ['1', '5', '1', '0', 'Nông Thị Hoa', '0']);
    await play('hoa', 6);
    await joinWith('tuan', invite, ['1', '5', '1', '0', 'Lý Văn Tuấn', '0']);
    await play('tuan', 5);
    for (const [id, name, correct] of [['lan', 'Hà Thị Lan', 9], ['binh', 'Vi Văn Bình', 8], ['mai', 'Chu Thị Mai', 4]] as const) {
      clock.advance(3_600_000);
      await joinWith(id, `u-${NHAT_HOA}`, ['1', '0', name, '0']);
      await play(id, correct);
    }
    await textUser(app, 'dat').register('Lương Văn Đạt', 4);
    await play('dat', 10);
    await textUser(app, 'dat').say('/xoadulieu');
    await textUser(app, 'dat').say('1');
    await joinWith('nong', '', ['1', '3', '1', 'Hội Nông dân huyện', 'Triệu Văn Nông', '0']);
    await play('nong', 3);
    await textUser(app, 'idle').register('Đàm Văn Chưa', 3);

    const settings = { ...DEFAULT_AWARD_SETTINGS, communes: 2, agencies: 1, individuals: 3, mobilisers: 2, earlyCount: 2, place: 'Bắc Sơn' };
    deps = {
      db: app.db,
      campaign: { ...app.campaign, awards: settings },
      units: app.deps.units.map((u) => (u.code === 'ND' ? { ...u, staff: 20 } : u)),
      now: clock.now,
    };
  });
  afterAll(async () => {
    await app.close();
    dir.remove();
  });

  it('should list in the .docx the best individuals and mobilisers as the database ranks them, without deleted people', async () => {
    const files = await buildProposalFiles(deps);
    const xml = await zipEntry(files.docx, 'word/document.xml');
    const [, collectives, individuals] = docxTables(xml);
    const best = await app.db
      .selectFrom('participants')
      .select(['full_name', 'overall_score'])
      .where('deleted_at', 'is', null)
      .where('overall_finished_at', 'is not', null)
      .orderBy('overall_score', 'desc')
      .orderBy('overall_duration_ms')
      .orderBy('overall_finished_at')
      .limit(3)
      .execute();
    expect(best.map((b) => b.full_name)).toEqual(['Hà Thị Lan', 'Vi Văn Bình', 'Hoàng Văn Minh']);
    const rows = individuals!.slice(1);
    expect(individuals![0]).toEqual(['STT', 'Họ và tên', 'Đơn vị', 'Thành tích', 'Hình thức khen thưởng']);
    expect(rows.map((r) => r[1])).toEqual(best.map((b) => b.full_name));
    rows.forEach((r, i) => {
      expect(r[0]).toBe(String(i + 1));
      expect(r[3]).toContain(`Xếp thứ ${i + 1} toàn huyện: ${best[i]!.overall_score}/40 điểm qua 1 vòng thi`);
      expect(r[4]).toBe('Giấy khen của Chủ tịch UBND huyện');
    });
    expect(rows[0]![2]).toBe('Xã Nhất Hòa');
    // The mobiliser is already proposed for results: one row, both achievements.
    expect(rows[2]![3]).toContain('Vận động 2 người dự thi (2 người đăng ký qua đường link giới thiệu)');
    expect(xml).not.toContain('Lương Văn Đạt');
    expect(docxText(xml)).toContain('1 người thuộc nhóm kết quả tốt nhất, 0 người thuộc nhóm vận động');
    expect(files.summary).toBe('Đề nghị khen thưởng: 2 xã, thị trấn; 1 cơ quan, đơn vị; 3 cá nhân (không đưa vào 1 người đã xóa dữ liệu).');

    // Collectives: the figures of each proposed unit are the database's.
    expect(collectives!.slice(1).map((r) => r[1])).toEqual(['Xã Nhất Hòa', expect.any(String), 'Hội Nông dân huyện']);
    for (const row of collectives!.slice(1)) {
      const unit = deps.units.find((u) => u.name === row[1])!;
      const column = unit.kind === 'commune' ? 'commune_code' : 'agency_code';
      const people = await app.db.selectFrom('participants').select(['overall_finished_at', 'joined_via_unit']).where(column, '=', unit.code).execute();
      const finished = people.filter((p) => p.overall_finished_at !== null).length;
      expect(row[2]).toBe(unit.kind === 'commune' ? 'Khối xã, thị trấn' : 'Khối cơ quan, đơn vị');
      expect(row[3]).toContain(`\n- ${finished} người dự thi\n`);
      expect(row[3]).toContain(`trong ${people.length} người đăng ký đã dự thi`);
      expect(row[3]).toContain(`- ${people.filter((p) => p.joined_via_unit === unit.code).length} người tham gia qua đường link của đơn vị`);
    }
    // Opened 3/7 00:00; the second of Nhất Hòa's people finished on 5/7 around noon.
    expect(collectives![1]![3]).toMatch(/- đủ 2 người dự thi sau 2,\d ngày\n/u);
    expect(collectives![3]![3]).toContain('5% số cán bộ');
  });

  it('should score communes per 1,000 inhabitants with the shipped populations, and drop it for agencies without staff figures', async () => {
    const text = docxText(await zipEntry((await buildProposalFiles(deps)).docx, 'word/document.xml'));
    // Every commune of the shipped list has its 2019 census population.
    expect(text).not.toContain('- Khối xã, thị trấn: không xét');
    expect(text).toContain('Khối xã, thị trấn: xét theo số người dự thi trên 1.000 dân (cơ quan: trên số cán bộ) (30), số người dự thi (20), tỷ lệ người đăng ký đã dự thi (15)');
    expect(text).toContain('Khối cơ quan, đơn vị: không xét tiêu chí "số người dự thi trên 1.000 dân (cơ quan: trên số cán bộ)" vì 19/20 đơn vị chưa có số liệu;');
    const [, collectives] = docxTables(await zipEntry((await buildProposalFiles(deps)).docx, 'word/document.xml'));
    const nhatHoa = collectives!.find((r) => r[1] === 'Xã Nhất Hòa')!;
    const people = await app.db.selectFrom('participants').select('overall_finished_at').where('commune_code', '=', NHAT_HOA).execute();
    const finished = people.filter((p) => p.overall_finished_at !== null).length;
    const population = deps.units.find((u) => u.code === NHAT_HOA)!.population!;
    expect(population).toBe(4243);
    expect(nhatHoa[3]).toContain(`\n- ${((finished * 1000) / population).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} người/1.000 dân\n`);
  });

  it('should say which criterion was dropped for the communes, and why, when one commune lacks a population', async () => {
    const units = deps.units.map((u) => (u.code === NHAT_HOA ? { ...u, population: null } : u));
    await syncUnits(app.db, units);
    try {
      const text = docxText(await zipEntry((await buildProposalFiles({ ...deps, units })).docx, 'word/document.xml'));
      expect(text.split('\n').find((l) => l.startsWith('- Khối xã, thị trấn: không xét'))).toBe(
        '- Khối xã, thị trấn: không xét tiêu chí "số người dự thi trên 1.000 dân (cơ quan: trên số cán bộ)" vì 1/18 đơn vị chưa có số liệu (Xã Nhất Hòa); ' +
          'muốn xét tiêu chí này, bổ sung số dân (cột population) vào question-bank/units/communes.csv.',
      );
    } finally {
      await syncUnits(app.db, deps.units);
    }
  });

  it('should follow the administrative form, a draft until the contest closes', async () => {
    const draft = docxText(await zipEntry((await buildProposalFiles(deps)).docx, 'word/document.xml'));
    for (const line of ['UBND HUYỆN', 'PHÒNG VĂN HÓA VÀ THÔNG TIN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG', 'TRƯỞNG PHÒNG']) {
      expect(draft.split('\n')).toContain(line);
    }
    expect(draft).toContain('Bắc Sơn, ngày 05 tháng 7 năm 2023');
    expect(draft).toContain('DỰ THẢO — số liệu đến');
    expect(draft).toContain('Căn cứ Kế hoạch của Ủy ban nhân dân huyện Bắc Sơn về tổ chức Cuộc thi trắc nghiệm tìm hiểu về chuyển đổi số huyện Bắc Sơn năm 2023;');

    const closed = { ...deps, now: () => Date.parse('2023-08-02T09:00:00+07:00') };
    const final = await zipEntry((await buildProposalFiles(closed)).docx, 'word/document.xml');
    expect(final).not.toContain('DỰ THẢO');
    expect(docxText(final)).toContain('Bắc Sơn, ngày 02 tháng 8 năm 2023');
    expect(await zipEntry((await buildProposalFiles(closed)).docx, 'word/styles.xml')).toContain('w:ascii="Times New Roman"');
    expect(final).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
  });

  it('should write the same rows to the workbook', async () => {
    const files = await buildProposalFiles(deps);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files.xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Tập thể', 'Cá nhân', 'Ghi chú']);
    const people = wb.getWorksheet('Cá nhân')!;
    expect([2, 3, 4].map((r) => people.getCell(r, 2).value)).toEqual(['Hà Thị Lan', 'Vi Văn Bình', 'Hoàng Văn Minh']);
    const [, collectives] = docxTables(await zipEntry(files.docx, 'word/document.xml'));
    const units = wb.getWorksheet('Tập thể')!;
    expect([2, 3, 4].map((r) => units.getCell(r, 2).value)).toEqual(collectives!.slice(1).map((r) => r[1]));
    expect(typeof units.getCell(2, 4).value).toBe('number');
  });
});
