import { dailyChartSvg } from '../../charts/figures.ts';
import { formatDate, formatDateTime, localDay } from '../../core/time.ts';
import { viDashboard as t } from '../../messages/vi.ts';
import type { ReminderOverview } from '../../services/reminders.ts';
import type { Totals, UnitsPerDay } from '../../services/boards.ts';
import { html, type Html } from '../html.ts';
import { chart, num } from '../pages/parts.ts';
import type { DashboardView } from './view.ts';

const CHART_WIDTH = 420;
/** Runs listed on the overview, newest first. */
const RECENT_RUNS = 8;

function totalsList(all: Totals): Html {
  const item = (label: string, value: number) => html`<div><dt>${label}</dt><dd>${num(value)}</dd></div>`;
  return html`<dl class="totals">${item(t.totals.registered, all.registered)}${item(t.totals.participated, all.participated)}${item(t.totals.attempts, all.attempts)}${item(t.totals.perfect, all.perfect)}</dl>`;
}

function daysTable(view: DashboardView, today: Totals, yesterday: Totals): Html {
  const { campaign } = view.ctx;
  const now = view.ctx.now();
  const row = (label: string, offset: number, d: Totals) =>
    html`<tr><td>${label} (${formatDate(localDay(now, campaign.timezone, offset).since, campaign.timezone)})</td><td class="n">${num(d.registered)}</td><td class="n">${num(d.attempts)}</td></tr>`;
  return html`<table class="days"><thead><tr><th>${t.dayTable.day}</th><th class="n">${t.dayTable.registered}</th><th class="n">${t.dayTable.attempts}</th></tr></thead>
    <tbody>${row(t.today, 0, today)}${row(t.yesterday, -1, yesterday)}</tbody></table>`;
}

function remindersSection(view: DashboardView, overview: ReminderOverview): Html {
  const tz = view.ctx.campaign.timezone;
  const runs = overview.past.filter((p) => !p.missed).reverse();
  if (runs.length === 0) return html`<p class="note">${t.remindersNone}</p>`;
  const sent = runs.reduce((s, r) => s + (r.missed ? 0 : (r.counts.sent ?? 0)), 0);
  const failed = runs.reduce((s, r) => s + (r.missed ? 0 : (r.counts.failed ?? 0)), 0);
  return html`<p>${t.remindersTotal(sent, failed)}</p>
    <div class="table-wrap"><table class="runs"><thead><tr><th>${t.reminderTable.at}</th><th>${t.reminderTable.what}</th><th class="n">${t.reminderTable.sent}</th><th class="n">${t.reminderTable.failed}</th></tr></thead>
    <tbody>${runs.slice(0, RECENT_RUNS).map((p) =>
      p.missed
        ? ''
        : html`<tr><td>${formatDateTime(p.at, tz)}</td><td>${t.reminderKind[p.run.kind] ?? p.run.kind}${p.run.text ? html`<br><span class="muted">${p.run.text.slice(0, 60)}</span>` : ''}</td><td class="n">${num(p.counts.sent ?? 0)}</td><td class="n${(p.counts.failed ?? 0) > 0 ? ' bad' : ''}">${num(p.counts.failed ?? 0)}</td></tr>`,
    )}</tbody></table></div>`;
}

/** Days in the per-unit table of the district overview: a week, what a commune official is compared on. */
const UNIT_DAYS = 7;

function unitDaysTable(view: DashboardView, caption: string, perDay: UnitsPerDay): Html {
  const tz = view.ctx.campaign.timezone;
  const head = perDay.days.map((d) => html`<th class="n">${formatDate(d, tz).slice(0, 5)}</th>`);
  return html`<div class="table-wrap"><table class="unit-days"><caption>${caption}</caption>
    <thead><tr><th>${t.unitDaysTable.unit}</th>${head}<th class="n">${t.unitDaysTable.total}</th></tr></thead>
    <tbody>${perDay.units.map((u) => html`<tr><td>${u.name}</td>${u.counts.map((c) => html`<td class="n">${num(c)}</td>`)}<td class="n"><strong>${num(u.total)}</strong></td></tr>`)}</tbody></table></div>`;
}

/** The district's view only: each commune's and agency's finished attempts on each of the last days. */
async function unitDaysSection(view: DashboardView): Promise<Html> {
  const { boards } = view.ctx.services;
  const kinds = t.kinds(view.ctx.campaign.labels);
  const [communes, agencies] = await Promise.all([boards.unitsPerDay('commune', UNIT_DAYS), boards.unitsPerDay('agency', UNIT_DAYS)]);
  return html`<section><h2>${t.unitDaysHeading(UNIT_DAYS)}</h2>
    ${unitDaysTable(view, kinds.commune, communes)}${agencies.units.length > 0 ? unitDaysTable(view, kinds.agency, agencies) : ''}</section>`;
}

/**
 * `GET /quan-tri`: totals, today vs yesterday, participation per day, reminder runs sent and failed (a unit official:
 * their unit's), and for the district each unit's attempts per day.
 */
export async function overviewBody(view: DashboardView): Promise<Html> {
  const { ctx, official } = view;
  const { boards } = ctx.services;
  const tz = ctx.campaign.timezone;
  const now = ctx.now();
  const unitCode = official.role === 'unit' ? official.unit.code : undefined;
  const [all, today, yesterday, reminders] = await Promise.all([
    boards.totals(undefined, unitCode),
    boards.totals(localDay(now, tz, 0), unitCode),
    boards.totals(localDay(now, tz, -1), unitCode),
    ctx.services.reminders.overview(unitCode),
  ]);
  const daily = await dailyChartSvg(await ctx.services.public.perDay(unitCode), tz, CHART_WIDTH);
  const figures = html`<section><h2>${t.daysHeading}</h2>${daysTable(view, today, yesterday)}</section>
    <section><h2>${t.remindersHeading}</h2>${remindersSection(view, reminders)}</section>`;
  return html`<h1>${official.role === 'unit' ? official.unit.name : t.overviewHeading}</h1>
    ${totalsList(all)}
    <div class="ranking"><div>${figures}</div><section><h2>${t.dailyHeading}</h2>${chart(daily, t.dailyHeading)}</section></div>
    ${unitCode ? '' : await unitDaysSection(view)}`;
}
