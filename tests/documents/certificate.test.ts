import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { extractText, extractTextItems, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { certificateText, missingGlyphs, renderCertificatePdf, renderCertificatePng, type CertificateContent } from '../../src/documents/certificate/index.ts';
import { A4_LANDSCAPE, layoutCertificate, textBox, type Box, type CertificateDrawing, type TextItem } from '../../src/documents/certificate/layout.ts';

const sample: CertificateContent = {
  name: 'Hoàng Thị Phương Thảo',
  unit: 'Xã Bắc Sơn',
  contestTitle: 'Cuộc thi trắc nghiệm tìm hiểu Nghị quyết 57-NQ/TW và pháp luật về chuyển đổi số tỉnh Lạng Sơn',
  organiser: 'Ủy ban nhân dân tỉnh Lạng Sơn',
  roundName: 'Tuần 1: Nghị quyết 57 và Bình dân học vụ số',
  score: 9,
  maxScore: 10,
  date: Date.UTC(2027, 0, 8, 3),
  signerTitle: 'TRƯỞNG BAN TỔ CHỨC',
  signerName: 'Nguyễn Văn Khánh',
  verifyUrl: 'https://thi.langson.gov.vn/chung-nhan/3q2v8ZkXw9TqYbL0aH7cFw',
  inviteUrl: 'https://t.me/cds_langson_bot?start=m-8kQ2xZ7r',
};

/** a ă â e ê i o ô ơ u ư y, lower and upper case, each bare and with the five tone marks; then đ and Đ. */
const VOWELS = 'aăâeêioôơuưy';
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const toned = (v: string) => TONES.map((t) => (v + t).normalize('NFC')).join('');
const EVERY_LETTER = [...[...VOWELS].flatMap((v) => [toned(v), toned(v.toUpperCase())]), 'đĐ'].join(' ');

/** The PDF's text on one line, single spaces: a name wrapped over two lines reads as it was given. */
async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/gu, ' ');
}

// jsqr is CommonJS: Node hands its module.exports over as the default import, the function being its `default`.
const jsQR = jsqr.default;
const texts = (d: CertificateDrawing) => d.items.filter((i): i is TextItem => i.kind === 'text');
const inside = (b: Box, frame: Box) => b.x >= frame.x && b.y >= frame.y && b.x + b.w <= frame.x + frame.w && b.y + b.h <= frame.y + frame.h;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Pixels of a PNG certificate for a box in points. */
function crop(png: PNG, box: Box, margin = 0): { data: Uint8ClampedArray; width: number; height: number } {
  const k = png.width / A4_LANDSCAPE.width;
  const [x0, y0] = [Math.floor((box.x - margin) * k), Math.floor((box.y - margin) * k)];
  const [width, height] = [Math.ceil((box.w + 2 * margin) * k), Math.ceil((box.h + 2 * margin) * k)];
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) data.set(png.data.subarray(((y0 + y) * png.width + x0) * 4, ((y0 + y) * png.width + x0 + width) * 4), y * width * 4);
  return { data, width, height };
}

const darkPixels = ({ data }: { data: Uint8ClampedArray }) => {
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 160 || data[i + 1]! < 160 || data[i + 2]! < 160) n++;
  return n;
};

