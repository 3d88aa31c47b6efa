/**
 * Integrity review (issue 25): the flags' evidence in words an official understands, /kiemtra and the dashboard's
 * review page. Numbers come already formatted where they are dates.
 */
const seconds = (x: number) => x.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
const ids = (xs: readonly number[]) => xs.map((x) => `#${x}`).join(', ');

export const viIntegrity = {
  speed: (round: string, fresh: number, median: number, total: number, floor: number, perQuestion: number) =>
    `Làm bài nhanh hơn tốc độ đọc (${round}): ${fresh} câu chưa gặp ở lượt trước, mỗi câu tính từ lúc câu hỏi được gửi tới đến lúc máy chủ nhận trả lời — trung vị ${seconds(median)} giây/câu, cả bài ${seconds(total)} giây (ngưỡng: ${seconds(floor)} giây/câu, cả bài ${seconds(perQuestion)} giây/câu).`,
  twins: (round: string, other: number, via: 'unit' | 'inviter', shared: number, diff: number) =>
    `Trùng đáp án sai với #${other} (${via === 'unit' ? 'cùng đơn vị' : 'cùng người mời'}, ${round}): ${shared} câu chọn cùng một đáp án sai, mọi câu còn lại chọn giống nhau, nhịp trả lời từng câu chênh nhau trung vị ${seconds(diff)} giây.`,
  phone: (people: number, others: readonly number[]) => `Một số điện thoại, ${people} người đăng ký: cùng số với ${ids(others)}.`,
  name: (people: number, unit: string, others: readonly number[]) => `Một họ tên đăng ký ${people} lần trong ${unit}: trùng với ${ids(others)}.`,
  burst: (via: string, registrations: number, minutes: number, night: boolean) =>
    `Đăng ký qua ${via}` + (registrations > 1 ? ` trong một đợt ${registrations} người trong vòng ${minutes} phút` : '') + (night ? `${registrations > 1 ? ',' : ''} vào ban đêm` : '') + ' (chỉ xét kèm dấu hiệu khác).',
  viaPerson: (id: number) => `link mời của #${id}`,
  viaUnit: (unit: string) => `link của ${unit}`,
  opened: (round: string, by: string) => `Bài thi ${round} làm trong phiên đăng nhập do cán bộ ${by} mở hộ (link dự phòng).`,
  padding: (unit: string, never: number, registered: number) => `Ghi chú đơn vị ${unit}: ${never}/${registered} người đăng ký chưa từng hoàn thành bài thi.`,

  decisionValid: 'hợp lệ',
  decisionExcluded: 'loại',
  decided: (decision: string, reason: string, by: string, at: string) => `Đã quyết định: ${decision} — "${reason}" (${by}, ${at}).`,
  open: 'Chưa quyết định.',
  personHeader: (id: number, name: string, unit: string, verified: boolean) => `#${id} ${name}${unit ? ` — ${unit}` : ''}${verified ? ' — SĐT đã xác minh' : ''}`,
  deletedName: '(đã xóa dữ liệu)',

  header: (open: number, all: number, at: string) => `🔎 Kiểm tra kết quả: ${open} người có dấu hiệu chưa được quyết định, ${all} người có dấu hiệu (tính lúc ${at}).`,
  unitHeader: (unit: string, open: number, all: number, at: string) => `🔎 Kiểm tra kết quả — ${unit}: ${open} người có dấu hiệu chưa được quyết định, ${all} người có dấu hiệu (tính lúc ${at}). Chỉ cán bộ huyện quyết định; bạn xem để biết.`,
  none: 'Không có dấu hiệu nào cần xem xét.',
  more: (n: number) => `… và ${n} người nữa: gõ /kiemtra tatca hoặc xem trang quản trị.`,
  howToDecide: 'Quyết định: /kiemtra hople <số> <lý do> hoặc /kiemtra loai <số> <lý do> (số là #… ở trên). Quyết định sau thay quyết định trước.',
  usage: 'Cách dùng: /kiemtra — danh sách chưa quyết định; /kiemtra tatca — tất cả; /kiemtra hople <số> <lý do>; /kiemtra loai <số> <lý do>.',
  reasonNeeded: 'Cần ghi lý do, ví dụ: /kiemtra loai 123 trả lời 10 câu trong 6 giây, không liên lạc được.',
  unknownPerson: (id: string) => `Không có người dự thi #${id} trong danh sách kiểm tra.`,
  recorded: (id: number, name: string, decision: string) => `Đã ghi: #${id} ${name} — ${decision}. ${decision === 'loại' ? 'Người này không còn được tính ở bảng xếp hạng, số liệu đơn vị, kết quả vòng và đề nghị khen thưởng.' : 'Người này được tính bình thường.'}`,
  unitReadOnly: 'Chỉ cán bộ huyện quyết định hợp lệ hay loại; bạn xem được danh sách của đơn vị mình.',
} as const;
