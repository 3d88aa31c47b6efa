import type { LevelLabels } from '../core/types.ts';

/** The /link document: every unit's link and QR code, to print or post. */
export const viLinksDoc = {
  fileName: (campaignId: string, day: string) => `link-don-vi-${campaignId}-${day}.docx`,
  caption: (n: number, when: string) => `🔗 Link mời và mã QR của ${n} đơn vị, lập lúc ${when} (một tệp Word để in hoặc gửi cho các đơn vị).`,
  title: 'ĐƯỜNG LINK VÀ MÃ QR MỜI DỰ THI CỦA CÁC ĐƠN VỊ',
  madeAt: (when: string) => `Lập lúc ${when}`,
  intro:
    'Người tham gia qua đường link, mã QR hoặc mã đơn vị dưới đây được tính cho đơn vị đó. Đề nghị các đơn vị in, ' +
    'đăng lên trang thông tin điện tử, nhóm Zalo, Facebook của đơn vị.',
  telegramHow: 'Trên Telegram: quét mã QR của đơn vị hoặc mở đường link của đơn vị.',
  zaloHow: (link: string | undefined, example: string) =>
    link
      ? `Trên Zalo (Zalo không có link riêng cho từng đơn vị): mở bot tại ${link} hoặc quét mã QR Zalo bên cạnh, rồi nhắn cho bot mã của đơn vị như ghi ở dòng "Zalo" (ví dụ ${example}); người nhắn mã được tính như người vào qua link của đơn vị.`
      : `Trên Zalo: tìm bot của cuộc thi, rồi nhắn cho bot mã của đơn vị như ghi ở dòng "Zalo" (ví dụ ${example}); người nhắn mã được tính như người vào qua link của đơn vị.`,
  zaloQrLabel: 'Mã QR mở bot trên Zalo',
  sections: (l: LevelLabels) => ({ communes: l.commune.toUpperCase(), agencies: 'CƠ QUAN, ĐƠN VỊ' }),
  noParent: (l: LevelLabels) => `Không thuộc ${l.parent} nào`,
  headers: { no: 'STT', unit: 'Đơn vị và cách tham gia', qr: 'Mã QR' },
  code: (code: string) => `Mã đơn vị: ${code}`,
  telegram: 'Telegram: ',
  zalo: (link: string | undefined) => (link ? `Zalo: mở ${link}, nhắn cho bot:` : 'Zalo: nhắn cho bot:'),
  typed: 'Nhắn cho bot: ',
  qrAlt: (unit: string) => `Mã QR mời dự thi của ${unit}`,
} as const;
