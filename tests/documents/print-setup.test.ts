import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildResultsWorkbook } from '../../src/documents/results-workbook.ts';
import { loadQuestionBank } from '../../src/bank/questions.ts';
import { buildWorkbook } from '../../src/documents/question-bank-workbook.ts';
import { renderProposal } from '../../src/documents/proposal/proposal.ts';
import { createTestApp, tempDir, testClock, textUser } from '../helpers/app.ts';
import { zipEntry } from '../helpers/office.ts';

/** The print setup of every sheet, as a spreadsheet program reads it from the XML. */
async function printSetup(xlsx: Buffer) {
  const workbook = await zipEntry(xlsx, 'xl/workbook.xml');
  const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/gu)].map((m) => m[1]!);
  const sheets = [];
  for (let i = 0; i < names.length; i++) {
    const xml = await zipEntry(xlsx, `xl/worksheets/sheet${i + 1}.xml`);
    sheets.push({
      name: names[i]!,
      pageSetup: /<pageSetup [^>]*\/>/u.exec(xml)?.[0] ?? '',
      fitToPage: /<pageSetUpPr [^>]*fitToPage="1"/u.test(xml),
      header: /<oddHeader>([^<]*)<\/oddHeader>/u.exec(xml)?.[1] ?? '',
      footer: /<oddFooter>([^<]*)<\/oddFooter>/u.exec(xml)?.[1] ?? '',
      printTitles: new RegExp(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}"[^>]*>[^<]*\\$1:\\$1</definedName>`, 'u').test(workbook),
    });
  }
  return sheets;
}

function expectPrintable(sheet: Awaited<ReturnType<typeof printSetup>>[number], title: string) {
  expect(sheet.pageSetup).toContain('paperSize="9"');
  expect(sheet.pageSetup).toContain('orientation="landscape"');
  expect(sheet.pageSetup).toContain('fitToWidth="1"');
  expect(sheet.pageSetup).toContain('fitToHeight="0"');
  expect(sheet.fitToPage).toBe(true);
  expect(sheet.printTitles).toBe(true);
  expect(sheet.header).toMatch(new RegExp(`^&amp;L&amp;B${title}&amp;B&amp;C.+&amp;RXuất lúc \\d\\d:\\d\\d \\d\\d/\\d\\d/\\d{4}$`, 'u'));
  expect(sheet.footer).toBe('&amp;CTrang &amp;P/&amp;N');
}

describe('every workbook the app writes prints on A4 landscape, one page wide, with headers', () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T10:00:00+07:00');
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ now: clock.now, dir: dir.path });
    const u = textUser(app, 'a');
    await u.register('Đinh Văn Ba', 2);
    await u.say('/thi');
    for (let i = 0; i < 10; i++) await u.say('A');
  });
  afterAll(async () => {
    await app.close();
    dir.remove();
  });

  it('should set up the officials’ results workbook (/xuat), the campaign and sheet name in the print header', async () => {
    const sheets = await printSetup(await buildResultsWorkbook(app.campaign, await app.services.exports.results()));
    expect(sheets.map((s) => s.name)).toEqual(['Cá nhân', 'Xã, thị trấn', 'Cơ quan, đơn vị', 'Vận động', 'Lượt thi', 'Câu hỏi']);
    for (const s of sheets) expectPrintable(s, app.campaign.title);
    expect(sheets[0]!.header).toBe(`&amp;L&amp;B${app.campaign.title}&amp;B&amp;CCá nhân&amp;RXuất lúc 10:00 05/07/2023`);
  });

  it('should set up the proposal workbook', async () => {
    const sheets = await printSetup((await renderProposal(await app.services.awards.proposal())).xlsx);
    expect(sheets.map((s) => s.name)).toEqual(['Tập thể', 'Cá nhân', 'Ghi chú']);
    for (const s of sheets) expectPrintable(s, app.campaign.title);
  });

  it('should set up every sheet of the question-bank export, the topic named in the header', async () => {
    const wb = buildWorkbook(loadQuestionBank('question-bank'), Date.parse('2023-07-05T10:00:00+07:00'));
    const sheets = await printSetup(Buffer.from(await wb.xlsx.writeBuffer()));
    for (const s of sheets) expectPrintable(s, 'Ngân hàng câu hỏi');
    expect(sheets.find((s) => s.name === 'qd749')!.header).toContain('&amp;Cqd749 — ');
  });
});
