/** The web quiz's Telegram Mini App door (issue 22). */
export const viMiniApp = {
  title: 'Làm bài trong Telegram',
  opening: 'Đang mở bài thi…',
  notInTelegram: 'Trang này chỉ mở được từ nút "Làm bài trên web" trong chat Telegram với bot. Ở ứng dụng khác, gõ /thi trong chat với bot để nhận link.',
  refusedTitle: 'Không mở được bài thi',
  refused: 'Telegram không xác nhận được bạn, hoặc nút đã mở quá một giờ. Hãy đóng cửa sổ này rồi bấm lại nút "Làm bài trên web" trong chat với bot.',
  unavailable: 'Chưa bật làm bài trong Telegram trên máy chủ này. Hãy trả lời ngay trong chat với bot.',
  notRegisteredTitle: 'Bạn chưa đăng ký',
  notRegistered: 'Tài khoản Telegram này chưa đăng ký dự thi. Hãy đóng cửa sổ này, gõ /start trong chat với bot để đăng ký, rồi gõ /thi.',
  /** The web_app button beside the answer buttons of /thi on Telegram. */
  button: '🌐 Làm bài trên web',
} as const;
