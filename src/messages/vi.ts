import type { OfficialPhone } from '../core/phone-visibility.ts';
import type { LevelLabels } from '../core/types.ts';

/**
 * Every Vietnamese text the bot says, shared by all channels. Functions take plain values (already formatted dates)
 * so that this file holds wording only. Texts that name a unit level take the campaign's labels (`l`): "xã, thị trấn"
 * in 2023, "xã, phường" since 1/7/2025.
 */

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** One unit of the level: "xã, thị trấn" → "xã/thị trấn". */
const one = (l: LevelLabels) => l.commune.replace(/, /gu, '/');

export const vi = {
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
    'với bạn về cuộc thi và giải thưởng. Bạn có thể xóa dữ liệu bất cứ lúc nào bằng lệnh /xoadulieu: họ tên, số điện thoại ' +
    'và tài khoản chat bị xóa; để bảo đảm công bằng của cuộc thi, các lượt thi đã dùng vẫn được tính ẩn danh cho đơn vị, ' +
    `và một mã không thể đọc ngược của tài khoản được giữ đến ngày ${hashesErasedOn} để việc xóa rồi đăng ký lại không tạo thêm lượt thi.`,
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
      '/thi — bắt đầu hoặc tiếp tục lượt thi',
      '/ketqua — xem kết quả và xếp hạng',
      '/moi — lấy link mời người khác',
      `/doixa — đổi ${l.commune} (trước khi hoàn thành lượt thi đầu)`,
      '/tatnhacnho, /batnhacnho — tắt/bật nhắc nhở',
      '/xoadulieu — xóa dữ liệu cá nhân',
      '/huongdan — xem hướng dẫn này',
    ].join('\n'),
  duration: (ms: number) => {
    const s = Math.round(ms / 1000);
    const m = Math.floor(s / 60);
    return m > 0 ? `${m} phút ${s % 60} giây` : `${s} giây`;
  },

  adminOnly: 'Lệnh này chỉ dành cho cán bộ quản lý cuộc thi.',
  /** `parents`: the campaign ranks a parent level too (/bxhxa <mã>, /bxhhuyen). */
  adminHelp: (l: LevelLabels, parents: boolean) => [
    'Lệnh cho cán bộ quản lý:',
    '/bxh [N] [mã vòng] — N cá nhân dẫn đầu (mặc định 10, tổng các vòng)',
    ...(parents
      ? [`/bxhxa [mã ${l.parent}] — xếp hạng ${l.commune} (toàn ${l.area} hoặc của một ${l.parent})`, `/bxhhuyen — xếp hạng ${l.parent}`]
      : [`/bxhxa — xếp hạng ${l.commune}`]),
    '/bxhdv — xếp hạng cơ quan, đơn vị',
    '/bxhvd — xếp hạng cá nhân vận động',
    '/thongke — số liệu tổng hợp',
    '/link [mã] — link mời và mã QR của một đơn vị; /link — tệp Word của tất cả đơn vị',
    '/xuat — xuất báo cáo Excel',
    '/khenthuong — danh sách đề nghị khen thưởng (Word và Excel)',
    '/ketquavong [số vòng] — người đạt giải của một vòng, đã chốt hay chưa',
    '/nhacnho — lịch nhắc nhở và kết quả gửi',
    '/guinhacnho — gửi nhắc nhở của khung giờ hiện tại ngay',
    '/thongbao <nội dung> — gửi thông báo tới mọi người dự thi',
    '/chuathi [mã đơn vị] [trang] — người đã đăng ký nhưng chưa thi vòng này',
    '/thongke <mã đơn vị> — số liệu của một đơn vị',
    '/capquyen <mã đơn vị> — tạo mã một lần để cấp quyền cán bộ đơn vị',
    '/dsquyen — danh sách cán bộ đơn vị',
    '/thuhoiquyen <số> — thu hồi quyền cán bộ đơn vị',
    '/web — đường link đăng nhập trang quản trị (biểu đồ, danh sách, tải báo cáo)',
  ].join('\n'),
  boardIndividuals: (scope: string, n: number) => `🏆 ${n} cá nhân dẫn đầu — ${scope}`,
  boardOverall: 'tổng các vòng',
  boardEmpty: 'Chưa có ai hoàn thành bài thi.',
  boardIndividualRow: (rank: number, name: string, commune: string, score: number, duration: string) => `${rank}. ${name} — ${commune} — ${score} điểm — ${duration}`,
  boardUnits: (l: LevelLabels, kind: 'commune' | 'agency', parent?: string) =>
    kind === 'commune' ? `🏘 Xếp hạng ${l.commune}${parent ? ` — ${parent}` : ''}` : '🏢 Xếp hạng cơ quan, đơn vị',
  boardParents: (l: LevelLabels) => `🏛 Xếp hạng ${l.parent}`,
  noParents: (l: LevelLabels) => `Cuộc thi này không chia ${l.commune} theo ${l.parent}.`,
  unknownParent: (l: LevelLabels, code: string, codes: string) => `Không có ${l.parent} mã "${code}". Các mã: ${codes}.`,
  /** `rank` null: nobody from the unit has taken part yet, shown "—" instead of a place. */
  boardUnitRow: (rank: number | null, name: string, participants: number, attempts: number, perThousand: string | null, average: string) =>
    `${rank === null ? '—' : `${rank}.`} ${name}: ${participants} người dự thi, ${attempts} lượt${perThousand ? `, ${perThousand}‰ dân số` : ''}, điểm TB ${average}`,
  boardMobilisers: '📣 Cá nhân tích cực vận động',
  boardMobiliserRow: (rank: number, name: string, commune: string, finished: number, total: number) =>
    `${rank}. ${name} (${commune}): ${finished} người đã thi / ${total} người đăng ký qua link`,
  boardNoMobilisers: 'Chưa có ai đăng ký qua link mời cá nhân.',
  unknownRound: (ids: string) => `Không có vòng thi này. Các mã vòng: ${ids}.`,
  stats: (s: {
    title: string;
    registered: number;
    participated: number;
    attempts: number;
    perfect: number;
    today: string;
    yesterday: string;
    channels: string;
  }) =>
    [
      `📈 Thống kê — ${s.title}`,
      `Đăng ký: ${s.registered}`,
      `Đã dự thi: ${s.participated}`,
      `Lượt thi: ${s.attempts}`,
      `Điểm tuyệt đối: ${s.perfect}`,
      `Hôm nay: ${s.today}`,
      `Hôm qua: ${s.yesterday}`,
      `Theo kênh: ${s.channels}`,
    ].join('\n'),
  statsDay: (registered: number, attempts: number) => `${registered} đăng ký mới, ${attempts} lượt thi`,
  exportCaption: (title: string, at: string) => `📎 Báo cáo kết quả — ${title} (xuất lúc ${at}).`,
  exportFileName: (campaignId: string, day: string) => `bao-cao-${campaignId}-${day}.xlsx`,
  exportSheets: (l: LevelLabels) => ({ individuals: 'Cá nhân', communes: cap(l.commune), agencies: 'Cơ quan, đơn vị', mobilisers: 'Vận động', attempts: 'Lượt thi', questions: 'Câu hỏi' }),
  exportHeaders: (l: LevelLabels) => ({
    rank: 'Hạng',
    name: 'Họ và tên',
    commune: cap(l.commune),
    agency: 'Cơ quan, đơn vị',
    phone: 'Số điện thoại',
    score: 'Điểm',
    duration: 'Thời gian',
    durationSeconds: 'Thời gian (giây)',
    attempts: 'Số lượt thi',
    channel: 'Kênh',
    unit: 'Đơn vị',
    participants: 'Số người dự thi',
    registered: 'Số người đăng ký',
    population: 'Dân số',
    perThousand: 'Tỷ lệ dự thi (‰ dân số)',
    average: 'Điểm TB (điểm cao nhất)',
    best: 'Cá nhân cao nhất',
    invitedFinished: 'Số người được mời đã thi',
    invitedTotal: 'Số người được mời đã đăng ký',
    attemptId: 'Mã lượt',
    round: 'Vòng thi',
    startedAt: 'Bắt đầu',
    finishedAt: 'Nộp bài',
    questions: 'Số câu',
    questionId: 'Mã câu hỏi',
    topic: 'Chủ đề',
    question: 'Câu hỏi',
    answer: 'Đáp án đúng',
    source: 'Nguồn',
    sourceUrl: 'Địa chỉ nguồn (URL)',
  }),
  exportDeleted: '(đã xóa dữ liệu)',
  exportUnfinished: '(chưa nộp)',
  exportUnranked: '—',
  linksHeader: (n: number) => `🔗 Link mời dự thi của ${n} đơn vị (mỗi đơn vị kèm một mã QR để in hoặc đăng lên trang thông tin điện tử):`,
  linkRow: (name: string, code: string, link: string) => `• ${name} (${code}): ${link}`,
  linkCaption: (name: string, link: string) => `${name}\nQuét mã QR hoặc mở link để dự thi:\n${link}`,
  linkUnknownUnit: (code: string) => `Không có đơn vị mã "${code}". Gõ /link để xem mã của tất cả đơn vị.`,
  tapped: (label: string) => `➡️ Bạn chọn: ${label}`,
  /** Command menus shown by Telegram (setMyCommands): citizens', and officials' on top in their own chats. */
  citizenMenu: (l: LevelLabels): Record<string, string> => ({
    start: 'Bắt đầu, đăng ký dự thi',
    thi: 'Làm bài thi (hoặc tiếp tục lượt đang làm)',
    ketqua: 'Xem kết quả và xếp hạng',
    moi: 'Lấy link mời người thân, bạn bè',
    huongdan: 'Hướng dẫn, thể lệ và các lệnh',
    doixa: `Đổi ${l.commune}`,
    tatnhacnho: 'Tắt nhắc nhở',
    batnhacnho: 'Bật nhắc nhở',
    xoadulieu: 'Xóa dữ liệu cá nhân',
  }),
  adminMenu: (l: LevelLabels, parents: boolean): Record<string, string> => ({
    bxh: 'Bảng xếp hạng cá nhân',
    bxhxa: `Xếp hạng ${l.commune}`,
    ...(parents ? { bxhhuyen: `Xếp hạng ${l.parent}` } : {}),
    bxhdv: 'Xếp hạng cơ quan, đơn vị',
    bxhvd: 'Xếp hạng cá nhân vận động',
    thongke: 'Số liệu tổng hợp',
    link: 'Link mời và mã QR của các đơn vị',
    xuat: 'Xuất báo cáo Excel',
    chuathi: 'Người đã đăng ký nhưng chưa thi vòng này',
    ketquavong: 'Kết quả và người đạt giải các vòng',
    capquyen: 'Cấp quyền cán bộ đơn vị (mã một lần)',
    dsquyen: 'Danh sách cán bộ đơn vị',
    thuhoiquyen: 'Thu hồi quyền cán bộ đơn vị',
    web: 'Đăng nhập trang quản trị trên web',
  }),
  terminalFile: (name: string, bytes: number) => `[Tệp: ${name}, ${bytes} byte]`,
  terminalPhoto: (name: string) => `[Ảnh: ${name}]`,
  terminalSaved: (path: string) => `[Đã lưu tệp: ${path}]`,
  systemFault: '⚠️ Hệ thống đang gặp sự cố, vui lòng thử lại sau.',
  terminalBye: 'Tạm biệt! / Bye.',
  terminalAdminOn: '🔑 Chế độ cán bộ quản lý. Gõ /admin lần nữa để trở về người dự thi.',
  terminalAdminOff: '👤 Trở về chế độ người dự thi.',
} as const;

