/** `npm run results:verify` (src/cli/results-verify.ts): what it tells whoever rechecks a round's results file. */
export const viResultsVerify = {
  usage: `Cách dùng: npm run results:verify -- <tệp.json> [--hash <sha256> | --url <địa chỉ trang công bố>]
  Kiểm tra mã SHA-256 của tệp với mã đã công bố, rồi tính lại người đoạt giải và xếp hạng đơn vị theo thể lệ.`,
  match: 'khớp',
  sha256: (hex: string) => `SHA-256 của tệp: ${hex}`,
  noPublishedHash: 'Không so mã SHA-256 (không có --hash hoặc --url): chỉ tính lại kết quả.',
  hashMatches: 'Mã SHA-256 trùng với mã đã công bố.',
  hashDiffers: (published: string, actual: string) => `Không khớp: mã SHA-256 đã công bố là ${published}, của tệp này là ${actual} — tệp đã bị sửa hoặc không phải tệp đã công bố.`,
  hashNotOnPage: (filename: string, url: string) => `Không tìm thấy mã SHA-256 của ${filename} trên trang ${url}.`,
  pageUnreachable: (url: string, why: string) => `Không tải được trang ${url}: ${why}`,
  badHash: 'Mã --hash phải gồm 64 chữ số thập lục phân.',
  unreadable: (file: string, why: string) => `Không đọc được tệp ${file}: ${why}`,
  notAResultsFile: (where: string) => `Không phải tệp kết quả vòng thi hợp lệ (${where}).`,
  perfect: (stated: number, computed: number) => `Không khớp: tệp ghi ${stated} người đạt điểm tuyệt đối, tính lại được ${computed}.`,
  winner: (position: number, stated: string, computed: string) => `Không khớp ở người đoạt giải thứ ${position}: tệp ghi ${stated}, tính lại được ${computed}.`,
  winnerLine: (prize: string, rank: number, id: string) => `${prize} (hạng ${rank}, mã ${id})`,
  unit: (kind: 'commune' | 'agency', position: number, stated: string, computed: string) =>
    `Không khớp ở vị trí ${position} của bảng xếp hạng ${kind === 'commune' ? 'xã' : 'cơ quan'}: tệp ghi ${stated}, tính lại được ${computed}.`,
  unitLine: (code: string, rank: number | null) => (rank === null ? `${code} (chưa xếp hạng)` : `${code} (hạng ${rank})`),
  nothing: 'không có',
  summary: (round: string, people: number, winners: number) => `${round}: ${people} người dự thi, ${winners} người đoạt giải, xếp hạng đơn vị tính lại được.`,
} as const;
