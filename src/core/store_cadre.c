/* store_cadre.c - the cadre record: validation, reading, insert, update,
 * delete, and its JSON form for the audit trail.
 *
 * Every write is one BEGIN IMMEDIATE transaction holding the row change,
 * the search index change (cadre_fts, rank) and the audit row; any failure
 * rolls all of it back, so the database never holds a half-made change.
 * Updates and deletes name the version the user read: a row changed by
 * someone else in between is refused with CB_ESTALE and a message naming
 * who changed it and when, taken from the audit trail.
 */
#include "access.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fields.h"
#include "i18n.h"
#include "trash.h"
#include "model.h"
#include "text.h"

/* ---- validation ----------------------------------------------------- */

static int field_too_long(cb_error *err, const char *label, size_t cap)
{
	return cb_error_set(err, CB_EINVALID, _("%s is too long (at most %d bytes)"), _(label),
			    (int)(cap - 1));
}

/* Normalises one text field in place (NFC, trimmed, checked UTF-8): an
 * unterminated or over-long value is refused, never cut. The field's
 * label comes untranslated (its msgid), and is translated only for an
 * error: an import checks every field of a hundred thousand rows. */
static int norm_field(char *buf, size_t cap, bool newlines, bool required, const char *label,
		      cb_error *err)
{
	size_t len = strnlen(buf, cap);
	char *out = NULL;
	int rc;

	if (len == cap)
		return field_too_long(err, label, cap);
	rc = text_normalize(buf, len, newlines, &out, err);
	if (rc) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err ? err->msg : "");
		return cb_error_set(err, CB_EINVALID, "%s: %s", _(label), why);
	}
	len = strlen(out);
	if (len >= cap) {
		free(out);
		return field_too_long(err, label, cap);
	}
	if (required && len == 0) {
		free(out);
		return cb_error_set(err, CB_EINVALID, _("%s must not be empty"), _(label));
	}
	memcpy(buf, out, len + 1);
	free(out);
	return CB_OK;
}

/* Parses a date field given as YYYY-MM-DD or dd/mm/yyyy and rewrites it
 * as YYYY-MM-DD; it must not lie after today. */
static int date_field(char *buf, size_t cap, const char *label, cb_date today, cb_date *out,
		      cb_error *err)
{
	int rc = norm_field(buf, cap, false, true, label, err);
	if (rc)
		return rc;
	if (!date_parse(buf, out))
		return cb_error_set(err, CB_EINVALID,
				    _("%s is not a valid date: %s (expected dd/mm/yyyy)"), _(label),
				    buf);
	if (*out > today)
		return cb_error_set(err, CB_EINVALID, _("%s cannot be later than today"), _(label));
	date_format_iso(*out, buf);
	return CB_OK;
}

/* The cadre's own texts, enumerations and sets, by its field table:
 * texts normalised and (when required) not empty, enumerations one of
 * their values, sets of known bits. References (unit, organisation) are
 * stored as ids and checked below; dates by validate_dates. */
static int validate_fields(cadre *cd, cb_error *err)
{
	size_t n;
	const field_def *t = cadre_fields(&n);
	int rc, nch;

	for (size_t i = 0; i < n; i++) {
		const field_def *f = &t[i];
		if (f->flags & (FIELD_DERIVED | FIELD_REF))
			continue;
		if (f->type == FIELD_TEXT &&
		    (rc = norm_field((char *)cd + f->offset, f->size, f->flags & FIELD_MULTILINE,
				     f->flags & FIELD_REQUIRED, f->label, err)))
			return rc;
		if (f->type != FIELD_ENUM && f->type != FIELD_LIST)
			continue;
		const model_choice *ch = model_choices(f->choices, &nch);
		int v = (int)field_int(f, cd), mask = 0;
		for (int k = 0; k < nch; k++)
			mask |= ch[k].value;
		if (f->type == FIELD_ENUM && v == 0 && f->choices >= ENUM_FIRST_LIST)
			continue; /* a list's code not recorded */
		if (f->type == FIELD_ENUM ? !choice_find(ch, nch, v) : (v < 0 || (v & ~mask)))
			return cb_error_set(err, CB_EINVALID, _("%s: %d is not one of the choices"),
					    _(f->label), v);
	}
	if (cd->unit_id <= 0)
		return cb_error_set(err, CB_EINVALID, _("%s must not be empty"),
				    cadre_field_label(CADRE_F_UNIT));
	if (cd->org_id < 0)
		return cb_error_set(err, CB_EINVALID, _("%s: %d is not one of the choices"),
				    cadre_field_label(CADRE_F_ORG), (int)cd->org_id);
	return CB_OK;
}

