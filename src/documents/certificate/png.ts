import { renderSvgToPng } from '../../charts/png.ts';
import type { CertificateContent } from './content.ts';
import { certificateText } from './content.ts';
import { CERTIFICATE_FONT_FAMILY, certificateFontFiles, certificateFonts } from './fonts.ts';
import { layoutCertificate, type CertificateDrawing } from './layout.ts';

/** Width of the PNG: a landscape A4 page at about 190 dpi, 1600 × 1131, sharp on a phone and light to send. */
export const CERTIFICATE_PNG_WIDTH = 1600;

const escape = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
const n = (v: number) => String(Math.round(v * 100) / 100);
const FACE = { regular: '', bold: ' font-weight="bold"', italic: ' font-style="italic"' };

/** The drawing as SVG in points; resvg scales it to the PNG's width. */
export function certificateSvg(drawing: CertificateDrawing): string {
  const body = drawing.items.map((item) => {
    switch (item.kind) {
      case 'text':
        return `<text x="${n(item.x)}" y="${n(item.y)}" font-size="${n(item.size)}"${FACE[item.style]} fill="${item.color}">${escape(item.text)}</text>`;
      case 'rect':
        return `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.w)}" height="${n(item.h)}" fill="none" stroke="${item.stroke}" stroke-width="${item.lineWidth}"/>`;
      case 'line':
        return `<line x1="${n(item.x1)}" y1="${n(item.y1)}" x2="${n(item.x2)}" y2="${n(item.y2)}" stroke="${item.stroke}" stroke-width="${item.lineWidth}"/>`;
      case 'path':
        return `<path d="${item.d}" fill="${item.fill}"${item.crisp ? ' shape-rendering="crispEdges"' : ''}/>`;
    }
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${drawing.width}" height="${drawing.height}" viewBox="0 0 ${drawing.width} ${drawing.height}" font-family="${CERTIFICATE_FONT_FAMILY}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/**
 * The certificate to share in chat: the PDF's page as a 1600 × 1131 PNG, with the person's invite link as a second
 * QR code when given. Rendered by resvg in a short-lived worker thread (the charts' one), with the same font files.
 */
export function renderCertificatePng(content: CertificateContent): Promise<Buffer> {
  certificateFonts(); // fails early, in this thread, when the font files are missing
  const svg = certificateSvg(layoutCertificate(certificateText(content), { invite: true }));
  return renderSvgToPng(svg, CERTIFICATE_PNG_WIDTH, { files: Object.values(certificateFontFiles), family: CERTIFICATE_FONT_FAMILY });
}
