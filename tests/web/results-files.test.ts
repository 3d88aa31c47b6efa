import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runResultsVerify } from '../../src/cli/results-verify.ts';
import { pseudonym } from '../../src/services/results-files.ts';
import { tempDir, testClock } from '../helpers/app.ts';
import { addPeople, at, CLOSES_AT, playAttempt } from '../support/reminders/harness.ts';
import { startWebApp } from './support.ts';

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

/** Results anyone can recheck (issue 26): the home page's file and hash for a final round, and results:verify. */
describe('results files of final rounds', () => {
  const dir = tempDir();
  const clock = testClock(at('2030-07-05T12:00:00'));
  let web: Awaited<ReturnType<typeof startWebApp>>;
  let ids: number[];
  let excluded: number | undefined;
  const get = (url: string) => web.http.fastify.inject({ method: 'GET', url });
  async function verify(args: string[]): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const code = await runResultsVerify(args, (l) => lines.push(l));
    return { code, lines };
  }
  /** The published file and hash, saved under the test's folder as `name`. */
  async function published(name = 'ket-qua-vong-1.json') {
    const home = await get('/');
    const hash = /data-file="ket-qua-vong-1.json">([0-9a-f]{64})</u.exec(home.body)?.[1];
    const file = await get('/ket-qua/ket-qua-vong-1.json');
    const path = join(dir.path, name);
    writeFileSync(path, file.rawPayload);
    return { hash: hash!, path, file };
  }

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path, env: { CONTEST_CLOSES_AT: CLOSES_AT } });
    ids = await addPeople(web.app, 6);
    // Scores 10, 8, 8, 5, 3, and one person who finished two attempts; a tie on 8 is decided by time.
    for (const [i, score] of [10, 8, 8, 5, 3, 4].entries()) {
      clock.advance(60_000);
      await playAttempt(web.app, ids[i]!, score);
    }
    clock.advance(60_000);
    await playAttempt(web.app, ids[5]!, 6);
    await web.app.db.updateTable('participants').set({ phone: '0912345678' }).where('id', '=', ids[0]!).execute();
    // A seventh person, who scored 9, excluded by a district official (issue 25): counted for their unit, not listed.
    [excluded] = await addPeople(web.app, 1, { from: 6 });
    clock.advance(60_000);
    await playAttempt(web.app, excluded!, 9);
    await web.app.services.integrity.decide(excluded!, 'excluded', 'làm bài hộ', 'telegram:district');
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('should offer no file while the round is open, then the final round\'s file with its SHA-256, stable after a deletion', async () => {
    expect((await get('/')).body).not.toContain('Tự kiểm tra kết quả');
    expect((await get('/ket-qua/ket-qua-vong-1.json')).statusCode).toBe(404);
    clock.set(at('2030-07-12T09:00:00'));
    const home = await get('/');
    expect(home.body).toContain('Tự kiểm tra kết quả');
    expect(home.body).toContain('<a href="/ket-qua/ket-qua-vong-1.json" download>ket-qua-vong-1.json</a>');
    const { hash, file } = await published();
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="ket-qua-vong-1.json"');
    expect(sha(file.rawPayload)).toBe(hash);
    const text = file.body;
    // No names, no phones, no accounts.
    expect(text).not.toContain('Người Thử');
    expect(text).not.toContain('0912345678');
    expect(text).not.toMatch(/"u\d"/u);
    const json = JSON.parse(text) as { people: { id: string; score: number; attempts: number; commune: string }[]; winners: { prize: string; id: string }[]; communes: { rank: number | null; code: string }[]; units: { code: string; registered: number; population: number | null }[] };
    expect(json.people.map((p) => p.score)).toEqual([10, 8, 8, 6, 5, 3]);
    const unitOfExcluded = (await web.app.db.selectFrom('participants').select('commune_code').where('id', '=', excluded!).executeTakeFirstOrThrow()).commune_code;
    const units = json.units as { code: string; excluded?: number }[];
    expect(units.find((u) => u.code === unitOfExcluded)!.excluded).toBe(1);
    expect(units.filter((u) => u.code !== unitOfExcluded).every((u) => u.excluded === 0)).toBe(true);
    expect(json.people.find((p) => p.score === 6)!.attempts).toBe(2);
    expect(new Set(json.people.map((p) => p.id)).size).toBe(6);
    // Pseudonyms from the key generated once and kept in the database (no RESULTS_PSEUDONYM_KEY here), per round.
    const keys = await web.app.db.selectFrom('results_keys').select('key').execute();
    expect(keys).toHaveLength(1);
    const key = Buffer.from(keys[0]!.key, 'base64url');
    expect(key).toHaveLength(32);
    const mine = pseudonym(key, web.app.campaign.id, 'tuan-1', ids[0]!);
    expect(json.people[0]!.id).toBe(mine);
    expect(pseudonym(key, web.app.campaign.id, 'tuan-2', ids[0]!)).not.toBe(mine);
    // The winners the public page names, by prize, in the same order.
    const results = (await web.app.services.rounds.results('tuan-1'))!;
    expect(json.winners.map((w) => w.prize)).toEqual(results.winners.map((w) => w.prize));
    expect(json.winners).toHaveLength(6);
    const commune = (await web.app.db.selectFrom('participants').select('commune_code').where('id', '=', ids[0]!).executeTakeFirstOrThrow()).commune_code;
    const registered = await web.app.db.selectFrom('participants').select('id').where('commune_code', '=', commune).execute();
    expect(json.units.find((u) => u.code === commune)!.registered).toBe(registered.length);
    expect(json.communes.filter((c) => c.rank !== null)).toHaveLength(new Set(json.people.map((p) => p.commune)).size);
    // A deletion afterwards changes nothing in the published file.
    await web.app.services.privacy.deleteData(ids[1]!);
    const again = await get('/ket-qua/ket-qua-vong-1.json');
    expect(sha(again.rawPayload)).toBe(hash);
  });

  it('should say "khớp" for the published file, by hash and by the page\'s address', async () => {
    const { hash, path } = await published();
    const byHash = await verify([path, '--hash', hash]);
    expect(byHash.lines).toContain('Mã SHA-256 trùng với mã đã công bố.');
    expect(byHash.lines.at(-1)).toBe('khớp');
    expect(byHash.code).toBe(0);
    const byPage = await verify([path, '--url', `${web.url}/`]);
    expect(byPage.lines.at(-1)).toBe('khớp');
  });

  it('should fail the hash of a file with one score changed', async () => {
    const { hash, path } = await published('score.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"score":5,', '"score":6,'));
    const out = await verify([path, '--hash', hash]);
    expect(out.code).toBe(1);
    expect(out.lines.at(-1)).toMatch(/^Không khớp: mã SHA-256 đã công bố là [0-9a-f]{64}, của tệp này là [0-9a-f]{64} — tệp đã bị sửa hoặc không phải tệp đã công bố\.$/u);
  });

  it('should fail the recomputation of a file whose winners were changed and whose hash was recomputed', async () => {
    const { path } = await published('winners.json');
    const json = JSON.parse(readFileSync(path, 'utf8')) as { winners: { id: string }[]; people: { id: string }[] };
    const first = json.winners[0]!.id;
    const outsider = json.people.at(-1)!.id;
    json.winners[0]!.id = outsider;
    const forged = JSON.stringify(json, null, 2);
    writeFileSync(path, forged);
    const out = await verify([path, '--hash', sha(forged)]);
    expect(out.code).toBe(1);
    expect(out.lines).toContain('Mã SHA-256 trùng với mã đã công bố.');
    expect(out.lines.at(-1)).toBe(`Không khớp ở người đoạt giải thứ 1: tệp ghi Giải nhất (hạng 1, mã ${outsider}), tính lại được Giải nhất (hạng 1, mã ${first}).`);
  });

  it('should fail the recomputation of a commune ranking that was changed', async () => {
    const { path } = await published('units.json');
    const json = JSON.parse(readFileSync(path, 'utf8')) as { communes: { rank: number | null; code: string }[] };
    const [a, b] = json.communes;
    json.communes[0] = { rank: 1, code: b!.code };
    json.communes[1] = { rank: b!.rank, code: a!.code };
    const forged = JSON.stringify(json);
    writeFileSync(path, forged);
    const out = await verify([path, '--hash', sha(forged)]);
    expect(out.lines.at(-1)).toMatch(/^Không khớp ở vị trí 1 của bảng xếp hạng xã: tệp ghi \d+ \(hạng 1\), tính lại được \d+ \(hạng 1\)\.$/u);
  });
});
