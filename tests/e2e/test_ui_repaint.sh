#!/bin/sh
# Every screen reachable from the main menu and from a record shows itself
# after the one key that opens it, with no other key sent: a pushed view
# must be drawn by the frame of that key, never left behind the screen it
# came from until the next key. Checked at 80x24, the smallest supported
# size, for the menu items, the action plan screens (summary and its
# drill-down, self-check and its form, one plan), an organisation's plans,
# the sections of a cadre record and the breakdown drill-down; and a list
# whose rows are replaced (another year) shows the new ones at once.
. "$(dirname "$0")/lib.sh"

# press KEY SHOWN [GONE]: sends KEY alone, then waits (sending nothing else)
# until the screen shows SHOWN and no longer shows GONE.
press() {
	send "$1"
	wait_for "$2"
	if [ -n "${3:-}" ]; then
		case "$(screen)" in *"$3"*) screen >&2; fail "after '$1' the screen still shows '$3'";; esac
	fi
}

ui_start
wait_for "Menu chính"

# the main menu, item by item
press 1 "cán bộ   Lọc" "Menu chính"
press Escape "Menu chính"
press 2 "Số lượng" "Menu chính"
press Enter "Lọc:" "Số lượng"
press Escape "Số lượng"
press Escape "Menu chính"
press 3 "Xong" "Menu chính"
press F6 "Tổng hợp kế hoạch" "Menu chính"
press Enter "(cấp tỉnh)" "Tổng hợp kế hoạch"
press Escape "Tổng hợp kế hoạch"
press Escape "Đã ban hành  Xong"
press F8 "Tự kiểm tra hằng tháng" "Đã ban hành  Xong"
press Enter "Tự kiểm tra của" "Tự kiểm tra hằng tháng"
press Escape "Tự kiểm tra hằng tháng"
press Escape "Đã ban hành  Xong"
press Enter "Hạn chế, khuyết điểm" "Đã ban hành  Xong"
press Escape "Đã ban hành  Xong"
# another year: its plans, or the empty list's message, never the rows of
# the year before (the reference date is in 2025: no year after 2026)
send "]" "]" "]"
wait_for "năm 2026"
wait_for "Chưa có kế hoạch nào"
screen | grep -q '^!' && { screen >&2; fail "rows of another year left on the screen"; }
press "[" "năm 2025"
press F5 "- có nội dung quá hạn" "năm 2025 - Tỉnh Long An  "
press Escape "Menu chính"
press 4 "xếp loại năm" "Menu chính"
org=$(screen | sed -n 's/^▸[├└│─ `|-]*\(.*[^ ]\)  .*/\1/p' | sed 's/  .*//; s/…$//')
press F8 "Kế hoạch khắc phục - $org" "xếp loại năm"
press Escape "xếp loại năm"
press Enter "Lọc:" "xếp loại năm"
press Escape "xếp loại năm"
press Escape "Menu chính"
press 5 "Nhập và xuất dữ liệu" "Chọn bằng phím mũi tên"
press Escape "Menu chính"
press 6 "Cơ sở dữ liệu:" "Menu chính"
press Escape "Menu chính"

# a cadre record, section by section, and its action plans
press 1 "cán bộ   Lọc" "Menu chính"
name=$(screen | sed -n 's/^▸\(.*[^ ]\)  *[0-9][0-9][0-9][0-9] (.*/\1/p' | sed 's/  .*//')
press Enter "1 Chung" "cán bộ   Lọc"
press 2 "Mục: Xếp loại" "Mục: Chung"
press 3 "Mục: Bồi dưỡng" "Mục: Xếp loại"
press 4 "Mục: Quy hoạch" "Mục: Bồi dưỡng"
press 5 "Mục: Khắc phục" "Mục: Quy hoạch"
press 6 "Mục: Lịch sử" "Mục: Khắc phục"
press Tab "Mục: Công tác" "Mục: Lịch sử"
press Tab "Mục: Chung" "Mục: Công tác"
press 5 "Mục: Khắc phục" "Mục: Chung"
press Enter "Kế hoạch khắc phục - $name" "Mục: Khắc phục"
press Escape "Mục: Khắc phục"
press '?' "Trợ giúp: Hồ sơ cán bộ" "Mục: Khắc phục"
press Escape "Mục: Khắc phục"
press Escape "cán bộ   Lọc"
press Escape "Menu chính"
press q ""
wait_exit