export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

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

/** Answers of the signed download links (/xuat on Zalo), read in a browser. */
export const viDownloads = {
  invalidLink: 'Liên kết tải về không hợp lệ / invalid download link',
  expired: 'Liên kết đã hết hạn / link expired',
} as const;

/** The reward proposal (đề nghị khen thưởng) and the print setup of every workbook. */
export const viProposal = {
  print: {
    exportedAt: (when: string) => `Xuất lúc ${when}`,
    // Header/footer codes: &P page, &N pages.
    page: 'Trang &P/&N',
    bankTitle: 'Ngân hàng câu hỏi',
  },
  motto1: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto2: 'Độc lập - Tự do - Hạnh phúc',
  placeDate: (place: string, day: string, month: string, year: string) => `${place ? `${place}, ` : ''}ngày ${day} tháng ${month} năm ${year}`,
  draft: (when: string) => `DỰ THẢO — số liệu đến ${when}, cuộc thi chưa kết thúc`,
  title: 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG',
  subtitle: (campaign: string) => `Tập thể, cá nhân có thành tích xuất sắc trong ${campaign}`,
  basis: (text: string, last: boolean) => `Căn cứ ${text.replace(/^căn cứ\s+/iu, '')}${last ? '.' : ';'}`,
  defaultBasis: (campaign: string, organiser: string) => [`Kế hoạch của ${organiser} về tổ chức ${campaign}`, `kết quả ${campaign}`],
  intro: (reward: string) => `Đề nghị khen thưởng (hình thức: ${reward}) các tập thể, cá nhân sau:`,
  collectivesHeading: 'I. TẬP THỂ',
  individualsHeading: 'II. CÁ NHÂN',
  none: 'Chưa có đơn vị, cá nhân nào đủ điều kiện.',
  headers: { no: 'STT', collective: 'Tên tập thể', person: 'Họ và tên', unit: 'Đơn vị', achievements: 'Thành tích', reward: 'Hình thức khen thưởng' },
  groups: (l: LevelLabels): Record<'commune' | 'agency', string> => ({ commune: `Khối ${l.commune}`, agency: 'Khối cơ quan, đơn vị' }),
  criteria: {
    perCapita: 'số người dự thi trên 1.000 dân (cơ quan: trên số cán bộ)',
    participants: 'số người dự thi',
    completion: 'tỷ lệ người đăng ký đã dự thi',
    early: 'mức độ hưởng ứng sớm',
    viaLink: 'số người tham gia qua đường link của đơn vị',
    averageScore: 'điểm bình quân',
  },
  collective: {
    points: (total: string) => `Điểm xét: ${total}/100`,
    participants: (n: number) => `${n} người dự thi`,
    perThousand: (v: string) => `${v} người/1.000 dân`,
    perStaff: (v: string) => `${v}% số cán bộ`,
    completion: (pct: string, registered: number) => `${pct}% trong ${registered} người đăng ký đã dự thi`,
    early: (n: number, days: string) => `đủ ${n} người dự thi sau ${days} ngày`,
    notReached: (n: number) => `chưa đủ ${n} người dự thi`,
    viaLink: (n: number) => `${n} người tham gia qua đường link của đơn vị`,
    average: (v: string, max: number) => `điểm bình quân ${v}/${max}`,
  },
  individual: {
    result: (l: LevelLabels, rank: number, score: number, max: number, rounds: number, time: string) =>
      `Xếp thứ ${rank} toàn ${l.area}: ${score}/${max} điểm qua ${rounds} vòng thi, thời gian ${time}`,
    mobiliser: (finished: number, total: number) => `Vận động ${finished} người dự thi (${total} người đăng ký qua đường link giới thiệu)`,
  },
  notesHeading: 'Ghi chú:',
  weights: (group: string, list: string) => `${group}: xét theo ${list} (chuẩn hóa 0–100 trong khối, có trọng số).`,
  weightItem: (criterion: string, weight: number) => `${criterion} (${weight})`,
  // Up to five units are named; more would fill the page (the unit lists say which).
  dropped: (group: string, criterion: string, missing: readonly string[], of: number, hint: string) =>
    `${group}: không xét tiêu chí "${criterion}" vì ${missing.length}/${of} đơn vị chưa có số liệu` +
    (missing.length <= 5 ? ` (${missing.join(', ')}); ${hint}.` : `; ${hint}.`),
  droppedHint: (kind: 'commune' | 'agency', file: string) =>
    kind === 'commune'
      ? `muốn xét tiêu chí này, bổ sung số dân (cột population) vào question-bank/${file}`
      : `muốn xét tiêu chí này, bổ sung số cán bộ (cột staff) vào question-bank/${file}`,
  leftOut: (results: number, mobilisers: number) =>
    `Không đưa vào danh sách những người đã xóa dữ liệu cá nhân theo yêu cầu: ${results} người thuộc nhóm kết quả tốt nhất, ${mobilisers} người thuộc nhóm vận động nhiều người dự thi nhất.`,
  asOf: (when: string) => `Số liệu trích từ hệ thống lúc ${when}.`,
  recipients: 'Nơi nhận:',
  recipientList: ['- Phòng Nội vụ;', '- Lưu: VT.'],
  signHint: '(Ký, ghi rõ họ tên, đóng dấu)',
  sheets: { collectives: 'Tập thể', individuals: 'Cá nhân', notes: 'Ghi chú' },
  sheetHeaders: { group: 'Khối', total: 'Điểm xét (0–100)' },
  xlsxCaption: 'Bảng tính cùng số liệu (để lọc, sắp xếp, đối chiếu).',
  summary: (l: LevelLabels, communes: number, agencies: number, people: number, leftOut: number) =>
    `Đề nghị khen thưởng: ${communes} ${l.commune}; ${agencies} cơ quan, đơn vị; ${people} cá nhân` + (leftOut ? ` (không đưa vào ${leftOut} người đã xóa dữ liệu)` : '') + '.',
} as const;

