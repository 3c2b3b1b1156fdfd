/* demo_names.c - the word lists the demo province is drawn from.
 *
 * Surname weights follow the usual estimates of Vietnamese surname
 * frequency (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %, Phạm 7 %, ...),
 * adjusted for the South, where Huỳnh outnumbers Hoàng and Võ outnumbers Vũ
 * (the same names, split by the old naming taboo). Khmer and Hoa cadres
 * draw from the surnames common in those communities in the Mekong delta.
 * Weights are relative (per mille where it reads naturally). All text is
 * NFC.
 */
#include "demo.h"

#define LIST(name, ...)                                                                            \
	static const demo_word name##_words[] = {__VA_ARGS__};                                     \
	const demo_list name = {name##_words, sizeof name##_words / sizeof name##_words[0]}

/* clang-format off */
LIST(demo_surnames,
     {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70},
     {"Huỳnh", 36}, {"Hoàng", 15}, {"Phan", 45}, {"Võ", 30}, {"Vũ", 9},
     {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 14}, {"Hồ", 13}, {"Ngô", 13},
     {"Dương", 10}, {"Lý", 5}, {"Trương", 6}, {"Đào", 5}, {"Đoàn", 5},
     {"Lâm", 5}, {"Mai", 4}, {"Cao", 4}, {"Châu", 4}, {"Hà", 3},
     {"Lương", 3}, {"Tô", 3}, {"Thái", 3}, {"Đinh", 3}, {"Trịnh", 3},
     {"Lưu", 2}, {"Tạ", 2}, {"Kiều", 1}, {"La", 1},
     {"Quách", 1}, {"Văn", 1}, {"Từ", 1}, {"Phùng", 1}, {"Triệu", 1});

LIST(demo_surnames_khmer,
     {"Thạch", 30}, {"Sơn", 20}, {"Danh", 18}, {"Kim", 10}, {"Lâm", 8},
     {"Lý", 6}, {"Châu", 6}, {"Trần", 4});

LIST(demo_surnames_hoa,
     {"Lâm", 14}, {"Quách", 8}, {"Trương", 10}, {"Lưu", 8}, {"Mã", 5},
     {"Tăng", 6}, {"Hứa", 6}, {"Diệp", 4}, {"Lý", 8}, {"Thái", 4},
     {"Lương", 4}, {"Huỳnh", 6});

LIST(demo_middle_male,
     {"Văn", 380}, {"Hữu", 55}, {"Minh", 80}, {"Thanh", 60}, {"Quốc", 50},
     {"Đức", 35}, {"Công", 30}, {"Hoàng", 25}, {"Ngọc", 25}, {"Tấn", 45},
     {"Thành", 20}, {"Trọng", 15}, {"Xuân", 15}, {"Duy", 15}, {"Anh", 15},
     {"Quang", 20}, {"Hồng", 10}, {"Phước", 15}, {"Tuấn", 10}, {"Chí", 15},
     {"Kim", 5}, {"Nhật", 10}, {"Trung", 10}, {"Bá", 10}, {"Thế", 10},
     {"Hoài", 8}, {"Việt", 10});

LIST(demo_middle_female,
     {"Thị", 520}, {"Ngọc", 80}, {"Thanh", 60}, {"Kim", 50}, {"Thu", 35},
     {"Hồng", 30}, {"Minh", 25}, {"Mỹ", 25}, {"Bích", 20}, {"Phương", 20},
     {"Thúy", 15}, {"Diễm", 10}, {"Tuyết", 10}, {"Hoài", 10}, {"Thùy", 15},
     {"Kiều", 10}, {"Cẩm", 10}, {"Quỳnh", 10}, {"Hoàng", 10}, {"Tường", 5});

LIST(demo_given_male,
     {"An", 30}, {"Bình", 30}, {"Cường", 25}, {"Dũng", 35}, {"Đức", 25},
     {"Hải", 30}, {"Hùng", 35}, {"Huy", 25}, {"Hưng", 25}, {"Khang", 10},
     {"Khoa", 15}, {"Lâm", 15}, {"Long", 30}, {"Minh", 40}, {"Nam", 30},
     {"Nghĩa", 20}, {"Phong", 20}, {"Phúc", 20}, {"Quân", 15}, {"Quang", 20},
     {"Sơn", 30}, {"Tài", 20}, {"Tâm", 20}, {"Thắng", 25}, {"Thành", 35},
     {"Thịnh", 15}, {"Toàn", 20}, {"Trí", 20}, {"Trung", 25}, {"Tuấn", 35},
     {"Tùng", 15}, {"Việt", 15}, {"Vinh", 20}, {"Vũ", 15}, {"Hiếu", 20},
     {"Hòa", 20}, {"Khánh", 15}, {"Lộc", 20}, {"Lợi", 15}, {"Phát", 15},
     {"Tín", 10}, {"Nhân", 15}, {"Đạt", 20}, {"Đăng", 10}, {"Danh", 8},
     {"Dương", 10}, {"Hậu", 15}, {"Kiệt", 8}, {"Tú", 10}, {"Thiện", 15},
     {"Thuận", 15}, {"Trọng", 10}, {"Bảo", 15}, {"Chiến", 15}, {"Công", 10},
     {"Cảnh", 8}, {"Hoàng", 15}, {"Hiệp", 10}, {"Luân", 8}, {"Mạnh", 10},
     {"Nguyên", 15}, {"Sang", 10}, {"Tiến", 15}, {"Triều", 5}, {"Vương", 5},
     {"Tân", 15}, {"Hiền", 10}, {"Kha", 5}, {"Điền", 5}, {"Ẩn", 2},
     {"Ân", 8}, {"Ơn", 2}, {"Út", 5}, {"Nhựt", 8}, {"Phước", 12},
     {"Thạnh", 8}, {"Em", 4}, {"Tuấn Anh", 6}, {"Minh Khoa", 3});

LIST(demo_given_female,
     {"An", 15}, {"Anh", 25}, {"Ánh", 15}, {"Bích", 10}, {"Châu", 10},
     {"Chi", 15}, {"Diễm", 10}, {"Dung", 25}, {"Duyên", 15}, {"Giang", 15},
     {"Hà", 25}, {"Hạnh", 25}, {"Hằng", 25}, {"Hiền", 20}, {"Hoa", 25},
     {"Hồng", 20}, {"Huệ", 15}, {"Hương", 35}, {"Lan", 30}, {"Liên", 20},
     {"Linh", 30}, {"Loan", 20}, {"Mai", 30}, {"My", 10}, {"Nga", 25},
     {"Ngân", 15}, {"Ngọc", 20}, {"Nhung", 20}, {"Oanh", 15}, {"Phượng", 15},
     {"Phương", 25}, {"Quyên", 10}, {"Tâm", 15}, {"Thảo", 30}, {"Thu", 20},
     {"Thủy", 25}, {"Thúy", 20}, {"Trang", 30}, {"Trinh", 15}, {"Tuyết", 15},
     {"Uyên", 10}, {"Vân", 20}, {"Xuân", 15}, {"Yến", 20}, {"Hậu", 10},
     {"Đào", 8}, {"Lệ", 10}, {"Kiều", 8}, {"Thanh", 15}, {"Nhàn", 10},
     {"Nguyệt", 10}, {"Ý", 5}, {"Ái", 4}, {"Ửng", 1}, {"Quế", 5},
     {"Thắm", 8}, {"Đẹp", 4}, {"Bé", 3}, {"Thanh Tâm", 4});

/* Long An and its neighbours: Kinh, then Khmer and Hoa communities. */
LIST(demo_ethnicities,
     {"Kinh", 9550}, {"Khmer", 220}, {"Hoa", 200}, {"Chăm", 15}, {"Tày", 8},
     {"Mường", 7});

LIST(demo_province_agencies,
     {"Văn phòng Tỉnh ủy", 4}, {"Ban Tổ chức Tỉnh ủy", 4},
     {"Ban Tuyên giáo và Dân vận Tỉnh ủy", 4}, {"Ủy ban Kiểm tra Tỉnh ủy", 4},
     {"Ban Nội chính Tỉnh ủy", 3}, {"Văn phòng Đoàn ĐBQH và HĐND tỉnh", 3},
     {"Văn phòng UBND tỉnh", 4}, {"Sở Nội vụ", 5}, {"Sở Tài chính", 6},
     {"Sở Tư pháp", 4}, {"Sở Xây dựng", 6}, {"Sở Công Thương", 5},
     {"Sở Nông nghiệp và Môi trường", 7}, {"Sở Y tế", 7},
     {"Sở Giáo dục và Đào tạo", 7}, {"Sở Văn hóa, Thể thao và Du lịch", 5},
     {"Sở Khoa học và Công nghệ", 5}, {"Sở Dân tộc và Tôn giáo", 3},
     {"Thanh tra tỉnh", 4}, {"Ban Quản lý Khu kinh tế", 3},
     {"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", 3}, {"Tỉnh đoàn", 2},
     {"Hội Liên hiệp Phụ nữ tỉnh", 2}, {"Hội Nông dân tỉnh", 2},
     {"Liên đoàn Lao động tỉnh", 2});

LIST(demo_agency_offices,
     {"Văn phòng", 4}, {"Phòng Tổ chức cán bộ", 3}, {"Phòng Kế hoạch - Tài chính", 3},
     {"Thanh tra", 2}, {"Phòng Tổng hợp", 3}, {"Phòng Nghiệp vụ", 4},
     {"Phòng Pháp chế", 2}, {"Phòng Quản lý chuyên ngành", 4},
     {"Phòng Chính sách", 2}, {"Phòng Kiểm tra", 2});

/* District offices; "Phòng Kinh tế" becomes "Phòng Kinh tế, Hạ tầng và Đô
 * thị" nowhere here: names are kept short and generic. */
LIST(demo_district_offices,
     {"Phòng Nội vụ", 5}, {"Phòng Tài chính - Kế hoạch", 5}, {"Phòng Tư pháp", 3},
     {"Phòng Kinh tế", 4}, {"Phòng Tài nguyên và Môi trường", 4},
     {"Phòng Lao động - Thương binh và Xã hội", 4},
     {"Phòng Văn hóa và Thông tin", 3}, {"Phòng Giáo dục và Đào tạo", 5},
     {"Phòng Y tế", 3}, {"Phòng Nông nghiệp và Phát triển nông thôn", 4},
     {"Thanh tra huyện", 3}, {"Văn phòng HĐND và UBND", 4},
     {"Ban Tổ chức Huyện ủy", 3}, {"Ban Tuyên giáo Huyện ủy", 3},
     {"Ban Dân vận Huyện ủy", 3}, {"Ủy ban Kiểm tra Huyện ủy", 3},
     {"Văn phòng Huyện ủy", 3});

LIST(demo_shortcomings,
     {"Việc cụ thể hóa nghị quyết của cấp trên có nội dung còn chậm", 10},
     {"Công tác kiểm tra, giám sát việc thực hiện nghị quyết chưa thường xuyên", 10},
     {"Chất lượng sinh hoạt chi bộ định kỳ chưa cao, nội dung chưa phong phú", 9},
     {"Việc cập nhật hồ sơ, dữ liệu đảng viên chưa kịp thời", 7},
     {"Tỷ lệ cán bộ nữ, cán bộ trẻ trong quy hoạch chưa đạt chỉ tiêu", 7},
     {"Giải quyết thủ tục hành chính có lúc còn chậm, để người dân phải đi lại nhiều lần", 8},
     {"Công tác tuyên truyền, vận động nhân dân có lúc chưa kịp thời", 6},
     {"Tinh thần tự phê bình và phê bình chưa cao, còn nể nang", 8},
     {"Chưa thực hiện đầy đủ chế độ báo cáo định kỳ với cấp trên", 6},
     {"Việc thu, chi ngân sách có nội dung chưa đúng tiến độ", 5},
     {"Công tác quản lý đất đai, trật tự xây dựng còn để xảy ra vi phạm", 6},
     {"Việc tiếp công dân và giải quyết khiếu nại, tố cáo có vụ việc còn kéo dài", 6},
     {"Chuyển đổi số trong hoạt động của cơ quan còn chậm", 7},
     {"Chưa chủ động đề xuất giải pháp tháo gỡ khó khăn cho doanh nghiệp", 4},
     {"Việc thực hiện kết luận sau kiểm tra, giám sát chưa dứt điểm", 6});

/* Two causes that go with each shortcoming above, in the same order: a
 * plan's cause explains its shortcoming. */
const char *const demo_shortcoming_causes[][2] = {
	{"Công tác tham mưu cụ thể hóa nghị quyết chưa kịp thời",
	 "Người đứng đầu chưa quyết liệt trong lãnh đạo, chỉ đạo"},
	{"Chưa xây dựng chương trình kiểm tra, giám sát sát thực tế",
	 "Lực lượng làm công tác kiểm tra còn mỏng, kiêm nhiệm nhiều việc"},
	{"Cấp ủy chưa chuẩn bị kỹ nội dung sinh hoạt",
	 "Một số đảng viên chưa tích cực tham gia ý kiến"},
	{"Cán bộ phụ trách kiêm nhiệm, chưa được bồi dưỡng nghiệp vụ",
	 "Hạ tầng công nghệ thông tin chưa đáp ứng yêu cầu"},
	{"Nguồn cán bộ nữ, cán bộ trẻ đủ tiêu chuẩn còn ít",
	 "Chưa chú trọng đào tạo, bồi dưỡng tạo nguồn từ sớm"},
	{"Quy trình phối hợp giữa các bộ phận chưa chặt chẽ",
	 "Một số cán bộ chưa chủ động, còn trông chờ, ỷ lại"},
	{"Nội dung, hình thức tuyên truyền chưa phù hợp với từng đối tượng",
	 "Phân công nhiệm vụ chưa rõ người, rõ việc, rõ thời gian"},
	{"Một số đảng viên còn tâm lý ngại va chạm",
	 "Người đứng đầu chưa gương mẫu trong tự phê bình"},
	{"Chưa phân công người theo dõi, tổng hợp báo cáo",
	 "Chưa thường xuyên kiểm tra, đôn đốc việc thực hiện"},
	{"Công tác lập dự toán chưa sát thực tế",
	 "Khối lượng công việc lớn trong khi biên chế còn thiếu"},
	{"Chưa phát hiện, xử lý kịp thời vi phạm ngay từ khi mới phát sinh",
	 "Chưa thường xuyên kiểm tra, đôn đốc việc thực hiện"},
	{"Người đứng đầu chưa dành thời gian tiếp công dân theo quy định",
	 "Năng lực tham mưu của một số cán bộ còn hạn chế"},
	{"Hạ tầng công nghệ thông tin chưa đáp ứng yêu cầu",
	 "Kỹ năng số của một số cán bộ còn hạn chế"},
	{"Chưa nắm chắc tình hình sản xuất, kinh doanh trên địa bàn",
	 "Năng lực tham mưu của một số cán bộ còn hạn chế"},
	{"Chưa theo dõi, đôn đốc việc thực hiện kết luận sau kiểm tra",
	 "Một số cán bộ chưa chủ động, còn trông chờ, ỷ lại"},
};
const size_t demo_shortcoming_cause_count =
	sizeof demo_shortcoming_causes / sizeof demo_shortcoming_causes[0];

LIST(demo_causes,
     {"Người đứng đầu chưa quyết liệt trong lãnh đạo, chỉ đạo", 8},
     {"Phân công nhiệm vụ chưa rõ người, rõ việc, rõ thời gian", 8},
     {"Một số cán bộ chưa chủ động, còn trông chờ, ỷ lại", 7},
     {"Khối lượng công việc lớn trong khi biên chế còn thiếu", 6},
     {"Năng lực tham mưu của một số cán bộ còn hạn chế", 6},
     {"Chưa thường xuyên kiểm tra, đôn đốc việc thực hiện", 7},
     {"Hạ tầng công nghệ thông tin chưa đáp ứng yêu cầu", 3});

LIST(demo_measures,
     {"Xây dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ thời gian, rõ kết quả", 9},
     {"Tăng cường kiểm tra, giám sát định kỳ hằng quý", 8},
     {"Đổi mới nội dung, hình thức sinh hoạt chi bộ theo chuyên đề", 6},
     {"Rà soát, bổ sung quy chế làm việc và quy trình xử lý công việc", 6},
     {"Tổ chức bồi dưỡng nghiệp vụ cho cán bộ tham mưu", 6},
     {"Người đứng đầu trực tiếp chỉ đạo, định kỳ nghe báo cáo tiến độ", 7},
     {"Công khai tiến độ giải quyết hồ sơ trên hệ thống thông tin", 5},
     {"Kiểm điểm trách nhiệm tập thể, cá nhân để xảy ra hạn chế", 5});

LIST(demo_progress,
     {"Đã ban hành kế hoạch thực hiện, phân công cụ thể", 8},
     {"Đã tổ chức kiểm tra lần 1, đang tổng hợp kết quả", 6},
     {"Đã khắc phục một phần, còn chậm ở một số đơn vị", 6},
     {"Đã báo cáo kết quả với Ban Thường vụ", 5},
     {"Đang chờ hướng dẫn của cấp trên", 3},
     {"Đã hoàn thành, đề nghị cấp trên xem xét", 5});

LIST(demo_courses_party,
     {"Bồi dưỡng cập nhật kiến thức cho cán bộ lãnh đạo, quản lý diện Ban Thường vụ Tỉnh ủy quản lý", 4},
     {"Bồi dưỡng cập nhật kiến thức cho cấp ủy viên", 5},
     {"Bồi dưỡng nghiệp vụ công tác xây dựng Đảng", 4},
     {"Học tập, quán triệt nghị quyết Trung ương", 5});

LIST(demo_courses_leadership,
     {"Bồi dưỡng kỹ năng lãnh đạo, quản lý cấp phòng", 5},
     {"Bồi dưỡng kỹ năng lãnh đạo, quản lý cấp sở và tương đương", 3},
     {"Bồi dưỡng kỹ năng thuyết trình và xử lý tình huống", 2});

LIST(demo_courses_title,
     {"Bồi dưỡng theo tiêu chuẩn chức danh cán bộ cấp xã", 6},
     {"Bồi dưỡng chức danh Bí thư, Phó Bí thư Đảng ủy cấp xã", 3},
     {"Bồi dưỡng chức danh Chủ tịch, Phó Chủ tịch UBND cấp xã", 3});

LIST(demo_courses_other,
     {"Bồi dưỡng quản lý nhà nước chương trình chuyên viên chính", 4},
     {"Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 3", 4},
     {"Bồi dưỡng kỹ năng chuyển đổi số", 3},
     {"Bồi dưỡng tiếng Anh giao tiếp", 1});
/* clang-format on */
