import { CONSENT_VERSIONS_WITHOUT_PHONE } from '../core/phone-visibility.ts';
import { z } from 'zod';
import { apportion } from '../core/draw.ts';
import { DEFAULT_UNIT_FILES, type Campaign, type LevelLabels, type UnitFiles } from '../core/types.ts';
import { awardsSchema, toAwardSettings } from './awards.ts';
import { integritySchema, toIntegritySettings } from './integrity.ts';
import { remindersSchema, toReminderSettings } from './reminders.ts';
import { prizesSchema, resultsSchema, toRoundResultSettings } from './round-results.ts';
import { FileValidationError, yamlLineOf, loadYamlFile } from './yaml-file.ts';
import { viOperator } from '../messages/operator.ts';
import { viCertificate } from '../messages/certificate.ts';

const T = viOperator.campaign;

const instant = z.iso
  .datetime({ offset: true, message: T.isoTime })
  .transform((s) => Date.parse(s));

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: T.timeZone },
);

const csvPath = z.string().regex(/^[^/\\][^\\]*\.csv$/u, T.csvPath);

/** `units:` names the unit lists; without it, today's files (units/communes.csv, units/agencies.csv, no parents). */
const unitsSchema = z
  .object({ communes: csvPath, agencies: csvPath.nullable().default(null), parents: csvPath.optional() })
  .strict();

/** `labels:` how texts name the levels; "xã, thị trấn" in 2023, "xã, phường" since 1/7/2025 (towns became phường). */
const label = z.string().trim().min(2).max(40).regex(/^\p{Ll}/u, T.label);
export const DEFAULT_LABELS: LevelLabels = { commune: 'xã, thị trấn', parent: 'huyện', area: 'huyện' };
const labelsSchema = z.object({ commune: label.optional(), parent: label.optional(), area: label.optional() }).strict();

const weights = z.record(z.string().min(1), z.number().nonnegative());

const roundSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/u, T.id),
    name: z.string().min(1).max(60),
    opens_at: instant,
    closes_at: instant,
    topics: weights.refine((w) => Object.values(w).some((v) => v > 0), T.topicWeight),
    difficulties: z.object({ easy: z.number().nonnegative(), medium: z.number().nonnegative(), hard: z.number().nonnegative() }).partial().strict().optional(),
    question_ids: z.array(z.string()).min(1).optional(),
    prizes: prizesSchema.optional(),
  })
  .strict()
  .refine((r) => r.opens_at < r.closes_at, { message: T.closesAfterOpens, path: ['closes_at'] });

/** In force since 1/1/2026 (it replaced Nghị định 13/2023/NĐ-CP). */
/**
 * v3 (issue 23): the text also covers the web (a phone is required there, a cookie keeps one signed in) and the
 * participation certificate's public check page; v2's text already said who sees the phone, so its people's stay visible.
 */
export const DEFAULT_PRIVACY = { law: 'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15', consent_version: 'luat-91-2025-v3', phone_consent_versions: ['luat-91-2025-v2'] };

const consentVersion = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/u, T.consentVersion);
const privacySchema = z
  .object({
    law: z.string().min(5).max(200),
    // The text people agree to now says who sees the phone: a version that named the old text would show phones
    // of people who never agreed to it.
    consent_version: consentVersion.refine((v) => !CONSENT_VERSIONS_WITHOUT_PHONE.includes(v), {
      message: T.oldConsentVersion(DEFAULT_PRIVACY.consent_version),
    }),
    /** Earlier versions whose text also said who sees the phone (their people's phones stay visible). */
    phone_consent_versions: z.array(consentVersion).max(20).optional(),
  })
  .strict();

/** `certificates:` — per round (default) or for the whole contest, and the signer printed on them. */
const certificatesSchema = z
  .object({
    per: z.enum(['round', 'contest']).default('round'),
    signer: z
      .object({ title: z.string().trim().max(80).default(viCertificate.defaultSignerTitle), name: z.string().trim().max(80).default('') })
      .strict()
      .default({ title: viCertificate.defaultSignerTitle, name: '' }),
  })
  .strict()
  .default({ per: 'round', signer: { title: viCertificate.defaultSignerTitle, name: '' } });

