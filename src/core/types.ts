/** Shared shapes of the quiz core. Times are epoch milliseconds (UTC). */
import type { IntegritySettings } from './integrity.ts';

export type TopicMix = Record<string, number>;
export type Difficulty = 'easy' | 'medium' | 'hard';

export interface Round {
  id: string;
  name: string;
  opensAt: number;
  closesAt: number;
  /** Weights per topic id; the draw splits questionsPerAttempt in these proportions. */
  topics: TopicMix;
  /** Optional weights per difficulty, applied inside each topic's share. */
  difficulties?: Partial<Record<Difficulty, number>>;
  /** When set, only these question ids can be drawn in this round. */
  questionIds?: string[];
  /** This round's prizes, instead of the campaign's (`results.prizes`). */
  prizes?: Prize[];
}

/** A prize of a round: its name ("Giải nhất") and how many people get it. */
export interface Prize {
  name: string;
  count: number;
}

/** Round results (`results:` in the campaign file): prizes per round, who may not win, and whether to announce. */
export interface RoundResultSettings {
  prizes: Prize[];
  /** Accounts that may not win, as "channel:account id" ("telegram:123", "zalo:abc"); officials are added to them. */
  exclude: string[];
  /** Tell each participant of a round their rank and the winners once its results are final. */
  announce: boolean;
  /** Days after a round's close its results wait for the review of its flags (sooner once none is open). */
  reviewDays: number;
  /** Prizes only for people whose phone was verified (the proposal marks and skips the others). */
  requireVerifiedPhone: boolean;
}

export interface Campaign {
  id: string;
  title: string;
  organiser: string;
  timezone: string;
  opensAt: number;
  closesAt: number;
  rounds: Round[];
  questionsPerAttempt: number;
  attemptsPerRound: number;
  attemptMinutes: number;
  predictionQuestion: string;
  /** True for the generated demo campaign shown to newcomers. */
  demo: boolean;
  /** Reminder schedule and per-channel send rates; defaults when the campaign file has no `reminders:` block. */
  reminders?: ReminderSettings;
  /** The personal-data law the consent text cites, and the version of that text (stored with each consent). */
  /** `phoneConsentVersions`: the consent versions whose text says officials see the phone (the current one first). */
  privacy: { law: string; consentVersion: string; phoneConsentVersions: readonly string[] };
  /** Reward proposal criteria and form; defaults when the campaign file has no `awards:` block. */
  awards?: AwardSettings;
  /** How texts name the unit levels ("xã, thị trấn" in 2023, "xã, phường" since 1/7/2025). */
  labels: LevelLabels;
  /** The unit lists, relative to the question-bank folder (`units:` in the campaign file). */
  unitFiles: UnitFiles;
  /** Unit officials' limits; defaults when the campaign file has no `officials:` block. */
  officials?: OfficialSettings;
  /** Round results' prizes, exclusions and announcement; defaults when the campaign file has no `results:` block. */
  results?: RoundResultSettings;
  /** Participation certificates (`certificates:`): one per round or for the whole contest, and who signs them. */
  certificates?: CertificateSettings;
  /** The integrity flags' thresholds (`integrity:`); defaults when absent. */
  integrity?: IntegritySettings;
  /** The basis of the communes' populations (`population_basis:`), e.g. the 2019 census; shown on the rules page. */
  populationBasis?: string;
  /** The web quiz (`web:`); without it, registration stays in the chat ('via-chat'). */
  web?: WebSettings;
}

/**
 * Who may register on the web (`web.registration`): `open` — anyone, from the home page, a unit's page or poster, or
 * any link (issue 23); `via-chat` — only people registered in a chat, through the chat's /thi link; `off` — no web
 * registration and no re-entry by phone and code.
 */
export type WebRegistration = 'open' | 'via-chat' | 'off';
export interface WebSettings {
  registration: WebRegistration;
}

/** The campaign's web registration setting ('via-chat' when the file says nothing). */
export function webRegistration(c: Pick<Campaign, 'web'>): WebRegistration {
  return c.web?.registration ?? 'via-chat';
}

export interface CertificateSettings {
  /** `round`: a certificate per round the person finished an attempt in; `contest`: one for the whole contest. */
  per: 'round' | 'contest';
  /** Printed under the date; an empty name leaves the line blank for a handwritten one. */
  signer: { title: string; name: string };
}

export interface LevelLabels {
  /** The commune level as its kinds, lower case: "xã, thị trấn" (2023), "xã, phường" (since 1/7/2025). */
  commune: string;
  /** The level above communes, lower case ("huyện"); used only when the campaign has a parents list. */
  parent: string;
  /** The whole contest area, as in "toàn huyện" / "toàn tỉnh". */
  area: string;
}

