import { describe, expect, it } from 'vitest';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { appPerTest, textUser } from '../helpers/app.ts';

const DAY = 86_400_000;
const CLOSES_AT = Date.parse('2023-07-31T00:00:00+07:00');

/** One finished attempt of ten typed answers. */
async function finishAttempt(u: ReturnType<typeof textUser>): Promise<void> {
  await u.say('/thi');
  for (let i = 0; i < 10; i++) await u.say('C');
}

async function deleteData(u: ReturnType<typeof textUser>): Promise<string> {
  await u.say('/xoadulieu');
  return u.say('1');
}

describe('deletion then registering again with the same account', () => {
  const t = appPerTest('2023-07-05T10:00:00+07:00');
  const { clock } = t;

  it('should give no fresh attempts and count the person once in their commune, boards and totals', async () => {
    const u = textUser(t.app, 'leaver');
    await u.register('Lương Văn Đạt', 4);
    await finishAttempt(u);
    expect(await u.say('/ketqua')).toContain('Tuần 1: còn 2 lượt thi');
    expect(await deleteData(u)).toContain('vẫn được tính ẩn danh');
    clock.advance(DAY);

    // Same account again, the next day: consent, then name and phone; the commune stays (an attempt was finished).
    expect(await u.say('/start')).toContain('Chào mừng bạn');
    const afterConsent = await u.say('1');
    expect(afterConsent).toContain('xã/thị trấn (Xã Chiêu Vũ) và đơn vị được giữ nguyên');
    expect(afterConsent).toContain('nhập họ và tên');
    await u.say('Lương Văn Đạt');
    expect(await u.say('0')).toContain('Xã/thị trấn: Xã Chiêu Vũ');
    expect(await u.say('/ketqua')).toContain('Tuần 1: còn 2 lượt thi');
    expect(await u.say('/doixa')).toContain('không thể đổi xã');
    await finishAttempt(u);

    const official = textUser(t.app, 'official', { isAdmin: true });
    expect(await official.say('/bxhxa')).toMatch(/1\. Xã Chiêu Vũ: 1 người dự thi, 2 lượt/u);
    expect(await official.say('/bxh')).toContain('Lương Văn Đạt');
    const stats = await official.say('/thongke');
    expect(stats).toContain('Đăng ký: 1');
    expect(stats).toContain('Lượt thi: 2');
    // Coming back is not a new registration: it stays on the first registration's day.
    expect(stats).toContain('Hôm nay: 0 đăng ký mới, 1 lượt thi');
    expect(stats).toContain('Hôm qua: 1 đăng ký mới, 1 lượt thi');
    expect(await t.app.db.selectFrom('participants').select('id').where('channel', '=', 'test').execute()).toHaveLength(1);
  });

  it('should stay off the boards while registering again, and count as before for the unit', async () => {
    const u = textUser(t.app, 'halfway');
    await u.register('Hoàng Thị Mai', 2);
    await finishAttempt(u);
    await deleteData(u);
    await u.say('/start');
    await u.say('1'); // consented, name not given yet
    const official = textUser(t.app, 'official', { isAdmin: true });
    expect(await official.say('/bxhxa')).toMatch(/1\. Xã Bắc Quỳnh: 1 người dự thi, 1 lượt/u);
    expect(await official.say('/bxh')).toContain('Chưa có ai hoàn thành bài thi');
    expect(await u.say('/thi')).toContain('Bạn chưa đăng ký xong');
  });

  it('should ask the commune again when no attempt was finished before the deletion', async () => {
    const u = textUser(t.app, 'undecided');
    await u.register('Vi Văn Tú', 1);
    await deleteData(u);
    await u.say('/start');
    expect(await u.say('1')).toContain('xã, thị trấn nào');
    await u.say('2');
    await u.say('1'); // yes, that commune
    await u.say('0');
    await u.say('Vi Văn Tú');
    expect(await u.say('0')).toContain('Xã/thị trấn: Xã Bắc Quỳnh');
    const official = textUser(t.app, 'official', { isAdmin: true });
    expect(await official.say('/thongke')).toContain('Đăng ký: 1');
  });

  it('should erase the identity hashes DELETION_HASH_RETENTION_DAYS after the contest closed, at start-up', async () => {
    const u = textUser(t.app, 'gone');
    await u.register('Đinh Văn Ba', 3);
    await deleteData(u);
    const hashes = () => t.app.db.selectFrom('identity_hashes').select('hash').execute();
    expect(await hashes()).toHaveLength(1);
    clock.set(CLOSES_AT + 89 * DAY);
    expect(await t.app.services.privacy.eraseExpiredIdentityHashes()).toBe(0);

    clock.set(CLOSES_AT + 90 * DAY);
    await t.restart();
    expect(await hashes()).toHaveLength(0);
    // Deleted people are still counted once, anonymously.
    expect(await textUser(t.app, 'official', { isAdmin: true }).say('/thongke')).toContain('Đăng ký: 1');
  });

  it('should keep no identity hash for a deletion after the retention ended', async () => {
    const u = textUser(t.app, 'late');
    await u.register('Mã Thị Bốn', 3);
    clock.set(CLOSES_AT + 91 * DAY);
    await deleteData(u);
    expect(await t.app.db.selectFrom('identity_hashes').select('hash').execute()).toHaveLength(0);
    expect(await findParticipant(t.app.db, 'test', 'late')).toBeUndefined();
  });
});
