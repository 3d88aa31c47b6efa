import { z } from 'zod';
import { viOperator } from '../messages/operator.ts';
import { DEFAULT_PRIZES } from '../core/round-results.ts';
import { ALL_CHANNEL_NAMES } from '../channels/registry.ts';
import type { RoundResultSettings } from '../core/types.ts';

const prize = z.object({ name: z.string().trim().min(2).max(60), count: z.number().int().min(1, viOperator.campaign.prizeMin).max(500, viOperator.campaign.prizeMax) }).strict();

/** A round's prizes, in order (first prize first); each name once. */
export const prizesSchema = z
  .array(prize)
  .min(1)
  .max(20)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((p, i) => {
      if (seen.has(p.name)) ctx.addIssue({ code: 'custom', message: viOperator.campaign.duplicatePrize(p.name), path: [i, 'name'] });
      seen.add(p.name);
    });
  });

/** "telegram:123456", "zalo:abc123": a channel of the registry and the account id the bot sees (as in ADMIN_*_IDS). */
const account = z.string().trim().regex(new RegExp(`^(${ALL_CHANNEL_NAMES.join('|')}):[A-Za-z0-9_.-]{1,64}$`, 'u'), viOperator.campaign.account);

/** The optional `results:` block of a campaign file. */
export const resultsSchema = z
  .object({
    prizes: prizesSchema.optional(),
    exclude: z.array(account).default([]),
    announce: z.boolean().default(false),
    review_days: z.number().min(0).max(60).default(3),
    require_verified_phone: z.boolean().default(false),
  })
  .strict();

export function toRoundResultSettings(r: z.output<typeof resultsSchema> | undefined): RoundResultSettings {
  return {
    prizes: r?.prizes ?? DEFAULT_PRIZES,
    exclude: [...new Set(r?.exclude ?? [])],
    announce: r?.announce ?? false,
    reviewDays: r?.review_days ?? 3,
    requireVerifiedPhone: r?.require_verified_phone ?? false,
  };
}