/* Birth date real, not in the future, age within the configured range at
 * today's date; party membership on or after the 18th birthday. */
static int validate_dates(cadre *cd, const cfg *c, cb_error *err)
{
	cb_date today = date_today(), birth, joined;
	int amin = c ? c->age_min : 18, amax = c ? c->age_max : 80, age, rc;

	if ((rc = date_field(cd->birth_date, sizeof cd->birth_date,
			     cadre_field(CADRE_F_BIRTH_DATE)->label, today, &birth, err)))
		return rc;
	age = date_age(birth, today);
	if (age < amin || age > amax)
		return cb_error_set(err, CB_EINVALID,
				    _("%s: the age would be %d; it must be between %d and %d"),
				    cadre_field_label(CADRE_F_BIRTH_DATE), age, amin, amax);
	if (strnlen(cd->party_joined, sizeof cd->party_joined) == 0)
		return CB_OK;
	if ((rc = date_field(cd->party_joined, sizeof cd->party_joined,
			     cadre_field(CADRE_F_PARTY_JOINED)->label, today, &joined, err)))
		return rc;
	if (date_age(birth, joined) < 18)
		return cb_error_set(err, CB_EINVALID, _("%s must be on or after the 18th birthday"),
				    cadre_field_label(CADRE_F_PARTY_JOINED));
	return CB_OK;
}

int cadre_validate(cadre *cd, const cfg *c, cb_error *err)
{
	int rc;
	if ((rc = validate_fields(cd, err)) || (rc = validate_dates(cd, c, err)))
		return rc;
	return CB_OK;
}

/* ---- reading -------------------------------------------------------- */

void store_cadre_read(sqlite3_stmt *st, int k, cadre *cd)
{
	cd->id = sqlite3_column_int64(st, k + 0);
	cd->version = sqlite3_column_int64(st, k + 1);
	store_column_copy(st, k + 2, cd->full_name, sizeof cd->full_name);
	store_column_copy(st, k + 3, cd->birth_date, sizeof cd->birth_date);
	cd->gender = sqlite3_column_int(st, k + 4);
	store_column_copy(st, k + 5, cd->ethnicity, sizeof cd->ethnicity);
	cd->unit_id = sqlite3_column_int64(st, k + 6);
	cd->org_id = sqlite3_column_int64(st, k + 7);
	store_column_copy(st, k + 8, cd->position, sizeof cd->position);
	cd->pos_rank = sqlite3_column_int(st, k + 9);
	cd->level = sqlite3_column_int(st, k + 10);
	cd->managed = sqlite3_column_int(st, k + 11) != 0;
	cd->is_head = sqlite3_column_int(st, k + 12) != 0;
	cd->committees = sqlite3_column_int(st, k + 13);
	cd->education = sqlite3_column_int(st, k + 14);
	cd->theory = sqlite3_column_int(st, k + 15);
	store_column_copy(st, k + 16, cd->party_joined, sizeof cd->party_joined);
	store_column_copy(st, k + 17, cd->notes, sizeof cd->notes);
	store_column_copy(st, k + 18, cd->unit_name, sizeof cd->unit_name);
	store_column_copy(st, k + 19, cd->unit_code, sizeof cd->unit_code);
	store_column_copy(st, k + 20, cd->district_name, sizeof cd->district_name);
	store_column_copy(st, k + 21, cd->district_code, sizeof cd->district_code);
	store_column_copy(st, k + 22, cd->commune_name, sizeof cd->commune_name);
	store_column_copy(st, k + 23, cd->org_name, sizeof cd->org_name);
	cd->religion = sqlite3_column_int(st, k + 24);
	cd->acad_title = sqlite3_column_int(st, k + 25);
	cd->general_edu = sqlite3_column_int(st, k + 26);
	cd->state_mgmt = sqlite3_column_int(st, k + 27);
	cd->language = sqlite3_column_int(st, k + 28);
	cd->it_level = sqlite3_column_int(st, k + 29);
}

int store_cadre_get(store *s, int64_t id, cadre *out, cb_error *err)
{
	int scope_rc = store_scope_cadre(s, id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	static const char sql[] =
		"SELECT " CADRE_COLUMNS " FROM cadre c" CADRE_JOINS " WHERE c.id = ?";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_cadre_read(st, 0, out);
		rc = CB_OK;
	} else if (rc == SQLITE_DONE) {
		rc = cb_error_set(err, CB_NOT_FOUND, _("No cadre with id %lld"), (long long)id);
	} else {
		rc = store_fail(s, err, _("Reading a cadre"));
	}
	sqlite3_finalize(st);
	return rc;
}

