import { formatDate } from '../../core/time.ts';
import { viCertificate as T } from '../../messages/certificate.ts';

/** What a certificate states, worked out by the caller (the campaign file, the person, the attempt). */
export interface CertificateContent {
  /** The person's full name as registered. */
  name: string;
  /** The unit the person took part for (commune or agency). */
  unit: string;
  contestTitle: string;
  organiser: string;
  /** The round certified; null when the certificate is for the whole contest (then the score is the rounds' sum). */
  roundName: string | null;
  score: number;
  maxScore: number;
  /** The day the certificate speaks of, printed dd/mm/yyyy in `timezone`. */
  date: Date | number;
  /** Default Asia/Ho_Chi_Minh. */
  timezone?: string;
  /** From the campaign file, e.g. "TRƯỞNG BAN"; empty leaves the signature block without a title. */
  signerTitle: string;
  /** From the campaign file; empty leaves the line blank, for a handwritten name. */
  signerName: string;
  /** `<PUBLIC_BASE_URL>/chung-nhan/<code>`: a QR code to it on both files. */
  verifyUrl: string;
  /** The person's own invite link: a QR code to it on the PNG only (the file people share). */
  inviteUrl?: string | null;
}

/** Every line the certificate prints, NFC-normalised, on single spaces. */
export interface CertificateText {
  organiser: string;
  name: string;
  unit: string;
  contest: string;
  round: string | null;
  score: string;
  date: string;
  signerTitle: string;
  signerName: string;
  verifyUrl: string;
  verifyAt: string;
  inviteUrl: string | null;
}

const clean = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();
const numbers = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

function webAddress(url: string, what: string): string {
  const value = url.trim();
  if (!URL.canParse(value) || !/^https?:$/u.test(new URL(value).protocol)) throw new Error(`Certificate: ${what} is not an http(s) address: ${JSON.stringify(url)}`);
  return value;
}

/** The certificate's lines from its content; throws on what no certificate may state (an error for operators). */
export function certificateText(c: CertificateContent): CertificateText {
  const name = clean(c.name);
  if (!name) throw new Error('Certificate: the name is empty');
  if (!Number.isFinite(c.score) || !Number.isFinite(c.maxScore) || c.maxScore <= 0 || c.score < 0 || c.score > c.maxScore) {
    throw new Error(`Certificate: score ${c.score} out of ${c.maxScore} is impossible`);
  }
  const at = typeof c.date === 'number' ? c.date : c.date.getTime();
  if (!Number.isFinite(at)) throw new Error('Certificate: the date is invalid');
  const verifyUrl = webAddress(c.verifyUrl, 'the verification URL');
  const round = c.roundName === null ? null : clean(c.roundName);
  return {
    organiser: clean(c.organiser).toLocaleUpperCase('vi'),
    name,
    unit: T.unit(clean(c.unit)),
    contest: T.contest(clean(c.contestTitle)),
    round: round ? T.round(round) : null,
    score: T.score(numbers.format(c.score), numbers.format(c.maxScore), c.roundName === null),
    date: T.date(formatDate(at, c.timezone ?? 'Asia/Ho_Chi_Minh')),
    signerTitle: clean(c.signerTitle),
    signerName: clean(c.signerName),
    verifyUrl,
    verifyAt: T.verifyAt(verifyUrl),
    inviteUrl: c.inviteUrl ? webAddress(c.inviteUrl, 'the invite URL') : null,
  };
}
