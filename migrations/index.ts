import type { Migration } from 'kysely';
import * as initial from './2026-11-25-001-initial.ts';
import * as unitCounters from './2026-11-25-002-unit-counters.ts';
import * as reminders from './2026-11-26-001-reminders.ts';
import * as inbox from './2026-12-01-001-inbox.ts';
import * as unitParents from './2026-12-01-002-unit-parents.ts';
import * as deletionIdentity from './2026-12-01-010-deletion-identity.ts';
import * as groupChats from './2026-12-01-020-group-chats.ts';
import * as officials from './2026-12-01-030-officials.ts';
import * as downloads from './2026-12-01-050-downloads.ts';
import * as roundResults from './2026-12-01-060-round-results.ts';
import * as webSessions from './2026-12-01-070-web-sessions.ts';
import * as pollingLeases from './2026-12-01-080-polling-leases.ts';
import * as inboxIndexes from './2026-12-01-090-inbox-indexes.ts';
import * as unitTotals from './2026-12-01-095-unit-totals.ts';
import * as inboxPerBot from './2026-12-06-105-inbox-per-bot.ts';
import * as outboxCalls from './2026-12-06-110-outbox-calls.ts';
import * as shownAt from './2026-12-06-111-shown-at.ts';
import * as questionSourceUrl from './2026-12-06-140-question-source-url.ts';
import * as participantWebSessions from './2026-12-06-150-participant-web-sessions.ts';
import * as webDoor from './2026-12-06-170-web-door.ts';
import * as accounts from './2026-12-06-175-accounts.ts';
import * as integrity from './2026-12-06-180-integrity.ts';
import * as roundPublications from './2026-12-06-181-round-publications.ts';
import * as resultsFiles from './2026-12-06-190-results-files.ts';
import * as certificates from './2026-12-06-191-certificates.ts';
import * as attemptPace from './2026-12-06-200-attempt-pace.ts';
import * as nameKey from './2026-12-06-201-name-key.ts';

/**
 * Every migration, by name in the order they run. Add new files here; never edit a merged one, except to fit both
 * dialects with the SQLite schema unchanged (tests/storage/sqlite-schema.test.ts).
 */
export const migrations: Record<string, Migration> = {
  '2026-11-25-001-initial': initial,
  '2026-11-25-002-unit-counters': unitCounters,
  '2026-11-26-001-reminders': reminders,
  '2026-12-01-001-inbox': inbox,
  '2026-12-01-002-unit-parents': unitParents,
  '2026-12-01-010-deletion-identity': deletionIdentity,
  '2026-12-01-020-group-chats': groupChats,
  '2026-12-01-030-officials': officials,
  '2026-12-01-050-downloads': downloads,
  '2026-12-01-060-round-results': roundResults,
  '2026-12-01-070-web-sessions': webSessions,
  '2026-12-01-080-polling-leases': pollingLeases,
  '2026-12-01-090-inbox-indexes': inboxIndexes,
  '2026-12-01-095-unit-totals': unitTotals,
  '2026-12-06-105-inbox-per-bot': inboxPerBot,
  '2026-12-06-110-outbox-calls': outboxCalls,
  '2026-12-06-111-shown-at': shownAt,
  '2026-12-06-140-question-source-url': questionSourceUrl,
  '2026-12-06-150-participant-web-sessions': participantWebSessions,
  '2026-12-06-170-web-door': webDoor,
  '2026-12-06-175-accounts': accounts,
  '2026-12-06-180-integrity': integrity,
  '2026-12-06-181-round-publications': roundPublications,
  '2026-12-06-190-results-files': resultsFiles,
  '2026-12-06-191-certificates': certificates,
  '2026-12-06-200-attempt-pace': attemptPace,
  '2026-12-06-201-name-key': nameKey,
};
