import ExcelJS from 'exceljs';
import { viProposal } from '../messages/vi.ts';
import { applyPrintSetup } from '../documents/print-setup.ts';
import type { QuestionBank } from './questions.ts';
import { COLUMNS, DIFFICULTY_LABELS, GUIDE_SHEET, OPTION_KEYS } from './sheet-columns.ts';

// Rows below the last question that still get the drop-down lists, so officials can add questions.
const SPARE_ROWS = 100;

const GUIDE = [
  'Mỗi trang tính là một chủ đề (tên trang = mã chủ đề). Mỗi dòng là một câu hỏi.',
  'Sửa trực tiếp nội dung; không đổi "Mã câu hỏi" của câu đã có. Câu mới: để trống mã, hệ thống tự cấp mã.',
  'Xóa một câu: xóa cả dòng. Thêm phương án E, F nếu cần (2–6 phương án, điền liền từ A).',
  '"Đáp án đúng": đúng một chữ cái A–F. "Mức độ": Dễ, Trung bình hoặc Khó.',
  '"Địa chỉ nguồn (URL)": trang công khai nêu thông tin của câu hỏi (https://…); ghi thêm câu trích và ngày đọc vào question-bank/sources/<mã chủ đề>.csv.',
  '"Lý do để đáp án dài nhất": chỉ ghi khi đáp án buộc phải dài hơn hẳn các phương án khác (ví dụ tên đầy đủ của văn bản).',
  'Chỉ nhập chữ, không dùng công thức; ô ngày tháng hãy nhập dạng chữ (ví dụ 03/6/2020).',
  'Lưu lại dạng .xlsx rồi chạy: npm run questions -- import <tệp.xlsx>. Có lỗi thì không thay đổi gì và báo trang, dòng, cột.',
];

function addGuide(workbook: ExcelJS.Workbook, bank: QuestionBank): void {
  const sheet = workbook.addWorksheet(GUIDE_SHEET, { properties: { tabColor: { argb: 'FF1F6F43' } } });
  sheet.columns = [{ width: 12 }, { width: 70 }, { width: 60 }, { width: 10 }];
  sheet.addRow(['Ngân hàng câu hỏi / Question bank']).font = { bold: true, size: 14 };
  for (const line of GUIDE) sheet.addRow(['', line]);
  sheet.addRow([]);
  sheet.addRow(['Mã chủ đề', 'Tên chủ đề', 'Văn bản', 'Số câu']).font = { bold: true };
  for (const t of bank.topics) sheet.addRow([t.id, t.name, t.document, bank.questions.filter((q) => q.topic === t.id).length]);
  sheet.eachRow((row) => row.eachCell((cell) => (cell.alignment = { wrapText: true, vertical: 'top' })));
}

function formatTopicSheet(sheet: ExcelJS.Worksheet): void {
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'B2' }];
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F6F43' } };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
}

function addDropDowns(sheet: ExcelJS.Worksheet, lastRow: number): void {
  const correctCol = COLUMNS.findIndex((c) => c.key === 'correct') + 1;
  const difficultyCol = COLUMNS.findIndex((c) => c.key === 'difficulty') + 1;
  for (let r = 2; r <= lastRow; r++) {
    sheet.getCell(r, correctCol).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${OPTION_KEYS.join(',')}"`], showErrorMessage: true, error: 'Một chữ cái A–F' };
    sheet.getCell(r, difficultyCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${Object.values(DIFFICULTY_LABELS).join(',')}"`],
      showErrorMessage: true,
      error: 'Dễ, Trung bình hoặc Khó',
    };
  }
}

/** The whole bank as one workbook: a guide sheet, then one sheet per topic formatted for reading and printing. */
export function buildWorkbook(bank: QuestionBank, exportedAt = Date.now()): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cds-quizbot';
  addGuide(workbook, bank);
  for (const topic of bank.topics) {
    const sheet = workbook.addWorksheet(topic.id);
    // Text format ("@") on every column: Excel then keeps "03/6/2020" or "80%" typed by an official as text.
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } } }));
    for (const q of bank.questions.filter((x) => x.topic === topic.id)) {
      const options = Object.fromEntries(OPTION_KEYS.map((k, i) => [k, q.options[i] ?? null]));
      sheet.addRow({
        id: q.id,
        text: q.text,
        ...options,
        correct: OPTION_KEYS[q.correct],
        explanation: q.explanation,
        source: q.source,
        difficulty: DIFFICULTY_LABELS[q.difficulty],
        source_url: q.sourceUrl ?? null,
        longest_ok: q.longestOk ?? null,
      });
    }
    formatTopicSheet(sheet);
    addDropDowns(sheet, sheet.rowCount + SPARE_ROWS);
  }
  const topicName = new Map(bank.topics.map((t) => [t.id, `${t.id} — ${t.name}`]));
  // The bank belongs to no campaign (nor time zone): its print header names the bank, times in Vietnam.
  const print = { title: viProposal.print.bankTitle, exportedAt, timezone: 'Asia/Ho_Chi_Minh', label: (s: ExcelJS.Worksheet) => topicName.get(s.name) ?? s.name };
  for (const sheet of workbook.worksheets) applyPrintSetup(sheet, print);
  return workbook;
}

/** Writes the workbook to `file` (.xlsx). */
export async function exportWorkbook(bank: QuestionBank, file: string): Promise<void> {
  await buildWorkbook(bank).xlsx.writeFile(file);
}
