import type { LevelLabels } from '../core/types.ts';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The web quiz's open door (issue 23): registration on the web, re-entry, deletion, the invite link. */
export const viWebDoor = {
  // The ways in, on the public pages.
  homeDoor: 'Thi ngay trên web',
  homeDoorIntro: 'Không cần Telegram hay Zalo: đăng ký và làm bài ngay trên trình duyệt của điện thoại hoặc máy tính.',
  reEntryLink: 'Đã đăng ký trên web? Vào lại',
  registerLink: 'Chưa đăng ký? Đăng ký thi trên web',
  unitDoor: 'Thi trên web',
  unitDoorHint: (unit: string) => `Quét mã hoặc bấm nút để đăng ký và làm bài ngay trên trình duyệt; bạn được tính cho ${unit}.`,
  posterWeb: 'Thi trên web',

  // Registration.
  registerHeading: 'Đăng ký thi trên web',
  registerIntro: 'Điền các mục dưới đây rồi bấm "Đăng ký và vào thi". Mục có dấu * là bắt buộc.',
  consentHeading: 'Dữ liệu cá nhân',
  consentLabel: 'Tôi đồng ý *',
  consentMissing: 'Bạn cần đánh dấu "Tôi đồng ý" để tham gia.',
  communeLabel: (l: LevelLabels) => `${cap(l.commune)} nơi bạn sống hoặc làm việc *`,
  communeChoose: '— Chọn —',
  communeMissing: (l: LevelLabels) => `Hãy chọn ${l.commune} của bạn trong danh sách.`,
  unitFixed: (unit: string) => `Bạn tham gia qua đường link của ${unit}: kết quả được tính cho đơn vị này.`,
  agencyLabel: 'Cơ quan, đơn vị, tổ chức (nếu có)',
  agencyNone: 'Không thuộc cơ quan, đơn vị nào',
  agencyUnknown: 'Hãy chọn một đơn vị trong danh sách, hoặc "Không thuộc cơ quan, đơn vị nào".',
  nameLabel: 'Họ và tên (có dấu) *',
  nameHint: 'Ví dụ: Hoàng Văn Minh.',
  phoneLabel: 'Số điện thoại *',
  phoneHint: 'Để Ban Tổ chức liên hệ khi trao giải, và để bạn vào lại trên máy khác. Ví dụ: 0912 345 678.',
  phoneInvalid: 'Số điện thoại chưa đúng: 10 hoặc 11 số, bắt đầu bằng 0 hoặc +84 (ví dụ 0912345678).',
  registerButton: 'Đăng ký và vào thi',
  /** The hidden field's label (only scripts and screen readers that ignore aria-hidden meet it). */
  honeypotLabel: 'Để trống ô này',
  errorsAbove: 'Một số mục chưa đúng, xem ghi chú màu đỏ bên dưới. Những gì bạn đã nhập vẫn được giữ.',
  limitedTitle: 'Tạm thời chưa đăng ký được',
  limited: 'Mạng bạn đang dùng đã có quá nhiều lượt đăng ký trong 10 phút qua. Vui lòng thử lại sau ít phút; những gì bạn đã nhập vẫn được giữ dưới đây.',
  receivedTitle: 'Đã nhận',
  received: 'Cảm ơn bạn. Yêu cầu đã được nhận.',
  closedTitle: 'Không nhận đăng ký',
  closed: 'Cuộc thi đã kết thúc, không nhận đăng ký mới.',
  viaChatTitle: 'Đăng ký trong chat',
  viaChat: 'Cuộc thi này nhận đăng ký qua Telegram hoặc Zalo (xem trang chủ). Sau khi đăng ký, gõ /thi trong chat để nhận link làm bài trên web.',
  offTitle: 'Không thi trên web',
  off: 'Cuộc thi này không nhận đăng ký hay vào lại trên web. Vui lòng tham gia qua Telegram hoặc Zalo (xem trang chủ).',
  signedInAlready: (name: string) => `Trình duyệt này đang vào thi với tên ${name}.`,
  continueButton: 'Tiếp tục làm bài',
  otherPerson: 'Để đăng ký cho người khác trên máy này, bấm "Không phải tôi" ở đầu trang trước.',
  welcome: (name: string) => `Đăng ký thành công. Chào mừng ${name}!`,

  // The personal code.
  codeHeading: 'Mã vào lại của bạn',
  codeText: 'Ghi lại mã này (chụp màn hình hoặc chép ra giấy). Trên điện thoại hoặc trình duyệt khác, chọn "Vào lại" và nhập số điện thoại cùng mã này.',

  // Re-entry.
  reEntryHeading: 'Vào lại',
  reEntryIntro: 'Nhập số điện thoại bạn đã đăng ký trên web và mã vào lại 8 ký tự (hiện khi đăng ký và trên trang kết quả).',
  codeLabel: 'Mã vào lại *',
  codeHint: 'Ví dụ: K7QM-3XPA (không phân biệt chữ hoa, chữ thường).',
  codeInvalid: 'Mã gồm 8 chữ và số (không có chữ O, chữ I, số 0, số 1), ví dụ K7QM-3XPA.',
  reEntryButton: 'Vào lại',
  reEntryWrong: 'Số điện thoại hoặc mã chưa đúng. Hãy kiểm tra lại.',
  reEntryLimitedTitle: 'Thử quá nhiều lần',
  reEntryLimited: 'Bạn đã thử quá nhiều lần. Vui lòng đợi 10 phút rồi thử lại.',
  reEntryLost: 'Mất mã? Đăng nhập trong chat (nếu có) hoặc liên hệ cán bộ phụ trách cuộc thi của đơn vị bạn.',

  // Deletion.
  deleteLink: 'Xóa dữ liệu của tôi',
  deleteHeading: 'Xóa dữ liệu của tôi',
  deleteText:
    'Họ tên, số điện thoại và thông tin đăng ký của bạn sẽ bị xóa, bạn thoát khỏi mọi trình duyệt và mã vào lại hết hiệu lực. Để bảo đảm công bằng ' +
    'của cuộc thi, các lượt thi đã dùng vẫn được tính ẩn danh cho đơn vị, và nếu đăng ký lại bằng số điện thoại này trong cuộc thi, bạn không có ' +
    'thêm lượt thi. Việc này không thể hoàn tác.',
  deleteLabel: 'Để xác nhận, nhập 4 số cuối của số điện thoại đã đăng ký *',
  deleteWrong: '4 số cuối chưa đúng. Dữ liệu của bạn chưa bị xóa.',
  deleteButton: 'Xóa dữ liệu của tôi',
  back: '← Quay lại làm bài',
  deleteNoPhone: 'Bạn đăng ký trong chat: gõ /xoadulieu trong chat với bot để xóa dữ liệu.',
  deletedTitle: 'Đã xóa dữ liệu',
  deleted:
    'Đã xóa dữ liệu cá nhân của bạn (họ tên, số điện thoại, tài khoản trên web). Các lượt thi đã dùng vẫn được tính ẩn danh cho đơn vị, để bảo đảm ' +
    'công bằng của cuộc thi. Cảm ơn bạn đã tham gia.',

  // The invite link.
  inviteHeading: 'Mời người thân, bạn bè',
  inviteIntro: 'Ban Tổ chức khen thưởng cá nhân tích cực vận động. Gửi đường link này cho người thân, bạn bè để họ đăng ký thi trên web:',
  inviteCounts: (total: number, finished: number) => `Đã có ${total} người đăng ký qua link của bạn, ${finished} người đã hoàn thành bài thi.`,
} as const;
