import { createAwardsService, type AwardsService } from './awards.ts';
import { createBoardsService, type BoardsService } from './boards.ts';
import type { ServiceDeps } from './deps.ts';
import { createDownloadsService, type DownloadsService } from './downloads.ts';
import { createExportsService, type ExportsService } from './exports.ts';
import { createGroupChatsService, type GroupChatsService } from './group-chats.ts';
import { createIntegrityService, type IntegrityService } from './integrity.ts';
import { createIntakeService, type IntakeService } from './intake.ts';
import { createLinksService, type LinksService } from './links.ts';
import { createOfficialsService, type OfficialsService } from './officials.ts';
import { createParticipantsService, type ParticipantsService } from './participants.ts';
import { createPrivacyService, type PrivacyService } from './privacy.ts';
import { createPollingLeasesService, type PollingLeasesService } from './polling-leases.ts';
import { createPublicService, type PublicService } from './public.ts';
import { createQuizService, type QuizService } from './quiz.ts';
import { createRemindersService, type RemindersService } from './reminders.ts';
import { createReminderDelivery, type ReminderDelivery } from './reminder-delivery.ts';
import { createResultsService, type ResultsService } from './results.ts';
import { createResultsFilesService, type ResultsFilesService } from './results-files.ts';
import { createCertificatesService, type CertificatesService } from './certificates.ts';
import { createRoundsService, type RoundsService } from './rounds.ts';
import { createWebSessionsService, type WebSessionsService } from './web-sessions.ts';
import { createWebDoorService, type WebDoorService } from './web-door.ts';
import { createBankReportService, type BankReportService } from './bank-report.ts';

export type { ServiceDeps, ReminderQueue } from './deps.ts';
export { pollingLeaseKey } from './polling-leases.ts';

/** Every use case of the app. Presentation (chat dialogue, officials' commands, web, worker) calls these, never storage. */
export interface Services {
  participants: ParticipantsService;
  quiz: QuizService;
  results: ResultsService;
  boards: BoardsService;
  exports: ExportsService;
  privacy: PrivacyService;
  reminders: RemindersService;
  intake: IntakeService;
  awards: AwardsService;
  /** The reminders worker's use cases: sweeps, fan-outs, sends claimed before and recorded after. */
  reminderDelivery: ReminderDelivery;
  groupChats: GroupChatsService;
  /** Read-only figures for the public web pages (no personal data). */
  public: PublicService;
  officials: OfficialsService;
  downloads: DownloadsService;
  /** Which process polls a bot token (polling mode). */
  pollingLeases: PollingLeasesService;
  /** Round results: ranking, winners with their prizes, whether final; the results announcement's claim. */
  rounds: RoundsService;
  /** Sign-in links and sessions of the officials' dashboard and of the participants' web quiz. */
  webSessions: WebSessionsService;
  /** The web quiz's open door: registration on the web, re-entry by phone and code (issue 23). */
  webDoor: WebDoorService;
  /** Each final round's anonymised results file and its SHA-256 (anyone can recompute the winners). */
  resultsFiles: ResultsFilesService;
  /** Participation certificates: issued to finishers, checked by their code, revoked by a deletion. */
  certificates: CertificatesService;
  /** The question bank report, live: share correct and most chosen wrong option per question version. */
  bankReport: BankReportService;
  /** One person, several accounts: a web-only person's /noi code, attaching a chat account or merging two people. */
  links: LinksService;
  /** Integrity flags over the stored data, their review and the district officials' decisions (issue 25). */
  integrity: IntegrityService;
}

type Scoped = (db: ServiceDeps['db'], now: () => number, afterCommit: NonNullable<ServiceDeps['afterCommit']>) => Services;

const factories: { [K in keyof Services]: (deps: ServiceDeps, scoped: Scoped) => Services[K] } = {
  participants: (deps) => createParticipantsService(deps),
  quiz: (deps) => createQuizService(deps),
  results: (deps) => createResultsService(deps),
  boards: (deps) => createBoardsService(deps),
  exports: (deps) => createExportsService(deps),
  privacy: (deps) => createPrivacyService(deps),
  reminders: (deps) => createRemindersService(deps),
  reminderDelivery: (deps) => createReminderDelivery(deps),
  awards: (deps) => createAwardsService(deps),
  intake: (deps, scoped) => createIntakeService(deps, scoped),
  groupChats: (deps) => createGroupChatsService(deps),
  public: (deps) => createPublicService(deps),
  officials: (deps) => createOfficialsService(deps),
  downloads: (deps) => createDownloadsService(deps),
  pollingLeases: (deps) => createPollingLeasesService(deps),
  rounds: (deps) => createRoundsService(deps),
  webSessions: (deps) => createWebSessionsService(deps, createOfficialsService(deps), createParticipantsService(deps)),
  webDoor: (deps) => createWebDoorService(deps, createWebSessionsService(deps, createOfficialsService(deps), createParticipantsService(deps))),
  bankReport: (deps) => createBankReportService(deps),
  links: (deps) => createLinksService(deps),
  resultsFiles: (deps) => createResultsFilesService(deps),
  certificates: (deps) => createCertificatesService(deps),
  integrity: (deps) => createIntegrityService(deps),
};

export function createServices(deps: ServiceDeps): Services {
  // The inbox runs each update in a transaction with services bound to it and to the update's received time; an
  // update uses two or three of them, so those are built on first use.
  const scoped: Scoped = (db, now, afterCommit) => lazyServices({ ...deps, db, now, afterCommit }, scoped);
  const services = {} as Record<keyof Services, unknown>;
  for (const key of Object.keys(factories) as (keyof Services)[]) services[key] = factories[key](deps, scoped);
  return services as Services;
}

function lazyServices(deps: ServiceDeps, scoped: Scoped): Services {
  const services = {} as Services;
  for (const key of Object.keys(factories) as (keyof Services)[]) {
    Object.defineProperty(services, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = factories[key](deps, scoped);
        Object.defineProperty(services, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return services;
}
