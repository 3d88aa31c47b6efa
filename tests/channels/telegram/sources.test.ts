import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBankFiles } from '../../../src/bank/questions.ts';
import { serializeQuestionFile } from '../../../src/bank/yaml-write.ts';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/index.ts';
import { copyBank } from '../../helpers/bank.ts';
import { ADMIN_ID, botSays, mark, registerByTaps, startTestBot, tempDir, type TestBot } from '../../helpers/telegram.ts';
import { tapThroughQuiz } from '../../helpers/telegram-quiz.ts';

// A copy of the shipped bank where every question names its public source page.
const urlOf = (id: string) => `https://vanban.chinhphu.vn/nguon/${id}`;

describe('Telegram: source URLs of the questions', () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let dir: ReturnType<typeof tempDir>;
  let bank: ReturnType<typeof copyBank>;

  beforeAll(async () => {
    bank = copyBank();
    for (const f of readBankFiles(bank.dir)) {
      writeFileSync(f.path, serializeQuestionFile(f.header, { ...f.data, questions: f.data.questions.map((q) => ({ ...q, source_url: urlOf(q.id) })) }));
    }
    dir = tempDir();
    fake = await startFakeTelegram();
    bot = await startTestBot(fake, dir.path, { env: { QUESTION_BANK_DIR: bank.dir } });
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
    bank.cleanup();
  });

  it('should list each missed question with its source URL, in a message sent without a link preview', async () => {
    const lan = fake.user(4001, 'Lan');
    await registerByTaps(fake, lan, 'Xã Tân Tri', 'Hà Thị Lan');
    const before = mark(lan);
    await tapThroughQuiz(fake, bot.app, lan, { wrong: [2] });
    const result = await botSays(fake, lan, /Hoàn thành! Bạn trả lời đúng 9\/10 câu/u, before);
    const missed = bot.app.bank.questions.find((q) => result.text!.includes(`• Câu 2: ${q.text}\n`))!;
    expect(result.text).toContain(`  Nguồn: ${missed.source}\n  Xem tại: ${urlOf(missed.id)}\n`);
    expect(result.text!.match(/Xem tại: /gu)).toHaveLength(1);
    const sent = fake.sent.find((s) => s.messageId === result.message_id)!;
    expect(sent.params.link_preview_options).toEqual({ is_disabled: true });
  });

  it('should put every question with its answer, source and URL on a "Câu hỏi" sheet of /xuat', async () => {
    const official = fake.user(ADMIN_ID, 'Cán bộ');
    const after = mark(official);
    official.send('/xuat');
    await botSays(fake, official, /Báo cáo kết quả/u, after);
    const doc = fake.sentTo(ADMIN_ID).filter((e) => e.method === 'sendDocument').at(-1)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(doc.file!.content as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Câu hỏi')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Mã câu hỏi', 'Chủ đề', 'Câu hỏi', 'Đáp án đúng', 'Nguồn', 'Địa chỉ nguồn (URL)']);
    expect(sheet.actualRowCount).toBe(bot.app.bank.questions.length + 1);
    const q = bot.app.bank.questions[0]!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([q.id, q.topic, q.text, q.options[q.correct], q.source, urlOf(q.id)]);
  });
});