export const campaignSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/u, T.id),
    title: z.string().min(3).max(200),
    organiser: z.string().min(3).max(200),
    timezone,
    opens_at: instant,
    closes_at: instant,
    questions_per_attempt: z.number().int().min(1).max(50).default(10),
    attempts_per_round: z.number().int().min(1).max(100).default(3),
    attempt_minutes: z.number().int().min(1).max(240).default(15),
    prediction_question: z.string().min(10).max(300).default('Theo bạn, có bao nhiêu người dự thi đạt điểm tuyệt đối trong vòng thi này?'),
    rounds: z.array(roundSchema).min(1),
    reminders: remindersSchema.optional(),
    privacy: privacySchema.default(DEFAULT_PRIVACY),
    awards: awardsSchema.optional(),
    units: unitsSchema.optional(),
    labels: labelsSchema.optional(),
    officials: z.object({ announcements_per_day: z.number().int().min(0).max(50).default(3) }).strict().optional(),
    results: resultsSchema.optional(),
    certificates: certificatesSchema,
    integrity: integritySchema.optional(),
    /** Where the communes' populations come from (census and date, how merged units were summed): the rules page says it. */
    population_basis: z.string().trim().min(10, T.populationBasis).max(300).optional(),
    /** The web quiz: `registration: open | via-chat | off` (see WebRegistration). */
    web: z.object({ registration: z.enum(['open', 'via-chat', 'off']).default('via-chat') }).strict().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.opens_at >= c.closes_at) ctx.addIssue({ code: 'custom', message: T.closesAfterOpens, path: ['closes_at'] });
    const ids = new Set<string>();
    c.rounds.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', message: T.duplicateRound(r.id), path: ['rounds', i, 'id'] });
      ids.add(r.id);
      if (r.opens_at < c.opens_at || r.closes_at > c.closes_at) {
        ctx.addIssue({ code: 'custom', message: T.roundOutside, path: ['rounds', i, 'opens_at'] });
      }
      const prev = c.rounds[i - 1];
      if (prev && r.opens_at < prev.closes_at) {
        ctx.addIssue({ code: 'custom', message: T.roundOverlaps, path: ['rounds', i, 'opens_at'] });
      }
    });
    if (c.reminders?.spread?.by === 'parent' && !c.units?.parents) {
      ctx.addIssue({ code: 'custom', message: T.spreadByParent, path: ['reminders', 'spread', 'by'] });
    }
  });

function unitFiles(u: z.output<typeof unitsSchema> | undefined): UnitFiles {
  if (!u) return DEFAULT_UNIT_FILES;
  return { communes: u.communes, agencies: u.agencies, ...(u.parents ? { parents: u.parents } : {}) };
}

