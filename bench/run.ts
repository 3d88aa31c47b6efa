import { benchCertificates, benchIssuedCertificates } from './certificates.ts';
import { benchCore } from './core.ts';
import { benchFlags } from './flags.ts';
import { benchReminders, benchRemindersOverHttp, printRemindersBench } from './reminders.ts';
import { benchTelegram } from './telegram.ts';
import { benchScale } from './scale.ts';
import { benchWeb } from './web.ts';
import { benchWebQuiz, webQuizOptions } from './webquiz.ts';
import { benchDir } from './util.ts';

/**
 * `npm run bench`: prints every benchmark's numbers (copied into the README). `npm run bench -- core` runs one (core,
 * telegram, web, reminders; `telegram saturated` runs only the saturated quiz run). `npm run bench -- scale` (issue 12: SQLite and PostgreSQL at 300,000 participants, two
 * webhook bot processes, RSS of built bot and worker processes) takes about 15 minutes and needs PostgreSQL and Redis,
 * so it runs only when asked for, never in the default run; it takes options (`-- scale --participants 20000`).
 * `npm run bench -- certificates` (issue 26: PDF and PNG certificates, 100 in a row, RSS) also runs only when asked for,
 * and so does `npm run bench -- webquiz` (issue 22: 200 people on the web quiz at once at 300,000 participants;
 * `-- webquiz --participants 50000 --people 200 --think-ms 2000`; `--gc` reads the bot's memory after a full collection). `npm run bench -- flags` (issue 25: the integrity flags
 * and the review at 300,000 participants on both databases; `-- flags --participants 20000`) runs only when asked for.
 */
const only = process.argv[2];
const dir = benchDir();
try {
  console.log(`cds-quizbot benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  if (!only || only === 'core') await benchCore(dir);
  if (!only || only === 'telegram') await benchTelegram({ saturatedOnly: process.argv[3] === 'saturated' });
  if (!only || only === 'web') await benchWeb(dir);
  if (only === 'scale') await benchScale();
  if (only === 'certificates') {
    await benchCertificates();
    await benchIssuedCertificates();
  }
  if (only === 'flags') await benchFlags();
  if (only === 'webquiz') await benchWebQuiz(dir, webQuizOptions(process.argv.slice(3)));
  if (!only || only === 'reminders') {
    console.log('\n## reminders, in-process fake channel');
    printRemindersBench(await benchReminders());
    console.log('\n## reminders, real Telegram channel over HTTP to the fake Bot API server');
    printRemindersBench(await benchRemindersOverHttp());
  }
} finally {
  dir.remove();
}
