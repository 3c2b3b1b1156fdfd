/* cadre_fields.c - the cadre described once (fields.h).
 *
 * Names are the ones canbo has written since its first exports (CSV
 * headers, JSON keys, the audit trail's keys); the aliases are the
 * headers office spreadsheets use, in Vietnamese and English, so that
 * their files and canbo's own older exports import as they are.
 */
#include "fields.h"

#include <stddef.h>

#include "i18n.h"
#include "model.h"
#include "store.h"

/* The level by the unit's place: the province itself, a unit of the
 * deepest tier (the read fills commune_name for those), or between. */
static int cadre_level(const void *rec)
{
	const cadre *c = rec;
	if (c->level <= 1)
		return 1;
	return c->commune_name[0] ? 3 : 2;
}

#define AT(member) offsetof(cadre, member), sizeof(((cadre *)0)->member)

static const field_def fields[CADRE_F_COUNT] = {
	{CADRE_F_ID, N_("No."), "id", NULL, FIELD_INT, -1, FIELD_DERIVED | FIELD_NO_SHOW, AT(id),
	 NULL},
	{CADRE_F_FULL_NAME, N_("Full name"), "full_name", "ho va ten|ho ten|name", FIELD_TEXT, -1,
	 FIELD_REQUIRED, AT(full_name), NULL},
	{CADRE_F_BIRTH_DATE, N_("Birth date"), "birth_date",
	 "date of birth|born|ngay sinh|ngay thang nam sinh|sinh ngay", FIELD_DATE, -1,
	 FIELD_REQUIRED, AT(birth_date), NULL},
	{CADRE_F_GENDER, N_("Gender"), "gender", "sex|gioi tinh", FIELD_ENUM, ENUM_GENDER,
	 FIELD_REQUIRED, AT(gender), NULL},
	{CADRE_F_ETHNICITY, N_("Ethnicity"), "ethnicity", "dan toc", FIELD_TEXT, ENUM_ETHNICITY,
	 FIELD_REQUIRED, AT(ethnicity), NULL},
	{CADRE_F_POSITION, N_("Position"), "position", "chuc vu|chuc danh|chuc vu hien tai",
	 FIELD_TEXT, -1, FIELD_REQUIRED, AT(position), NULL},
	{CADRE_F_POS_RANK, N_("Position rank"), "pos_rank", "cap chuc vu", FIELD_ENUM, ENUM_RANK,
	 FIELD_REQUIRED, AT(pos_rank), NULL},
	{CADRE_F_UNIT_CODE, N_("Unit code"), "unit_code", "ma don vi", FIELD_TEXT, -1,
	 FIELD_REF | FIELD_NO_SHOW, AT(unit_code), NULL},
	{CADRE_F_UNIT, N_("Unit"), "unit", "don vi|don vi cong tac|noi cong tac", FIELD_TEXT, -1,
	 FIELD_REF, AT(unit_name), NULL},
	{CADRE_F_DISTRICT, N_("District"), "district", "huyen|quan huyen|cap huyen", FIELD_TEXT, -1,
	 FIELD_DERIVED, AT(district_name), NULL},
	{CADRE_F_COMMUNE, N_("Commune"), "commune", "xa|xa phuong|xa phuong thi tran", FIELD_TEXT,
	 -1, FIELD_DERIVED | FIELD_NO_SHOW, AT(commune_name), NULL},
	{CADRE_F_LEVEL, N_("Level"), "level", "cap", FIELD_ENUM, ENUM_LEVEL, FIELD_DERIVED,
	 AT(level), cadre_level},
	{CADRE_F_ORG, N_("Party organisation"), "org",
	 "organisation|party organization|to chuc dang", FIELD_TEXT, -1, FIELD_REF, AT(org_name),
	 NULL},
	{CADRE_F_MANAGED, N_("Managed by the provincial standing committee"), "managed",
	 "dien btv tinh uy quan ly|dien ban thuong vu tinh uy quan ly", FIELD_BOOL, -1, 0,
	 AT(managed), NULL},
	{CADRE_F_IS_HEAD, N_("Head of unit"), "is_head", "nguoi dung dau", FIELD_BOOL, -1, 0,
	 AT(is_head), NULL},
	{CADRE_F_COMMITTEES, N_("Committees"), "committees", "tham gia cap uy to chuc dang|cap uy",
	 FIELD_LIST, ENUM_COMMITTEE, 0, AT(committees), NULL},
	{CADRE_F_EDUCATION, N_("Education"), "education", "trinh do chuyen mon|chuyen mon",
	 FIELD_ENUM, ENUM_EDUCATION, 0, AT(education), NULL},
	{CADRE_F_THEORY, N_("Political theory"), "political_theory",
	 "theory|ly luan chinh tri|trinh do ly luan chinh tri|llct", FIELD_ENUM, ENUM_THEORY, 0,
	 AT(theory), NULL},
	{CADRE_F_RELIGION, N_("Religion"), "religion", "ton giao", FIELD_ENUM, ENUM_RELIGION, 0,
	 AT(religion), NULL},
	{CADRE_F_ACAD_TITLE, N_("Academic title"), "academic_title", "hoc ham", FIELD_ENUM,
	 ENUM_ACAD_TITLE, 0, AT(acad_title), NULL},
	{CADRE_F_GENERAL_EDU, N_("General education"), "general_education",
	 "giao duc pho thong|trinh do giao duc pho thong|van hoa|trinh do van hoa", FIELD_ENUM,
	 ENUM_GENERAL_EDU, 0, AT(general_edu), NULL},
	{CADRE_F_STATE_MGMT, N_("State management"), "state_management",
	 "quan ly nha nuoc|trinh do quan ly nha nuoc|qlnn", FIELD_ENUM, ENUM_STATE_MGMT, 0,
	 AT(state_mgmt), NULL},
	{CADRE_F_LANGUAGE, N_("Foreign language"), "foreign_language",
	 "ngoai ngu|trinh do ngoai ngu", FIELD_ENUM, ENUM_LANGUAGE, 0, AT(language), NULL},
	{CADRE_F_IT_LEVEL, N_("IT level"), "it_level", "tin hoc|trinh do tin hoc", FIELD_ENUM,
	 ENUM_IT_LEVEL, 0, AT(it_level), NULL},
	{CADRE_F_PARTY_JOINED, N_("Party join date"), "party_joined",
	 "party joined|ngay vao dang|joined the party", FIELD_DATE, -1, 0, AT(party_joined), NULL},
	{CADRE_F_NOTES, N_("Notes"), "notes", "ghi chu", FIELD_TEXT, -1, FIELD_MULTILINE, AT(notes),
	 NULL},
	{CADRE_F_VERSION, N_("Version"), "version", NULL, FIELD_INT, -1,
	 FIELD_DERIVED | FIELD_NO_CSV | FIELD_NO_SHOW, AT(version), NULL},
};

const field_def *cadre_fields(size_t *n)
{
	*n = CADRE_F_COUNT;
	return fields;
}

const field_def *cadre_field(enum cadre_field id)
{
	return &fields[id];
}

const char *cadre_field_label(enum cadre_field id)
{
	return _(fields[id].label);
}
