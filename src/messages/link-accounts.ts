/** One person, several accounts: the /noi code on a web-only person's result page and what the bot answers to /noi. */
export const viLinkAccounts = {
  // The web result page.
  webHeading: 'Nối với chat để nhận nhắc nhở',
  webIntro: 'Bạn đang thi trên web. Muốn nhận nhắc nhở và kết quả qua Telegram hoặc Zalo, hãy gửi cho bot tin nhắn sau:',
  webCommand: (code: string) => `/noi ${code}`,
  webValid: (until: string) => `Mã dùng một lần, có giá trị đến ${until}. Không đưa mã này cho người khác.`,
  webNote: 'Nếu tài khoản chat đó đã dự thi, các lượt thi trên web được gộp vào đó khi không vượt quá số lượt của mỗi vòng.',
  // The bot's answers to /noi.
  usage: 'Cách dùng: /noi <mã>, mã hiện trên trang kết quả thi trên web (ví dụ /noi ABCD-EFGH).',
  invalid: 'Mã nối không đúng. Hãy kiểm tra lại mã trên trang kết quả thi trên web của bạn.',
  expired: 'Mã nối đã hết hạn (mã có giá trị 24 giờ). Hãy mở lại trang kết quả thi trên web để lấy mã mới.',
  used: 'Mã nối này đã được dùng. Mỗi mã chỉ dùng được một lần.',
  limited: 'Bạn đã thử quá nhiều mã. Vui lòng thử lại sau 1 giờ.',
  attached: (name: string) =>
    `Đã nối tài khoản chat này với bài thi trên web của ${name}. Từ nay bạn nhận nhắc nhở và kết quả tại đây; các lượt thi trên web và trong chat là một. Gõ /ketqua để xem kết quả.`,
  merged: (name: string, moved: number) =>
    `Đã gộp ${moved} lượt thi trên web vào tài khoản của ${name}. Điểm cao nhất mỗi vòng và xếp hạng đã được tính lại; trang web tiếp tục dùng được như trước. Gõ /ketqua để xem kết quả.`,
  refusedAttempts: 'Không thể gộp: cộng các lượt thi trên web và trong chat thì vượt quá số lượt được thi của một vòng. Vui lòng liên hệ cán bộ phụ trách cuộc thi để được hỗ trợ.',
  refusedOpen: 'Không thể gộp lúc này: bạn đang có lượt thi dở cả trên web và trong chat. Hãy làm xong một lượt rồi gửi lại mã; nếu vẫn không được, vui lòng liên hệ cán bộ phụ trách cuộc thi.',
  refusedHasChat: 'Bài thi trên web này đã được nối với một tài khoản chat khác. Nếu cần đổi, vui lòng liên hệ cán bộ phụ trách cuộc thi.',
} as const;
