import type { OfficialPhone } from '../core/phone-visibility.ts';
import type { LevelLabels } from '../core/types.ts';
import type { CommandHelp, CommandMenu } from '../contract/commands.ts';
import { cap, commandLines, one } from './labels.ts';

/** The citizens' dialogue: registration, the quiz, results, the citizens' commands and menu. */
export const viDialogue = {
  welcome: (title: string, organiser: string, closing: string, demo: boolean) =>
    [
      demo ? '🧪 BẢN DÙNG THỬ (DEMO) — kết quả không được tính cho cuộc thi thật.\n' : '',
      `Chào mừng bạn đến với ${title}!`,
      `Đơn vị tổ chức: ${organiser}.`,
      `Cuộc thi diễn ra đến hết ngày ${closing}.`,
    ].join('\n').trim(),
  /**
   * `law`: the campaign file's reference; `hashesErasedOn`: dd/mm/yyyy. Changing what this says needs a new
   * `privacy.consent_version` in the campaign file (who sees the phone is decided by the version each person agreed to).
   */
  consentAsk: (l: LevelLabels, law: string, hashesErasedOn: string) =>
    'Để tham gia, bạn đồng ý cho Ban Tổ chức lưu họ tên, đơn vị, số điện thoại (nếu cung cấp) và kết quả thi để tổng hợp, ' +
    `xếp hạng và khen thưởng, theo ${law}. Khi mỗi vòng thi kết thúc, họ tên và đơn vị của người đoạt giải được công bố. ` +
    `Số điện thoại chỉ cán bộ phụ trách cuộc thi của ${l.commune} hoặc cơ quan, đơn vị của bạn và của ${l.area} được xem, để liên hệ ` +
    'với bạn về cuộc thi và giải thưởng. Khi thi trên web, số điện thoại là bắt buộc (cùng một mã cá nhân, nó giúp bạn vào lại ' +
    'trên máy khác) và một cookie giữ bạn đăng nhập trên trình duyệt đến khi cuộc thi kết thúc. Ai có mã của một giấy chứng nhận ' +
    'tham gia cuộc thi có thể kiểm tra trên trang web của cuộc thi rằng giấy đó là thật, cùng họ tên, đơn vị và điểm ghi trên giấy. ' +
    'Bạn có thể xóa dữ liệu bất cứ lúc nào bằng lệnh /xoadulieu (hoặc "Xóa dữ liệu của tôi" trên web): họ tên, số điện thoại ' +
    'và tài khoản chat bị xóa; để bảo đảm công bằng của cuộc thi, các lượt thi đã dùng vẫn được tính ẩn danh cho đơn vị, ' +
    `và một mã không thể đọc ngược của tài khoản và của số điện thoại được giữ đến ngày ${hashesErasedOn} để việc xóa rồi đăng ký lại không tạo thêm lượt thi.`,
  consentButton: 'Tôi đồng ý',
  /** Officials' lists and workbooks: a phone given under a consent text that did not say officials see it. */
  /** A phone as officials see it: the number, a note when its owner's consent does not let them, '' when none. */
  officialPhone: (phone: OfficialPhone) => (phone === null ? '' : phone.kind === 'shown' ? phone.number : '(không hiển thị)'),
  consentAgain: (buttons: boolean) => (buttons ? 'Vui lòng bấm "Tôi đồng ý" (hoặc gõ 1) để tiếp tục đăng ký.' : 'Vui lòng gõ 1 (Tôi đồng ý) để tiếp tục đăng ký.'),
  viaUnit: (unit: string) => `Bạn tham gia qua đường link của ${unit}.`,
  invitedBy: (name: string) => `Bạn được ${name} mời tham gia.`,
  communeAsk: (l: LevelLabels) => `Bạn sống hoặc làm việc ở ${l.commune} nào?`,
  unitsKept: (l: LevelLabels, commune: string) =>
    `Bạn đã dự thi trước khi xóa dữ liệu: các lượt thi đã dùng vẫn được tính, ${one(l)} (${commune}) và đơn vị được giữ nguyên.`,
  communePreselected: (l: LevelLabels, name: string) => `${cap(one(l))} của bạn: ${name} (theo đường link). Muốn đổi, gõ /doixa trước khi hoàn thành lượt thi đầu tiên.`,
  communeUnknown: (l: LevelLabels, buttons: boolean) =>
    buttons ? `Chưa nhận ra ${l.commune} bạn chọn. Hãy bấm một nút hoặc gõ số thứ tự trong danh sách.` : `Chưa nhận ra ${l.commune} bạn chọn. Hãy gõ số thứ tự trong danh sách.`,
  communeConfirm: (name: string) => `Bạn chọn ${name}?`,
  communeConfirmYes: 'Đúng',
  communeConfirmNo: 'Chọn lại',
  agencyAsk: 'Nếu bạn là cán bộ, công chức, viên chức, người lao động hoặc hội viên của một cơ quan, đơn vị, tổ chức, hãy chọn đơn vị đó. Nếu không, chọn "Bỏ qua".',
  agencyUnknown: (buttons: boolean) =>
    buttons ? 'Chưa nhận ra đơn vị bạn chọn. Hãy bấm một nút, gõ số thứ tự, hoặc gõ 0 để bỏ qua.' : 'Chưa nhận ra đơn vị bạn chọn. Hãy gõ số thứ tự, hoặc gõ 0 để bỏ qua.',
  skip: 'Bỏ qua',
  nameAsk: 'Vui lòng nhập họ và tên đầy đủ của bạn (có dấu), ví dụ: Hoàng Văn Minh.',
  nameSuggest: (name: string) => `Dùng tên: ${name}`,
  nameLength: 'Họ và tên cần ít nhất 2 chữ cái và không quá 80 ký tự. Vui lòng nhập lại.',
  nameChars:
    'Họ và tên chỉ gồm chữ cái (có dấu); dấu cách, dấu nháy, gạch nối hoặc dấu chấm chỉ đứng giữa các chữ; không có số, biểu tượng cảm xúc hay ký tự ẩn. Vui lòng nhập lại.',
  phoneAsk: (button: boolean) =>
    button
      ? 'Bạn có thể chia sẻ số điện thoại để Ban Tổ chức liên hệ khi trao giải (không bắt buộc): bấm nút "Chia sẻ số điện thoại", gõ số, hoặc chọn "Bỏ qua".'
      : 'Bạn có thể gõ số điện thoại để Ban Tổ chức liên hệ khi trao giải (không bắt buộc), hoặc gõ 0 để bỏ qua.',
  phoneShare: '📱 Chia sẻ số điện thoại',
  phoneInvalid: 'Số điện thoại chưa đúng (ví dụ 0912345678). Vui lòng gõ lại hoặc gõ 0 để bỏ qua.',
  phoneNotOwn: 'Vui lòng chia sẻ số điện thoại của chính bạn.',
  registered: (l: LevelLabels, name: string, commune: string, agency: string | null) =>
    `✅ Đăng ký thành công!\nHọ tên: ${name}\n${cap(one(l))}: ${commune}${agency ? `\nĐơn vị: ${agency}` : ''}\n\nGõ /thi để bắt đầu làm bài.`,
  status: (name: string, commune: string, best: string) => `Xin chào ${name} (${commune}).\n${best}\nGõ /thi để thi, /ketqua để xem kết quả, /huongdan để xem hướng dẫn.`,
  notRegistered: 'Bạn chưa đăng ký xong. Vui lòng hoàn thành các bước đăng ký bên dưới.',
  startQuizButton: 'Bắt đầu thi',

  roundIntro: (round: string, count: number, minutes: number, attemptNo: number, allowed: number) =>
    `📝 ${round} — lượt thi ${attemptNo}/${allowed}: ${count} câu, thời gian ${minutes} phút. Chúc bạn làm bài tốt!`,
  resumed: 'Bạn đang làm dở một lượt thi — tiếp tục từ câu chưa trả lời.',
  question: (n: number, total: number, text: string, options: string[], letters: string[]) =>
    `Câu ${n}/${total}\n${text}\n\n${options.map((o, i) => `${letters[i]}. ${o}`).join('\n')}`,
  answerHint: (letters: string[], buttons: boolean) =>
    buttons ? '' : `Gõ ${letters.slice(0, -1).join(', ')} hoặc ${letters.at(-1)} để trả lời.`,
  chosen: (letter: string, option: string) => `➡️ Bạn chọn: ${letter}. ${option}`,
  answerInvalid: (letters: string[]) => `Vui lòng trả lời bằng một chữ cái ${letters.join(', ')} (hoặc số thứ tự).`,
  /** A typed answer that arrived before the question it would answer had reached the person: the question follows. */
  answerBeforeQuestion: 'Câu hỏi vừa được gửi tới bạn. Bạn hãy đọc kỹ câu hỏi dưới đây rồi trả lời nhé.',
  staleTap: 'Câu hỏi này đã được trả lời hoặc đã hết hiệu lực.',
  notYours: 'Nút này không dành cho bạn.',
  unknownTap: 'Lựa chọn không hợp lệ.',
  timeUp: '⏰ Đã hết thời gian làm bài, các câu chưa trả lời được tính là sai.',
  finished: (score: number, total: number, duration: string) => `🏁 Hoàn thành! Bạn trả lời đúng ${score}/${total} câu trong ${duration}.`,
  perfect: '🎉 Xuất sắc — bạn trả lời đúng tất cả các câu!',
  wrongHeader: 'Các câu trả lời chưa đúng:',
  wrongItem: (n: number, text: string, chosen: string | null, right: string, explanation: string, source: string, url: string | null) =>
    `• Câu ${n}: ${text}\n  Bạn chọn: ${chosen ?? '(chưa trả lời)'}\n  Đáp án đúng: ${right}\n  ${explanation}\n  Nguồn: ${source}${url ? `\n  Xem tại: ${url}` : ''}`,
  attemptsLeft: (left: number) => (left > 0 ? `Bạn còn ${left} lượt thi trong vòng này; lượt có kết quả tốt nhất được tính.` : 'Bạn đã dùng hết lượt thi của vòng này.'),
  predictionAsk: (question: string) => `Câu hỏi dự đoán (dùng để phân định khi bằng điểm):\n${question}\nGõ một số nguyên, ví dụ 150.`,
  predictionInvalid: 'Vui lòng gõ một số nguyên không âm, ví dụ 150 (gõ 0 nếu bạn dự đoán không có ai).',
  predictionTooLarge: (max: string) => `Số dự đoán tối đa là ${max}. Vui lòng gõ một số không lớn hơn ${max}.`,
  predictionSaved: (value: string) => `Đã ghi nhận dự đoán của bạn: ${value}. Gõ /ketqua để xem kết quả hoặc /thi để thi tiếp.`,
  predictionSkipped: 'Bạn đã bỏ qua câu dự đoán.',
  predictionSkip: 'Không dự đoán',

  refusedClosed: (closing: string) => `Cuộc thi đã kết thúc vào ngày ${closing}. Cảm ơn bạn đã quan tâm!`,
  refusedNotOpen: (opens: string) => `Cuộc thi chưa bắt đầu. Vòng thi đầu tiên mở lúc ${opens}.`,
  refusedBetween: (opens: string) => `Hiện chưa có vòng thi nào mở. Vòng tiếp theo mở lúc ${opens}.`,
  refusedNoAttempts: (allowed: number, closes: string) => `Bạn đã dùng hết ${allowed} lượt thi của vòng này. Vòng này kết thúc lúc ${closes}.`,

  resultsNone: 'Bạn chưa hoàn thành lượt thi nào. Gõ /thi để bắt đầu.',
  resultsHeader: (name: string) => `📊 Kết quả của ${name}`,
  resultsAttempt: (n: number, round: string, score: number, total: number, duration: string, date: string) =>
    `${n}. ${round}: ${score}/${total} điểm, ${duration} (${date})`,
  resultsBest: (score: number, duration: string) => `Điểm tổng (cộng điểm cao nhất mỗi vòng): ${score}, thời gian ${duration}.`,
  resultsRank: (rank: number, total: number) => `Xếp hạng hiện tại: ${rank}/${total}.`,
  finalResult: (score: number, rank: number | null) => `Kết quả chung cuộc của bạn: ${score} điểm${rank ? `, xếp hạng ${rank}` : ''}.`,
  resultsLeft: (round: string, left: number) => `${round}: còn ${left} lượt thi.`,

  doixaRefused: (l: LevelLabels) =>
    `Bạn đã hoàn thành lượt thi đầu tiên nên không thể đổi ${l.commune} nữa (kết quả đã được tính cho đơn vị cũ). Nếu có nhầm lẫn, vui lòng liên hệ Ban Tổ chức.`,
  doixaAsk: (l: LevelLabels) => `Chọn ${l.commune} mới của bạn:`,
  doixaDone: (l: LevelLabels, name: string) => `Đã đổi ${one(l)} thành ${name}.`,
  remindersOff: 'Đã tắt nhắc nhở. Gõ /batnhacnho để bật lại.',
  certificateNone: 'Bạn chưa hoàn thành lượt thi nào nên chưa có giấy chứng nhận. Giấy chứng nhận tham gia được cấp cho mọi người hoàn thành ít nhất một lượt thi — gõ /thi để bắt đầu.',
  /** `round`: the round certified, null for the whole contest. */
  certificatePhoto: (round: string | null, withInvite: boolean) =>
    `🎓 Giấy chứng nhận tham gia${round ? ` — ${round}` : ''}.${withInvite ? ' Chia sẻ ảnh này để mời người thân, bạn bè: mã QR "cùng tham gia" trên ảnh mở link mời của bạn.' : ''}`,
  certificatePdf: 'Bản PDF khổ A4 để in. Ai cũng kiểm tra được giấy chứng nhận bằng mã QR in trên đó.',
  remindersOn: 'Đã bật nhắc nhở. Gõ /tatnhacnho để tắt.',
  deleteAsk:
    'Bạn có chắc muốn xóa họ tên, số điện thoại và thông tin đăng ký của mình? Để bảo đảm công bằng của cuộc thi, các lượt thi đã dùng ' +
    'vẫn được tính ẩn danh cho đơn vị, và nếu đăng ký lại bằng tài khoản này trong cuộc thi, bạn không có thêm lượt thi. Việc này không thể hoàn tác.',
  deleteYes: 'Xóa dữ liệu của tôi',
  deleteNo: 'Hủy',
  deleteDone:
    'Đã xóa dữ liệu cá nhân của bạn (họ tên, số điện thoại, tài khoản chat). Các lượt thi đã dùng vẫn được tính ẩn danh cho đơn vị, để bảo đảm công bằng của cuộc thi. ' +
    'Cảm ơn bạn đã tham gia. Gõ /start nếu muốn đăng ký lại.',
  deleteCancelled: 'Đã hủy, dữ liệu của bạn được giữ nguyên.',
  invite: (link: string, total: number, finished: number) =>
    `Mời người thân, bạn bè cùng tham gia — Ban Tổ chức khen thưởng cá nhân tích cực vận động.\nĐường link mời của bạn:\n${link}\n\nĐã có ${total} người đăng ký qua link của bạn, ${finished} người đã hoàn thành bài thi.`,
  privateOnly: (link: string | undefined) =>
    `Cuộc thi diễn ra trong tin nhắn riêng: hãy nhắn riêng cho bot${link ? ` tại ${link}` : ''} để đăng ký và dự thi. Bot không trả lời trong nhóm.`,
  unsupported: 'Bot chỉ hiểu tin nhắn chữ. Gõ /thi để thi hoặc /huongdan để xem hướng dẫn.',
  unknownText: 'Chưa hiểu yêu cầu của bạn. Gõ /thi để thi, /ketqua để xem kết quả, /huongdan để xem hướng dẫn.',
  help: (l: LevelLabels, title: string, closing: string, count: number, minutes: number, allowed: number, rounds: string) =>
    [
      `📘 Hướng dẫn — ${title}`,
      `• Mỗi lượt thi có ${count} câu trắc nghiệm, làm trong ${minutes} phút; mỗi vòng được thi ${allowed} lượt, lượt tốt nhất được tính.`,
      `• Các vòng thi: ${rounds}. Hạn cuối: hết ngày ${closing}.`,
      '• Xếp hạng: điểm cao hơn → dự đoán gần đúng hơn → thời gian ngắn hơn → nộp bài sớm hơn.',
      '',
      'Lệnh:',
      ...commandLines(viDialogue.citizenHelp(l)),
    ].join('\n'),
  /** The citizens' commands in /huongdan, in this order. */
  citizenHelp: (l: LevelLabels): CommandHelp<'citizen'> => ({
    start: [],
    thi: '/thi — bắt đầu hoặc tiếp tục lượt thi',
    ketqua: '/ketqua — xem kết quả và xếp hạng',
    moi: '/moi — lấy link mời người khác',
    chungnhan: '/chungnhan — nhận giấy chứng nhận tham gia (ảnh và bản PDF để in)',
    doixa: `/doixa — đổi ${l.commune} (trước khi hoàn thành lượt thi đầu)`,
    tatnhacnho: '/tatnhacnho, /batnhacnho — tắt/bật nhắc nhở',
    batnhacnho: [],
    xoadulieu: '/xoadulieu — xóa dữ liệu cá nhân',
    huongdan: '/huongdan — xem hướng dẫn này',
  }),
  duration: (ms: number) => {
    const s = Math.round(ms / 1000);
    const m = Math.floor(s / 60);
    return m > 0 ? `${m} phút ${s % 60} giây` : `${s} giây`;
  },
  /** The citizens' command menu (Telegram setMyCommands); officials get theirs on top (admin.ts, officials.ts). */
  citizenMenu: (l: LevelLabels): CommandMenu<'citizen'> => ({
    start: 'Bắt đầu, đăng ký dự thi',
    thi: 'Làm bài thi (hoặc tiếp tục lượt đang làm)',
    ketqua: 'Xem kết quả và xếp hạng',
    moi: 'Lấy link mời người thân, bạn bè',
    chungnhan: 'Nhận giấy chứng nhận tham gia',
    huongdan: 'Hướng dẫn, thể lệ và các lệnh',
    doixa: `Đổi ${l.commune}`,
    tatnhacnho: 'Tắt nhắc nhở',
    batnhacnho: 'Bật nhắc nhở',
    xoadulieu: 'Xóa dữ liệu cá nhân',
  }),
} as const;

/** The letters of a question's options, in order. */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];
