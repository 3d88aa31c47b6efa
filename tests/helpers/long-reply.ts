/**
 * An announcement of 3,991 characters (the most is 4,000) in numbered lines: an official's confirmation that quotes it
 * goes out as two Telegram messages (4,096 at most) and three Zalo ones (2,000 at most).
 */
export const ANNOUNCEMENT = [
  ...Array.from({ length: 54 }, (_, i) => `Dòng ${i + 1}: hãy tham gia cuộc thi tìm hiểu chuyển đổi số của huyện Bắc Sơn.`),
  'Dòng 55: xin trân trọng cảm ơn tất cả các bạn đã tham gia.',
].join('\n');
