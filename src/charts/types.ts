/** Plain data in, SVG out: the charts know nothing of units, rounds or the database. */

/** What every chart has. */
export interface ChartBase {
  title: string;
  /** What the numbers count, shown by the value axis, e.g. "người" or "người / 1.000 dân". */
  unitLabel: string;
  /** Pixels. Default 800; bar charts take their height from the number of units. */
  width?: number;
}

/** One bar: a unit's name and its figure. */
export interface Bar {
  label: string;
  value: number;
}

/** Units ranked by one figure, drawn as horizontal bars in the given order (first on top). */
export interface UnitsBarChartInput extends ChartBase {
  bars: Bar[];
  /** Decimals shown on the bars (default 0; 1 suits "per 1,000 inhabitants"). */
  decimals?: number;
}

export interface Series {
  name: string;
  /** `values[i]` belongs to `labels[i]`. */
  values: number[];
}

/** Several figures per label; a legend names the series when there is more than one. */
export interface SeriesChartInput extends ChartBase {
  labels: string[];
  series: Series[];
}

/** Several figures per unit (e.g. registered and finished), as grouped horizontal bars; labels are unit names, first on top. */
export type UnitsGroupedBarChartInput = SeriesChartInput;

/** Figures over days, one line per series; labels are the days as the reader sees them (dd/mm). */
export interface ParticipationLineChartInput extends SeriesChartInput {
  /** Default 400. */
  height?: number;
}

export interface PngOptions {
  /** Width of the PNG in pixels; the height keeps the SVG's proportions. */
  width: number;
}
