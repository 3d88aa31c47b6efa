import PDFDocument from 'pdfkit';
import { viCertificate as T } from '../../messages/certificate.ts';
import type { CertificateContent } from './content.ts';
import { certificateText } from './content.ts';
import { certificateFonts, type FontStyle } from './fonts.ts';
import { layoutCertificate, type CertificateDrawing } from './layout.ts';

type Doc = InstanceType<typeof PDFDocument>;
/** pdfkit (0.20) takes parsed fontkit fonts; its type definitions know only files and bytes. */
type FontSource = Parameters<Doc['registerFont']>[1];

function draw(doc: Doc, drawing: CertificateDrawing): void {
  for (const item of drawing.items) {
    if (item.kind === 'text') {
      doc.font(item.style).fontSize(item.size).fillColor(item.color).text(item.text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic' });
    } else if (item.kind === 'rect') {
      doc.rect(item.x, item.y, item.w, item.h).lineWidth(item.lineWidth).stroke(item.stroke);
    } else if (item.kind === 'line') {
      doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.lineWidth).stroke(item.stroke);
    } else {
      doc.path(item.d).fill(item.fill);
    }
  }
}

/**
 * The certificate to print: one A4 landscape page, Tinos embedded as subsets (only the glyphs used), text that can be
 * selected, searched and extracted, the QR code to the verification page as vectors. No invite code: that is the PNG's.
 */
export function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const text = certificateText(content);
  const drawing = layoutCertificate(text, { invite: false });
  const fonts = certificateFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    // The first font, instead of Helvetica (never used, never embedded).
    font: fonts.regular as unknown as string,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: T.documentTitle(text.name), Author: content.organiser.normalize('NFC'), Subject: content.contestTitle.normalize('NFC'), Creator: 'cds-quizbot' },
  });
  for (const style of ['regular', 'bold', 'italic'] as FontStyle[]) doc.registerFont(style, fonts[style] as unknown as FontSource);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, drawing);
  doc.end();
  return done;
}
