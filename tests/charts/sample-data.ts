import { loadUnits } from '../../src/bank/units.ts';
import type { Bar, ParticipationLineChartInput, UnitsGroupedBarChartInput } from '../../src/charts/index.ts';

/** The shipped communes and agencies (the real long names) plus one longer agency name: 40 units. */
export function sampleUnitNames(count = 40): string[] {
  const names = loadUnits('question-bank').map((u) => u.name);
  names.push('Trung tâm Văn hóa, Thể thao và Truyền thông huyện Bắc Sơn');
  while (names.length < count) names.push(`Đơn vị thử ${names.length + 1}`);
  return names.slice(0, count);
}

/** Units ranked by a made-up count, largest first. */
export function sampleRankedBars(count = 40): Bar[] {
  return sampleUnitNames(count).map((label, i) => ({ label, value: Math.round(4200 / (i + 1.3)) }));
}

/** Thirty days of July 2023, dd/mm, with registered and finished participants. */
export function sampleParticipation(): ParticipationLineChartInput {
  const labels = Array.from({ length: 28 }, (_, i) => `${String(i + 3).padStart(2, '0')}/07`);
  const registered = labels.map((_, i) => Math.round(300 + 900 * Math.abs(Math.sin(i / 4)) + (i % 7 === 0 ? 600 : 0)));
  return {
    title: 'Lượt tham gia theo ngày',
    unitLabel: 'người',
    labels,
    series: [
      { name: 'Đăng ký mới', values: registered },
      { name: 'Hoàn thành bài thi', values: registered.map((v) => Math.round(v * 0.72)) },
    ],
  };
}

export function sampleFinishedVsRegistered(count = 19): UnitsGroupedBarChartInput {
  const bars = sampleRankedBars(count);
  return {
    title: 'Đăng ký và hoàn thành vòng 1 theo đơn vị',
    unitLabel: 'người',
    labels: bars.map((b) => b.label),
    series: [
      { name: 'Đã đăng ký', values: bars.map((b) => b.value) },
      { name: 'Đã hoàn thành', values: bars.map((b) => Math.round(b.value * 0.64)) },
    ],
  };
}