/** The public web pages (/, /don-vi, /don-vi/<code>, its poster, /the-le). */
export const viWeb = {
  siteName: 'Cuộc thi tìm hiểu về chuyển đổi số',
  nav: { home: 'Trang chủ', units: 'Đơn vị', rules: 'Thể lệ' },
  demo: 'BẢN DÙNG THỬ (DEMO) — kết quả không được tính cho cuộc thi thật.',
  organiser: (name: string) => `Đơn vị tổ chức: ${name}`,
  period: (opens: string, closes: string) => `Thời gian: từ ${opens} đến hết ${closes}`,
  aboutHeading: 'Nội dung tìm hiểu',
  aboutIntro: 'Câu hỏi trắc nghiệm về các văn bản sau:',
  countdown: {
    notOpen: (days: number, opens: string) => `Cuộc thi bắt đầu ngày ${opens} (còn ${days} ngày).`,
    open: (round: string, closes: string) => `${round} đang mở đến hết ngày ${closes}.`,
    between: (round: string, opens: string) => `Giữa hai vòng thi: ${round} mở ngày ${opens}.`,
    daysLeft: (days: number) => (days > 0 ? `Còn ${days} ngày` : 'Hôm nay là ngày cuối'),
    deadline: (closes: string) => `đến hạn cuối (hết ngày ${closes}).`,
    closed: (closes: string) => `Cuộc thi đã kết thúc ngày ${closes}. Cảm ơn mọi người đã tham gia!`,
  },
  roundsHeading: 'Các vòng thi',
  roundsTable: { round: 'Vòng', dates: 'Thời gian', state: 'Trạng thái' },
  roundState: { open: 'Đang mở', closed: 'Đã kết thúc', upcoming: 'Sắp mở' },
  roundDates: (opens: string, closes: string) => `${opens} – ${closes}`,
  joinHeading: 'Tham gia ngay',
  joinTelegram: 'Tham gia qua Telegram',
  joinTelegramHint: 'Quét mã hoặc bấm nút, rồi bấm "Bắt đầu" (Start) trong Telegram.',
  joinZalo: 'Tham gia qua Zalo',
  joinZaloHint: (hasLink: boolean) => (hasLink ? 'Mở bot trên Zalo (quét mã hoặc bấm nút), rồi gõ mã sau:' : 'Tìm bot của cuộc thi trên Zalo, rồi gõ mã sau:'),
  zaloOpen: 'Mở Zalo',
  noChannel: 'Bot chưa được kết nối Telegram hoặc Zalo; hãy hỏi Ban Tổ chức cách tham gia.',
  qrAlt: (what: string) => `Mã QR: ${what}`,
  totalsHeading: 'Số liệu trực tiếp',
  totals: { registered: 'Người đăng ký', participated: 'Người đã dự thi', attempts: 'Lượt thi' },
  asOf: (when: string) => `Cập nhật lúc ${when}; số liệu làm mới sau tối đa 30 giây.`,
  communesHeading: (l: LevelLabels) => `Xếp hạng ${l.commune}`,
  agenciesHeading: 'Xếp hạng cơ quan, đơn vị',
  unitTable: { rank: 'Hạng', name: 'Đơn vị', participants: 'Người dự thi', perThousand: 'Trên 1.000 dân', attempts: 'Lượt thi' },
  chartParticipants: (l: LevelLabels, kind: 'commune' | 'agency') => (kind === 'commune' ? `Người dự thi theo ${l.commune}` : 'Người dự thi theo cơ quan, đơn vị'),
  chartPerThousand: 'Người dự thi trên 1.000 dân',
  chartPeople: 'người',
  chartPerThousandUnit: 'người / 1.000 dân',
  dailyHeading: 'Tham gia theo ngày',
  chartDaily: 'Đăng ký và lượt thi theo ngày',
  seriesRegistered: 'Đăng ký',
  seriesAttempts: 'Lượt thi hoàn thành',
  chartCount: 'số lượng',
  winnersHeading: 'Kết quả các vòng đã kết thúc',
  winnersNone: 'Chưa có vòng thi nào kết thúc.',
  winnersEmpty: 'Vòng này không có người dự thi.',
  winnersTable: { rank: 'Giải', name: 'Họ và tên', unit: 'Đơn vị' },
  unitsHeading: 'Các đơn vị',
  unitsIntro: (l: LevelLabels) => `Mỗi ${l.commune}, cơ quan, đơn vị có trang riêng với đường link và mã QR mời tham gia; người tham gia qua đó được tính cho đơn vị.`,
  communesGroup: (l: LevelLabels) => l.commune.charAt(0).toUpperCase() + l.commune.slice(1),
  agenciesGroup: 'Cơ quan, đơn vị',
  unitPageTitle: (name: string) => name,
  unitRank: (rank: number | null, of: number, l: LevelLabels, kind: 'commune' | 'agency') =>
    rank === null ? 'Chưa xếp hạng: chưa có người dự thi' : `Hạng ${rank}/${of} trong các ${kind === 'commune' ? l.commune : 'cơ quan, đơn vị'}`,
  unitFigures: { registered: 'Người đăng ký', participants: 'Người đã dự thi', attempts: 'Lượt thi', perThousand: 'Trên 1.000 dân' },
  unitInviteHeading: 'Đường link mời tham gia của đơn vị',
  unitInviteIntro: (name: string) => `Người tham gia qua đường link hoặc mã QR này được tính cho ${name}. Hãy đăng lên trang thông tin điện tử, nhóm Zalo, Facebook của đơn vị.`,
  unitPageLink: 'Địa chỉ trang này',
  posterLink: 'In áp phích (A4)',
  posterHeading: 'THAM GIA CUỘC THI',
  posterSteps: 'Quét mã QR bằng điện thoại, đăng ký họ tên và làm bài trắc nghiệm.',
  posterFor: (name: string) => `Dành cho cán bộ và nhân dân ${name}`,
  posterPrint: 'Dùng chức năng In của trình duyệt (Ctrl+P), khổ A4.',
  posterZalo: 'Trên Zalo: quét mã, rồi gõ',
  rulesHeading: 'Thể lệ cuộc thi',
  rules: {
    who: 'Đối tượng: mọi người dân, cán bộ, công chức, viên chức, người lao động đang sống, làm việc trên địa bàn.',
    how: (l: LevelLabels) => `Cách tham gia: nhắn tin cho bot của cuộc thi trên Telegram hoặc Zalo, đăng ký họ tên và ${l.commune} (cơ quan, đơn vị nếu có), rồi làm bài.`,
    questions: (n: number, minutes: number) => `Mỗi lượt thi gồm ${n} câu hỏi trắc nghiệm rút ngẫu nhiên từ ngân hàng câu hỏi, làm trong ${minutes} phút; hết giờ, câu chưa trả lời tính là sai.`,
    attempts: (n: number) => `Mỗi người được thi tối đa ${n} lượt trong mỗi vòng; lượt có kết quả tốt nhất được tính.`,
    scoring: 'Mỗi câu trả lời đúng được 1 điểm. Điểm tổng của cả cuộc thi là tổng điểm cao nhất của các vòng.',
    ranking: 'Xếp hạng cá nhân trong mỗi vòng: điểm cao hơn xếp trước; bằng điểm thì xét câu hỏi dự đoán (dự đoán gần đúng hơn xếp trước, không dự đoán xếp sau), rồi thời gian làm bài ít hơn, rồi nộp bài sớm hơn.',
    prediction: (q: string) => `Câu hỏi dự đoán (trả lời sau mỗi lượt thi): ${q}`,
    units: (l: LevelLabels) => `Xếp hạng tập thể (${l.commune} và cơ quan, đơn vị xếp riêng): số người dự thi, rồi số lượt thi, rồi số người dự thi trên 1.000 dân, rồi điểm bình quân; đơn vị chưa có người dự thi chưa được xếp hạng.`,
    population: (l: LevelLabels, basis: string) => `Số người dự thi trên 1.000 dân của mỗi ${l.commune} tính theo số dân: ${basis}.`,
    privacy: (law: string) => `Dữ liệu cá nhân được bảo vệ theo ${law}; trang web này không công bố số điện thoại, chỉ công bố họ tên người đạt giải của các vòng đã kết thúc. Gõ /xoadulieu trong bot để xóa dữ liệu của bạn.`,
  },
  notFoundTitle: 'Không tìm thấy trang',
  notFoundUnit: (code: string) => `Không có đơn vị nào mang mã "${code}".`,
  notFoundPage: 'Trang bạn tìm không tồn tại hoặc đã được chuyển đi.',
  backHome: 'Về trang chủ',
  footer: (organiser: string) => `© ${organiser}. Trang này không công bố số điện thoại hay thông tin cá nhân của người dự thi.`,
  none: '—',
} as const;

