/* record_fields.c - the yearly records of a cadre described once
 * (fields.h): ratings, trainings and planning pool entries, as `show`,
 * the audit trail and the record's history name them.
 */
#include "fields.h"

#include <stddef.h>

#include "i18n.h"
#include "model.h"
#include "store.h"

#define AT(type, member) offsetof(type, member), sizeof(((type *)0)->member)
#define OWN		 (FIELD_DERIVED | FIELD_NO_SHOW)
#define VERSION_FLAGS	 (FIELD_DERIVED | FIELD_NO_CSV | FIELD_NO_SHOW)

static const field_def ratings[RATING_F_COUNT] = {
	{RATING_F_ID, N_("No."), "id", NULL, FIELD_INT, -1, OWN, AT(rating_row, id), NULL},
	{RATING_F_YEAR, N_("Year"), "year", "nam", FIELD_INT, -1, FIELD_REQUIRED,
	 AT(rating_row, year), NULL},
	{RATING_F_GRADE, N_("Rating"), "grade", "xep loai|muc xep loai", FIELD_ENUM, ENUM_GRADE,
	 FIELD_REQUIRED, AT(rating_row, grade), NULL},
	{RATING_F_VERSION, N_("Version"), "version", NULL, FIELD_INT, -1, VERSION_FLAGS,
	 AT(rating_row, version), NULL},
};

static const field_def trainings[TRAINING_F_COUNT] = {
	{TRAINING_F_ID, N_("No."), "id", NULL, FIELD_INT, -1, OWN, AT(training_row, id), NULL},
	{TRAINING_F_YEAR, N_("Year"), "year", "nam", FIELD_INT, -1, FIELD_REQUIRED,
	 AT(training_row, year), NULL},
	{TRAINING_F_KIND, N_("Training kind"), "kind", "loai|loai boi duong", FIELD_ENUM,
	 ENUM_TRAINING, FIELD_REQUIRED, AT(training_row, kind), NULL},
	{TRAINING_F_COURSE, N_("Course"), "course", "khoa hoc|lop", FIELD_TEXT, -1, 0,
	 AT(training_row, course), NULL},
	{TRAINING_F_VERSION, N_("Version"), "version", NULL, FIELD_INT, -1, VERSION_FLAGS,
	 AT(training_row, version), NULL},
};

static const field_def plannings[PLANNING_F_COUNT] = {
	{PLANNING_F_ID, N_("No."), "id", NULL, FIELD_INT, -1, OWN, AT(planning_row, id), NULL},
	{PLANNING_F_TERM, N_("Term"), "term", "nhiem ky", FIELD_TEXT, -1, FIELD_REQUIRED,
	 AT(planning_row, term), NULL},
	{PLANNING_F_POSITION, N_("Planned title"), "position", "chuc danh quy hoach|planned for",
	 FIELD_TEXT, -1, FIELD_REQUIRED, AT(planning_row, position), NULL},
	{PLANNING_F_VERSION, N_("Version"), "version", NULL, FIELD_INT, -1, VERSION_FLAGS,
	 AT(planning_row, version), NULL},
};

const field_def *rating_fields(size_t *n)
{
	*n = RATING_F_COUNT;
	return ratings;
}

const field_def *training_fields(size_t *n)
{
	*n = TRAINING_F_COUNT;
	return trainings;
}

const field_def *planning_fields(size_t *n)
{
	*n = PLANNING_F_COUNT;
	return plannings;
}