int store_cadre_keys(const cadre *cd, char *fold, size_t cap, unsigned char **key, size_t *keylen,
		     cb_error *err)
{
	unsigned char small[512];
	size_t need = text_fold(cd->full_name, fold, cap);

	*key = NULL;
	if (need >= cap)
		return field_too_long(err, N_("Full name"), CADRE_NAME_MAX);
	need = text_name_sort_key(cd->full_name, cd->birth_date, small, sizeof small);
	*key = malloc(need ? need : 1);
	if (!*key)
		return cb_error_oom(err);
	if (need <= sizeof small)
		memcpy(*key, small, need);
	else
		text_name_sort_key(cd->full_name, cd->birth_date, *key, need);
	*keylen = need;
	return CB_OK;
}

/* ---- JSON ----------------------------------------------------------- */

/* The fields of the table (fields.h), in their code form, so the JSON
 * reads the same whatever the UI language; then the ids of the unit and
 * organisation, which only the trail keeps. */
void cadre_json_members(json_buf *b, const cadre *cd)
{
	size_t n;
	const field_def *t = cadre_fields(&n);
	fields_json(b, t, n, cd);
	store_json_int(b, "unit_id", cd->unit_id);
	store_json_int(b, "org_id", cd->org_id);
	store_json_str(b, "district_code", cd->district_code);
}

char *cadre_to_json(const cadre *cd)
{
	store_json b;
	store_json_begin(&b);
	cadre_json_members(&b, cd);
	return store_json_end(&b);
}

/* ---- stale edits ---------------------------------------------------- */

/* Explains why an update or delete of table/id changed nothing: the row
 * was deleted (CB_NOT_FOUND) or saved by someone else since it was read
 * (CB_ESTALE), naming who and when from the newest audit row. */
int store_stale(store *s, const char *table, int64_t id, bool exists, cb_error *err)
{
	static const char sql[] =
		"SELECT user, strftime('%d/%m/%Y %H:%M', at, 'localtime') FROM audit"
		" WHERE tbl = ? AND row_id = ? ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	char who[64] = "", when[24] = "";
	if (!st)
		return CB_EDB;
	store_bind_text(st, 1, table);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		store_column_copy(st, 0, who, sizeof who);
		store_column_copy(st, 1, when, sizeof when);
	}
	sqlite3_finalize(st);
	if (!exists && who[0])
		return cb_error_set(
			err, CB_NOT_FOUND,
			_("This record was deleted by %s at %s; your change was not saved"), who,
			when);
	if (!exists)
		return cb_error_set(err, CB_NOT_FOUND,
				    _("This record no longer exists; your change was not saved"));
	if (who[0])
		return cb_error_set(
			err, CB_ESTALE,
			_("%s saved this record at %s, after you opened it; your change was not "
			  "saved. Reload the record and make your change again"),
			who, when);
	return cb_error_set(err, CB_ESTALE,
			    _("Someone saved this record after you opened it; your change was not "
			      "saved. Reload the record and make your change again"));
}

/* ---- writing -------------------------------------------------------- */

/* The derived and checked parts of a cadre about to be written. */
typedef struct cadre_write {
	char fold[4 * CADRE_NAME_MAX];
	unsigned char *key;
	size_t keylen;
	int64_t rank;
} cadre_write;

/* Level from the unit's tier; the unit and organisation must exist. */
static int check_refs(store *s, cadre *cd, cb_error *err)
{
	unit_row u;
	int rc = store_unit_ref(s, cd->unit_id, &u, err);
	if (rc)
		return rc;
	cd->level = u.tier;
	if (cd->org_id == 0)
		return CB_OK;
	return store_org_ref(s, cd->org_id, _("Party organisation"), err);
}