/** The officials' dashboard (/quan-tri) and the /web command that signs into it. */
export const viDashboard = {
  webLink: (url: string, until: string) =>
    [`🔐 Đường link đăng nhập trang quản trị (dùng một lần, hết hạn lúc ${until}):`, url, 'Mở link rồi bấm "Đăng nhập". Không chuyển link này cho người khác.'].join('\n'),
  title: 'Trang quản trị',
  nav: { overview: 'Tổng quan', units: 'Đơn vị', participants: 'Người dự thi', questions: 'Câu hỏi', downloads: 'Tải báo cáo' },
  roleDistrict: 'Cán bộ quản lý cuộc thi',
  roleUnit: (unit: string) => `Cán bộ ${unit}`,
  signOut: 'Đăng xuất',
  signInHeading: 'Đăng nhập trang quản trị',
  signInIntro: 'Bấm nút dưới đây để đăng nhập. Đường link chỉ dùng được một lần, trong 10 phút kể từ khi bot gửi.',
  signInButton: 'Đăng nhập',
  signInNeededTitle: 'Cần đăng nhập',
  signInHow: 'Cán bộ huyện và cán bộ đơn vị: nhắn /web cho bot của cuộc thi trên Telegram hoặc Zalo để nhận đường link đăng nhập.',
  sessionEnded: 'Phiên đăng nhập đã hết hạn, đã đăng xuất, hoặc tài khoản không còn quyền cán bộ.',
  signedOut: 'Bạn đã đăng xuất.',
  linkRefusedTitle: 'Không đăng nhập được',
  linkUsed: 'Đường link này đã được dùng. Mỗi đường link chỉ đăng nhập được một lần; nhắn /web cho bot để nhận link mới.',
  linkExpired: 'Đường link đã hết hạn (link có giá trị 10 phút). Nhắn /web cho bot để nhận link mới.',
  linkInvalid: 'Đường link không đúng. Hãy mở lại link bot đã gửi, hoặc nhắn /web cho bot để nhận link mới.',
  notOfficial: 'Tài khoản nhận đường link này không còn quyền cán bộ.',
  tooManyTitle: 'Quá nhiều lần đăng nhập',
  tooMany: 'Có quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau 10 phút.',
  forbiddenTitle: 'Không có quyền truy cập',
  otherUnit: (own: string) => `Bạn là cán bộ của ${own}, chỉ xem được trang của đơn vị mình.`,
  districtOnly: (own: string) => `Trang này chỉ dành cho cán bộ huyện. Bạn là cán bộ của ${own}.`,
  badForm: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.',
  badRequestTitle: 'Yêu cầu không hợp lệ',
  badValues: 'Địa chỉ hoặc biểu mẫu có tham số lặp lại hoặc không đúng dạng. Hãy mở lại trang từ trình đơn của trang quản trị.',
  badUnitFilter: (l: LevelLabels) => `Tham số "don-vi" phải là đúng một mã ${l.commune} hoặc cơ quan, đơn vị có trong danh sách.`,
  badParentFilter: (l: LevelLabels) => `Tham số "parent" phải là đúng một mã ${l.parent} có trong danh sách.`,
  backToDashboard: 'Về trang quản trị',
  overviewHeading: 'Tổng quan',
  totals: { registered: 'Người đăng ký', participated: 'Người đã dự thi', attempts: 'Lượt thi', perfect: 'Bài đạt điểm tối đa' },
  daysHeading: 'Hôm nay và hôm qua',
  dayTable: { day: 'Ngày', registered: 'Đăng ký mới', attempts: 'Lượt thi' },
  today: 'Hôm nay',
  yesterday: 'Hôm qua',
  dailyHeading: 'Tham gia theo ngày',
  unitDaysHeading: (days: number) => `Lượt thi hoàn thành theo đơn vị, ${days} ngày gần nhất`,
  unitDaysTable: { unit: 'Đơn vị', total: 'Cộng' },
  remindersHeading: 'Nhắc nhở và thông báo',
  reminderTable: { at: 'Thời điểm', what: 'Nội dung', sent: 'Đã gửi', failed: 'Lỗi' },
  reminderKind: { slot: 'Nhắc nhở theo lịch', manual: 'Nhắc nhở gửi ngay', announcement: 'Thông báo' } as Record<string, string>,
  reminderMissed: 'Khung giờ không gửi',
  remindersNone: 'Chưa có lượt nhắc nhở hay thông báo nào.',
  remindersTotal: (sent: number, failed: number) => `Tổng: ${sent} tin đã gửi, ${failed} tin lỗi.`,
  unitsHeading: 'Các đơn vị',
  filterKind: 'Loại',
  kinds: (l: LevelLabels) => ({ commune: l.commune.charAt(0).toUpperCase() + l.commune.slice(1), agency: 'Cơ quan, đơn vị' }),
  filterParent: (l: LevelLabels) => l.parent.charAt(0).toUpperCase() + l.parent.slice(1),
  allParents: 'Tất cả',
  sortBy: 'Sắp xếp theo',
  sorts: { rank: 'Thứ hạng', registered: 'Người đăng ký', participants: 'Người dự thi', perThousand: 'Trên 1.000 dân', average: 'Điểm bình quân', name: 'Tên' },
  show: 'Xem',
  unitTable: { rank: 'Hạng', name: 'Đơn vị', registered: 'Đăng ký', participants: 'Dự thi', attempts: 'Lượt thi', perThousand: 'Trên 1.000 dân', average: 'Điểm BQ' },
  unitsNone: 'Không có đơn vị nào.',
  participantsHeading: (unit: string) => `Người dự thi — ${unit}`,
  search: 'Tìm theo tên',
  status: { all: 'Tất cả', finished: 'Đã thi vòng này', waiting: 'Chưa thi vòng này' },
  roundNote: (round: string) => `"Vòng này" là ${round}. Số điện thoại chỉ hiện với người đã đồng ý cho cán bộ liên hệ.`,
  peopleTable: { n: 'STT', name: 'Họ và tên', phone: 'Điện thoại', channel: 'Kênh', registered: 'Ngày đăng ký', state: 'Vòng này' },
  finishedYes: 'Đã thi',
  finishedNo: 'Chưa thi',
  peopleCount: (total: number, page: number, pages: number) => `${total} người — trang ${page}/${pages}`,
  peopleNone: 'Không có ai phù hợp.',
  prev: '← Trang trước',
  next: 'Trang sau →',
  questionsHeading: 'Câu hỏi',
  questionsIntro: 'Số liệu trực tiếp từ các câu trả lời. Cần xem lại: từ 5 lượt trả lời, đúng dưới 40% hoặc một phương án sai được chọn nhiều hơn đáp án.',
  questionsSummary: (answers: number, share: string, review: number) => `${answers} câu trả lời, đúng ${share}; ${review} câu cần xem lại.`,
  questionTable: { id: 'Mã câu', question: 'Câu hỏi', answered: 'Lượt trả lời', correct: 'Tỷ lệ đúng', wrong: 'Phương án sai chọn nhiều nhất', review: 'Xem lại' },
  review: 'Cần xem lại',
  oldVersion: '(phiên bản cũ)',
  questionsNone: 'Chưa có câu trả lời nào.',
  downloadsHeading: 'Tải báo cáo',
  workbook: 'Báo cáo kết quả (Excel)',
  workbookUnit: (unit: string) => `Báo cáo kết quả của ${unit} (Excel)`,
  workbookHint: 'Như lệnh /xuat: cá nhân, đơn vị, người vận động và mọi lượt thi, số liệu tại thời điểm tải.',
  proposalDocx: 'Đề nghị khen thưởng (Word)',
  proposalXlsx: 'Đề nghị khen thưởng (Excel)',
  proposalHint: 'Như lệnh /khenthuong; là dự thảo cho đến khi cuộc thi kết thúc.',
  footer: (organiser: string) => `© ${organiser}. Trang dành cho cán bộ; danh sách và số điện thoại chỉ dùng để vận động tham gia cuộc thi.`,
} as const;

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
  } as Record<string, string>,
  zaloInvite: (botLink: string, typed: string) => `${botLink} — mở Zalo, nhắn cho bot: ${typed}`,
  unitHelp: (unit: string) =>
    [
      `Lệnh cho cán bộ ${unit}:`,
      '/bxh [N] [mã vòng] — người dự thi của đơn vị xếp hạng',
      '/thongke — số liệu của đơn vị, hôm nay và hôm qua, thứ hạng',
      '/chuathi [trang] — người đã đăng ký nhưng chưa thi vòng này (để vận động)',
      '/link — link mời và mã QR của đơn vị',
      '/xuat — báo cáo Excel của đơn vị',
      '/thongbao <nội dung> — gửi thông báo tới người dự thi của đơn vị',
      '/nhacnho — nhắc nhở đã gửi tới người dự thi của đơn vị',
      '/ketquavong [số vòng] — người đạt giải của một vòng (toàn cuộc thi), đã chốt hay chưa',
      '/web — đường link đăng nhập trang quản trị của đơn vị',
      '/huongdan — xem hướng dẫn này',
    ].join('\n'),
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
  notFinishedRow: (n: number, name: string, phone: OfficialPhone, channel: string) => `${n}. ${name}${phone ? ` — ${vi.officialPhone(phone)}` : ''} (${channel})`,
  notFinishedMore: (next: number) => `Gõ /chuathi ${next} để xem trang sau.`,
  notFinishedNone: (unit: string, round: string) => `Mọi người đã đăng ký của ${unit} đều đã thi ${round}. 👏`,
  noOpenRound: 'Hiện không có vòng thi nào đang mở.',
  wholeArea: (area: string) => `toàn ${area}`,
  agencies: 'cơ quan, đơn vị',
  announcementLimit: (max: number) => `Đơn vị đã gửi đủ ${max} thông báo hôm nay. Ngày mai có thể gửi tiếp.`,
  announcementsToday: (used: number, max: number) => `Thông báo của đơn vị hôm nay: ${used}/${max}.`,
} as const;

