/* model_lists.c - the lists an office may replace in lists.ini (model.h:
 * ENUM_ETHNICITY ...), with their built-in defaults.
 *
 * A list is data, not a message: its labels are the official names and
 * terms, shown as they are in every language. The value is what the
 * database stores, so an office that edits a list keeps each number for
 * the same meaning.
 */
#include "model.h"

#include <stdio.h>
#include <string.h>

/* Ethnic groups with the codes of the General Statistics Office's list
 * "Danh mục các dân tộc Việt Nam" (config/lists.ini names the document);
 * 99 is canbo's own code for a person recorded as of another group. */
static const model_choice ethnicities[] = {
	{1, "01", "Kinh"},	{2, "02", "Tày"},	    {3, "03", "Thái"},
	{4, "04", "Mường"},	{5, "05", "Khmer"},	    {6, "06", "Hoa"},
	{7, "07", "Nùng"},	{8, "08", "Mông"},	    {9, "09", "Dao"},
	{10, "10", "Gia Rai"},	{11, "11", "Ê Đê"},	    {12, "12", "Ba Na"},
	{13, "13", "Sán Chay"}, {14, "14", "Chăm"},	    {15, "15", "Cơ Ho"},
	{16, "16", "Xơ Đăng"},	{17, "17", "Sán Dìu"},	    {18, "18", "Hrê"},
	{19, "19", "Ra Glai"},	{20, "20", "Mnông"},	    {21, "21", "Thổ"},
	{22, "22", "Xtiêng"},	{23, "23", "Khơ Mú"},	    {24, "24", "Bru - Vân Kiều"},
	{25, "25", "Cơ Tu"},	{26, "26", "Giáy"},	    {27, "27", "Tà Ôi"},
	{28, "28", "Mạ"},	{29, "29", "Giẻ - Triêng"}, {30, "30", "Co"},
	{31, "31", "Chơ Ro"},	{32, "32", "Xinh Mun"},	    {33, "33", "Hà Nhì"},
	{34, "34", "Chu Ru"},	{35, "35", "Lào"},	    {36, "36", "Kháng"},
	{37, "37", "La Chí"},	{38, "38", "Phù Lá"},	    {39, "39", "La Hủ"},
	{40, "40", "La Ha"},	{41, "41", "Pà Thẻn"},	    {42, "42", "Lự"},
	{43, "43", "Ngái"},	{44, "44", "Chứt"},	    {45, "45", "Lô Lô"},
	{46, "46", "Mảng"},	{47, "47", "Cơ Lao"},	    {48, "48", "Bố Y"},
	{49, "49", "Cống"},	{50, "50", "Si La"},	    {51, "51", "Pu Péo"},
	{52, "52", "Rơ Măm"},	{53, "53", "Brâu"},	    {54, "54", "Ơ Đu"},
	{99, "99", "Khác"},
};

/* What cadres' files commonly record; an office lists its own. */
static const model_choice religions[] = {
	{1, "1", "Không"},    {2, "2", "Phật giáo"}, {3, "3", "Công giáo"},
	{4, "4", "Tin Lành"}, {5, "5", "Cao Đài"},   {6, "6", "Phật giáo Hòa Hảo"},
	{7, "7", "Hồi giáo"}, {99, "99", "Khác"},
};

/* Học hàm. */
static const model_choice acad_titles[] = {
	{1, "1", "Phó Giáo sư"},
	{2, "2", "Giáo sư"},
};

/* Trình độ giáo dục phổ thông: grades completed of the system studied in. */
static const model_choice general_edus[] = {
	{1, "1", "12/12"}, {2, "2", "11/12"}, {3, "3", "10/12"}, {4, "4", "9/12"},
	{5, "5", "10/10"}, {6, "6", "9/10"},  {7, "7", "8/10"},	 {8, "8", "7/10"},
};

/* Quản lý nhà nước. */
static const model_choice state_mgmts[] = {
	{1, "1", "Chuyên viên"},
	{2, "2", "Chuyên viên chính"},
	{3, "3", "Chuyên viên cao cấp"},
};

/* Ngoại ngữ: the six levels of the national framework of foreign
 * language competence. */
static const model_choice languages[] = {
	{1, "1", "Bậc 1 (A1)"}, {2, "2", "Bậc 2 (A2)"}, {3, "3", "Bậc 3 (B1)"},
	{4, "4", "Bậc 4 (B2)"}, {5, "5", "Bậc 5 (C1)"}, {6, "6", "Bậc 6 (C2)"},
};

/* Tin học. */
static const model_choice it_levels[] = {
	{1, "1", "Cơ bản"},   {2, "2", "Nâng cao"},	   {3, "3", "Trung cấp"},
	{4, "4", "Cao đẳng"}, {5, "5", "Đại học trở lên"},
};

#define LISTS (ENUM_COUNT - ENUM_FIRST_LIST)
#define DEF(a, s)                                                                                  \
	{                                                                                          \
		a, (int)(sizeof a / sizeof a[0]), s                                                \
	}
static const struct {
	const model_choice *items;
	int n;
	const char *section;
} defaults[LISTS] = {
	DEF(ethnicities, "ethnicity"),	      DEF(religions, "religion"),
	DEF(acad_titles, "academic_title"),   DEF(general_edus, "general_education"),
	DEF(state_mgmts, "state_management"), DEF(languages, "foreign_language"),
	DEF(it_levels, "it_level"),
};
#undef DEF

/* The lists set from the configuration. */
static struct {
	int n; /* 0: the default */
	model_choice items[MODEL_LIST_MAX];
	char text[MODEL_LIST_MAX][2][MODEL_LABEL_MAX];
} set[LISTS];

static int slot(enum model_enum e)
{
	return e >= ENUM_FIRST_LIST && e < ENUM_COUNT ? (int)(e - ENUM_FIRST_LIST) : -1;
}

const model_choice *model_list_default(enum model_enum e, int *n)
{
	int i = slot(e);
	*n = i < 0 ? 0 : defaults[i].n;
	return i < 0 ? NULL : defaults[i].items;
}

const char *model_list_section(enum model_enum e)
{
	int i = slot(e);
	return i < 0 ? NULL : defaults[i].section;
}

/* The list in force: model.c's table() for these enumerations. */
const model_choice *model_list_table(enum model_enum e, int *n)
{
	int i = slot(e);
	if (i >= 0 && set[i].n > 0) {
		*n = set[i].n;
		return set[i].items;
	}
	return model_list_default(e, n);
}

int model_list_set(enum model_enum e, const model_choice *items, int n)
{
	int i = slot(e);

	if (i < 0 || n < 1 || n > MODEL_LIST_MAX)
		return -1;
	for (int a = 0; a < n; a++) {
		if (items[a].value < 1 || items[a].value > 999 ||
		    strlen(items[a].name) >= MODEL_LABEL_MAX ||
		    strlen(items[a].label) >= MODEL_LABEL_MAX)
			return -1;
		for (int b = 0; b < a; b++)
			if (items[a].value == items[b].value ||
			    strcmp(items[a].name, items[b].name) == 0)
				return -1;
	}
	for (int a = 0; a < n; a++) {
		snprintf(set[i].text[a][0], MODEL_LABEL_MAX, "%s", items[a].name);
		snprintf(set[i].text[a][1], MODEL_LABEL_MAX, "%s", items[a].label);
		set[i].items[a] =
			(model_choice){items[a].value, set[i].text[a][0], set[i].text[a][1]};
	}
	set[i].n = n;
	return 0;
}

void model_list_reset(enum model_enum e)
{
	int i = slot(e);
	if (i >= 0)
		set[i].n = 0;
}
