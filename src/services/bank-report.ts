import { versionStats, wrongChoiceCounts } from '../storage/repos/question-stats.ts';
import type { ServiceDeps } from './deps.ts';

/** How one stored question version fared with real answers. */
export interface QuestionVersionReport {
  versionId: number;
  questionId: string;
  /** The version the bank holds now (false: an older text of the question). */
  active: boolean;
  text: string;
  options: string[];
  correctIndex: number;
  drawn: number;
  answered: number;
  correct: number;
  /** Most chosen wrong option (original index) and how often, when any wrong answer exists. */
  topWrong?: { index: number; count: number };
  /** Worth a look: few answer it right, or one wrong option draws more answers than the right one. */
  needsReview: boolean;
}

export interface ReportData {
  versions: QuestionVersionReport[];
}

/** The question bank report, live: per stored question version, answers, share correct and most chosen wrong option. */
export interface BankReportService {
  data(): Promise<ReportData>;
}

/** At least 5 answers, and under 40% right or a wrong option chosen more often than the right one. */
function needsReview(r: Pick<QuestionVersionReport, 'answered' | 'correct' | 'topWrong'>): boolean {
  return r.answered >= 5 && (r.correct / r.answered < 0.4 || (r.topWrong?.count ?? 0) > r.correct);
}

export function createBankReportService(deps: Pick<ServiceDeps, 'db'>): BankReportService {
  return {
    async data() {
      const [stats, wrong] = await Promise.all([versionStats(deps.db), wrongChoiceCounts(deps.db)]);
      const top = new Map<number, { index: number; count: number }>();
      for (const w of wrong) {
        const best = top.get(w.versionId);
        if (!best || w.count > best.count || (w.count === best.count && w.chosenIndex < best.index)) top.set(w.versionId, { index: w.chosenIndex, count: w.count });
      }
      return {
        versions: stats.map((s) => {
          const topWrong = top.get(s.versionId);
          const row = { ...s, ...(topWrong ? { topWrong } : {}) };
          return { ...row, needsReview: needsReview(row) };
        }),
      };
    },
  };
}
