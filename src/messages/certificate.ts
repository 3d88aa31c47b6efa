import { viProposal } from './proposal.ts';

/** The participation certificate (giấy chứng nhận tham gia): PDF to print, PNG to share in chat. */
export const viCertificate = {
  motto1: viProposal.motto1,
  motto2: viProposal.motto2,
  title: 'GIẤY CHỨNG NHẬN THAM GIA',
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
  /** The PDF's title in its properties. */
  documentTitle: (name: string) => `Giấy chứng nhận tham gia — ${name}`,
} as const;
