/* record_export.c - organisations, ratings, trainings, planning entries,
 * disciplines and the planning pool written in the columns record_import reads, so that an export
 * imports into another database: people are named by name, birth date and
 * unit code, organisations by name and unit code (ids are given too, for
 * scripts). Organisations come parents first; only those that still exist
 * (an ended one belongs to the history of its own database); disciplines
 * not annulled; the pool's current entries.
 *
 * The columns of ratings, trainings and planning entries past whose they
 * are come from the records' field tables (record_fields.c): the fields a
 * file carries, with their labels, names and coded values, so that an
 * export and `canbo show` name them alike.
 */
#include "record_import.h"

#include <stdio.h>
#include <string.h>

#include <assert.h>
#include <pthread.h>

#include "access.h"
#include "career_store.h"
#include "fields.h"
#include "i18n.h"
#include "model.h"
#include "store_sql.h"

#define CADRE_COLS                                                                                 \
	{"cadre_id", N_("No."), OUT_RIGHT, OUT_NUM, 0},                                            \
		{"full_name", N_("Full name"), OUT_LEFT, OUT_STR, 0},                              \
		{"birth_date", N_("Birth date"), OUT_LEFT, OUT_STR, 0},                            \
	{                                                                                          \
		"unit_code", N_("Unit code"), OUT_LEFT, OUT_STR, 0                                 \
	}

