import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { FileValidationError } from '../../src/config/yaml-file.ts';
import { copyBank } from '../helpers/bank.ts';
import { createTestApp, tempDir, testClock } from '../helpers/app.ts';

const HEADER = 'channel,account_id,unit_code,name';

describe('officials.csv', () => {
  let bank: ReturnType<typeof copyBank>;
  let dir: ReturnType<typeof tempDir>;
  let app: App | undefined;
  const clock = testClock('2026-12-01T09:00:00+07:00');
  const writeFile = (...rows: string[]) => writeFileSync(join(bank.dir, 'units', 'officials.csv'), [HEADER, ...rows].join('\n') + '\n');
  /** Starts (or restarts) the app on the same database with the current file. */
  const start = async () => {
    await app?.close();
    app = await createTestApp({ now: clock.now, dir: dir.path, env: { QUESTION_BANK_DIR: bank.dir } });
    return app;
  };

  beforeEach(() => {
    bank = copyBank();
    dir = tempDir();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    bank.cleanup();
    dir.remove();
  });

  it('should refuse a wrong file with file:line problems', async () => {
    const problems = async () => {
      const err = await start().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FileValidationError);
      return (err as FileValidationError).problems.join('\n');
    };
    writeFile('telegram,111,06340,Lò Văn A', 'viber,222,06340,B', 'zalo,abc,99999,C');
    const first = await problems();
    expect(first).toMatch(/officials\.csv:3: channel: kênh: telegram hoặc zalo/u);
    expect(first).toMatch(/officials\.csv:4: unit_code: không có đơn vị mã "99999"/u);
    writeFile('telegram,111,06340,Lò Văn A', 'telegram,111,06373,Lò Văn A');
    expect(await problems()).toMatch(/officials\.csv:3: account_id: tài khoản telegram:111 đã có ở dòng trước/u);
  });

  it('should start without the file, with no unit officials', async () => {
    const a = await start();
    expect(await a.services.officials.list()).toEqual([]);
  });

  it('should grant from the file; a revocation in chat holds until the row changes; a removed row is revoked', async () => {
    writeFile('telegram,111,06340,Lò Văn A', 'zalo,abc123,VP,Hà Thị B');
    let a = await start();
    expect((await a.services.officials.roleOf('telegram', '111'))?.unit.name).toBe('Xã Tân Tri');
    expect((await a.services.officials.roleOf('zalo', 'abc123'))?.unit.kind).toBe('agency');
    const id = (await a.services.officials.roleOf('telegram', '111'))!.id;

    clock.advance(60_000);
    expect((await a.services.officials.revoke(id, { channel: 'telegram', userId: '900' })).kind).toBe('revoked');
    expect(await a.services.officials.roleOf('telegram', '111')).toBeUndefined();
    a = await start(); // same file: the revocation in chat wins
    expect(await a.services.officials.roleOf('telegram', '111')).toBeUndefined();

    clock.advance(60_000);
    writeFile('telegram,111,06340,Lò Văn Anh', 'zalo,abc123,VP,Hà Thị B'); // the row changed: the file applies again
    a = await start();
    expect((await a.services.officials.roleOf('telegram', '111'))?.name).toBe('Lò Văn Anh');

    clock.advance(60_000);
    writeFile('telegram,111,06340,Lò Văn Anh'); // the Zalo row is gone
    a = await start();
    expect(await a.services.officials.roleOf('zalo', 'abc123')).toBeUndefined();
    writeFile('telegram,111,06340,Lò Văn Anh', 'zalo,abc123,VP,Hà Thị B'); // and back
    a = await start();
    expect((await a.services.officials.roleOf('zalo', 'abc123'))?.unit.code).toBe('VP');

    const audit = await a.services.officials.audit();
    expect(audit.map((r) => [r.action, r.accountId, r.via, r.actor])).toEqual([
      ['grant', '111', 'file', 'file'],
      ['grant', 'abc123', 'file', 'file'],
      ['revoke', '111', 'chat', 'telegram:900'],
      ['grant', '111', 'file', 'file'],
      ['revoke', 'abc123', 'file', 'file'],
      ['grant', 'abc123', 'file', 'file'],
    ]);
    expect(new Set(audit.map((r) => r.at)).size).toBe(4);
  });

  it('should let only one of two redemptions of a code win', async () => {
    const a = await start();
    const created = await a.services.officials.createCode('06340', { channel: 'telegram', userId: '900' });
    if (created.kind !== 'created') throw new Error('no code');
    const redeem = (userId: string) => a.services.officials.redeem(created.code, { channel: 'zalo', userId, isDistrict: false });
    const results = await Promise.all([redeem('z1'), redeem('z2')]);
    expect(results.map((r) => r.kind).sort()).toEqual(['granted', 'used']);
    expect(await a.services.officials.list()).toHaveLength(1);
    const stored = await a.db.selectFrom('official_codes').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(created.code.replace('-', ''));
  });

  it('should record the grantor’s notice for their own chat when the code is used, and tell a local-chat grantor with their next command', async () => {
    const a = await start();
    const tell = (u: { unit: { name: string } }) => `dùng: ${u.unit.name}`;
    const byTelegram = await a.services.officials.createCode('06340', { channel: 'telegram', userId: '900' });
    const byTerminal = await a.services.officials.createCode('06325', { channel: 'terminal', userId: 'local-user' });
    if (byTelegram.kind !== 'created' || byTerminal.kind !== 'created') throw new Error('no code');
    await a.services.officials.redeem(byTelegram.code, { channel: 'zalo', userId: 'z1', isDistrict: false }, tell);
    await a.services.officials.redeem(byTerminal.code, { channel: 'zalo', userId: 'z2', isDistrict: false }, tell);
    // Telegram: one message due now, for the grantor's chat; not told again with their next command.
    const rows = await a.db.selectFrom('outbox').selectAll().execute();
    expect(rows.map((r) => [r.channel, r.chat_key, r.chat_id, r.status, JSON.parse(r.body!)])).toEqual([['telegram', '900', '900', 'pending', { pushed: [{ text: 'dùng: Xã Tân Tri' }] }]]);
    expect(Number(rows[0]!.next_try_at)).toBeLessThanOrEqual(clock.now());
    expect(await a.services.officials.takeCodeUses({ channel: 'telegram', userId: '900' })).toEqual([]);
    // The local chat has no outbox: told with the next command, once.
    expect((await a.services.officials.takeCodeUses({ channel: 'terminal', userId: 'local-user' })).map((u) => u.unit.code)).toEqual(['06325']);
    expect(await a.services.officials.takeCodeUses({ channel: 'terminal', userId: 'local-user' })).toEqual([]);
  });
});
