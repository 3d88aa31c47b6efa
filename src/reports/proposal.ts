import { viProposal as T } from '../messages/vi.ts';
import { buildAwardProposal, type AwardDeps, type AwardProposal } from '../services/awards.ts';
import { buildProposalDocx } from './proposal-docx.ts';
import { buildProposalXlsx } from './proposal-xlsx.ts';

export const PROPOSAL_FILES = { docx: 'de-nghi-khen-thuong.docx', xlsx: 'de-nghi-khen-thuong.xlsx' } as const;

export interface ProposalFiles {
  docx: Buffer;
  xlsx: Buffer;
  /** One Vietnamese sentence for the official who asked (counts proposed, people left out). */
  summary: string;
  proposal: AwardProposal;
}

/** The reward proposal from the database as it stands, as a .docx and the same tables as an .xlsx (`/khenthuong`). */
export async function buildProposalFiles(deps: AwardDeps): Promise<ProposalFiles> {
  const proposal = await buildAwardProposal(deps);
  const people = new Set([...proposal.individuals, ...proposal.mobilisers].map((r) => r.participantId)).size;
  const summary = T.summary(
    proposal.campaign.labels,
    proposal.communes.proposed.length,
    proposal.agencies.proposed.length,
    people,
    proposal.leftOut.individuals + proposal.leftOut.mobilisers,
  );
  return { docx: await buildProposalDocx(proposal), xlsx: await buildProposalXlsx(proposal), summary, proposal };
}