/** Reads a campaign YAML file; throws FileValidationError naming file, line and field. */
export function loadCampaign(file: string): Campaign {
  const { value: c } = loadYamlFile(file, campaignSchema);
  return {
    id: c.id,
    title: c.title,
    organiser: c.organiser,
    timezone: c.timezone,
    opensAt: c.opens_at,
    closesAt: c.closes_at,
    questionsPerAttempt: c.questions_per_attempt,
    attemptsPerRound: c.attempts_per_round,
    attemptMinutes: c.attempt_minutes,
    predictionQuestion: c.prediction_question,
    demo: false,
    reminders: toReminderSettings(c.reminders),
    privacy: {
      law: c.privacy.law,
      consentVersion: c.privacy.consent_version,
      phoneConsentVersions: [c.privacy.consent_version, ...(c.privacy.phone_consent_versions ?? []).filter((v) => !CONSENT_VERSIONS_WITHOUT_PHONE.includes(v))],
    },
    ...(c.awards ? { awards: toAwardSettings(c.awards) } : {}),
    labels: { ...DEFAULT_LABELS, ...c.labels },
    unitFiles: unitFiles(c.units),
    ...(c.officials ? { officials: { announcementsPerDay: c.officials.announcements_per_day } } : {}),
    results: toRoundResultSettings(c.results),
    certificates: { per: c.certificates.per, signer: { title: c.certificates.signer.title, name: c.certificates.signer.name } },
    integrity: toIntegritySettings(c.integrity),
    ...(c.population_basis ? { populationBasis: c.population_basis } : {}),
    ...(c.web ? { web: { registration: c.web.registration } } : {}),
    rounds: c.rounds.map((r) => ({
      id: r.id,
      name: r.name,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      topics: r.topics,
      ...(r.difficulties ? { difficulties: r.difficulties } : {}),
      ...(r.question_ids ? { questionIds: r.question_ids } : {}),
      ...(r.prizes ? { prizes: r.prizes } : {}),
    })),
  };
}

/** Pairs of questions that may not share an attempt (each once), from the questions' `apart` lists. */
function apartPairs(bank: readonly { id: string; apart?: readonly string[] }[]): [string, string][] {
  const ids = new Set(bank.map((q) => q.id));
  return bank.flatMap((q) => (q.apart ?? []).filter((o) => q.id < o && ids.has(o)).map((o): [string, string] => [q.id, o]));
}

/**
 * Checks that every topic and question id a campaign names exists in the bank, and that each round can fill an
 * attempt — also when the questions kept apart (question-bank/giveaway-pairs.yaml) each take one question out: the
 * whole attempt from the round's pool, and each topic's share of it from that topic's questions.
 */
export function checkCampaignAgainstBank(
  file: string,
  campaign: Campaign,
  bank: readonly { id: string; topic: string; apart?: readonly string[] }[],
): void {
  const problems: string[] = [];
  const topics = new Set(bank.map((q) => q.topic));
  const ids = new Set(bank.map((q) => q.id));
  const pairs = apartPairs(bank);
  const count = campaign.questionsPerAttempt;
  const at = (path: (string | number)[]) => `${file}:${yamlLineOf(file, path)}`;
  campaign.rounds.forEach((r, i) => {
    for (const t of Object.keys(r.topics)) if (!topics.has(t)) problems.push(T.unknownTopic(at(['rounds', i, 'topics', t]), i, t));
    (r.questionIds ?? []).forEach((id, j) => {
      if (!ids.has(id)) problems.push(T.unknownQuestion(at(['rounds', i, 'question_ids', j]), i, j, id));
    });
    const listed = r.questionIds ? new Set(r.questionIds) : undefined;
    const pool = listed ? bank.filter((q) => listed.has(q.id)) : bank;
    if (pool.length < count) {
      problems.push(T.tooFewQuestions(at(['rounds', i]), i, pool.length, count));
      return;
    }
    const inPool = new Set(pool.map((q) => q.id));
    const poolPairs = pairs.filter(([a, b]) => inPool.has(a) && inPool.has(b));
    const where = listed ? T.poolListed(pool.length) : T.poolBank(pool.length);
    if (pool.length - poolPairs.length < count) {
      problems.push(T.tooManyPairs(at(['rounds', i, listed ? 'question_ids' : 'topics']), i, where, poolPairs.length, pool.length - poolPairs.length, count));
    }
    for (const [t, share] of Object.entries(apportion(r.topics, count))) {
      const own = new Set(pool.filter((q) => q.topic === t).map((q) => q.id));
      const touching = poolPairs.filter(([a, b]) => own.has(a) || own.has(b)).length;
      if (own.size >= share && own.size - touching < share) {
        problems.push(T.topicPairs(at(['rounds', i, 'topics', t]), i, t, share, own.size, touching));
      }
    }
  });
  if (problems.length) throw new FileValidationError(file, problems);
}
