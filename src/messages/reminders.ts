import type { LevelLabels } from '../core/types.ts';

/** Reminders and officials' announcements (see src/reminders). */
export const viReminders = {
  daysLeft: (left: number, closing: string) =>
    left === 0 ? `⏰ Hôm nay là ngày cuối cùng của cuộc thi (hết ngày ${closing}).` : `⏰ Cuộc thi còn ${left} ngày (hết ngày ${closing}).`,
  commune: (l: LevelLabels, name: string, rank: number, total: number) =>
    rank === 1
      ? `${name} đang dẫn đầu ${total} ${l.commune} về số người dự thi — hãy cùng giữ vững vị trí!`
      : `${name} đang xếp thứ ${rank}/${total} ${l.commune} về số người dự thi — hãy góp phần đưa xã nhà lên cao hơn!`,
  start: (name: string, round: string) => `Chào ${name}! Bạn chưa hoàn thành lượt thi nào trong ${round}.`,
  improve: (name: string, round: string, best: number, total: number, left: number) =>
    `Chào ${name}! Kết quả tốt nhất của bạn trong ${round} là ${best}/${total} câu; bạn còn ${left} lượt để cải thiện.`,
  footer: 'Gõ /thi để vào thi. Không muốn nhận nhắc nhở? Gõ /tatnhacnho.',
  playButton: 'Vào thi',

  header: (title: string) => `⏰ Nhắc nhở — ${title}`,
  schedule: (daily: string, nearEnd: string, lastDay: string, quiet: string) =>
    [`Hằng ngày: ${daily || '—'}`, nearEnd ? `Gần hạn: ${nearEnd}` : '', `Ngày cuối: ${lastDay || '—'}`, quiet ? `Không gửi trong giờ yên lặng ${quiet}.` : '']
      .filter(Boolean)
      .join('\n'),
  nearEndItem: (times: string, days: string) => `${times} các ngày ${days}`,
  disabled: 'Nhắc nhở đang tắt trong tệp cấu hình cuộc thi.',
  next: (when: string, audience: number) => `Khung giờ tiếp theo: ${when} (hiện có ${audience} người cần nhắc).`,
  noNext: 'Không còn khung giờ nhắc nhở nào trước khi cuộc thi kết thúc.',
  spreadPart: (by: string, part: number, of: number, communes: number, commune: string) =>
    `Người nhận được chia theo ${by} thành ${of} phần, mỗi khung giờ nhắc một phần: khung giờ tiếp theo nhắc phần ${part}/${of} (${communes} ${commune}).`,
  tooSlow: (channel: string, people: string, perSecond: string, needed: string, window: string) =>
    `⚠️ ${channel}: ${people} người ở ${perSecond} tin/giây cần ${needed}, dài hơn thời hạn ${window} của khung giờ — ` +
    'ai chưa được gửi khi hết hạn sẽ bị bỏ qua. Hãy chia người nhận qua nhiều khung giờ (reminders.spread trong tệp chiến dịch) hoặc kéo dài valid_for_minutes.',
  /** A length of time in hours and minutes, rounded up to the minute: "3 giờ 20 phút", "2 giờ", "45 phút". */
  span: (ms: number) => {
    const minutes = Math.ceil(ms / 60_000);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h ? `${h} giờ${m ? ` ${m} phút` : ''}` : `${m} phút`;
  },
  pastHeader: 'Đã qua (nhắm tới / đã gửi / lỗi / bỏ qua):',
  pastNone: 'Chưa có khung giờ nào đã qua.',
  runRow: (label: string, c: { targeted: number; sent: number; failed: number; skipped: number; unknown: number; pending: number }) =>
    `• ${label}: ${c.targeted} / ${c.sent} / ${c.failed} / ${c.skipped}` +
    (c.unknown ? `, không rõ ${c.unknown}` : '') +
    (c.pending ? `, đang gửi ${c.pending}` : ''),
  runNotSent: (label: string, reason: string) => `• ${label}: không gửi (${reason})`,
  reasons: { stale: 'quá thời hạn, hệ thống không chạy', quiet: 'giờ yên lặng', closed: 'cuộc thi đã kết thúc', cancelled: 'đã hủy', missed: 'hệ thống không chạy', limit: 'đã đủ số thông báo trong ngày' } as Record<string, string>,
  manualLabel: (when: string) => `${when} (gửi thủ công)`,
  announcementLabel: (when: string, text: string) => `${when} thông báo "${text}"`,

  askSend: (label: string, audience: number, confirm: string) =>
    `Gửi nhắc nhở ${label} ngay bây giờ tới ${audience} người chưa thi hoặc còn có thể cải thiện kết quả?\n${confirm}`,
  askAnnounce: (text: string, audience: number, confirm: string) => `Thông báo sau sẽ được gửi nguyên văn tới ${audience} người dự thi đã đăng ký:\n\n${text}\n\n${confirm}`,
  /** How to confirm a send: the buttons where the channel has them, the typed commands otherwise. */
  howToConfirm: (id: string, buttons: boolean) =>
    buttons ? `Bấm "Gửi" hoặc gõ /xacnhan ${id}.` : `Gõ /xacnhan ${id} để gửi, hoặc /xacnhan huy ${id} để hủy.`,
  sendButton: 'Gửi',
  cancelButton: 'Hủy',
  confirmed: 'Đã đưa vào hàng đợi gửi. Gõ /nhacnho để theo dõi kết quả.',
  confirmedOffline: 'Đã ghi nhận. Hàng đợi (Redis) tạm thời không kết nối được; việc gửi sẽ bắt đầu ngay khi kết nối lại.',
  cancelled: 'Đã hủy, không gửi gì.',
  nothingToConfirm: 'Không có yêu cầu gửi nào đang chờ xác nhận với mã này (có thể đã gửi, đã hủy hoặc đã hết hạn).',
  announceUsage: 'Cách dùng: /thongbao <nội dung thông báo>. Nội dung được gửi nguyên văn.',
  announceTooLong: (max: number) => `Thông báo dài quá ${max} ký tự; hãy rút gọn.`,
  refusedClosed: 'Cuộc thi đã kết thúc, không gửi nhắc nhở nữa.',
  refusedQuiet: (quiet: string) => `Đang trong giờ yên lặng (${quiet}); nhắc nhở không được gửi lúc này.`,
  refusedNoRound: 'Hiện không có vòng thi nào đang mở nên chưa thể nhắc nhở.',
  refusedDisabled: 'Nhắc nhở đang tắt trong tệp cấu hình cuộc thi.',
} as const;
