import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsqr from 'jsqr';
import { PNG as PngFile } from 'pngjs';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playAttempt, tempDir, testClock, textUser } from '../helpers/app.ts';
import { getAs, mainText } from './dashboard-support.ts';
import { answer, chatPerson, enter, questionForm } from './quiz-support.ts';
import { startWebApp } from './support.ts';

const START = '2023-07-05T09:00:00+07:00';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const jsQR = jsqr.default;

/** The PDF's text on one line. */
const pdfText = async (pdf: Buffer) => (await extractText(new Uint8Array(pdf), { mergePages: true })).text.replace(/\s+/gu, ' ');
/** What the QR code of a PNG certificate without an invite says. */
function qrOf(png: Buffer): string | undefined {
  const image = PngFile.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** A certificate for every finisher (issue 26): /chungnhan, the check page and its revocation, the web quiz's button. */
describe('participation certificates', () => {
  const dir = tempDir();
  const clock = testClock(START);
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const http = () => web.http.fastify;
  const get = (url: string) => http().inject({ method: 'GET', url });
  const codesOf = async (personId: number) => (await web.app.db.selectFrom('certificates').select('code').where('participant_id', '=', personId).execute()).map((r) => r.code);
  const idOf = async (channel: string, userId: string) => (await web.app.services.participants.find(channel, userId))!.id;

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path });
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('should tell someone with no finished attempt that there is no certificate yet', async () => {
    const u = textUser(web.app, 'chua-thi');
    await u.register('Nguyễn Văn Chưa');
    const reply = await u.reply('/chungnhan');
    expect(reply.messages).toHaveLength(1);
    expect(reply.messages[0]!.text).toBe('Bạn chưa hoàn thành lượt thi nào nên chưa có giấy chứng nhận. Giấy chứng nhận tham gia được cấp cho mọi người hoàn thành ít nhất một lượt thi — gõ /thi để bắt đầu.');
    expect(await codesOf(await idOf('test', 'chua-thi'))).toEqual([]);
  });

  it('should send a finisher the PNG as a photo and the PDF as a document, with a check page that shows what it states, then "đã thu hồi" after a deletion', async () => {
    const u = textUser(web.app, 'hoan-thanh');
    await u.register('Trần Thị Hoàn Thành');
    await playAttempt(web.app, clock, 'hoan-thanh', 7, 2_000);
    await u.say('12'); // the prediction
    const reply = await u.reply('chung nhan'); // the bare words call it too
    expect(reply.messages).toHaveLength(2);
    const [photo, doc] = reply.messages;
    expect(photo!.text).toBe('🎓 Giấy chứng nhận tham gia — Tuần 1.');
    expect(photo!.photo!.filename).toBe('giay-chung-nhan-vong-1.png');
    expect(photo!.photo!.mime).toBe('image/png');
    expect(photo!.photo!.content.subarray(0, 4)).toEqual(PNG);
    expect(doc!.text).toBe('Bản PDF khổ A4 để in. Ai cũng kiểm tra được giấy chứng nhận bằng mã QR in trên đó.');
    expect(doc!.document!.filename).toBe('giay-chung-nhan-vong-1.pdf');
    expect(doc!.document!.content.subarray(0, 5).toString()).toBe('%PDF-');
    const id = await idOf('test', 'hoan-thanh');
    const [code] = await codesOf(id);
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/u); // 128 random bits
    // Both files lead to the check page: the PDF prints its address, the PNG's QR code opens it.
    const text = await pdfText(doc!.document!.content);
    expect(text).toContain('Trần Thị Hoàn Thành');
    expect(text).toContain('Kết quả: 7/10 điểm');
    expect(text).toContain('TM. BAN TỔ CHỨC');
    expect(text).toContain(`Kiểm tra giấy chứng nhận tại https://cds.example.vn/chung-nhan/${code}`);
    expect(qrOf(photo!.photo!.content)).toBe(`https://cds.example.vn/chung-nhan/${code}`);
    // Asking again gives the same certificate: nothing it states has changed.
    await u.reply('/chungnhan');
    expect(await codesOf(id)).toEqual([code]);

    const page = await get(`/chung-nhan/${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-cache');
    expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(page.body).toContain('<meta name="robots" content="noindex, nofollow">');
    const unit = (await web.app.services.rounds.namesOf([id])).get(id)!.unit;
    expect(mainText(page.body)).toBe(
      `Giấy chứng nhận hợp lệ Giấy chứng nhận tham gia ${web.app.campaign.title} do ${web.app.campaign.organiser} cấp, ghi: Họ và tên Trần Thị Hoàn Thành Đơn vị ${unit} Vòng thi Tuần 1 Kết quả 7/10 điểm`,
    );

    await web.app.services.privacy.deleteData(id);
    const revoked = await get(`/chung-nhan/${code}`);
    expect(revoked.statusCode).toBe(200);
    expect(mainText(revoked.body)).toBe('Giấy chứng nhận đã thu hồi Giấy chứng nhận này đã thu hồi và không còn giá trị.');
    expect(revoked.body).not.toContain('Hoàn Thành');
    const row = await web.app.db.selectFrom('certificates').select(['name', 'unit', 'revoked_at']).where('code', '=', code!).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: null, unit: null, revoked_at: clock.now() });
  });

  it('should revoke an excluded person\'s certificate while the decision stands, give them none, and stand again once it is undone', async () => {
    const u = textUser(web.app, 'bi-loai');
    await u.register('Phạm Văn Bị Loại');
    await playAttempt(web.app, clock, 'bi-loai', 9, 2_000);
    await u.say('15');
    await u.reply('/chungnhan');
    const id = await idOf('test', 'bi-loai');
    const [code] = await codesOf(id);
    expect(mainText((await get(`/chung-nhan/${code}`)).body)).toContain('Giấy chứng nhận hợp lệ');

    await web.app.services.integrity.decide(id, 'excluded', 'trả lời nhanh hơn người đọc', 'telegram:district');
    expect(mainText((await get(`/chung-nhan/${code}`)).body)).toBe('Giấy chứng nhận đã thu hồi Giấy chứng nhận này đã thu hồi và không còn giá trị.');
    const refused = await u.reply('/chungnhan');
    expect(refused.messages).toHaveLength(1);
    expect(refused.messages[0]!.photo).toBeUndefined();

    await web.app.services.integrity.decide(id, 'valid', 'đã gọi điện xác minh', 'telegram:district');
    expect(mainText((await get(`/chung-nhan/${code}`)).body)).toContain('Giấy chứng nhận hợp lệ');
  });

  it('should answer an unknown code with 404, noindex', async () => {
    for (const code of ['AAAAAAAAAAAAAAAAAAAAAA', 'ngan']) {
      const res = await get(`/chung-nhan/${code}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(mainText(res.body)).toContain('Không tìm thấy giấy chứng nhận với mã này.');
    }
  });

  it('should offer "Tải giấy chứng nhận" on the web quiz\'s result page, for the signed-in person only', async () => {
    const p = await chatPerson(web.app, 'zalo-cn', 'Lê Văn Web');
    const session = await enter(http(), (await p.thi()).token);
    let page = await getAs(http(), '/thi', session);
    for (let q = 0; q < 10; q++) {
      clock.advance(1_000);
      const res = await answer(http(), session, questionForm(page.body), 0);
      page = await getAs(http(), res.headers.location as string, session);
    }
    const attemptId = /\/thi\/ket-qua\/(\d+)/u.exec(page.body)?.[1] ?? /name="a" value="(\d+)"/u.exec(page.body)?.[1];
    expect(mainText(page.body)).toContain('Giấy chứng nhận tham gia Giấy chứng nhận có mã QR để ai cũng kiểm tra được');
    expect(page.body).toContain(`<a class="button" href="/thi/chung-nhan/${attemptId}.pdf" download>Tải giấy chứng nhận</a>`);
    const pdf = await getAs(http(), `/thi/chung-nhan/${attemptId}.pdf`, session);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="giay-chung-nhan-vong-1.pdf"');
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const png = await getAs(http(), `/thi/chung-nhan/${attemptId}.png`, session);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 4)).toEqual(PNG);
    // Another person's session, or none: not theirs.
    const other = await chatPerson(web.app, 'zalo-khac', 'Đỗ Thị Khác');
    const otherSession = await enter(http(), (await other.thi()).token);
    const refused = await getAs(http(), `/thi/chung-nhan/${attemptId}.pdf`, otherSession);
    expect(refused.statusCode).toBe(404);
    expect(mainText(refused.body)).toContain('Chưa có giấy chứng nhận cho lượt thi này.');
    expect((await get(`/thi/chung-nhan/${attemptId}.pdf`)).statusCode).toBe(401);
  });
});