/* An optional code: NULL when not recorded. */
static void bind_code(sqlite3_stmt *st, int i, int v)
{
	if (v)
		sqlite3_bind_int(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* Binds the stored columns ?1..?19 and ?22..?27 of a cadre. */
static void bind_cadre(sqlite3_stmt *st, const cadre *cd, const cadre_write *w)
{
	store_bind_text(st, 1, cd->full_name);
	store_bind_text(st, 2, w->fold);
	sqlite3_bind_blob(st, 3, w->key, (int)w->keylen, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, w->rank);
	store_bind_text(st, 5, cd->birth_date);
	sqlite3_bind_int(st, 6, cd->gender);
	store_bind_text(st, 7, cd->ethnicity);
	sqlite3_bind_int64(st, 8, cd->unit_id);
	if (cd->org_id)
		sqlite3_bind_int64(st, 9, cd->org_id);
	else
		sqlite3_bind_null(st, 9);
	store_bind_text(st, 10, cd->position);
	sqlite3_bind_int(st, 11, cd->pos_rank);
	sqlite3_bind_int(st, 12, cd->level);
	sqlite3_bind_int(st, 13, cd->managed);
	sqlite3_bind_int(st, 14, cd->is_head);
	sqlite3_bind_int(st, 15, cd->committees);
	sqlite3_bind_int(st, 16, cd->education);
	sqlite3_bind_int(st, 17, cd->theory);
	store_bind_text(st, 18, cd->party_joined);
	store_bind_text(st, 19, cd->notes);
	bind_code(st, 22, cd->religion);
	bind_code(st, 23, cd->acad_title);
	bind_code(st, 24, cd->general_edu);
	bind_code(st, 25, cd->state_mgmt);
	bind_code(st, 26, cd->language);
	bind_code(st, 27, cd->it_level);
}

/* Runs a one-shot write statement; returns sqlite3_changes() in *changes. */
static int step_write(store *s, sqlite3_stmt *st, int *changes, cb_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("Saving a cadre"));
	if (changes)
		*changes = sqlite3_changes(s->db);
	return CB_OK;
}

/* Writes the audit row of an insert or update, with the row as now
 * stored (display names included). */
static int audit_cadre(store *s, int64_t id, const char *action, const char *old_json,
		       cb_error *err)
{
	cadre now;
	char *new_json;
	int rc = store_cadre_get(s, id, &now, err);
	if (rc)
		return rc;
	if (!(new_json = cadre_to_json(&now)))
		return cb_error_oom(err);
	rc = store_audit(s, "cadre", id, action, old_json, new_json, err);
	free(new_json);
	return rc;
}

static int insert_tx(store *s, cadre *cd, cadre_write *w, cb_error *err)
{
	static const char sql[] =
		"INSERT INTO cadre(full_name, name_fold, sort_key, rank, birth_date,"
		" gender, ethnicity, unit_id, org_id, position, pos_rank, level, managed,"
		" is_head, committees, education, theory, party_joined, notes, religion,"
		" academic_title, general_education, state_management, foreign_language,"
		" it_level)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" ?15, ?16, ?17, ?18, ?19, ?22, ?23, ?24, ?25, ?26, ?27)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_refs(s, cd, err)) ||
	    (rc = store_cadre_keys(cd, w->fold, sizeof w->fold, &w->key, &w->keylen, err)) ||
	    (rc = search_rank_place(s, 0, w->key, w->keylen, &w->rank, err)))
		return rc;
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	bind_cadre(st, cd, w);
	if ((rc = step_write(s, st, NULL, err)))
		return rc;
	cd->id = sqlite3_last_insert_rowid(s->db);
	if ((rc = search_fts_put(s, w->rank, w->fold, cd->unit_id, 0, err)) ||
	    (rc = search_words_add(s, w->fold, err)))
		return rc;
	return audit_cadre(s, cd->id, "insert", NULL, err);
}

int store_cadre_insert(store *s, cadre *cd, const cfg *c, cb_error *err)
{
	int scope_rc = store_scope_unit(s, cd->unit_id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	cadre_write w = {0};
	int64_t old_id = cd->id;
	int rc = cadre_validate(cd, c, err);
	if (rc)
		return rc;
	if ((rc = store_begin(s, err)))
		return rc;
	rc = insert_tx(s, cd, &w, err);
	free(w.key);
	if ((rc = store_finish(s, rc, err))) {
		cd->id = old_id;
		return rc;
	}
	cd->version = 1;
	return CB_OK;
}

/* The search columns of a stored row. */
typedef struct cadre_stored {
	int64_t rank;
	char fold[4 * CADRE_NAME_MAX];
	unsigned char *key;
	size_t keylen;
} cadre_stored;

static int read_stored(store *s, int64_t id, cadre_stored *o, cb_error *err)
{
	static const char sql[] = "SELECT rank, name_fold, sort_key FROM cadre WHERE id = ?";
	sqlite3_stmt *st = store_prepare(s, sql, err);
	int rc;
	if (!st)
		return CB_EDB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		o->rank = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, o->fold, sizeof o->fold);
		o->keylen = (size_t)sqlite3_column_bytes(st, 2);
		o->key = malloc(o->keylen ? o->keylen : 1);
		if (o->key && o->keylen)
			memcpy(o->key, sqlite3_column_blob(st, 2), o->keylen);
		rc = o->key ? CB_OK : cb_error_oom(err);
	} else {
		rc = rc == SQLITE_DONE ? store_stale(s, "cadre", id, false, err)
				       : store_fail(s, err, _("Reading a cadre"));
	}
	sqlite3_finalize(st);
	return rc;
}

