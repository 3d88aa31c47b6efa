import type { BarSeriesOption, EChartsOption, XAXisComponentOption, YAXisComponentOption } from 'echarts';
import { baseOption, estimatedTextWidth, formatNumber, OUTER_BOUNDS, renderOptionToSvg } from './echarts.ts';
import type { Series, UnitsBarChartInput, UnitsGroupedBarChartInput } from './types.ts';

const DEFAULT_WIDTH = 800;
const TOP = 56; // title
const LEGEND = 28;
const BOTTOM = 56; // value axis and its name
const LABEL_FONT_SIZE = 13;
const LINE_HEIGHT = 16;
/** Names wider than this share of the chart wrap onto more lines instead of squeezing the bars. */
const LABEL_SHARE = 0.45;

interface LabelLayout {
  /** Width of the name column: the longest name, at most LABEL_SHARE of the chart. */
  labelWidth: number;
  /** Lines the longest name wraps into. */
  lines: number;
}

async function labelLayout(labels: string[], chartWidth: number): Promise<LabelLayout> {
  const widths = await Promise.all(labels.map((l) => estimatedTextWidth(l, LABEL_FONT_SIZE)));
  const labelWidth = Math.ceil(Math.min(Math.max(0, ...widths), chartWidth * LABEL_SHARE));
  return { labelWidth, lines: Math.max(1, ...widths.map((w) => Math.ceil(w / Math.max(labelWidth, 1)))) };
}

/** The chart grows with the units (and their wrapped names) so that a 40-unit ranking stays readable. */
function barChartHeight(rows: number, layout: LabelLayout, oneLineRow: number, hasLegend: boolean): number {
  const rowHeight = Math.max(oneLineRow, layout.lines * LINE_HEIGHT + 8);
  return TOP + (hasLegend ? LEGEND : 0) + Math.max(rows, 1) * rowHeight + BOTTOM;
}

function categoryAxis(labels: string[], layout: LabelLayout): YAXisComponentOption {
  return {
    type: 'category',
    data: labels,
    inverse: true, // the first unit (rank 1) on top
    axisTick: { show: false },
    axisLabel: { fontSize: LABEL_FONT_SIZE, lineHeight: LINE_HEIGHT, color: '#333', width: layout.labelWidth, overflow: 'break' },
  };
}

function valueAxis(unitLabel: string): XAXisComponentOption {
  return { type: 'value', name: unitLabel, nameLocation: 'middle', nameGap: 30, axisLabel: { formatter: (v: number) => formatNumber(v) } };
}

function barSeries(series: Series, decimals: number, barMaxWidth: number, fontSize: number): BarSeriesOption {
  return {
    type: 'bar',
    name: series.name,
    data: series.values,
    barMaxWidth,
    silent: true,
    emphasis: { disabled: true },
    label: { show: true, position: 'right', fontSize, formatter: (p) => formatNumber(Number(p.value), decimals) },
  };
}

function unitsBarChartOption(input: UnitsBarChartInput, layout: LabelLayout): EChartsOption {
  const series = { name: input.unitLabel, values: input.bars.map((b) => b.value) };
  return {
    ...baseOption(input.title),
    grid: { top: TOP, bottom: BOTTOM, left: 12, right: 56, outerBounds: OUTER_BOUNDS },
    xAxis: valueAxis(input.unitLabel),
    yAxis: categoryAxis(input.bars.map((b) => b.label), layout),
    series: [barSeries(series, input.decimals ?? 0, 28, 12)],
  };
}

/** Horizontal bars of units ranked by one figure (participants, per 1,000 inhabitants…). */
export async function unitsBarChartSvg(input: UnitsBarChartInput): Promise<string> {
  const width = input.width ?? DEFAULT_WIDTH;
  const layout = await labelLayout(input.bars.map((b) => b.label), width);
  const height = barChartHeight(input.bars.length, layout, 24, false);
  return renderOptionToSvg(unitsBarChartOption(input, layout), { width, height });
}

function unitsGroupedBarChartOption(input: UnitsGroupedBarChartInput, layout: LabelLayout): EChartsOption {
  return {
    ...baseOption(input.title),
    legend: { top: 44, textStyle: { fontSize: 13 } },
    grid: { top: TOP + LEGEND, bottom: BOTTOM, left: 12, right: 56, outerBounds: OUTER_BOUNDS },
    xAxis: valueAxis(input.unitLabel),
    yAxis: categoryAxis(input.labels, layout),
    series: input.series.map((s) => barSeries(s, 0, 16, 11)),
  };
}

/** Several figures per unit side by side, e.g. registered vs finished this round. */
export async function unitsGroupedBarChartSvg(input: UnitsGroupedBarChartInput): Promise<string> {
  const width = input.width ?? DEFAULT_WIDTH;
  const layout = await labelLayout(input.labels, width);
  const height = barChartHeight(input.labels.length, layout, 14 + 16 * Math.max(input.series.length, 1), true);
  return renderOptionToSvg(unitsGroupedBarChartOption(input, layout), { width, height });
}
