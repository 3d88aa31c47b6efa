import { viProposal as T } from '../../messages/vi.ts';
import type { AwardProposal } from '../../services/awards.ts';

export const PROPOSAL_FILES = { docx: 'de-nghi-khen-thuong.docx', xlsx: 'de-nghi-khen-thuong.xlsx' } as const;

export interface ProposalFiles {
  docx: Buffer;
  xlsx: Buffer;
  /** One Vietnamese sentence for the official who asked (counts proposed, people left out). */
  summary: string;
  proposal: AwardProposal;
}

/** A proposal (from `services.awards.proposal()`) as the two documents and a summary sentence (`/khenthuong`, the CLI). */
export async function renderProposal(proposal: AwardProposal): Promise<ProposalFiles> {
  const people = new Set([...proposal.individuals, ...proposal.mobilisers].map((r) => r.participantId)).size;
  const summary = T.summary(
    proposal.campaign.labels,
    proposal.communes.proposed.length,
    proposal.agencies.proposed.length,
    people,
    proposal.leftOut.individuals + proposal.leftOut.mobilisers,
  );
  // docx and exceljs are loaded on the first proposal: a bot that never makes one does not hold them (≈ 18 MB).
  const [{ buildProposalDocx }, { buildProposalXlsx }] = await Promise.all([import('./proposal-docx.ts'), import('./proposal-xlsx.ts')]);
  return { docx: await buildProposalDocx(proposal), xlsx: await buildProposalXlsx(proposal), summary, proposal };
}