/* Gives the renamed row its new place; the old rank may have moved if the
 * placing renumbered everyone, so it is read again afterwards. */
static int replace_rank(store *s, int64_t id, cadre_write *w, cadre_stored *old, cb_error *err)
{
	int rc;
	free(old->key);
	old->key = NULL;
	if ((rc = search_rank_place(s, id, w->key, w->keylen, &w->rank, err)))
		return rc;
	return read_stored(s, id, old, err);
}

static int update_tx(store *s, cadre *cd, cadre_write *w, cadre_stored *old, cb_error *err)
{
	static const char sql[] =
		"UPDATE cadre SET full_name = ?1, name_fold = ?2, sort_key = ?3, rank = ?4,"
		" birth_date = ?5, gender = ?6, ethnicity = ?7, unit_id = ?8, org_id = ?9,"
		" position = ?10, pos_rank = ?11, level = ?12, managed = ?13, is_head = ?14,"
		" committees = ?15, education = ?16, theory = ?17, party_joined = ?18,"
		" notes = ?19, religion = ?22, academic_title = ?23, general_education = ?24,"
		" state_management = ?25, foreign_language = ?26, it_level = ?27,"
		" version = version + 1 WHERE id = ?20 AND version = ?21";
	cadre before;
	char *old_json;
	sqlite3_stmt *st;
	int rc, changes = 0;

	if ((rc = store_cadre_get(s, cd->id, &before, err)))
		return rc == CB_NOT_FOUND ? store_stale(s, "cadre", cd->id, false, err) : rc;
	if (before.version != cd->version)
		return store_stale(s, "cadre", cd->id, true, err);
	if ((rc = check_refs(s, cd, err)) ||
	    (rc = store_cadre_keys(cd, w->fold, sizeof w->fold, &w->key, &w->keylen, err)) ||
	    (rc = read_stored(s, cd->id, old, err)))
		return rc;
	w->rank = old->rank;
	if ((old->keylen != w->keylen || memcmp(old->key, w->key, w->keylen) != 0) &&
	    (rc = replace_rank(s, cd->id, w, old, err)))
		return rc;
	if (!(st = store_prepare(s, sql, err)))
		return CB_EDB;
	bind_cadre(st, cd, w);
	sqlite3_bind_int64(st, 20, cd->id);
	sqlite3_bind_int64(st, 21, cd->version);
	if ((rc = step_write(s, st, &changes, err)))
		return rc;
	if (changes == 0)
		return store_stale(s, "cadre", cd->id, true, err);
	if ((w->rank != old->rank || strcmp(w->fold, old->fold) != 0 ||
	     cd->unit_id != before.unit_id) &&
	    ((rc = search_fts_put(s, old->rank, old->fold, before.unit_id, 1, err)) ||
	     (rc = search_fts_put(s, w->rank, w->fold, cd->unit_id, 0, err)) ||
	     (rc = search_words_add(s, w->fold, err))))
		return rc;
	if (!(old_json = cadre_to_json(&before)))
		return cb_error_oom(err);
	rc = audit_cadre(s, cd->id, "update", old_json, err);
	free(old_json);
	return rc;
}

int store_cadre_update(store *s, cadre *cd, const cfg *c, cb_error *err)
{
	/* the reader's scope (access.h): where the cadre is and where it goes */
	int scope_rc = store_scope_cadre(s, cd->id, err);
	if (!scope_rc)
		scope_rc = store_scope_unit(s, cd->unit_id, err);
	if (scope_rc)
		return scope_rc;
	cadre_write w = {0};
	cadre_stored old = {0};
	int rc = cadre_validate(cd, c, err);
	if (rc)
		return rc;
	if ((rc = store_begin(s, err)))
		return rc;
	rc = update_tx(s, cd, &w, &old, err);
	free(w.key);
	free(old.key);
	if (!(rc = store_finish(s, rc, err)))
		cd->version++;
	return rc;
}

/* A deleted cadre goes to the trash with every record hanging from it. */
int store_cadre_delete(store *s, int64_t id, int64_t version, cb_error *err)
{
	int scope_rc = store_scope_cadre(s, id, err); /* the reader's scope (access.h) */
	if (scope_rc)
		return scope_rc;
	return trash_delete(s, "cadre", id, version, NULL, err);
}