/** Round results: /ketquavong for officials and the announcement each participant of a round gets once. */
export const viRounds = {
  deleted: '(đã xóa dữ liệu)',
  help: '/ketquavong [số vòng] — người đạt giải của một vòng, đã chốt hay chưa',
  menu: 'Kết quả và người đạt giải các vòng',
  listHeader: '🏅 Kết quả các vòng thi (gõ /ketquavong <số vòng> để xem người đạt giải):',
  listRow: (n: number, round: string, period: string, state: string) => `${n}. ${round} (${period}): ${state}`,
  stateFinal: 'đã chốt kết quả',
  stateNotOpen: 'chưa mở',
  stateOpen: 'chưa chốt — vòng thi đang mở',
  statePending: 'chưa chốt — còn tin nhắn gửi trước giờ đóng vòng chưa xử lý xong',
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

/** The /link document: every unit's link and QR code, to print or post. */
export const viLinksDoc = {
  fileName: (campaignId: string, day: string) => `link-don-vi-${campaignId}-${day}.docx`,
  caption: (n: number, when: string) => `🔗 Link mời và mã QR của ${n} đơn vị, lập lúc ${when} (một tệp Word để in hoặc gửi cho các đơn vị).`,
  title: 'ĐƯỜNG LINK VÀ MÃ QR MỜI DỰ THI CỦA CÁC ĐƠN VỊ',
  madeAt: (when: string) => `Lập lúc ${when}`,
  intro:
    'Người tham gia qua đường link, mã QR hoặc mã đơn vị dưới đây được tính cho đơn vị đó. Đề nghị các đơn vị in, ' +
    'đăng lên trang thông tin điện tử, nhóm Zalo, Facebook của đơn vị.',
  telegramHow: 'Trên Telegram: quét mã QR của đơn vị hoặc mở đường link của đơn vị.',
  zaloHow: (link: string | undefined, example: string) =>
    link
      ? `Trên Zalo (Zalo không có link riêng cho từng đơn vị): mở bot tại ${link} hoặc quét mã QR Zalo bên cạnh, rồi nhắn cho bot mã của đơn vị như ghi ở dòng "Zalo" (ví dụ ${example}); người nhắn mã được tính như người vào qua link của đơn vị.`
      : `Trên Zalo: tìm bot của cuộc thi, rồi nhắn cho bot mã của đơn vị như ghi ở dòng "Zalo" (ví dụ ${example}); người nhắn mã được tính như người vào qua link của đơn vị.`,
  zaloQrLabel: 'Mã QR mở bot trên Zalo',
  sections: (l: LevelLabels) => ({ communes: l.commune.toUpperCase(), agencies: 'CƠ QUAN, ĐƠN VỊ' }),
  noParent: (l: LevelLabels) => `Không thuộc ${l.parent} nào`,
  headers: { no: 'STT', unit: 'Đơn vị và cách tham gia', qr: 'Mã QR' },
  code: (code: string) => `Mã đơn vị: ${code}`,
  telegram: 'Telegram: ',
  zalo: (link: string | undefined) => (link ? `Zalo: mở ${link}, nhắn cho bot:` : 'Zalo: nhắn cho bot:'),
  typed: 'Nhắn cho bot: ',
  qrAlt: (unit: string) => `Mã QR mời dự thi của ${unit}`,
} as const;
