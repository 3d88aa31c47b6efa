/** Round results: /ketquavong for officials and the announcement each participant of a round gets once. */
export const viRounds = {
  deleted: '(đã xóa dữ liệu)',
  listHeader: '🏅 Kết quả các vòng thi (gõ /ketquavong <số vòng> để xem người đạt giải):',
  listRow: (n: number, round: string, period: string, state: string) => `${n}. ${round} (${period}): ${state}`,
  stateFinal: 'đã chốt kết quả',
  stateNotOpen: 'chưa mở',
  stateOpen: 'chưa chốt — vòng thi đang mở',
  statePending: 'chưa chốt — còn tin nhắn gửi trước giờ đóng vòng chưa xử lý xong',
  stateReviewing: (open: number, until: string) => `chưa chốt — đang kiểm tra ${open} người có dấu hiệu bất thường (/kiemtra); công bố khi kiểm tra xong, chậm nhất ngày ${until}`,
  correctionsHeader: 'Đính chính sau khi công bố (người bị loại; danh sách trên đã cập nhật):',
  correctionRow: (name: string, unit: string, score: number, day: string, reason: string) => `• ${name}${unit ? ` — ${unit}` : ''} — ${score} điểm — loại ngày ${day}: ${reason}`,
  badArgument: (arg: string, rounds: number) =>
    `Không có vòng thi số "${arg}". Cuộc thi có ${rounds} vòng: gõ /ketquavong 1${rounds > 1 ? ` đến /ketquavong ${rounds}` : ''}, hoặc /ketquavong để xem danh sách.`,
  header: (round: string, n: number, state: string) => `🏅 Kết quả ${round} (vòng ${n}) — ${state}`,
  notFinalNote: 'Kết quả có thể còn thay đổi; danh sách dưới đây là tạm tính.',
  figures: (participants: number, perfect: number | null) =>
    `${participants} người dự thi vòng này` + (perfect === null ? '.' : `; ${perfect} người đạt điểm tuyệt đối (dùng để xét câu hỏi dự đoán khi bằng điểm).`),
  winnersHeader: 'Người đạt giải (giải — thứ hạng. họ tên — đơn vị — điểm — thời gian làm bài — lúc nộp):',
  winnerRow: (prize: string, rank: number, name: string, unit: string, score: number, total: number, duration: string, at: string) =>
    `${prize} — ${rank}. ${name}${unit ? ` — ${unit}` : ''} — ${score}/${total} điểm — ${duration} — ${at}`,
  noWinners: 'Vòng này chưa có ai hoàn thành bài thi.',
  unfilled: (n: number) => `Còn ${n} giải chưa có người nhận (không đủ người dự thi đủ điều kiện).`,
  ineligible: (n: number) =>
    `${n} người xếp trên không được xét giải vì là cán bộ tổ chức cuộc thi hoặc có tên trong danh sách không xét giải (exclude) của tệp cấu hình.`,
  noneIneligible: 'Không có cán bộ tổ chức hay người thuộc danh sách không xét giải nào trong nhóm đạt giải.',

  /** The announcement to one participant. */
  announceHeader: (round: string, title: string) => `🏅 Kết quả ${round} — ${title}`,
  announceRank: (name: string, round: string, rank: number, total: number) =>
    `Chào ${name}! Bạn xếp thứ ${rank}/${total} trong ${round}.`,
  announcePrize: (prize: string) => `🎉 Chúc mừng bạn đạt ${prize}! Ban tổ chức sẽ liên hệ về việc nhận giải.`,
  announceWinners: 'Người đạt giải:',
  announceWinnerRow: (prize: string, name: string, unit: string) => `• ${prize}: ${name}${unit ? ` (${unit})` : ''}`,
  announceFooter: 'Cảm ơn bạn đã tham gia! Không muốn nhận tin nhắn từ cuộc thi nữa? Gõ /tatnhacnho.',
  runLabel: (when: string, round: string) => `${when} thông báo kết quả ${round}`,
} as const;
