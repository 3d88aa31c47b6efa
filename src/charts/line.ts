import type { EChartsOption } from 'echarts';
import { baseOption, formatNumber, OUTER_BOUNDS, renderOptionToSvg } from './echarts.ts';
import type { ParticipationLineChartInput } from './types.ts';

function participationLineChartOption(input: ParticipationLineChartInput): EChartsOption {
  const withLegend = input.series.length > 1;
  return {
    ...baseOption(input.title),
    ...(withLegend ? { legend: { top: 44, textStyle: { fontSize: 13 } } } : {}),
    grid: { top: withLegend ? 88 : 60, bottom: 40, left: 28, right: 36, outerBounds: OUTER_BOUNDS },
    xAxis: { type: 'category', data: input.labels, boundaryGap: false, axisLabel: { hideOverlap: true } },
    yAxis: {
      type: 'value',
      name: input.unitLabel,
      nameTextStyle: { align: 'left' },
      minInterval: 1,
      axisLabel: { formatter: (v: number) => formatNumber(v) },
    },
    series: input.series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      symbolSize: 6,
      silent: true,
      emphasis: { disabled: true },
    })),
  };
}

/** Participation per day as lines (one per series: e.g. registered and finished). */
export async function participationLineChartSvg(input: ParticipationLineChartInput): Promise<string> {
  return renderOptionToSvg(participationLineChartOption(input), { width: input.width ?? 800, height: input.height ?? 400 });
}
