import { describe, expect, it } from 'vitest';
import { appPerTest, textUser } from '../helpers/app.ts';
import { docxTables, docxText, zipEntry } from '../helpers/office.ts';

describe('/khenthuong in chat', () => {
  const t = appPerTest('2023-07-12T09:00:00+07:00');

  it('should send a district official the proposal as .docx and .xlsx, and refuse citizens', async () => {
    const citizen = textUser(t.app, 'u-hoa');
    await citizen.register('Nông Thị Hoa', 2);
    await citizen.say('/thi');
    for (let i = 0; i < 10; i++) await citizen.say('A');
    const reply = await textUser(t.app, 'official', { isAdmin: true }).reply('/khenthuong');
    const [docx, xlsx] = reply.messages;
    expect(docx!.document!.filename).toBe('de-nghi-khen-thuong.docx');
    expect(xlsx!.document!.filename).toBe('de-nghi-khen-thuong.xlsx');
    const xml = await zipEntry(docx!.document!.content, 'word/document.xml');
    expect(docxText(xml)).toContain('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(docxTables(xml).flat(2).join(' ')).toContain('Nông Thị Hoa');
    expect(await citizen.say('/khenthuong')).not.toContain('DANH SÁCH');
  });
});