static const out_column org_cols[] = {
	{"org_id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
	{"org", N_("Party organisation"), OUT_LEFT, OUT_STR, 0},
	{"kind", N_("Kind"), OUT_LEFT, OUT_STR, 0},
	{"unit_code", N_("Unit code"), OUT_LEFT, OUT_STR, 0},
	{"parent", N_("Parent organisation"), OUT_LEFT, OUT_STR, 0},
	{"parent_unit_code", N_("Parent's unit code"), OUT_LEFT, OUT_STR, 0},
};
/* Whose record it is; the record's own fields follow (record_fields.c). */
static const out_column cadre_cols[] = {CADRE_COLS};
static const out_column org_owner_cols[] = {
	{"org_id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
	{"org", N_("Party organisation"), OUT_LEFT, OUT_STR, 0},
	{"unit_code", N_("Unit code"), OUT_LEFT, OUT_STR, 0},
};

static const out_column discipline_cols[] = {
	CADRE_COLS,
	{"form", N_("Form of discipline"), OUT_LEFT, OUT_STR, 0},
	{"decision", N_("Decision"), OUT_LEFT, OUT_STR, 0},
	{"authority", N_("Authority"), OUT_LEFT, OUT_STR, 0},
	{"decided_on", N_("Decided on"), OUT_LEFT, OUT_STR, 0},
	{"announced_on", N_("Announced on"), OUT_LEFT, OUT_STR, 0},
	{"reason", N_("Reason"), OUT_LEFT, OUT_STR, 0},
};
static const out_column pool_cols[] = {
	CADRE_COLS,
	{"term", N_("Term"), OUT_LEFT, OUT_STR, 0},
	{"title", N_("Planned title"), OUT_LEFT, OUT_STR, 0},
	{"pool_unit_code", N_("Unit of the title"), OUT_LEFT, OUT_STR, 0},
	{"added_on", N_("Added on"), OUT_LEFT, OUT_STR, 0},
};

static const out_column appointment_cols[] = {
	CADRE_COLS,
	{"kind", N_("Kind"), OUT_LEFT, OUT_STR, 0},
	{"position", N_("Position"), OUT_LEFT, OUT_STR, 0},
	{"pos_rank", N_("Position rank"), OUT_LEFT, OUT_STR, 0},
	{"post_unit_code", N_("Unit of the post"), OUT_LEFT, OUT_STR, 0},
	{"decision", N_("Decision"), OUT_LEFT, OUT_STR, 0},
	{"decided_on", N_("Decided on"), OUT_LEFT, OUT_STR, 0},
	{"start_on", N_("Effective date"), OUT_LEFT, OUT_STR, 0},
	{"term_end", N_("Term end"), OUT_LEFT, OUT_STR, 0},
};
static const out_column departure_cols[] = {
	CADRE_COLS,
	{"kind", N_("Kind"), OUT_LEFT, OUT_STR, 0},
	{"left_on", N_("Date of leaving"), OUT_LEFT, OUT_STR, 0},
	{"decision", N_("Decision"), OUT_LEFT, OUT_STR, 0},
	{"note", N_("Note"), OUT_LEFT, OUT_STR, 0},
};

#define MAX_COLS 12

static const struct {
	const out_column *cols; /* all of them, or whose the record is */
	size_t n;
	/* the record's fields past cols (NULL: cols are all) */
	const field_def *(*fields)(size_t *n);
	const char *sql; /* ?1, ?2: the scope's unit interval (in_scope: its holes,
			  * access.h); ?3: the year */
} kinds[RK_COUNT] = {
	[RK_ORG] =
		{org_cols, 6, NULL,
		 "WITH RECURSIVE t(id, path) AS ("
		 " SELECT id, printf('%010d', id) FROM org WHERE parent_id IS NULL"
		 " UNION ALL SELECT o.id, t.path || '/' || printf('%010d', o.id)"
		 " FROM org o JOIN t ON o.parent_id = t.id)"
		 " SELECT o.id, o.name, o.kind, u.code, coalesce(p.name, ''), coalesce(pu.code, '')"
		 " FROM t JOIN org o ON o.id = t.id JOIN unit u ON u.id = o.unit_id"
		 " LEFT JOIN org p ON p.id = o.parent_id LEFT JOIN unit pu ON pu.id = p.unit_id"
		 " WHERE o.ended IS NULL AND (?1 = 0 OR (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, "
		 "o.id))) AND ?3 = ?3"
		 " ORDER BY t.path"},
	[RK_RATING] =
		{cadre_cols, 4, rating_fields,
		 "SELECT c.id, c.full_name, c.birth_date, u.code, r.year, r.grade"
		 " FROM rating r JOIN cadre c ON c.id = r.cadre_id JOIN unit u ON u.id = c.unit_id"
		 " WHERE (?1 = 0 OR (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, c.org_id))) AND (?3 "
		 "= 0 OR r.year = ?3)"
		 " ORDER BY c.id, r.year"},
	[RK_ORG_RATING] =
		{org_owner_cols, 3, rating_fields,
		 "SELECT o.id, o.name, u.code, r.year, r.grade"
		 " FROM rating r JOIN org o ON o.id = r.org_id JOIN unit u ON u.id = o.unit_id"
		 " WHERE (?1 = 0 OR (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, o.id))) AND (?3 = 0 "
		 "OR r.year = ?3)"
		 " ORDER BY o.id, r.year"},
	[RK_TRAINING] = {cadre_cols, 4, training_fields,
			 "SELECT c.id, c.full_name, c.birth_date, u.code, t.year, t.kind, t.course"
			 " FROM training t JOIN cadre c ON c.id = t.cadre_id"
			 " JOIN unit u ON u.id = c.unit_id"
			 " WHERE (?1 = 0 OR (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, c.org_id))) "
			 "AND (?3 = 0 OR t.year = ?3)"
			 " ORDER BY c.id, t.year, t.id"},
	[RK_PLANNING] = {cadre_cols, 4, planning_fields,
			 "SELECT c.id, c.full_name, c.birth_date, u.code, p.term, p.position"
			 " FROM planning p JOIN cadre c ON c.id = p.cadre_id"
			 " JOIN unit u ON u.id = c.unit_id"
			 " WHERE (?1 = 0 OR (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, c.org_id))) "
			 "AND ?3 = ?3"
			 " ORDER BY c.id, p.term, p.id"},
	[RK_DISCIPLINE] = {discipline_cols, 10, NULL,
			   "SELECT c.id, c.full_name, c.birth_date, u.code, d.form, d.decision,"
			   " d.authority, d.decided_on, d.announced_on, d.reason"
			   " FROM discipline d JOIN cadre c ON c.id = d.cadre_id"
			   " JOIN unit u ON u.id = c.unit_id"
			   " WHERE d.annulled_on = '' AND (?1 = 0 OR (u.lo BETWEEN ?1 AND ?2 AND "
			   "in_scope(u.lo, c.org_id))) AND ?3 = ?3"
			   " ORDER BY c.id, d.announced_on, d.id"},
	[RK_POOL] = {pool_cols, 8, NULL,
		     "SELECT c.id, c.full_name, c.birth_date, u.code, p.term, p.title, pu.code,"
		     " p.added_on FROM pool p JOIN cadre c ON c.id = p.cadre_id"
		     " JOIN unit u ON u.id = c.unit_id JOIN unit pu ON pu.id = p.unit_id"
		     " WHERE p.removed_on = '' AND (?1 = 0 OR (u.lo BETWEEN ?1 AND ?2 AND "
		     "in_scope(u.lo, c.org_id))) AND ?3 = ?3"
		     " ORDER BY c.id, p.term, p.title"},
	/* posts of a known start only, oldest first: imported in this order
	 * each becomes the current one and ends the one before */
	[RK_APPOINTMENT] =
		{appointment_cols, 12, NULL,
		 "SELECT c.id, c.full_name, c.birth_date, u.code,"
		 " a.kind, a.position, a.pos_rank,"
		 " coalesce(pu.code, ''), a.decision, a.decided_on, a.start_on, a.term_end"
		 " FROM appointment a JOIN cadre c ON c.id = a.cadre_id"
		 " JOIN unit u ON u.id = c.unit_id LEFT JOIN unit pu ON pu.id = a.unit_id"
		 " WHERE a.start_on <> '' AND (?1 = 0 OR (u.lo BETWEEN ?1 AND ?2 AND "
		 "in_scope(u.lo, c.org_id))) AND ?3 = ?3"
		 " ORDER BY c.id, a.start_on, a.id"},
	[RK_DEPARTURE] = {departure_cols, 8, NULL,
			  "SELECT c.id, c.full_name, c.birth_date, u.code,"
			  " d.kind, d.left_on, d.decision, d.note"
			  " FROM departure d JOIN cadre c ON c.id = d.cadre_id"
			  " JOIN unit u ON u.id = c.unit_id"
			  " WHERE (?1 = 0 OR (u.lo BETWEEN ?1 AND ?2 AND in_scope(u.lo, "
			  "c.org_id))) AND ?3 = ?3 ORDER BY c.id"},
};

/* Each kind's columns, and the field behind each (NULL: not a field's),
 * built once from kinds[] and the field tables. */
static struct {
	out_column cols[MAX_COLS];
	const field_def *field[MAX_COLS];
	size_t n;
} built[RK_COUNT];
static pthread_once_t built_once = PTHREAD_ONCE_INIT;

/* A field a file carries: neither derived (ids) nor kept out of CSV. */
static bool carried(const field_def *f)
{
	return !(f->flags & (FIELD_DERIVED | FIELD_NO_CSV));
}

static void build(void)
{
	for (int k = 0; k < RK_COUNT; k++) {
		size_t nf = 0, n = kinds[k].n;
		const field_def *f = kinds[k].fields ? kinds[k].fields(&nf) : NULL;

		memcpy(built[k].cols, kinds[k].cols, n * sizeof *kinds[k].cols);
		for (size_t i = 0; i < nf && n < MAX_COLS; i++) {
			if (!carried(&f[i]))
				continue;
			built[k].field[n] = &f[i];
			built[k].cols[n++] = (out_column){
				f[i].name,
				f[i].label,
				f[i].type == FIELD_INT ? OUT_RIGHT : OUT_LEFT,
				f[i].type == FIELD_INT ? OUT_NUM : OUT_STR,
				0,
			};
		}
		built[k].n = n;
	}
}

/* The code a coded column's value is written as; NULL for other columns. */
static const char *code_of(int kind, int col, int v)
{
	const field_def *f = built[kind].field[col];

	if (f)
		return f->type == FIELD_ENUM ? model_name(f->choices, v) : NULL;
	switch (kind * 16 + col) {
	case RK_ORG * 16 + 2:
		return model_name(ENUM_ORGKIND, v);
	case RK_APPOINTMENT * 16 + 4:
		return career_enum_code(CE_APPT_KIND, v);
	case RK_APPOINTMENT * 16 + 6:
		return model_name(ENUM_RANK, v); /* "" when unknown */
	case RK_DEPARTURE * 16 + 4:
		return career_enum_code(CE_DEPARTURE, v);
	}
	return NULL;
}

const out_column *record_export_columns(int kind, size_t *n)
{
	if (kind < 0 || kind >= RK_COUNT) {
		*n = 0;
		return NULL;
	}
	pthread_once(&built_once, build);
	*n = built[kind].n;
	return built[kind].cols;
}

int record_export(store *s, int kind, int year, out_writer *o, size_t *rows, cb_error *err)
{
	const char *cells[MAX_COLS];
	char ints[MAX_COLS][24];
	size_t ncols;
	sqlite3_stmt *st;
	int64_t lo = 0, hi = 0;
	int rc;

	*rows = 0;
	if (kind < 0 || kind >= RK_COUNT)
		return cb_error_set(err, CB_EINVALID, _("Unknown kind of record"));
	record_export_columns(kind, &ncols);
	store_scope_clamp(s, &lo, &hi); /* the reader's scope (access.h) */
	if (!(st = store_prepare(s, kinds[kind].sql, err)))
		return CB_EDB;
	/* the query's columns are the kind's (the fields of its table too) */
	assert(sqlite3_column_count(st) == (int)ncols);
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	sqlite3_bind_int(st, 3, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t i = 0; i < ncols; i++) {
			const unsigned char *t = sqlite3_column_text(st, (int)i);
			const char *code = code_of(kind, (int)i, sqlite3_column_int(st, (int)i));
			if (code) {
				cells[i] = code;
			} else if (sqlite3_column_type(st, (int)i) == SQLITE_INTEGER) {
				snprintf(ints[i], sizeof ints[i], "%lld",
					 (long long)sqlite3_column_int64(st, (int)i));
				cells[i] = ints[i];
			} else {
				cells[i] = t ? (const char *)t : "";
			}
		}
		if (out_row(o, cells) != 0) {
			sqlite3_finalize(st);
			return cb_error_set(err, CB_EDB, _("Cannot write the output"));
		}
		++*rows;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? CB_OK : store_fail(s, err, _("Reading records"));
}
