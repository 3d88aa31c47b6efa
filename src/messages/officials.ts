import type { OfficialPhone } from '../core/phone-visibility.ts';
import type { CommandHelp, CommandMenu } from '../contract/commands.ts';
import { viDialogue } from './dialogue.ts';
import { commandLines } from './labels.ts';

/** Unit officials: roles, granting by one-time code, and the commands scoped to one commune or agency. */
export const viOfficials = {
  /** A unit official's Telegram command menu (on top of the citizens'). */
  unitMenu: {
    bxh: 'Xếp hạng người dự thi của đơn vị',
    thongke: 'Số liệu của đơn vị',
    chuathi: 'Người đã đăng ký nhưng chưa thi vòng này',
    link: 'Link mời và mã QR của đơn vị',
    xuat: 'Báo cáo Excel của đơn vị',
    thongbao: 'Gửi thông báo tới người dự thi của đơn vị',
    nhacnho: 'Nhắc nhở đã gửi tới đơn vị',
    ketquavong: 'Kết quả và người đạt giải các vòng',
    web: 'Đăng nhập trang quản trị trên web',
  } satisfies CommandMenu<'unit'>,
  zaloInvite: (botLink: string, typed: string) => `${botLink} — mở Zalo, nhắn cho bot: ${typed}`,
  unitHelp: (unit: string) => [`Lệnh cho cán bộ ${unit}:`, ...commandLines(viOfficials.unitCommandsHelp)].join('\n'),
  /** A unit official's commands in their /huongdan, in this order. */
  unitCommandsHelp: {
    bxh: '/bxh [N] [mã vòng] — người dự thi của đơn vị xếp hạng',
    thongke: '/thongke — số liệu của đơn vị, hôm nay và hôm qua, thứ hạng',
    chuathi: '/chuathi [trang] — người đã đăng ký nhưng chưa thi vòng này (để vận động)',
    link: '/link — link mời và mã QR của đơn vị',
    xuat: '/xuat — báo cáo Excel của đơn vị',
    thongbao: '/thongbao <nội dung> — gửi thông báo tới người dự thi của đơn vị',
    nhacnho: '/nhacnho — nhắc nhở đã gửi tới người dự thi của đơn vị',
    ketquavong: '/ketquavong [số vòng] — người đạt giải của một vòng (toàn cuộc thi), đã chốt hay chưa',
    kiemtra: '/kiemtra — người dự thi của đơn vị có dấu hiệu bất thường và quyết định của huyện',
    web: '/web — đường link đăng nhập trang quản trị của đơn vị',
    huongdan: '/huongdan — xem hướng dẫn này',
    xacnhan: [], // asked for by /thongbao, with the request's id
  } satisfies CommandHelp<'unit'>,
  otherUnit: (own: string) => `Bạn là cán bộ của ${own}, chỉ xem và gửi được cho đơn vị mình. Bỏ mã đơn vị khác đi để xem ${own}.`,
  districtOnly: (own: string) => `Lệnh này chỉ dành cho cán bộ huyện. Bạn là cán bộ của ${own}: gõ /huongdan để xem các lệnh của mình.`,

  grantUsage: 'Cách dùng: /capquyen <mã đơn vị>, ví dụ /capquyen 06340. Gõ /link để xem mã các đơn vị.',
  grantUnknownUnit: (code: string) => `Không có đơn vị mã "${code}". Gõ /link để xem mã các đơn vị.`,
  codeCreated: (unit: string, code: string, until: string) =>
    [
      `🔑 Mã cấp quyền cán bộ ${unit}: ${code}`,
      `Gửi mã này cho cán bộ của đơn vị. Họ nhắn cho bot trên Telegram hoặc Zalo: /nhanquyen ${code}`,
      `Mã dùng được một lần, đến ${until}. Bạn sẽ được báo khi mã được dùng.`,
    ].join('\n'),
  redeemUsage: 'Cách dùng: /nhanquyen <mã>, mã do cán bộ huyện cấp (ví dụ /nhanquyen ABCD-EFGH).',
  redeemInvalid: 'Mã không đúng. Hãy kiểm tra lại hoặc xin cán bộ huyện cấp mã mới.',
  redeemExpired: 'Mã đã hết hạn (mã có giá trị 24 giờ). Hãy xin cán bộ huyện cấp mã mới.',
  redeemUsed: 'Mã này đã được dùng. Mỗi mã chỉ dùng được một lần; hãy xin cán bộ huyện cấp mã mới.',
  redeemDistrict: 'Bạn là cán bộ huyện, đã có mọi quyền; mã vẫn còn nguyên để cán bộ đơn vị dùng.',
  granted: (unit: string) => `✅ Bạn đã được cấp quyền cán bộ ${unit}.`,
  codeUsed: (unit: string, who: string, at: string) => `🔔 Mã cấp quyền cán bộ ${unit} đã được dùng lúc ${at} bởi ${who}.`,

  listHeader: (n: number) => `👥 ${n} cán bộ đơn vị:`,
  listRow: (id: number, name: string, unit: string, account: string, source: string, since: string) => `#${id} ${name} — ${unit} — ${account} — ${source}, từ ${since}`,
  listNone: 'Chưa có cán bộ đơn vị nào. Gõ /capquyen <mã đơn vị> để cấp quyền.',
  sourceFile: 'theo tệp officials.csv',
  sourceCode: 'nhận mã',
  openCodesHeader: 'Mã chưa dùng:',
  openCodeRow: (unit: string, until: string) => `• ${unit} — còn hạn đến ${until}`,
  revokeHint: 'Thu hồi: /thuhoiquyen <số>.',
  noName: '(chưa có tên)',

  revokeUsage: 'Cách dùng: /thuhoiquyen <số>, số lấy từ /dsquyen.',
  revoked: (name: string, unit: string) => `Đã thu hồi quyền cán bộ ${unit} của ${name}.`,
  revokeUnknown: (id: string) => `Không có cán bộ đơn vị đang có quyền với số ${id}. Gõ /dsquyen để xem danh sách.`,

  boardEmpty: (unit: string) => `${unit} chưa có ai hoàn thành bài thi.`,
  boardTitle: (unit: string, scope: string) => `${unit}, ${scope}`,
  stats: (s: { unit: string; registered: number; participants: number; perThousand: string | null; today: string; yesterday: string; rank: number; peers: number; peersLabel: string }) =>
    [
      `📈 Thống kê — ${s.unit}`,
      `Đăng ký: ${s.registered}`,
      `Đã dự thi (hoàn thành ít nhất một lượt): ${s.participants}`,
      ...(s.perThousand ? [`Tỷ lệ: ${s.perThousand} người dự thi trên 1.000 dân`] : []),
      `Hôm nay: ${s.today}`,
      `Hôm qua: ${s.yesterday}`,
      `Xếp hạng: ${s.rank}/${s.peers} ${s.peersLabel}`,
    ].join('\n'),
  notFinishedHeader: (unit: string, round: string, total: number, page: number, pages: number) =>
    `📋 ${unit} — ${total} người đã đăng ký nhưng chưa hoàn thành lượt thi nào của ${round} (trang ${page}/${pages}):`,
  notFinishedRow: (n: number, name: string, phone: OfficialPhone, channel: string) => `${n}. ${name}${phone ? ` — ${viDialogue.officialPhone(phone)}` : ''} (${channel})`,
  notFinishedMore: (next: number) => `Gõ /chuathi ${next} để xem trang sau.`,
  notFinishedNone: (unit: string, round: string) => `Mọi người đã đăng ký của ${unit} đều đã thi ${round}. 👏`,
  noOpenRound: 'Hiện không có vòng thi nào đang mở.',
  wholeArea: (area: string) => `toàn ${area}`,
  agencies: 'cơ quan, đơn vị',
  announcementLimit: (max: number) => `Đơn vị đã gửi đủ ${max} thông báo hôm nay. Ngày mai có thể gửi tiếp.`,
  announcementsToday: (used: number, max: number) => `Thông báo của đơn vị hôm nay: ${used}/${max}.`,
} as const;