describe('the participation certificate', () => {
  it('should draw every Vietnamese vowel with every tone mark, and đ, from the font and give the name back from the PDF', async () => {
    expect([...EVERY_LETTER.replace(/ /gu, '')]).toHaveLength(12 * 2 * 6 + 2);
    for (const style of ['regular', 'bold', 'italic'] as const) expect(missingGlyphs(EVERY_LETTER, style), style).toEqual([]);
    // One certificate per vowel, its letters in the name (bold), the unit and the round (regular), the signer (bold).
    for (const word of EVERY_LETTER.split(' ').reduce<string[]>((pairs, w, i, all) => (i % 2 ? pairs : [...pairs, `${w} ${all[i + 1] ?? ''}`.trim()]), [])) {
      const content = { ...sample, name: `Nguyễn ${word}`, unit: `Xã ${word}`, roundName: `Vòng ${word}`, signerName: word };
      const drawing = layoutCertificate(certificateText(content), { invite: true });
      for (const t of texts(drawing)) expect(missingGlyphs(t.text, t.style), `${t.style}: ${t.text}`).toEqual([]);
      const text = await pdfText(await renderCertificatePdf(content));
      expect(text).toContain(`Nguyễn ${word}`);
      expect(text).toContain(`Đơn vị: Xã ${word}`);
    }
  });

  it('should embed the font as subsets holding only the glyphs drawn', async () => {
    const pdf = await renderCertificatePdf(sample);
    const raw = pdf.toString('latin1');
    const faces = [...raw.matchAll(/\/BaseFont \/([A-Z]{6})\+Tinos-(\w+)/gu)].map((m) => m[2]);
    expect(new Set(faces)).toEqual(new Set(['Regular', 'Bold', 'Italic']));
    expect(raw).toContain('/FontFile2');
    // Each Tinos file is over 500 KB: the whole page with three subsets is far less than one of them.
    expect(pdf.length).toBeLessThan(80_000);
  });

  it('should make one A4 landscape page', async () => {
    const doc = await getDocumentProxy(new Uint8Array(await renderCertificatePdf(sample)));
    expect(doc.numPages).toBe(1);
    const { width, height } = (await doc.getPage(1)).getViewport({ scale: 1 });
    expect([width, height]).toEqual([A4_LANDSCAPE.width, A4_LANDSCAPE.height]);
  });

  it('should print the name in NFC however it was typed', async () => {
    const decomposed = 'Nguyễn Thị Thuỷ Tiên'.normalize('NFD');
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    const text = await pdfText(await renderCertificatePdf({ ...sample, name: `  ${decomposed}  ` }));
    expect(text).toContain('Nguyễn Thị Thuỷ Tiên'.normalize('NFC'));
    expect(text).not.toContain(decomposed);
  });

  it('should wrap or shrink a long name, unit and title to fit, never past the border', async () => {
    const long = {
      ...sample,
      name: 'Nguyễn Hoàng Thị Phương Thảo Nguyên Khánh Linh Ngọc Bích Diệp Quỳnh Trang Hươngg',
      unit: 'Trung tâm Văn hóa, Thể thao và Truyền thông huyện Bắc Sơn, tỉnh Lạng Sơn (cơ sở 2, thôn Nà Lay)',
      contestTitle: `${sample.contestTitle} năm 2027, dành cho cán bộ, công chức, viên chức, người lao động và Nhân dân trên địa bàn tỉnh`,
      roundName: 'Tuần 3: Luật Chuyển đổi số, Luật Trí tuệ nhân tạo và Luật Bảo vệ dữ liệu cá nhân',
      organiser: 'Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Lạng Sơn',
      signerTitle: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH',
    };
    expect([...long.name]).toHaveLength(80);
    const short = layoutCertificate(certificateText(sample), { invite: true });
    for (const content of [long, { ...long, name: 'Nguyễn-Hoàng-Thị-Phương-Thảo-Nguyên-Khánh-Linh-Ngọc-Bích-Diệp-Quỳnh-Trang-Hươngg' }, { ...long, contestTitle: 'Cuộc thi '.repeat(300) }]) {
      const drawing = layoutCertificate(certificateText(content), { invite: true });
      const lines = texts(drawing);
      for (const t of lines) expect(inside(textBox(t), drawing.frame), t.text).toBe(true);
      for (const [i, a] of lines.entries()) for (const b of lines.slice(i + 1)) expect(overlap(textBox(a), textBox(b)), `${a.text} / ${b.text}`).toBe(false);
      for (const qr of [drawing.verifyQr, drawing.inviteQr!]) for (const t of lines) expect(overlap(qr, textBox(t)), t.text).toBe(false);
      const name = lines.filter((t) => content.name.includes(t.text));
      expect(name.length).toBeLessThanOrEqual(2);
      expect(name[0]!.size).toBeLessThan(texts(short).find((t) => t.text === sample.name)!.size);
    }
    // The PDF itself: every word of the name, every piece of text inside the page's inner border.
    const pdf = await renderCertificatePdf(long);
    expect(await pdfText(pdf)).toContain(long.name);
    const { items } = await extractTextItems(new Uint8Array(pdf));
    const frame = layoutCertificate(certificateText(long), { invite: false }).frame;
    for (const t of items[0]!.filter((i) => i.str.trim())) {
      const top = A4_LANDSCAPE.height - t.y - t.height;
      expect(inside({ x: t.x, y: top, w: t.width, h: t.height }, frame), t.str).toBe(true);
    }
  });

  it('should make a 1600 × 1131 PNG whose QR codes lead to the verification page and to the person\'s invite link', async () => {
    const png = PNG.sync.read(await renderCertificatePng(sample));
    expect([png.width, png.height]).toEqual([1600, 1131]);
    const drawing = layoutCertificate(certificateText(sample), { invite: true });
    const read = (box: Box) => {
      const { data, width, height } = crop(png, box, 12);
      return jsQR(data, width, height)?.data;
    };
    expect(read(drawing.verifyQr)).toBe(sample.verifyUrl);
    expect(read(drawing.inviteQr!)).toBe(sample.inviteUrl);
  });

  it('should put the verification QR code on the PDF and keep the invite one for the PNG', async () => {
    const drawing = layoutCertificate(certificateText(sample), { invite: false });
    expect(drawing.inviteQr).toBeNull();
    const text = await pdfText(await renderCertificatePdf(sample));
    expect(text).toContain(`Kiểm tra giấy chứng nhận tại ${sample.verifyUrl}`);
    expect(text).toContain('Quét mã để kiểm tra giấy chứng nhận');
    expect(text).not.toContain('cùng tham gia');
    // Without an invite link the PNG has the verification code only.
    expect(layoutCertificate(certificateText({ ...sample, inviteUrl: null }), { invite: true }).inviteQr).toBeNull();
  });

  it('should leave the signer\'s name line blank when the campaign file names no one', async () => {
    const blank = { ...sample, signerName: '  ' };
    const signed = PNG.sync.read(await renderCertificatePng(sample));
    const unsigned = PNG.sync.read(await renderCertificatePng(blank));
    const slot = layoutCertificate(certificateText(blank), { invite: true }).signerName;
    expect(darkPixels(crop(signed, slot))).toBeGreaterThan(500);
    expect(darkPixels(crop(unsigned, slot))).toBe(0);
    const text = await pdfText(await renderCertificatePdf(blank));
    expect(text).toContain(sample.signerTitle);
    expect(text).not.toContain(sample.signerName);
    expect(text).not.toMatch(/undefined|null/u);
  });

  it('should print the date dd/mm/yyyy in Vietnam time', async () => {
    // 17:30 UTC on 5/12 is already 6/12 in Hà Nội.
    expect(await pdfText(await renderCertificatePdf({ ...sample, date: new Date(Date.UTC(2026, 11, 5, 17, 30)) }))).toContain('Ngày 06/12/2026');
    expect(certificateText({ ...sample, date: Date.UTC(2026, 11, 5, 16, 30) }).date).toBe('Ngày 05/12/2026');
  });

  it('should state the round and its score, or the total of the whole contest', async () => {
    const round = await pdfText(await renderCertificatePdf({ ...sample, score: 9.5 }));
    expect(round).toContain('Hoàn thành bài thi Tuần 1: Nghị quyết 57 và Bình dân học vụ số');
    expect(round).toContain('Kết quả: 9,5/10 điểm');
    const whole = await pdfText(await renderCertificatePdf({ ...sample, roundName: null, score: 38, maxScore: 40 }));
    expect(whole).toContain('Tổng điểm các vòng thi: 38/40 điểm');
    expect(whole).not.toContain('bài thi');
    expect(whole).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(whole).toContain('GIẤY CHỨNG NHẬN THAM GIA');
    expect(whole).toContain('ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN');
  });

  it('should refuse content no certificate may state', () => {
    expect(() => certificateText({ ...sample, score: 11 })).toThrow(/score/u);
    expect(() => certificateText({ ...sample, name: ' ' })).toThrow(/name/u);
    expect(() => certificateText({ ...sample, verifyUrl: 'javascript:alert(1)' })).toThrow(/verification URL/u);
    expect(() => certificateText({ ...sample, inviteUrl: 'not a link' })).toThrow(/invite URL/u);
    expect(() => certificateText({ ...sample, date: Number.NaN })).toThrow(/date/u);
  });
});
