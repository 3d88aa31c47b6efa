import { z } from 'zod';
import { viOperator } from '../messages/operator.ts';
import { DEFAULT_AWARD_SETTINGS as D, type AwardSettings } from '../core/awards.ts';

const count = z.number().int().min(0).max(500);
const weight = z.number().nonnegative().max(1000);
const text = z.string().trim().max(300);

/** The optional `awards:` block of a campaign file (reward proposal); every field has a default. */
export const awardsSchema = z
  .object({
    communes: count.default(D.communes),
    agencies: count.default(D.agencies),
    individuals: count.default(D.individuals),
    mobilisers: count.default(D.mobilisers),
    early_count: z.number().int().min(1).max(100_000).default(D.earlyCount),
    weights: z
      .object({
        per_capita: weight.default(D.weights.perCapita),
        participants: weight.default(D.weights.participants),
        completion: weight.default(D.weights.completion),
        early: weight.default(D.weights.early),
        via_link: weight.default(D.weights.viaLink),
        average_score: weight.default(D.weights.averageScore),
      })
      .strict()
      .refine((w) => Object.values(w).some((v) => v > 0), viOperator.campaign.criterionWeight)
      .optional(),
    reward: text.min(3).default(D.reward),
    superior_body: text.min(2).default(D.superiorBody),
    issuing_body: text.min(2).default(D.issuingBody),
    place: text.default(D.place),
    signer_title: text.min(2).default(D.signerTitle),
    signer_name: text.default(D.signerName),
    basis: z.array(text.min(5)).default(D.basis),
  })
  .strict();

export function toAwardSettings(a: z.infer<typeof awardsSchema>): AwardSettings {
  const w = a.weights;
  return {
    communes: a.communes,
    agencies: a.agencies,
    individuals: a.individuals,
    mobilisers: a.mobilisers,
    earlyCount: a.early_count,
    weights: w
      ? { perCapita: w.per_capita, participants: w.participants, completion: w.completion, early: w.early, viaLink: w.via_link, averageScore: w.average_score }
      : D.weights,
    reward: a.reward,
    superiorBody: a.superior_body,
    issuingBody: a.issuing_body,
    place: a.place,
    signerTitle: a.signer_title,
    signerName: a.signer_name,
    basis: a.basis,
  };
}
