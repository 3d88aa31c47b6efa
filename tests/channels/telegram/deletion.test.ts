import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startFakeTelegram } from '../../support/fake-telegram/index.ts';
import { botSays, mark, registerByTaps, sayAndExpect, startTestBot, tapAndExpect, tempDir } from '../../helpers/telegram.ts';

// SQLite in both suites: it reads the database files. Through the inbox, a deletion runs inside the update's
// transaction; the files are cleaned once it committed, before the reply goes out.
it('should leave no piece of the name or the shared phone in the files after /xoadulieu on Telegram, and know the account again', async () => {
  const dir = tempDir();
  const fake = await startFakeTelegram();
  const bot = await startTestBot(fake, dir.path, { env: { DATABASE_URL: join(dir.path, 'tg.sqlite') } });
  try {
    const found = () => {
      const files = ['tg.sqlite', 'tg.sqlite-wal'].map((f) => join(dir.path, f)).filter((f) => existsSync(f)).map((f) => readFileSync(f));
      return ['Khuất', 'Zuyên', 'Qoanh', '09876', '54321'].filter((piece) => files.some((bytes) => bytes.includes(Buffer.from(piece, 'utf8'))));
    };
    const user = fake.user(4242, 'Zuyên');
    await sayAndExpect(fake, user, '/start', /Nghị định 13\/2023/u);
    await tapAndExpect(fake, user, 'Tôi đồng ý', /xã, thị trấn nào/u);
    await tapAndExpect(fake, user, 'Xã Vũ Lăng', /cơ quan, đơn vị, tổ chức/u);
    await tapAndExpect(fake, user, 'Bỏ qua', /họ và tên đầy đủ/u);
    await sayAndExpect(fake, user, 'Khuất Thị Zuyên Qoanh', /số điện thoại/u);
    const after = mark(user);
    user.contact('+84987654321');
    await botSays(fake, user, /Đăng ký thành công!\nHọ tên: Khuất Thị Zuyên Qoanh/u, after);
    for (const n of [1, 2, 3]) await registerByTaps(fake, fake.user(5000 + n, `B${n}`), 'Xã Vũ Lăng', `Người Thứ ${'BCD'[n - 1]}a`);
    expect(found().length).toBeGreaterThan(0);

    await sayAndExpect(fake, user, '/xoadulieu', /Bạn có chắc muốn xóa/u);
    await tapAndExpect(fake, user, 'Xóa dữ liệu của tôi', /Đã xóa dữ liệu cá nhân/u);
    expect(found()).toEqual([]);
    await sayAndExpect(fake, user, '/start', /Chào mừng bạn/u);
    expect(await bot.app.db.selectFrom('participants').select('id').where('channel', '=', 'telegram').execute()).toHaveLength(4);
  } finally {
    await bot.stop();
    await fake.close();
    dir.remove();
  }
});
