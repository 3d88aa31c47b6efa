/**
 * What the operator reads: the command-line tools' output and the configuration and question-bank checks' errors.
 * Bilingual (Vietnamese / English) where the tools always were. Functions take plain values (paths, counts, ids
 * already joined), so this file holds wording only.
 */
export const viOperator = {
  failed: (what: string) => `✗ ${what}`,

  /** `npm run questions -- <command>` (src/cli/questions.ts). */
  questions: {
    usage: `Cách dùng / usage: npm run questions -- <lệnh>
  export <tệp.xlsx>            xuất ngân hàng câu hỏi ra Excel / export the bank to a workbook
  import <tệp.xlsx|tệp.csv>    nhập lại sau khi sửa / import an edited workbook or CSV
  report                       báo cáo / report (DATABASE_URL: cơ sở dữ liệu của bot)
  sources                      ghi source_url từ sources/<chủ đề>.csv vào câu chưa có / fill source_url from the sources CSVs`,
    problemsHeader: (title: string, count: number) => `✗ ${title}: ${count} lỗi / error(s) — không thay đổi gì / nothing changed`,
    problemsMore: (count: number) => `  … và ${count} lỗi khác / more`,
    importTitle: 'Nhập / import',
    added: (count: number, list: string) => `✓ Thêm / added ${count}${list}`,
    changed: (count: number, list: string) => `✓ Sửa / changed ${count}${list}`,
    removed: (count: number, list: string) => `✓ Xóa / removed ${count}${list}`,
    untouched: (ids: string) => `  Giữ nguyên (không có trong tệp nhập) / not in the input, unchanged: ${ids}`,
    ignoredColumn: (column: string) => `  Bỏ qua cột ngoài mẫu / ignored column: ${column}`,
    written: (files: string) => `  Đã ghi / written: ${files}`,
    nothingWritten: '  Không có gì thay đổi / nothing to change.',
    warnings: (count: number, lines: string) => `⚠ ${count} cảnh báo / warning(s):\n${lines}`,
    exported: (file: string) => `✓ Đã xuất / exported ${file}`,
    noSuchFile: (file: string) => `✗ Không thấy tệp / no such file: ${file}`,
    sourcesFilled: (count: number, files: string) => `✓ Ghi source_url / filled: ${count} câu${files ? ` (${files})` : ''}`,
    sourcesAmbiguous: (id: string, count: number, urls: string) => `  ${id}: tệp nguồn có ${count} địa chỉ, chọn một và ghi tay / several URLs: ${urls}`,
    sourcesMissing: (count: number, ids: string) => `  Chưa có nguồn / no row yet: ${count} câu: ${ids}`,
    sourcesNext: '  Tiếp theo / next: npm run questions:check',
  },

  /** `npm run questions -- report` (src/cli/bank-report.ts): headings and column labels. */
  report: {
    topic: 'Chủ đề',
    total: 'Tổng',
    file: 'Tệp',
    questions: 'Số câu',
    hasLongest: 'Có PA dài nhất',
    isKey: 'Là đáp án',
    oldVersion: ' (phiên bản cũ / old version)',
    review: '  ⚠ xem lại',
    bank: (questions: number, topics: number) => `Ngân hàng câu hỏi / question bank: ${questions} câu, ${topics} chủ đề`,
    perTopic: 'Số câu theo chủ đề và mức độ / per topic and difficulty:',
    longest: (overall: number, perFile: number) =>
      `Phương án dài nhất (số ký tự, NFC) là đáp án / the uniquely longest option is the key (tối đa ${overall}%, mỗi tệp ${perFile}%):`,
    noDatabase: 'Chưa có cơ sở dữ liệu: chưa có lượt thi nào / no database yet, no attempts.',
    neverDrawn: (never: number, total: number) => `Câu chưa từng được rút / never drawn: ${never} / ${total}`,
    answers: (total: number, correct: string) => `Câu trả lời / answers: ${total}, đúng / correct ${correct}`,
    shareCorrect: (answered: number) => `Tỷ lệ trả lời đúng, câu khó nhất trước / share correct, hardest first (${answered} câu có câu trả lời):`,
    columns: { id: 'Mã câu', answered: 'Lượt', correct: 'Đúng', key: 'ĐA  Phương án sai được chọn nhiều nhất / most chosen wrong option' },
    toReview: (count: number) => `Cần xem lại / to review (≥ 5 lượt, đúng < 40% hoặc một phương án sai được chọn nhiều hơn đáp án): ${count}`,
  },

  /** `npm run questions:check` (src/cli/questions-check.ts). */
  check: {
    errorRules: (rules: string) => `Lỗi (bot không chạy) / errors (the bot refuses the bank): ${rules}`,
    checkOnlyRules: (rules: string) => `Lỗi của lệnh kiểm tra này (bot vẫn chạy) / errors of this check only: ${rules}`,
    warningRules: (strict: boolean, rules: string) => `Cảnh báo / warnings${strict ? ' (--strict: cũng là lỗi / fail too)' : ''}: ${rules}\n`,
    bank: (questions: number, topics: number) => `✓ ${questions} câu hỏi / questions in ${topics} chủ đề / topics:`,
    longest: (share: string, overall: number, perFile: number) =>
      `  phương án dài nhất là đáp án / uniquely longest option is the key: ${share} ` + `(tối đa / at most ${overall}%, mỗi tệp / per file ${perFile}%: npm run questions -- report)`,
    pairs: (count: number, file: string) => `  ${count} cặp câu không rút chung một lượt / pairs kept apart (${file})`,
    errors: (count: number) => `\n✗ ${count} lỗi / error(s):`,
    campaign: (file: string, parents: string, communes: number, communeLabel: string, communesFile: string, agencies: number, withPopulation: number) =>
      `✓ ${file}: ${parents}${communes} ${communeLabel} (${communesFile}), ${agencies} cơ quan/đơn vị; số dân / population: ${withPopulation}/${communes}`,
    parents: (count: number, parentLabel: string) => `${count} ${parentLabel}, `,
    officials: (count: number) => `✓ ${count} cán bộ đơn vị / unit officials`,
    warnings: (count: number) => `\n⚠ ${count} cảnh báo / warning(s):`,
    noWarnings: '✓ không có cảnh báo / no warnings',
  },

  /** `npm run db:backup`, `db:copy`, `db:migrate` (src/cli/db-*.ts). */
  database: {
    backupUsage: 'Cách dùng / usage: npm run db:backup -- <tệp sao lưu / backup file>',
    backupPostgres: (file: string) =>
      [
        'PostgreSQL: sao lưu bằng pg_dump / back up with pg_dump (safe while the bots run):',
        `  pg_dump -Fc -d "$DATABASE_URL" -f ${file}`,
        'Khôi phục (dừng bot) / restore, the bots stopped, into an empty database created with --locale=C.UTF-8:',
        `  pg_restore --no-owner -d "$DATABASE_URL" ${file}`,
        'Xem / see docs/deployment.md.',
      ].join('\n'),
    backedUp: (file: string) => `✓ Đã sao lưu / backed up to ${file}`,
    copyUsage: 'Cách dùng / usage: npm run db:copy -- <tệp SQLite / sqlite file> <postgres://…> [--force]',
    copying: (from: string, to: string) => `Sao chép / copying ${from} → ${to}`,
    mismatch: (tables: string) => `✗ Không khớp / mismatch in: ${tables}`,
    copied: (tables: number) => `Xong: ${tables} bảng khớp / done: ${tables} tables match`,
    upToDate: 'Cơ sở dữ liệu đã ở phiên bản mới nhất / database is up to date',
    migrationFailed: 'Migration failed:',
  },

  /** `npm run khenthuong` (src/cli/khenthuong.ts). */
  proposal: {
    written: (summary: string, title: string, database: string) => `✓ ${summary}\n  ${title}\n  Cơ sở dữ liệu / database: ${database}`,
  },

  /** The environment (src/config/env.ts, src/config/role.ts): what is wrong with a variable or an argument. */
  env: {
    invalid: (problems: string) => `Biến môi trường không hợp lệ / invalid environment:\n${problems}`,
    databaseUrl: 'cần postgres://…, postgresql://…, sqlite:…, file:… hoặc đường dẫn tệp / expected a PostgreSQL URL or an SQLite path',
    closesAt: 'CONTEST_CLOSES_AT: cần ISO 8601 có múi giờ, ví dụ 2026-12-31T23:59:59+07:00',
    host: 'HOST: cần một địa chỉ IP, ví dụ 127.0.0.1 / expected an IP address, e.g. 127.0.0.1',
    keyLength: 'cần ít nhất 32 ký tự / at least 32 characters',
    sharedKeyRequired: (key: string) =>
      `${key}: bắt buộc khi DATABASE_URL là PostgreSQL (mọi tiến trình dùng chung một giá trị) / required with PostgreSQL: the same value on every process, e.g. \`openssl rand -hex 32\``,
    identityKeyRequired:
      'IDENTITY_HASH_KEY: bắt buộc khi có TELEGRAM_BOT_TOKEN hoặc ZALO_BOT_TOKEN (ít nhất 32 ký tự, ví dụ `openssl rand -hex 32`) / ' +
      'required when a channel token is set (at least 32 characters, e.g. `openssl rand -hex 32`)',
    role: (arg: string) => `--role must be all, bot or worker (got "${arg}")`,
    nodeTooOld: (version: string) =>
      `Cần Node.js 24 trở lên, máy này đang chạy ${version} (cài Node 24: docs/deployment.md). / Node.js 24 or later is required; this is ${version} (installing it: docs/deployment.md).`,
  },

  /** A human-edited file that is wrong (src/config/yaml-file.ts and every loader that uses it). */
  file: {
    problems: (file: string, count: number, lines: string) => `${file}: ${count} lỗi / problem(s)\n${lines}`,
    cannotRead: (file: string, reason: string) => `${file}: không đọc được tệp / cannot read file (${reason})`,
  },

  /** The campaign file (src/config/campaign.ts, reminders.ts, round-results.ts, awards.ts): fields, then the checks against the bank. */
  campaign: {
    isoTime: 'cần thời điểm ISO 8601 có múi giờ, ví dụ 2023-07-03T00:00:00+07:00',
    timeZone: 'múi giờ không hợp lệ (ví dụ Asia/Ho_Chi_Minh)',
    csvPath: 'đường dẫn tệp .csv, tính từ thư mục ngân hàng câu hỏi (ví dụ units/communes.csv)',
    label: 'viết thường, ví dụ "xã, phường"',
    id: 'chỉ chữ thường không dấu, số và gạch ngang',
    topicWeight: 'cần ít nhất một chủ đề có trọng số > 0',
    closesAfterOpens: 'closes_at phải sau opens_at',
    consentVersion: 'chỉ chữ, số, dấu chấm, gạch ngang, gạch dưới',
    oldConsentVersion: (example: string) =>
      `phiên bản này là của lời đồng ý cũ (chưa nói ai được xem số điện thoại); lời đồng ý đã đổi, hãy đặt phiên bản mới (ví dụ ${example})`,
    populationBasis: 'ghi rõ nguồn số dân, ví dụ "Tổng điều tra dân số và nhà ở 1/4/2019"',
    duplicateRound: (id: string) => `trùng id vòng "${id}"`,
    roundOutside: 'vòng thi phải nằm trong thời gian cuộc thi',
    roundOverlaps: 'vòng thi chồng lên vòng trước (sắp xếp theo thời gian)',
    spreadByParent: 'spread.by: parent cần danh sách cấp trên (units.parents)',
    time: 'cần giờ dạng HH:MM, ví dụ 08:00',
    inQuietHours: (time: string, from: string, to: string) => `${time} nằm trong giờ yên lặng ${from}–${to}`,
    criterionWeight: 'cần ít nhất một tiêu chí có trọng số > 0',
    prizeMin: 'mỗi giải có ít nhất 1 người',
    prizeMax: 'tối đa 500 người mỗi giải',
    duplicatePrize: (name: string) => `trùng tên giải "${name}"`,
    account: 'tài khoản dạng kênh:mã, ví dụ telegram:123456789 hoặc zalo:abc123',
    unknownTopic: (at: string, i: number, topic: string) => `${at}: rounds[${i}].topics: chủ đề "${topic}" không có trong ngân hàng câu hỏi`,
    unknownQuestion: (at: string, i: number, j: number, id: string) => `${at}: rounds[${i}].question_ids[${j}]: không có câu hỏi "${id}" trong ngân hàng câu hỏi`,
    tooFewQuestions: (at: string, i: number, pool: number, count: number) => `${at}: rounds[${i}]: chỉ có ${pool} câu hỏi, mỗi lượt cần ${count}`,
    poolListed: (pool: number) => `question_ids (${pool} câu)`,
    poolBank: (pool: number) => `ngân hàng (${pool} câu)`,
    tooManyPairs: (at: string, i: number, where: string, pairs: number, drawable: number, count: number) =>
      `${at}: rounds[${i}]: ${where} có ${pairs} cặp câu không được cùng một lượt ` +
      `(giveaway-pairs.yaml), nên chỉ chắc chắn rút được ${drawable} câu, mỗi lượt cần ${count} — thêm câu hỏi hoặc viết lại để bớt cặp`,
    topicPairs: (at: string, i: number, topic: string, share: number, own: number, touching: number) =>
      `${at}: rounds[${i}].topics.${topic}: chủ đề cần ${share} câu mỗi lượt; có ${own} câu nhưng ${touching} cặp ` +
      `không được cùng một lượt (giveaway-pairs.yaml) có thể loại ${touching} câu — thêm câu hỏi cho chủ đề hoặc viết lại để bớt cặp`,
  },

  /** `npm run questions -- import` (src/bank/xlsx-import.ts, csv-import.ts, import-table.ts, import-plan.ts): what is wrong with a row, a cell or the file. */
  import: {
    tooLarge: (file: string, size: string, max: string) =>
      `${file}: tệp nặng ${size}, tối đa ${max} (cả ngân hàng câu hỏi chỉ khoảng 0,1 MB) — xóa hình ảnh, dòng và trang tính thừa`,
    cellNumber: (n: number, format: string) => `là ô kiểu số (${n}, định dạng "${format}") — hãy nhập dạng chữ: gõ dấu ' trước nội dung`,
    cellDate: (shown: string) => `là ô ngày tháng (${shown}): Excel đã đổi chữ thành ngày — nhập lại dạng chữ, gõ dấu ' trước (ví dụ '03/6/2020)`,
    cellFormula: (formula: string) => `là công thức (=${formula}) — chỉ nhập chữ; dùng "Dán đặc biệt → Giá trị" (Paste Special → Values)`,
    cellMerged: 'là ô gộp (merge) — bỏ gộp ô, mỗi ô một nội dung',
    cellBoolean: (value: string) => `là giá trị đúng/sai (${value}) — hãy nhập dạng chữ`,
    cellError: (error: string) => `là ô lỗi (${error}) — hãy nhập dạng chữ`,
    cellUnknown: 'có kiểu dữ liệu không đọc được — hãy nhập dạng chữ',
    unreadableXlsx: (file: string, reason: string) => `${file}: không đọc được tệp Excel (.xlsx) — ${reason}`,
    sheet: (name: string) => `Trang tính "${name}"`,
    sheetTooLong: (where: string, rows: number, max: number) => `${where}: có ${rows} dòng, tối đa ${max} câu hỏi mỗi trang — xóa các dòng thừa`,
    csvNotUtf8: (file: string) =>
      `${file}: tệp CSV không phải mã UTF-8 — khi lưu, chọn "CSV UTF-8 (Comma delimited)" (Excel) hoặc bộ ký tự "Unicode (UTF-8)" (LibreOffice)`,
    unreadableCsv: (file: string, reason: string) => `${file}: không đọc được tệp CSV — ${reason}`,
    csvTooLong: (file: string, rows: number, max: number) => `${file}: có ${rows} dòng, tối đa ${max} câu hỏi — xóa các dòng thừa`,
    onlyXlsxOrCsv: (file: string) => `${file}: chỉ nhận tệp .xlsx hoặc .csv`,
    unknownTopic: (where: string, topic: string, known: string) =>
      `${where}: không có chủ đề "${topic}" trong ngân hàng (các chủ đề: ${known}) — chủ đề mới thì tạo tệp YAML trước (docs/questions.md)`,
    unknownTopicInRow: (at: string, topic: string, known: string) => `${at}, cột "Chủ đề": không có chủ đề "${topic}" (các chủ đề: ${known})`,
    emptyTopic: (where: string, topic: string) => `${where}: chủ đề ${topic} không còn câu hỏi nào — mỗi chủ đề cần ít nhất 1 câu`,
    afterImport: (problem: string) => `${problem} (sau khi nhập / after this import)`,
    cell: (where: string, row: number, column: string, header: string | undefined) => `${where}, dòng ${row}, cột ${column}${header ? ` (${header})` : ''}`,
    row: (where: string, row: number) => `${where}, dòng ${row}`,
    refusedHeader: (at: string, refused: string) => `${at}: tiêu đề cột ${refused}`,
    ignoredColumn: (where: string, column: string, text: string) => `${where}, cột ${column} "${text}"`,
    repeatedColumn: (at: string, header: string, first: string) => `${at}: cột "${header}" lặp lại (đã có ở cột ${first})`,
    missingColumns: (where: string, columns: string) => `${where}, dòng 1 (tiêu đề): thiếu cột ${columns}`,
    noCorrect: 'chưa ghi đáp án đúng (một chữ cái A–F)',
    severalCorrect: (count: number, letters: string) => `ghi ${count} đáp án đúng (${letters}): mỗi câu chỉ có đúng một đáp án đúng`,
    notALetter: (raw: string) => `"${raw}" không phải chữ cái A–F`,
    optionGap: (at: string, empty: string, last: string) => `${at}: phương án ${empty} để trống nhưng phương án ${last} có nội dung — điền liền từ A`,
    correctEmpty: (at: string, letter: string | undefined) => `${at}: đáp án ${letter} nhưng phương án ${letter} để trống`,
    badDifficulty: (at: string, text: string | undefined) => `${at}: mức độ "${text}" không hợp lệ — ghi Dễ, Trung bình hoặc Khó`,
  },

  /** The question bank's files (src/bank/questions.ts, units.ts, officials.ts): fields, then the checks across files. */
  bank: {
    empty: 'không được để trống',
    tooLong: (max: number) => `dài quá ${max} ký tự`,
    notNfc: 'chưa chuẩn hóa Unicode NFC (gõ lại bằng bộ gõ dựng sẵn)',
    sourceUrl: 'cần một địa chỉ https://… đầy đủ của trang công khai nêu thông tin này',
    questionId: 'id dạng <chủ đề>-001',
    optionCount: 'cần 2–6 phương án',
    correctLetter: 'một chữ cái A–F: đúng một đáp án',
    correctMissing: (letter: string, options: number) => `đáp án ${letter} không có trong ${options} phương án`,
    sameAsOption: (letter: string) => `trùng với phương án ${letter}`,
    topicId: 'mã chủ đề: chữ thường không dấu và số',
    noFolder: (folder: string) => `${folder}: không tìm thấy thư mục câu hỏi / question folder missing`,
    topicElsewhere: (at: string, topic: string, other: string) => `${at}: topic: chủ đề "${topic}" đã có ở tệp khác (${other})`,
    noQuestionFiles: (folder: string) => `${folder}: chưa có tệp câu hỏi nào (*.yaml)`,
    unitCode: 'mã đơn vị: chữ và số, tối đa 12 ký tự',
    noParents: (file: string) => `${file}: danh sách cấp trên trống`,
    parentNotDeclared: (where: string) => `${where}: chiến dịch không khai báo danh sách cấp trên (units.parents) nên cột parent phải để trống`,
    parentMissing: (where: string, parentsFile: string | undefined) => `${where}: thiếu mã đơn vị cấp trên (danh sách ${parentsFile})`,
    parentUnknown: (where: string, code: string, parentsFile: string | undefined) => `${where}: không có mã "${code}" trong ${parentsFile}`,
    noCommunes: (file: string) => `${file}: chưa có xã/thị trấn nào`,
    duplicateUnit: (at: string, code: string, name: string, earlier: string) =>
      `${at}: code: trùng mã đơn vị "${code}" (${name}), đã có ở ${earlier} / duplicate unit code, first at ${earlier}`,
    populationUnit: (name: string, line: number) => `${name} (dòng ${line})`,
    populationMore: (count: number) => ` và ${count} đơn vị khác`,
    populationMissing: (missing: number, communes: number, label: string, shown: string, more: string) =>
      `${missing}/${communes} ${label} chưa có số dân (cột population): ${shown}${more} — ` +
      'đề nghị khen thưởng bỏ tiêu chí "trên 1.000 dân" cho cả khối / communes without a population: the per-1,000 criterion is dropped',
    populationBasis: 'population_basis: chưa ghi số dân lấy theo nguồn nào (ví dụ "Tổng điều tra dân số và nhà ở ngày 1/4/2019") / state the basis of the populations',
    officialChannel: (channels: readonly string[]) => `kênh: ${channels.join(' hoặc ')}`,
    officialAccount: 'mã tài khoản: chữ, số, "_" hoặc "-", tối đa 64 ký tự',
    officialUnitCode: 'cần mã đơn vị',
    officialUnitUnknown: (code: string) => `không có đơn vị mã "${code}" trong communes.csv/agencies.csv`,
    officialAccountTwice: (at: string, account: string) => `${at}: account_id: tài khoản ${account} đã có ở dòng trước (mỗi tài khoản một đơn vị)`,
  },

  /** The question bank's quality rules (src/bank/quality*.ts, longest.ts, giveaway*.ts, sources.ts), printed by questions:check and the import. */
  checks: {
    /** What each rule asks, by rule id (src/bank/quality.ts RULES). */
    rules: {
      'duplicate-id': 'id trùng / duplicate id',
      'duplicate-text': 'nội dung câu hỏi trùng / same question text twice',
      'one-correct': 'đúng một đáp án / exactly one correct option',
      'duplicate-option': 'phương án trùng nhau / options not distinct',
      'meta-option': 'phương án kiểu "tất cả các đáp án trên" / "all of the above" options',
      nfc: 'Unicode NFC',
      'screen-budget': 'vừa một màn hình điện thoại / fits one phone screen',
      typography: 'khoảng trắng thừa / stray spaces',
      'near-duplicate': 'câu hỏi gần trùng / near-duplicate questions',
      'answer-spread': 'đáp án đúng rải đều A–D / correct letters spread over A–D',
      'giveaway-pair': 'cặp câu trong giveaway-pairs.yaml không còn câu / allowed pair names a missing question',
      'longest-share': 'phương án dài nhất ít khi là đáp án (≤ 30%, mỗi tệp ≤ 35%) / the longest option is rarely the key',
      'longest-key': 'đáp án không dài hẳn các phương án khác / the key is not clearly the longest',
      giveaway: 'câu này không lộ đáp án câu khác / no question gives another away',
      'source-url': 'source_url có dòng trong sources/<chủ đề>.csv / source URLs recorded in the sources CSV',
      'source-row': 'dòng nguồn khớp một câu hỏi / source rows name a question',
      population: 'mọi xã, phường có số dân và nguồn số dân / every commune has a population, with its basis',
    },
    oneCorrect: (options: number, last: string) => `đáp án đúng phải là một trong ${options} phương án A–${last}`,
    duplicateOption: (letter: string, first: string) => `phương án ${letter} trùng với phương án ${first}`,
    metaOption: (letter: string, option: string) => `phương án ${letter} "${option}" nhắc tới phương án khác — các phương án bị xáo trộn khi thi, hãy viết một phương án độc lập`,
    notNfc: (field: string) => `${field}: chưa chuẩn hóa Unicode NFC (gõ lại bằng bảng mã Unicode dựng sẵn)`,
    typography: {
      doubleSpace: 'hai dấu cách liền nhau',
      spaceBeforePunctuation: 'dấu cách trước dấu câu',
      spaceAfterBracket: 'dấu cách sau dấu mở ngoặc',
      invisible: 'ký tự tab, dấu cách không ngắt hoặc ký tự ẩn',
      edges: 'khoảng trắng ở đầu hoặc cuối',
    },
    screenBudget: (lines: number, max: number) => `chiếm khoảng ${lines} dòng trên điện thoại (tối đa ${max}): rút gọn câu hỏi hoặc phương án`,
    duplicateId: (id: string, first: string) => `trùng id "${id}" với ${first}`,
    duplicateText: (id: string, at: string) => `trùng nội dung với câu ${id} (${at})`,
    sameAnswer: (answer: string | undefined) => `cùng đáp án "${answer}"`,
    sameWording: 'câu chữ gần như giống hệt',
    nearDuplicate: (id: string, at: string, percent: number, why: string) => `gần trùng với câu ${id} (${at}): giống ${percent}%, ${why} — bỏ một câu hoặc hỏi ý khác`,
    answerSpread: (summary: string, each: number) => `đáp án đúng chưa rải đều: ${summary} (mỗi chữ nên khoảng ${each}) — đổi chỗ phương án ở vài câu`,
    wholeBank: 'toàn bộ ngân hàng / whole bank',
    longestShare: (share: string, bound: number, scope: string) =>
      `phương án dài nhất là đáp án ở ${share} câu có một phương án dài nhất (tối đa ${bound}% ${scope}): ` +
      'viết lại đáp án hoặc phương án nhiễu cho dài tương đương (npm run questions -- report)',
    perFile: 'mỗi tệp',
    overall: 'toàn bộ ngân hàng',
    longestKey: (id: string, length: number, next: number) =>
      `${id}: đáp án dài ${length} ký tự, phương án dài kế tiếp ${next}: đáp án dài hẳn là lộ đáp án — viết lại, ` + 'hoặc ghi longest_ok: <lý do> nếu buộc phải để vậy',
    placeQuestion: 'câu hỏi',
    placeOption: (letter: string) => `phương án ${letter}`,
    giveawayClue: (shows: string, where: string, clue: string, giver: string) => `${shows} ${where}: "${clue}" = đáp án ${giver}`,
    giveaway: (clues: string, giver: string, giverAt: string | undefined, pair: string, allowList: string) =>
      `lộ đáp án nếu cùng một lượt thi — ${clues} (${giver} ở ${giverAt}): viết lại một câu, hoặc ghi cặp [${pair}] kèm lý do vào ${allowList} (không rút chung một lượt)`,
    pairQuestionId: 'mã câu hỏi dạng <chủ đề>-001',
    pairDistinct: 'hai mã câu hỏi khác nhau',
    pairReason: 'ghi lý do chấp nhận cặp này (ít nhất 10 ký tự)',
    pairUnknownQuestion: (id: string) => `không có câu "${id}" trong ngân hàng: bỏ cặp này hoặc sửa mã`,
    pairTwice: (a: string, b: string, first: string | undefined) => `cặp [${a}, ${b}] đã có ở ${first}`,
    readOnFormat: 'ngày đọc dạng dd/mm/yyyy, ví dụ 05/12/2026',
    readOnReal: 'không phải một ngày có thật',
    sourceQuote: 'chép nguyên văn câu trên trang nêu thông tin này (ít nhất 10 ký tự)',
    sourcesUnreadable: (reason: string) => `không đọc được CSV: ${reason}`,
    sourcesHeader: (expected: string, actual: string) => `dòng tiêu đề phải là "${expected}" (đang là "${actual}")`,
    sourcesColumns: (count: number, header: string, cells: number) => `cần ${count} cột (${header}), dòng này có ${cells} — ô có dấu phẩy phải nằm trong ngoặc kép`,
    sourcesUnknownTopic: (topic: string) => `không có chủ đề "${topic}" trong ngân hàng: tệp nguồn đặt tên theo mã chủ đề (ví dụ qd749.csv)`,
    sourceUrlRequired: (id: string) => `${id}: thiếu source_url — tệp ghi sources_required: true nên mọi câu cần địa chỉ trang công khai nêu thông tin của câu`,
    sourcesFileMissing: (count: number, file: string, header: string) => `${count} câu có source_url nhưng chưa có tệp ${file} (${header}: mỗi câu một dòng)`,
    sourceUnknownQuestion: (id: string, topic: string, file: string) => `không có câu "${id}" trong chủ đề ${topic} (${file})`,
    sourceOthers: (list: string) => `; tệp có ${list}`,
    sourceUrlMissing: (id: string, url: string, file: string, hint: string) => `${id}: source_url ${url} không có trong ${file} (cần một dòng có id ${id} và đúng địa chỉ này${hint})`,
  },
} as const;
