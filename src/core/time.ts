/** Calendar formatting in the campaign's time zone (dates dd/mm/yyyy, as Vietnamese readers expect). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(ms: number, timeZone: string): Record<string, string> {
  // Building a formatter costs ~100× using one (reminders format per message): one per zone.
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
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

/** The clock time alone, "09:05", in the campaign's time zone. */
export function formatTime(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.hour}:${p.minute}`;
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

/** Epoch ms of the local midnight that starts the day containing `ms`. */
export function localDayStart(ms: number, timeZone: string): number {
  return zonedInstant(localDayKey(ms, timeZone), '00:00', timeZone);
}

/** How far local time in `timeZone` is ahead of UTC at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  const localAsUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return localAsUtc - (ms - (ms % 1000));
}

/** Epoch ms of local date "2023-07-24" at "19:00" in `timeZone` (second pass settles DST edges). */
export function zonedInstant(dayKey: string, time: string, timeZone: string): number {
  const [y, mo, d] = dayKey.split('-').map(Number);
  const guess = Date.UTC(y!, mo! - 1, d!) + minutesOf(time) * 60_000;
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** Local minute of the day (0–1439) at `ms`. */
export function localMinute(ms: number, timeZone: string): number {
  return Math.floor((ms + offsetAt(ms, timeZone)) / 60_000) % 1440;
}

/** "19:00" → 1140 */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** The local calendar day `offset` days from the one containing `now`, as a window. */
export function localDay(now: number, timeZone: string, offset: number): { since: number; until: number } {
  const since = localDayStart(now, timeZone) + offset * 86_400_000;
  return { since, until: since + 86_400_000 };
}

/**
 * The local midnights of the contest's days from its opening day until today (or its last day, once closed), at most
 * the last `limit` of them; the opening day alone before the contest opens. Days are 24 hours from the opening day's
 * local midnight (exact for zones without DST, like Vietnam's).
 */
export function contestDays(contest: { opensAt: number; closesAt: number; timezone: string }, now: number, limit = Infinity): number[] {
  const opening = localDayStart(contest.opensAt, contest.timezone);
  const last = localDayStart(Math.max(opening, Math.min(now, contest.closesAt - 1)), contest.timezone);
  const first = Math.max(opening, last - (limit - 1) * 86_400_000);
  return Array.from({ length: Math.round((last - first) / 86_400_000) + 1 }, (_, d) => first + d * 86_400_000);
}
