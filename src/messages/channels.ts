/** What the channels themselves say: the tapped-button echo, the fault notice, the terminal's own lines. */
export const viChannels = {
  tapped: (label: string) => `➡️ Bạn chọn: ${label}`,
  terminalFile: (name: string, bytes: number) => `[Tệp: ${name}, ${bytes} byte]`,
  terminalPhoto: (name: string) => `[Ảnh: ${name}]`,
  terminalSaved: (path: string) => `[Đã lưu tệp: ${path}]`,
  systemFault: '⚠️ Hệ thống đang gặp sự cố, vui lòng thử lại sau.',
  terminalBye: 'Tạm biệt! / Bye.',
  terminalAdminOn: '🔑 Chế độ cán bộ quản lý. Gõ /admin lần nữa để trở về người dự thi.',
  terminalAdminOff: '👤 Trở về chế độ người dự thi.',
} as const;
