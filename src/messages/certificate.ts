import { viProposal } from './proposal.ts';

/** The participation certificate (giấy chứng nhận tham gia): PDF to print, PNG to share in chat. */
export const viCertificate = {
  motto1: viProposal.motto1,
  motto2: viProposal.motto2,
  title: 'GIẤY CHỨNG NHẬN THAM GIA',
  /** The signer's title when the campaign file gives none (`certificates.signer.title`). */
  defaultSignerTitle: 'TM. BAN TỔ CHỨC',
  certifies: 'Chứng nhận Ông/Bà',
  unit: (unit: string) => `Đơn vị: ${unit}`,
  contest: (title: string) => `Đã tham gia ${title}`,
  round: (round: string) => `Hoàn thành bài thi ${round}`,
  /** `score` and `max` already formatted ("9", "9,5"). */
  score: (score: string, max: string, wholeContest: boolean) => (wholeContest ? `Tổng điểm các vòng thi: ${score}/${max} điểm` : `Kết quả: ${score}/${max} điểm`),
  /** `date`: dd/mm/yyyy. */
  date: (date: string) => `Ngày ${date}`,
  verifyQr: ['Quét mã để kiểm tra', 'giấy chứng nhận'],
  inviteQr: ['Quét mã để cùng', 'tham gia cuộc thi'],
  verifyAt: (url: string) => `Kiểm tra giấy chứng nhận tại ${url}`,
  /** The check page a certificate's QR code opens (`/chung-nhan/<code>`): what it states, nothing more. */
  check: {
    title: 'Kiểm tra giấy chứng nhận',
    valid: 'Giấy chứng nhận hợp lệ',
    validIntro: (contest: string, organiser: string) => `Giấy chứng nhận tham gia ${contest} do ${organiser} cấp, ghi:`,
    name: 'Họ và tên',
    unit: 'Đơn vị',
    round: 'Vòng thi',
    wholeContest: 'Toàn cuộc thi',
    score: 'Kết quả',
    scoreValue: (score: string, max: string) => `${score}/${max} điểm`,
    revoked: 'Giấy chứng nhận đã thu hồi',
    revokedIntro: 'Giấy chứng nhận này đã thu hồi và không còn giá trị.',
    unknown: 'Không tìm thấy giấy chứng nhận với mã này. Hãy quét lại mã QR hoặc gõ lại đúng địa chỉ in trên giấy chứng nhận.',
  },
  /** File names of a person's certificate (no name in them: they travel). */
  filename: (ext: 'pdf' | 'png', roundNumber: number | null) => `giay-chung-nhan${roundNumber === null ? '' : `-vong-${roundNumber}`}.${ext}`,
  /** The PDF's title in its properties. */
  documentTitle: (name: string) => `Giấy chứng nhận tham gia — ${name}`,
} as const;
