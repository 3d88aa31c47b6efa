/** Calendar formatting in the campaign's time zone (dates dd/mm/yyyy, as Vietnamese readers expect). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(ms: number, timeZone: string): Record<string, string> {
  // Building a formatter costs ~100× using one (reminders format per message): one per zone.
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, fmt);
  }
  return Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

/** "30/07/2023" */
export function formatDate(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "08:00 30/07/2023" */
export function formatDateTime(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** The calendar day a closing instant belongs to: a contest "until the end of 30/7" closes at 31/7 00:00. */
export function formatClosingDate(closesAt: number, timeZone: string): string {
  return formatDate(closesAt - 1, timeZone);
}

/** Local calendar day key "2023-07-30" for grouping (today vs yesterday). */
export function localDayKey(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Whole days from `now` until `closesAt`, counted by local calendar days (0 on the last day). */
export function daysLeft(now: number, closesAt: number, timeZone: string): number {
  const toUtcDay = (ms: number) => Date.parse(`${localDayKey(ms, timeZone)}T00:00:00Z`);
  return Math.max(0, Math.round((toUtcDay(closesAt - 1) - toUtcDay(now)) / 86_400_000));
}

/** Epoch ms of the local midnight that starts the day containing `ms` (offset taken at `ms`; fine outside DST jumps). */
export function localDayStart(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  const localAsUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  const offset = localAsUtc - (ms - (ms % 60_000));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) - offset;
}
