/**
 * The one reader of the dashboard's query strings and forms. fastify's query string and @fastify/formbody's urlencoded
 * form (both parsed by fast-querystring) hand a name given twice over as an array (and a JSON body may hold anything); the dashboard reads every value as one string, so anything else is refused (400) here,
 * before any route sees it.
 */

/** A query string or form, each value one string. */
export type Values = Readonly<Record<string, string>>;

/** `source` as Values, or undefined when a value is an array or not a string (nothing at all is no values). */
export function stringValues(source: unknown): Values | undefined {
  if (source === undefined || source === null) return {};
  if (typeof source !== 'object' || Array.isArray(source) || Buffer.isBuffer(source)) return undefined;
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(source)) {
    if (typeof value !== 'string') return undefined;
    values[name] = value;
  }
  return values;
}

/**
 * A filter that names one unit (`?don-vi=`, `?parent=`): absent is no filter; otherwise it must be one known code
 * (any case), else the request is refused — an empty or unknown value never widens the filter to everything.
 */
export function unitFilter<U>(value: string | undefined, byLowerCode: ReadonlyMap<string, U>): { unit?: U } | 'bad' {
  if (value === undefined) return {};
  const unit = byLowerCode.get(value.toLowerCase());
  return unit === undefined ? 'bad' : { unit };
}
