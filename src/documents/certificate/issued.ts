import type { Campaign } from '../../core/types.ts';
import { viCertificate as T } from '../../messages/certificate.ts';
import type { Certificate } from '../../services/certificates.ts';
import type { CertificateContent } from './content.ts';
import { renderCertificatePdf } from './pdf.ts';
import { renderCertificatePng } from './png.ts';

/** The check page of a certificate, under the site's address: what its QR code opens. */
export const certificateCheckPath = (code: string) => `/chung-nhan/${code}`;

/** A person's two files: the PDF to print and the PNG to share (with their invite link's QR code when there is one). */
export interface CertificateFiles {
  pdf: { filename: string; content: Buffer };
  png: { filename: string; content: Buffer };
}

/** An issued certificate as the documents print it: the campaign's title, organiser and signer, the service's statement. */
export function issuedCertificateContent(campaign: Campaign, cert: Certificate, urls: { baseUrl: string; inviteUrl: string | null }): CertificateContent {
  const signer = campaign.certificates?.signer ?? { title: T.defaultSignerTitle, name: '' };
  return {
    name: cert.name,
    unit: cert.unit,
    contestTitle: campaign.title,
    organiser: campaign.organiser,
    roundName: cert.round?.name ?? null,
    score: cert.score,
    maxScore: cert.maxScore,
    date: cert.statedAt,
    timezone: campaign.timezone,
    signerTitle: signer.title,
    signerName: signer.name,
    verifyUrl: `${urls.baseUrl}${certificateCheckPath(cert.code)}`,
    inviteUrl: urls.inviteUrl && /^https?:\/\//u.test(urls.inviteUrl) ? urls.inviteUrl : null,
  };
}

/** Renders both files of an issued certificate. */
export async function renderIssuedCertificate(campaign: Campaign, cert: Certificate, urls: { baseUrl: string; inviteUrl: string | null }): Promise<CertificateFiles> {
  const content = issuedCertificateContent(campaign, cert, urls);
  const number = cert.round ? campaign.rounds.indexOf(cert.round) + 1 : null;
  const [pdf, png] = await Promise.all([renderCertificatePdf(content), renderCertificatePng(content)]);
  return { pdf: { filename: T.filename('pdf', number), content: pdf }, png: { filename: T.filename('png', number), content: png } };
}
