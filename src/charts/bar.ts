import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, estimatedTextWidth, formatNumber, renderOptionToSvg } from './echarts.ts';
import type { UnitsBarChartInput, UnitsGroupedBarChartInput } from './types.ts';

const DEFAULT_WIDTH = 800;
const TOP = 56; // title
const LEGEND = 28;
const BOTTOM = 56; // value axis and its name

/** The chart grows with the units so that a 40-commune ranking stays readable. */
function barChartHeight(rows: number, rowHeight: number, hasLegend: boolean): number {
  return TOP + (hasLegend ? LEGEND : 0) + Math.max(rows, 1) * rowHeight + BOTTOM;
}

const LABEL_FONT_SIZE = 13;
/** Names wider than this share of the chart wrap onto a second line instead of squeezing the bars. */
const LABEL_SHARE = 0.45;

function labelWidth(chartWidth: number): number {
  return Math.round(chartWidth * LABEL_SHARE);
}

/** Rows get room for a second line when ECharts will wrap some name. */
async function rowHeightFor(labels: string[], chartWidth: number, oneLine: number): Promise<number> {
  const widths = await Promise.all(labels.map((l) => estimatedTextWidth(l, LABEL_FONT_SIZE)));
  return widths.some((w) => w > labelWidth(chartWidth)) ? oneLine + LABEL_FONT_SIZE : oneLine;
}

function categoryAxis(labels: string[], chartWidth: number) {
  return {
    type: 'category',
    data: labels,
    inverse: true, // the first unit (rank 1) on top
    axisTick: { show: false },
    axisLabel: { fontSize: LABEL_FONT_SIZE, color: '#333', width: labelWidth(chartWidth), overflow: 'break' },
  };
}

function valueAxis(unitLabel: string, decimals: number) {
  return {
    type: 'value',
    name: unitLabel,
    nameLocation: 'middle',
    nameGap: 30,
    axisLabel: { formatter: (v: number) => formatNumber(v, decimals) },
  };
}

export function unitsBarChartOption(input: UnitsBarChartInput): EChartsCoreOption {
  const decimals = input.decimals ?? 0;
  return {
    ...baseOption(input.title),
    grid: { top: TOP, bottom: BOTTOM, left: 12, right: 56 },
    xAxis: valueAxis(input.unitLabel, 0),
    yAxis: categoryAxis(input.bars.map((b) => b.label), input.width ?? DEFAULT_WIDTH),
    series: [
      {
        type: 'bar',
        name: input.unitLabel,
        data: input.bars.map((b) => b.value),
        barMaxWidth: 28,
        silent: true,
        emphasis: { disabled: true },
        label: { show: true, position: 'right', formatter: (p: { value: number }) => formatNumber(p.value, decimals) },
      },
    ],
  };
}

/** Horizontal bars of units ranked by one figure (participants, per 1,000 inhabitants…). */
export async function unitsBarChartSvg(input: UnitsBarChartInput): Promise<string> {
  const width = input.width ?? DEFAULT_WIDTH;
  const labels = input.bars.map((b) => b.label);
  const height = barChartHeight(labels.length, await rowHeightFor(labels, width, 24), false);
  return renderOptionToSvg(unitsBarChartOption(input), { width, height });
}

export function unitsGroupedBarChartOption(input: UnitsGroupedBarChartInput): EChartsCoreOption {
  return {
    ...baseOption(input.title),
    legend: { top: 44, textStyle: { fontSize: 13 } },
    grid: { top: TOP + LEGEND, bottom: BOTTOM, left: 12, right: 56 },
    xAxis: valueAxis(input.unitLabel, 0),
    yAxis: categoryAxis(input.labels, input.width ?? DEFAULT_WIDTH),
    series: input.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      barMaxWidth: 16,
      silent: true,
      emphasis: { disabled: true },
      label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => formatNumber(p.value) },
    })),
  };
}

/** Several figures per unit side by side, e.g. registered vs finished this round. */
export async function unitsGroupedBarChartSvg(input: UnitsGroupedBarChartInput): Promise<string> {
  const width = input.width ?? DEFAULT_WIDTH;
  const rowHeight = await rowHeightFor(input.labels, width, 14 + 16 * Math.max(input.series.length, 1));
  return renderOptionToSvg(unitsGroupedBarChartOption(input), {
    width,
    height: barChartHeight(input.labels.length, rowHeight, true),
  });
}
