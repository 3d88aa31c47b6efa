import type { LevelLabels } from '../core/types.ts';
import type { CommandHelp, CommandMenu } from '../contract/commands.ts';
import { cap, commandLines } from './labels.ts';

/** District officials' commands (/bxh, /thongke, /xuat, /link…): boards, figures, the results workbook's labels, their menu. */
export const viAdmin = {
  adminOnly: 'Lệnh này chỉ dành cho cán bộ quản lý cuộc thi.',
  /** `parents`: the campaign ranks a parent level too (/bxhxa <mã>, /bxhhuyen). */
  adminHelp: (l: LevelLabels, parents: boolean) => ['Lệnh cho cán bộ quản lý:', ...commandLines(viAdmin.adminCommandsHelp(l, parents))].join('\n'),
  /** The district officials' commands in their /huongdan, in this order. */
  adminCommandsHelp: (l: LevelLabels, parents: boolean): CommandHelp<'district'> => ({
    bxh: '/bxh [N] [mã vòng] — N cá nhân dẫn đầu (mặc định 10, tổng các vòng)',
    bxhxa: parents ? `/bxhxa [mã ${l.parent}] — xếp hạng ${l.commune} (toàn ${l.area} hoặc của một ${l.parent})` : `/bxhxa — xếp hạng ${l.commune}`,
    bxhhuyen: parents ? `/bxhhuyen — xếp hạng ${l.parent}` : [],
    bxhdv: '/bxhdv — xếp hạng cơ quan, đơn vị',
    bxhvd: '/bxhvd — xếp hạng cá nhân vận động',
    thongke: '/thongke — số liệu tổng hợp',
    link: '/link [mã] — link mời và mã QR của một đơn vị; /link — tệp Word của tất cả đơn vị',
    xuat: '/xuat — xuất báo cáo Excel',
    khenthuong: '/khenthuong — danh sách đề nghị khen thưởng (Word và Excel)',
    ketquavong: '/ketquavong [số vòng] — người đạt giải của một vòng, đã chốt hay chưa',
    kiemtra: '/kiemtra — dấu hiệu bất thường cần xem xét; /kiemtra hople|loai <số> <lý do> — quyết định',
    nhacnho: '/nhacnho — lịch nhắc nhở và kết quả gửi',
    guinhacnho: '/guinhacnho — gửi nhắc nhở của khung giờ hiện tại ngay',
    thongbao: '/thongbao <nội dung> — gửi thông báo tới mọi người dự thi',
    // The unit's own /thongke follows /chuathi: both look at one unit.
    chuathi: ['/chuathi [mã đơn vị] [trang] — người đã đăng ký nhưng chưa thi vòng này', '/thongke <mã đơn vị> — số liệu của một đơn vị'],
    capquyen: '/capquyen <mã đơn vị> — tạo mã một lần để cấp quyền cán bộ đơn vị',
    dsquyen: '/dsquyen — danh sách cán bộ đơn vị',
    thuhoiquyen: '/thuhoiquyen <số> — thu hồi quyền cán bộ đơn vị',
    web: '/web — đường link đăng nhập trang quản trị (biểu đồ, danh sách, tải báo cáo)',
    huongdan: [],
    admin: [],
    xacnhan: [], // asked for by /guinhacnho and /thongbao, with the request's id
  }),
  boardIndividuals: (scope: string, n: number) => `🏆 ${n} cá nhân dẫn đầu — ${scope}`,
  boardOverall: 'tổng các vòng',
  boardEmpty: 'Chưa có ai hoàn thành bài thi.',
  boardIndividualRow: (rank: number, name: string, commune: string, score: number, duration: string) => `${rank}. ${name} — ${commune} — ${score} điểm — ${duration}`,
  boardUnits: (l: LevelLabels, kind: 'commune' | 'agency', parent?: string) =>
    kind === 'commune' ? `🏘 Xếp hạng ${l.commune}${parent ? ` — ${parent}` : ''}` : '🏢 Xếp hạng cơ quan, đơn vị',
  boardParents: (l: LevelLabels) => `🏛 Xếp hạng ${l.parent}`,
  noParents: (l: LevelLabels) => `Cuộc thi này không chia ${l.commune} theo ${l.parent}.`,
  unknownParent: (l: LevelLabels, code: string, codes: string) => `Không có ${l.parent} mã "${code}". Các mã: ${codes}.`,
  /** `rank` null: nobody from the unit has taken part yet, shown "—" instead of a place. */
  boardUnitRow: (rank: number | null, name: string, participants: number, attempts: number, perThousand: string | null, average: string) =>
    `${rank === null ? '—' : `${rank}.`} ${name}: ${participants} người dự thi, ${attempts} lượt${perThousand ? `, ${perThousand}‰ dân số` : ''}, điểm TB ${average}`,
  boardMobilisers: '📣 Cá nhân tích cực vận động',
  boardMobiliserRow: (rank: number, name: string, commune: string, finished: number, total: number) =>
    `${rank}. ${name} (${commune}): ${finished} người đã thi / ${total} người đăng ký qua link`,
  boardNoMobilisers: 'Chưa có ai đăng ký qua link mời cá nhân.',
  unknownRound: (ids: string) => `Không có vòng thi này. Các mã vòng: ${ids}.`,
  stats: (s: {
    title: string;
    registered: number;
    participated: number;
    attempts: number;
    perfect: number;
    today: string;
    yesterday: string;
    channels: string;
  }) =>
    [
      `📈 Thống kê — ${s.title}`,
      `Đăng ký: ${s.registered}`,
      `Đã dự thi: ${s.participated}`,
      `Lượt thi: ${s.attempts}`,
      `Điểm tuyệt đối: ${s.perfect}`,
      `Hôm nay: ${s.today}`,
      `Hôm qua: ${s.yesterday}`,
      `Theo kênh: ${s.channels}`,
    ].join('\n'),
  statsDay: (registered: number, attempts: number) => `${registered} đăng ký mới, ${attempts} lượt thi`,
  exportCaption: (title: string, at: string) => `📎 Báo cáo kết quả — ${title} (xuất lúc ${at}).`,
  exportFileName: (campaignId: string, day: string) => `bao-cao-${campaignId}-${day}.xlsx`,
  exportSheets: (l: LevelLabels) => ({ individuals: 'Cá nhân', communes: cap(l.commune), agencies: 'Cơ quan, đơn vị', mobilisers: 'Vận động', attempts: 'Lượt thi', questions: 'Câu hỏi' }),
  exportHeaders: (l: LevelLabels) => ({
    rank: 'Hạng',
    name: 'Họ và tên',
    commune: cap(l.commune),
    agency: 'Cơ quan, đơn vị',
    phone: 'Số điện thoại',
    score: 'Điểm',
    duration: 'Thời gian',
    durationSeconds: 'Thời gian (giây)',
    attempts: 'Số lượt thi',
    channel: 'Kênh',
    unit: 'Đơn vị',
    participants: 'Số người dự thi',
    registered: 'Số người đăng ký',
    population: 'Dân số',
    perThousand: 'Tỷ lệ dự thi (‰ dân số)',
    average: 'Điểm TB (điểm cao nhất)',
    best: 'Cá nhân cao nhất',
    invitedFinished: 'Số người được mời đã thi',
    invitedTotal: 'Số người được mời đã đăng ký',
    attemptId: 'Mã lượt',
    round: 'Vòng thi',
    startedAt: 'Bắt đầu',
    finishedAt: 'Nộp bài',
    questions: 'Số câu',
    questionId: 'Mã câu hỏi',
    topic: 'Chủ đề',
    question: 'Câu hỏi',
    answer: 'Đáp án đúng',
    source: 'Nguồn',
    sourceUrl: 'Địa chỉ nguồn (URL)',
  }),
  exportDeleted: '(đã xóa dữ liệu)',
  exportUnfinished: '(chưa nộp)',
  exportUnranked: '—',
  linksHeader: (n: number) => `🔗 Link mời dự thi của ${n} đơn vị (mỗi đơn vị kèm một mã QR để in hoặc đăng lên trang thông tin điện tử):`,
  linkRow: (name: string, code: string, link: string) => `• ${name} (${code}): ${link}`,
  linkCaption: (name: string, link: string) => `${name}\nQuét mã QR hoặc mở link để dự thi:\n${link}`,
  linkUnknownUnit: (code: string) => `Không có đơn vị mã "${code}". Gõ /link để xem mã của tất cả đơn vị.`,
  /** The district officials' command menu, on top of the citizens'. */
  adminMenu: (l: LevelLabels, parents: boolean): CommandMenu<'district'> => ({
    bxh: 'Bảng xếp hạng cá nhân',
    bxhxa: `Xếp hạng ${l.commune}`,
    ...(parents ? ({ bxhhuyen: `Xếp hạng ${l.parent}` } satisfies CommandMenu<'district'>) : {}),
    bxhdv: 'Xếp hạng cơ quan, đơn vị',
    bxhvd: 'Xếp hạng cá nhân vận động',
    thongke: 'Số liệu tổng hợp',
    link: 'Link mời và mã QR của các đơn vị',
    xuat: 'Xuất báo cáo Excel',
    chuathi: 'Người đã đăng ký nhưng chưa thi vòng này',
    ketquavong: 'Kết quả và người đạt giải các vòng',
    kiemtra: 'Kiểm tra dấu hiệu bất thường',
    capquyen: 'Cấp quyền cán bộ đơn vị (mã một lần)',
    dsquyen: 'Danh sách cán bộ đơn vị',
    thuhoiquyen: 'Thu hồi quyền cán bộ đơn vị',
    web: 'Đăng nhập trang quản trị trên web',
  }),
} as const;
