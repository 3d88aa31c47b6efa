/** Plain data in, SVG out: the charts know nothing of units, rounds or the database. */

/** One bar: a unit's name and its figure. */
export interface Bar {
  label: string;
  value: number;
}

/** Units ranked by one figure, drawn as horizontal bars in the given order (first on top). */
export interface UnitsBarChartInput {
  title: string;
  /** What the numbers count, shown under the axis, e.g. "người" or "người / 1.000 dân". */
  unitLabel: string;
  bars: Bar[];
  /** Decimals shown on the bars (default 0; 1 suits "per 1,000 inhabitants"). */
  decimals?: number;
  /** Pixels; the height follows from the number of bars. Default 800. */
  width?: number;
}

/** Several figures per unit (e.g. registered and finished), drawn as grouped horizontal bars. */
export interface UnitsGroupedBarChartInput {
  title: string;
  unitLabel: string;
  /** Unit names, first on top. */
  labels: string[];
  /** One series per figure; `values[i]` belongs to `labels[i]`. */
  series: Series[];
  width?: number;
}

/** Figures over days: labels are the days as the reader sees them (dd/mm). */
export interface ParticipationLineChartInput {
  title: string;
  unitLabel: string;
  labels: string[];
  /** One line per series; a legend appears when there is more than one. */
  series: Series[];
  width?: number;
  /** Default 400. */
  height?: number;
}

export interface Series {
  name: string;
  values: number[];
}

export interface PngOptions {
  /** Width of the PNG in pixels; the height keeps the SVG's proportions. */
  width: number;
}
