/**
 * The participation certificate (giấy chứng nhận tham gia, issue 26): an A4 landscape PDF to print and a PNG to share,
 * from plain content. It knows nothing of the database or the campaign file: callers fill `CertificateContent`.
 */
export { renderCertificatePdf } from './pdf.ts';
export { CERTIFICATE_PNG_WIDTH, renderCertificatePng } from './png.ts';
export { certificateText, type CertificateContent, type CertificateText } from './content.ts';
export { CERTIFICATE_FONT_FAMILY, certificateFontFiles, missingGlyphs } from './fonts.ts';
export { certificateCheckPath, issuedCertificateContent, renderIssuedCertificate, type CertificateFiles } from './issued.ts';
