/** Answers of the signed download links (/xuat on Zalo), read in a browser. */
export const viDownloads = {
  invalidLink: 'Liên kết tải về không hợp lệ / invalid download link',
  expired: 'Liên kết đã hết hạn / link expired',
} as const;
