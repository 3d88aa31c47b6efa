import { describe, expect, it } from 'vitest';
import { appPerTest } from '../helpers/app.ts';
import { person, TOWN, VU_LE } from '../helpers/officials.ts';
import { playAttempt } from '../support/reminders/harness.ts';

const at = (local: string) => Date.parse(`${local}+07:00`);

describe("each unit's finished attempts per day (the district overview)", () => {
  const t = appPerTest('2023-07-08T23:30:00+07:00');

  it('should count by local day in Asia/Ho_Chi_Minh, over the last days only, every unit listed, the busiest first', async () => {
    const { app, clock } = t;
    const an = await person(app, 'Hoàng Văn An', TOWN.code, null);
    const binh = await person(app, 'Lý Thị Bình', VU_LE.code, null);
    await playAttempt(app, an, 5); // 8/7, 23:30 local: before midnight
    clock.set(at('2023-07-09T00:30:00'));
    await playAttempt(app, an, 6);
    await playAttempt(app, binh, 7);
    clock.set(at('2023-07-11T10:00:00'));
    await playAttempt(app, binh, 8);

    // Three days up to 11/7: 8/7 falls outside.
    clock.set(at('2023-07-11T18:00:00'));
    const three = await app.services.boards.unitsPerDay('commune', 3);
    expect(three.days).toEqual([at('2023-07-09T00:00:00'), at('2023-07-10T00:00:00'), at('2023-07-11T00:00:00')]);
    expect(three.units.slice(0, 2)).toEqual([
      { code: VU_LE.code, name: VU_LE.name, counts: [1, 0, 1], total: 2 },
      { code: TOWN.code, name: TOWN.name, counts: [1, 0, 0], total: 1 },
    ]);
    expect(three.units).toHaveLength(app.units.filter((u) => u.kind === 'commune').length);
    expect(three.units.slice(2).every((u) => u.total === 0)).toBe(true);

    // A week: it starts at the opening day (3/7), not before.
    const week = await app.services.boards.unitsPerDay('commune', 7);
    expect(week.days[0]).toBe(at('2023-07-05T00:00:00'));
    expect(week.units.find((u) => u.code === TOWN.code)!.counts).toEqual([0, 0, 0, 1, 1, 0, 0]);
    const fromOpening = await app.services.boards.unitsPerDay('commune', 30);
    expect(fromOpening.days).toHaveLength(9);
    expect(fromOpening.days[0]).toBe(at('2023-07-03T00:00:00'));
    expect((await app.services.boards.unitsPerDay('agency', 7)).units.every((u) => u.total === 0)).toBe(true);
  });
});
