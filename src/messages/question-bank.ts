/** The question-bank workbook officials edit (`npm run questions -- export`): its guide sheet and drop-down errors. */
export const viQuestionBank = {
  guideTitle: 'Ngân hàng câu hỏi / Question bank',
  guide: [
    'Mỗi trang tính là một chủ đề (tên trang = mã chủ đề). Mỗi dòng là một câu hỏi.',
    'Sửa trực tiếp nội dung; không đổi "Mã câu hỏi" của câu đã có. Câu mới: để trống mã, hệ thống tự cấp mã.',
    'Xóa một câu: xóa cả dòng. Thêm phương án E, F nếu cần (2–6 phương án, điền liền từ A).',
    '"Đáp án đúng": đúng một chữ cái A–F. "Mức độ": Dễ, Trung bình hoặc Khó.',
    '"Địa chỉ nguồn (URL)": trang công khai nêu thông tin của câu hỏi (https://…); ghi thêm câu trích và ngày đọc vào question-bank/sources/<mã chủ đề>.csv.',
    '"Lý do để đáp án dài nhất": chỉ ghi khi đáp án buộc phải dài hơn hẳn các phương án khác (ví dụ tên đầy đủ của văn bản).',
    'Chỉ nhập chữ, không dùng công thức; ô ngày tháng hãy nhập dạng chữ (ví dụ 03/6/2020).',
    'Lưu lại dạng .xlsx rồi chạy: npm run questions -- import <tệp.xlsx>. Có lỗi thì không thay đổi gì và báo trang, dòng, cột.',
  ],
  topicsHeader: ['Mã chủ đề', 'Tên chủ đề', 'Văn bản', 'Số câu'],
  correctError: 'Một chữ cái A–F',
  difficultyError: 'Dễ, Trung bình hoặc Khó',
} as const;