export interface UnitFiles {
  communes: string;
  /** Optional: a missing default file means no agencies; null: the campaign has none. */
  agencies: string | null;
  /** The parent level (e.g. districts of a 2023 province); absent: communes have no parent. */
  parents?: string;
}

/** Today's files: what a campaign without a `units:` block uses. */
export const DEFAULT_UNIT_FILES: UnitFiles = { communes: 'units/communes.csv', agencies: 'units/agencies.csv' };

export interface OfficialSettings {
  /** Announcements (/thongbao) one unit's officials may send per local day. */
  announcementsPerDay: number;
}

export interface Question {
  id: string;
  topic: string;
  difficulty: Difficulty;
  text: string;
  options: string[];
  /** Index into options. */
  correct: number;
  explanation: string;
  source: string;
  /** A public https page that states the fact (`source_url`); shown with the missed questions and in the exports. */
  sourceUrl?: string;
  /** Why the key may stay the clearly longest option (`longest_ok`); the bank check's business only. */
  longestOk?: string;
  /** Ids of questions never drawn into the same attempt as this one (question-bank/giveaway-pairs.yaml). */
  apart?: readonly string[];
}

export interface Unit {
  code: string;
  /** `parent`: a unit of the level above communes (a district of a 2023 province). */
  kind: 'commune' | 'agency' | 'parent';
  name: string;
  group: string;
  population: number | null;
  /** Agencies: staff headcount (optional `staff` column), the base of "participants per staff". */
  staff?: number | null;
  /** Communes: the code of their parent unit, when the campaign has a parent level. */
  parent?: string | null;
}

/** "HH:MM", 24-hour, in the campaign's time zone. */
export type LocalTime = string;

export interface ChannelRate {
  /** Messages per second for the whole channel (Telegram's documented ceiling is ~30/s). */
  perSecond: number;
  /** Jobs let through per limiter window; window = burst / perSecond. 1 means perfectly even spacing. */
  burst: number;
  /** Minimum gap between two messages to one chat. */
  perChatMs: number;
  /** Tries for 5xx/timeouts (exponential backoff from backoffMs), then the message counts as failed. */
  maxAttempts: number;
  backoffMs: number;
  /** A send that has not answered by then counts as a timeout (retried). */
  timeoutMs: number;
}

export interface ReminderSettings {
  enabled: boolean;
  daily: LocalTime[];
  /** Extra times on the days with `daysBefore` local days left before the last day (D-7, D-3, D-1). */
  nearEnd: { daysBefore: number[]; at: LocalTime[] }[];
  /** Times on the last day of the contest (D). */
  lastDay: LocalTime[];
  /** Nothing is sent from `from` to `to` (wrapping midnight). */
  quietHours: { from: LocalTime; to: LocalTime } | null;
  /** How long after its time a slot may still go out (cut short by quiet hours, the next slot and closing). */
  validForMinutes: number;
  channels: Record<string, ChannelRate>;
  /** Spread each slot's audience over `slots` consecutive slots, a deterministic part of the units each. */
  spread?: ReminderSpread;
}

export interface ReminderSpread {
  /** Parts are made of parent units (with all their communes) or of communes. */
  by: 'parent' | 'commune';
  slots: number;
}

/** A collective's reward criterion (core/awards.ts). */
export type AwardCriterion = 'perCapita' | 'participants' | 'completion' | 'early' | 'viaLink' | 'averageScore';

export interface AwardSettings {
  /** How many communes, agencies, individuals (best overall results) and mobilisers to propose. */
  communes: number;
  agencies: number;
  individuals: number;
  mobilisers: number;
  /** "How early": days from the opening until the unit's first `earlyCount` participants had finished an attempt. */
  earlyCount: number;
  weights: Record<AwardCriterion, number>;
  /** Form of reward written in every row, e.g. "Giấy khen của Chủ tịch UBND huyện". */
  reward: string;
  /** Issuing body, top left: the superior body then the office itself. */
  superiorBody: string;
  issuingBody: string;
  place: string;
  signerTitle: string;
  signerName: string;
  /** "Căn cứ …" lines: the plan and the contest. Empty: the plan and the results, named after the campaign. */
  basis: string[];
}

/** One question of an attempt as it was drawn: the exact version shown and the option order of this attempt. */
export interface AttemptItem {
  position: number;
  questionId: string;
  versionId: number;
  text: string;
  /** Options in the order shown to this person. */
  shownOptions: string[];
  /** shown position → original option index */
  optionOrder: number[];
  /** Shown position of the correct option. */
  correctShown: number;
  explanation: string;
  source: string;
  /** The public page that states the fact, when the version has one. */
  sourceUrl: string | null;
  /** Shown position chosen, when answered. */
  chosenShown: number | null;
  isCorrect: boolean | null;
  /** When the question was shown to the person (the start of the call that delivered it); null until then. */
  shownAt: number | null;
}
