import type { LevelLabels } from '../core/types.ts';

/** The reward proposal (đề nghị khen thưởng) and the print setup of every workbook. */
export const viProposal = {
  print: {
    exportedAt: (when: string) => `Xuất lúc ${when}`,
    // Header/footer codes: &P page, &N pages.
    page: 'Trang &P/&N',
    bankTitle: 'Ngân hàng câu hỏi',
  },
  motto1: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto2: 'Độc lập - Tự do - Hạnh phúc',
  placeDate: (place: string, day: string, month: string, year: string) => `${place ? `${place}, ` : ''}ngày ${day} tháng ${month} năm ${year}`,
  draft: (when: string) => `DỰ THẢO — số liệu đến ${when}, cuộc thi chưa kết thúc`,
  title: 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG',
  subtitle: (campaign: string) => `Tập thể, cá nhân có thành tích xuất sắc trong ${campaign}`,
  basis: (text: string, last: boolean) => `Căn cứ ${text.replace(/^căn cứ\s+/iu, '')}${last ? '.' : ';'}`,
  defaultBasis: (campaign: string, organiser: string) => [`Kế hoạch của ${organiser} về tổ chức ${campaign}`, `kết quả ${campaign}`],
  intro: (reward: string) => `Đề nghị khen thưởng (hình thức: ${reward}) các tập thể, cá nhân sau:`,
  collectivesHeading: 'I. TẬP THỂ',
  individualsHeading: 'II. CÁ NHÂN',
  none: 'Chưa có đơn vị, cá nhân nào đủ điều kiện.',
  headers: { no: 'STT', collective: 'Tên tập thể', person: 'Họ và tên', unit: 'Đơn vị', achievements: 'Thành tích', reward: 'Hình thức khen thưởng' },
  groups: (l: LevelLabels): Record<'commune' | 'agency', string> => ({ commune: `Khối ${l.commune}`, agency: 'Khối cơ quan, đơn vị' }),
  criteria: {
    perCapita: 'số người dự thi trên 1.000 dân (cơ quan: trên số cán bộ)',
    participants: 'số người dự thi',
    completion: 'tỷ lệ người đăng ký đã dự thi',
    early: 'mức độ hưởng ứng sớm',
    viaLink: 'số người tham gia qua đường link của đơn vị',
    averageScore: 'điểm bình quân',
  },
  collective: {
    points: (total: string) => `Điểm xét: ${total}/100`,
    participants: (n: number) => `${n} người dự thi`,
    perThousand: (v: string) => `${v} người/1.000 dân`,
    perStaff: (v: string) => `${v}% số cán bộ`,
    completion: (pct: string, registered: number) => `${pct}% trong ${registered} người đăng ký đã dự thi`,
    early: (n: number, days: string) => `đủ ${n} người dự thi sau ${days} ngày`,
    notReached: (n: number) => `chưa đủ ${n} người dự thi`,
    viaLink: (n: number) => `${n} người tham gia qua đường link của đơn vị`,
    average: (v: string, max: number) => `điểm bình quân ${v}/${max}`,
  },
  individual: {
    result: (l: LevelLabels, rank: number, score: number, max: number, rounds: number, time: string) =>
      `Xếp thứ ${rank} toàn ${l.area}: ${score}/${max} điểm qua ${rounds} vòng thi, thời gian ${time}`,
    mobiliser: (finished: number, total: number) => `Vận động ${finished} người dự thi (${total} người đăng ký qua đường link giới thiệu)`,
    phoneVerified: 'Số điện thoại đã xác minh',
    phoneUnverified: 'Số điện thoại chưa xác minh',
  },
  excluded: (total: number, units: string) => `Không tính ${total} người bị loại sau khi kiểm tra dấu hiệu bất thường (không có mặt ở bảng xếp hạng, số liệu đơn vị và kết quả các vòng): ${units}.`,
  excludedUnit: (unit: string, n: number) => `${unit} ${n} người`,
  unverifiedSkipped: (n: number) => `Không đưa vào danh sách ${n} người xếp trên chưa có số điện thoại đã xác minh (thể lệ yêu cầu số điện thoại đã xác minh).`,
  notesHeading: 'Ghi chú:',
  weights: (group: string, list: string) => `${group}: xét theo ${list} (chuẩn hóa 0–100 trong khối, có trọng số).`,
  weightItem: (criterion: string, weight: number) => `${criterion} (${weight})`,
  // Up to five units are named; more would fill the page (the unit lists say which).
  dropped: (group: string, criterion: string, missing: readonly string[], of: number, hint: string) =>
    `${group}: không xét tiêu chí "${criterion}" vì ${missing.length}/${of} đơn vị chưa có số liệu` +
    (missing.length <= 5 ? ` (${missing.join(', ')}); ${hint}.` : `; ${hint}.`),
  droppedHint: (kind: 'commune' | 'agency', file: string) =>
    kind === 'commune'
      ? `muốn xét tiêu chí này, bổ sung số dân (cột population) vào question-bank/${file}`
      : `muốn xét tiêu chí này, bổ sung số cán bộ (cột staff) vào question-bank/${file}`,
  leftOut: (results: number, mobilisers: number) =>
    `Không đưa vào danh sách những người đã xóa dữ liệu cá nhân theo yêu cầu: ${results} người thuộc nhóm kết quả tốt nhất, ${mobilisers} người thuộc nhóm vận động nhiều người dự thi nhất.`,
  asOf: (when: string) => `Số liệu trích từ hệ thống lúc ${when}.`,
  recipients: 'Nơi nhận:',
  recipientList: ['- Phòng Nội vụ;', '- Lưu: VT.'],
  signHint: '(Ký, ghi rõ họ tên, đóng dấu)',
  sheets: { collectives: 'Tập thể', individuals: 'Cá nhân', notes: 'Ghi chú' },
  sheetHeaders: { group: 'Khối', total: 'Điểm xét (0–100)' },
  xlsxCaption: 'Bảng tính cùng số liệu (để lọc, sắp xếp, đối chiếu).',
  summary: (l: LevelLabels, communes: number, agencies: number, people: number, leftOut: number) =>
    `Đề nghị khen thưởng: ${communes} ${l.commune}; ${agencies} cơ quan, đơn vị; ${people} cá nhân` + (leftOut ? ` (không đưa vào ${leftOut} người đã xóa dữ liệu)` : '') + '.',
} as const;