describe('a certificate for the whole contest, signed as the campaign file says', () => {
  const dir = tempDir();
  const clock = testClock(START);
  let web: Awaited<ReturnType<typeof startWebApp>>;

  beforeAll(async () => {
    const file = join(dir.path, 'campaign.yaml');
    const yaml = readFileSync('campaigns/bac-son-2023.yaml', 'utf8');
    const block = '  per: round\n  signer: { title: "TM. BAN TỔ CHỨC", name: "" }';
    expect(yaml).toContain(block);
    writeFileSync(file, yaml.replace(block, '  per: contest\n  signer: { title: "TRƯỞNG BAN", name: "Nguyễn Văn Ký" }'));
    web = await startWebApp({ now: clock.now, dir: dir.path, env: { CAMPAIGN_FILE: file } });
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('should certify the sum of the rounds\' best scores out of every round\'s questions, signed by the campaign file\'s signer', async () => {
    expect(web.app.campaign.certificates).toEqual({ per: 'contest', signer: { title: 'TRƯỞNG BAN', name: 'Nguyễn Văn Ký' } });
    const u = textUser(web.app, 'ca-cuoc-thi');
    await u.register('Phạm Văn Toàn');
    await playAttempt(web.app, clock, 'ca-cuoc-thi', 9, 1_000);
    const id = (await web.app.services.participants.find('test', 'ca-cuoc-thi'))!.id;
    const cert = (await web.app.services.certificates.issue(id))!;
    expect([cert.round, cert.score, cert.maxScore]).toEqual([null, 9, 40]);
    const reply = await u.reply('/chungnhan');
    expect(reply.messages[0]!.text).toBe('🎓 Giấy chứng nhận tham gia.');
    expect(reply.messages[0]!.photo!.filename).toBe('giay-chung-nhan.png');
    const text = await pdfText(reply.messages[1]!.document!.content);
    expect(text).toContain('Tổng điểm các vòng thi: 9/40 điểm');
    expect(text).toContain('TRƯỞNG BAN');
    expect(text).toContain('Nguyễn Văn Ký');
    expect(mainText((await web.http.fastify.inject({ method: 'GET', url: `/chung-nhan/${cert.code}` })).body)).toContain('Vòng thi Toàn cuộc thi Kết quả 9/40 điểm');
  });
});

