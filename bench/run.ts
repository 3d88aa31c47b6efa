import { benchCore } from './core.ts';
import { benchReminders, benchRemindersOverHttp, printRemindersBench } from './reminders.ts';
import { benchTelegram } from './telegram.ts';
import { benchWeb } from './web.ts';
import { benchDir } from './util.ts';

/** `npm run bench`: prints every benchmark's numbers (copied into the README). `npm run bench -- core` runs one (core, telegram, web, reminders; `telegram saturated` runs only the saturated quiz run). */
const only = process.argv[2];
const dir = benchDir();
try {
  console.log(`cds-quizbot benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  if (!only || only === 'core') await benchCore(dir);
  if (!only || only === 'telegram') await benchTelegram({ saturatedOnly: process.argv[3] === 'saturated' });
  if (!only || only === 'web') await benchWeb(dir);
  if (!only || only === 'reminders') {
    console.log('\n## reminders, in-process fake channel');
    printRemindersBench(await benchReminders());
    console.log('\n## reminders, real Telegram channel over HTTP to the fake Bot API server');
    printRemindersBench(await benchRemindersOverHttp());
  }
} finally {
  dir.remove();
}
