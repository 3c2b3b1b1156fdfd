/* stats_hist.c - the cadres of a scope read once into a histogram: how
 * many cadres share each combination of the few values a breakdown or the
 * target panel looks at.
 *
 * Why: evaluating a dozen conditions on each of a million cadres costs far
 * more than reading the cadres once (a few columns of one index) and
 * evaluating the same conditions on the histogram's rows, a few thousand,
 * each weighted by its count.
 *
 * How it stays exact:
 *  - the histogram is stored as a temporary table whose columns carry the
 *    names of cadre's, holding the very values the cadres have, so the
 *    conditions evaluated on it are filter_build's own text; a condition
 *    on a column the histogram does not keep fails to prepare, and the
 *    caller counts the plain way instead (CB_NOT_FOUND): never a wrong
 *    figure;
 *  - a value that cannot be kept exactly (a code outside its bit field, a
 *    non-integer; a birth date not of the form YYYY-MM-DD when birth dates
 *    are compared) makes the whole read CB_NOT_FOUND as well;
 *  - birth dates are kept as classes between the cut-off dates the
 *    conditions compare them with (stats_hist_cuts_of takes them from
 *    filter_build's own values): every date of a class, and the date
 *    standing for it in the table, compares alike (<, <=, =, >=, >) with
 *    every cut-off, so any comparison with a cut-off gives the same count.
 *    A comparison with any other date would not: conditions must only
 *    compare birth dates with cut-offs given to the histogram;
 *  - ethnicity is kept only as "not Kinh", in a column named `minority`
 *    (not `ethnicity`), so that no condition on the name itself can be
 *    evaluated on it.
 *
 * The read: one walk of the index cadre_pack (unit, the small codes and
 * the birth date packed into one value, organisation), which holds
 * everything but the yearly records; those come from the per-query array
 * (stats_sat), and whether a cadre has left the list from a bit per cadre
 * read beside it. A large database is walked in parts on several threads
 * (stats_hist_scan.c), each counting into a histogram of its own, added
 * up at the end. Without the index (a database made before it, opened
 * read-only since) there is no histogram: CB_NOT_FOUND.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "stats_internal.h"

#define HIST_NONE UINT64_MAX

/* Bits of a key: the packed codes (STATS_PACK_SQL), birth-date class,
 * yearly records, column. */
#define KEY_CLASS_SHIFT 25
#define KEY_CLASS_BITS	7
#define KEY_SAT_SHIFT	(KEY_CLASS_SHIFT + KEY_CLASS_BITS)
#define KEY_SAT_BITS	9
#define KEY_COL_SHIFT	(KEY_SAT_SHIFT + KEY_SAT_BITS)
#define KEY_COL_BITS	16

/* The birth date in the packed value (STATS_PACK_SQL). */
#define PACK_DATE_SHIFT 25
#define PACK_DATE_MASK	((1 << 27) - 1)
#define PACK_BAD_DATE	52

_Static_assert(2 * STATS_HIST_MAX_CUTS + 1 < (1 << KEY_CLASS_BITS), "classes fit their bits");

/* The packed fields: name of the column, shift, width. */
static const struct pack_field {
	unsigned flag;
	const char *column;
	int shift, width;
} pack_fields[] = {
	{HK_LEVEL, "level", 0, 4},	     {HK_MANAGED, "managed", 4, 1},
	{HK_COMMITTEES, "committees", 5, 8}, {HK_HEAD, "is_head", 13, 1},
	{HK_GENDER, "gender", 14, 2},	     {HK_EDUCATION, "education", 16, 4},
	{HK_THEORY, "theory", 20, 4},	     {HK_MINORITY, "minority", 24, 1},
};

#define NPACK ((int)(sizeof pack_fields / sizeof pack_fields[0]))

void stats_hist_init(stats_hist *h, unsigned fields)
{
	memset(h, 0, sizeof *h);
	h->fields = fields;
	h->ncols = 1;
	h->gone_mode = FILTER_ANY;
}

/* Adds one cut-off, keeping them sorted and distinct (byte order, as
 * SQLite's BINARY collation compares text). */
bool stats_hist_cut(stats_hist *h, const char *iso)
{
	int i = 0, c = 1;
	size_t n = strlen(iso);

	if (n >= sizeof h->cut[0])
		return false;
	while (i < h->ncut && (c = strcmp(h->cut[i], iso)) < 0)
		i++;
	if (i < h->ncut && c == 0)
		return true;
	if (h->ncut >= STATS_HIST_MAX_CUTS)
		return false;
	memmove(h->cut[i + 1], h->cut[i], sizeof h->cut[0] * (size_t)(h->ncut - i));
	memcpy(h->cut[i], iso, n + 1);
	h->ncut++;
	return true;
}

bool stats_hist_cuts_of(stats_hist *h, const cadre_filter *f)
{
	filter_sql fs;
	if (!filter_build(f, &fs))
		return false;
	for (int i = 0; i < fs.nbind; i++)
		if (fs.bind[i].is_text && !stats_hist_cut(h, fs.bind[i].s))
			return false;
	return true;
}

/* ---- the table in memory ------------------------------------------------- */

/* Fibonacci hashing: the high bits of the product. */
static size_t slot_of(uint64_t k, int log2cap)
{
	return (size_t)((k * 0x9E3779B97F4A7C15ull) >> (64 - log2cap));
}

static bool grow(stats_hist *h)
{
	int log2cap = h->cap ? h->log2cap + 1 : 10;
	size_t cap = (size_t)1 << log2cap;
	uint64_t *key = malloc(cap * sizeof *key);
	int64_t *n = calloc(cap, sizeof *n);

	if (!key || !n) {
		free(key);
		free(n);
		return false;
	}
	for (size_t i = 0; i < cap; i++)
		key[i] = HIST_NONE;
	for (size_t i = 0; i < h->cap; i++) {
		size_t j;
		if (h->key[i] == HIST_NONE)
			continue;
		j = slot_of(h->key[i], log2cap);
		while (key[j] != HIST_NONE)
			j = (j + 1) & (cap - 1);
		key[j] = h->key[i];
		n[j] = h->n[i];
	}
	free(h->key);
	free(h->n);
	h->key = key;
	h->n = n;
	h->cap = cap;
	h->log2cap = log2cap;
	return true;
}

/* Adds n cadres of key k. */
static void add_n(stats_hist *h, uint64_t k, int64_t n)
{
	size_t j;

	if (k == h->last_key) { /* the index walk meets equal keys in runs */
		h->n[h->last_slot] += n;
		return;
	}
	if ((h->used + 1) * 2 > h->cap && !grow(h)) {
		h->failed = true;
		return;
	}
	j = slot_of(k, h->log2cap);
	while (h->key[j] != HIST_NONE && h->key[j] != k)
		j = (j + 1) & (h->cap - 1);
	if (h->key[j] == HIST_NONE) {
		h->key[j] = k;
		h->used++;
	}
	h->n[j] += n;
	h->last_key = k;
	h->last_slot = j;
}

bool stats_hist_part(stats_hist *part, const stats_hist *h)
{
	*part = *h;
	part->key = NULL;
	part->n = NULL;
	part->combo_of = NULL;
	part->combo_key = NULL;
	part->cap = part->used = 0;
	part->batched = 0;
	part->failed = false;
	part->last_key = HIST_NONE;
	part->walk_has = false;
	return grow(part);
}

void stats_hist_reset(stats_hist *h)
{
	for (size_t i = 0; i < h->cap; i++) {
		h->key[i] = HIST_NONE;
		h->n[i] = 0;
	}
	h->used = 0;
	h->batched = 0;
	h->failed = false;
	h->last_key = HIST_NONE;
	h->walk_has = false;
	if (h->walk)
		stats_walk_reset(h->walk);
}

void stats_hist_merge(stats_hist *into, const stats_hist *part)
{
	into->failed |= part->failed;
	for (size_t i = 0; i < part->cap && !into->failed; i++)
		if (part->key[i] != HIST_NONE)
			add_n(into, part->key[i], part->n[i]);
}

/* The class of a birth date (YYYYMMDD): 2i + 1 when it equals cut-off i,
 * 2i when it lies between cut-offs i - 1 and i. */
static int date_class(const stats_hist *h, int32_t day)
{
	int lo = 0, hi = h->ncut; /* the first cut-off >= day is in [lo, hi] */

	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (h->cut_day[mid] == day)
			return 2 * mid + 1;
		if (h->cut_day[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 2 * lo;
}

/* A cut-off of the form YYYY-MM-DD as the number YYYYMMDD (text of that
 * form compares as the numbers do); -1 for any other text. */
static int32_t cut_day(const char *iso)
{
	int32_t v = 0;
	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? iso[i] != '-' : (iso[i] < '0' || iso[i] > '9'))
			return -1;
		if (!dash)
			v = v * 10 + (iso[i] - '0');
	}
	return iso[10] == '\0' ? v : -1;
}

/* Adds the batched keys with their cadres' record bits. The index walk
 * meets cadres in no order of id, so each look-up in the records array
 * would wait for memory; a batch lets the look-ups ahead be prefetched. */
void stats_hist_flush(stats_hist *h)
{
	const uint16_t *bits = h->sat->bits;
	int64_t n = h->sat->n;

	for (int i = 0; i < h->batched; i++) {
		unsigned b = 0, grade;
		int64_t id = h->batch_id[i];
		if (i + 16 < h->batched && h->batch_id[i + 16] >= 0 && h->batch_id[i + 16] < n)
			__builtin_prefetch(&bits[h->batch_id[i + 16]]);
		if (id >= 0 && id < n)
			b = bits[id];
		if (h->good_only) {
			grade = b & SAT_GRADE;
			b = (b & ~SAT_GRADE) | (grade >= 1 && grade <= 2);
		}
		add_n(h, h->batch_key[i] | (uint64_t)(b & h->sat_mask) << KEY_SAT_SHIFT, 1);
	}
	h->batched = 0;
}

void stats_hist_add(stats_hist *h, int64_t unit, int64_t packed, int64_t id)
{
	uint64_t key;
	int col = 0, cls = 0;

	if (h->gone_mode != FILTER_ANY) { /* c.id NOT IN / IN the departures */
		bool gone = id >= 0 && id < h->gone_n && (h->gone[id >> 3] >> (id & 7) & 1);
		if (gone != (h->gone_mode == 1))
			return;
	}
	if (h->unit_col) {
		col = unit >= 0 && unit < h->unit_n ? h->unit_col[unit] : -1;
		if (col < 0)
			return; /* in no column: not counted, as with the plain pass */
	}
	if (packed < 0 || col >= 1 << KEY_COL_BITS) {
		h->failed = true; /* a code the key cannot hold exactly */
		return;
	}
	if (h->fields & HK_BIRTH) {
		if (packed >> PACK_BAD_DATE & 1) {
			h->failed = true; /* a birth date not of the form YYYY-MM-DD */
			return;
		}
		cls = date_class(h, (int32_t)(packed >> PACK_DATE_SHIFT & PACK_DATE_MASK));
	}
	key = ((uint64_t)packed & h->pack_mask) | (uint64_t)cls << KEY_CLASS_SHIFT |
	      (uint64_t)col << KEY_COL_SHIFT;
	if (!h->sat_mask) {
		add_n(h, key, 1);
		return;
	}
	h->batch_key[h->batched] = key;
	h->batch_id[h->batched] = id;
	if (++h->batched == STATS_HIST_BATCH)
		stats_hist_flush(h);
}

/* canbo_hist(ptr, unit id, packed codes and birth date, cadre id); the
 * unit id is NULL when all count in one column, the cadre id when no
 * records are kept, no departure is tested and the walk is not kept. */
void stats_hist_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	stats_hist *h = stats_agg_ptr(cx, argv[0]);
	int64_t unit, packed, id;

	if (!h || h->failed || argc != 4)
		return;
	unit = sqlite3_value_int64(argv[1]);
	packed = sqlite3_value_int64(argv[2]);
	id = sqlite3_value_int64(argv[3]);
	if (h->walk && !stats_walk_put(h, unit, packed, id)) {
		h->failed = true;
		return;
	}
	if (!h->walk_only)
		stats_hist_add(h, unit, packed, id);
}

/* ---- reading the cadres -------------------------------------------------- */

/* The scan: scope conditions only, on the index (the reading itself,
 * whole or in parts, is stats_hist_scan.c's). */
void stats_hist_scan_sql(stats_hist *h, const cadre_filter *scope, sql_build *b)
{
	cadre_filter f;

	filter_init(&f);
	f.unit_lo = scope->unit_lo;
	f.unit_hi = scope->unit_hi;
	f.org_id = scope->org_id;
	f.scope_orgs = scope->scope_orgs;
	f.as_of = scope->as_of;
	f.departed = FILTER_ANY; /* h->gone_mode: in stats_hist_step */
	f.units_on = scope->units_on;
	f.unit_history = scope->unit_history;
	sql_put(b, h->unit_col || h->walk ? "SELECT canbo_hist(?, c.unit_id, " STATS_PACK_SQL ", "
					  : "SELECT canbo_hist(?, NULL, " STATS_PACK_SQL ", ");
	sql_ptr(b, h);
	sql_put(b, h->sat_mask || h->gone_mode != FILTER_ANY || h->walk ? "c.id)" : "NULL)");
	sql_put(b, " FROM cadre c INDEXED BY cadre_pack WHERE 1");
	sql_filter(b, &f);
}

/* The date standing for class k: a cut-off itself, or a text strictly
 * between two (the lower one followed by '~' sorts after it and, as long
 * as it is no prefix of the next, before the next). False when there is
 * none. */
static bool class_date(const stats_hist *h, int k, char *out, size_t cap)
{
	int i = k / 2;
	if (k % 2) {
		snprintf(out, cap, "%s", h->cut[i]);
		return true;
	}
	if (i == 0) {
		out[0] = '\0'; /* before the first: the empty text */
		return h->ncut == 0 || h->cut[0][0] != '\0';
	}
	snprintf(out, cap, "%s~", h->cut[i - 1]);
	return i == h->ncut || strncmp(h->cut[i], h->cut[i - 1], strlen(h->cut[i - 1])) != 0;
}

/* The distinct combinations of the kept columns (the key without its
 * records and column), numbered in h->combo_of[slot]. */
static bool number_combos(stats_hist *h)
{
	const uint64_t mask = h->pack_mask | (uint64_t)((1u << KEY_CLASS_BITS) - 1)
						     << KEY_CLASS_SHIFT;
	size_t cap = 16;
	uint64_t *seen;
	int *num;

	while (cap < 2 * h->used + 2)
		cap *= 2;
	seen = malloc(cap * sizeof *seen);
	num = malloc(cap * sizeof *num);
	h->combo_of = malloc(h->cap * sizeof *h->combo_of);
	h->combo_key = malloc((h->used + 1) * sizeof *h->combo_key);
	if (!seen || !num || !h->combo_of || !h->combo_key) {
		free(seen);
		free(num);
		return false;
	}
	for (size_t i = 0; i < cap; i++)
		seen[i] = HIST_NONE;
	h->ncombo = 0;
	for (size_t i = 0; i < h->cap; i++) {
		uint64_t k;
		size_t j;
		h->combo_of[i] = -1;
		if (h->key[i] == HIST_NONE)
			continue;
		k = h->key[i] & mask;
		j = slot_of(k, __builtin_ctzll(cap));
		while (seen[j] != HIST_NONE && seen[j] != k)
			j = (j + 1) & (cap - 1);
		if (seen[j] == HIST_NONE) {
			seen[j] = k;
			num[j] = h->ncombo;
			h->combo_key[h->ncombo++] = k;
		}
		h->combo_of[i] = num[j];
	}
	free(seen);
	free(num);
	return true;
}

/* The statements that make and fill temp.canbo_hist_<...>: only the kept
 * columns (a combinations table has neither records nor counts). */
static void table_sql(stats_hist *h, char *create, size_t ccap, char *insert, size_t icap)
{
	bool sat = h->sat_mask && !h->combos;
	char part[64];

	snprintf(h->table, sizeof h->table, "temp.canbo_hist_%x_%x%s", h->fields,
		 sat ? h->sat_mask : 0, h->combos ? "_c" : "");
	snprintf(create, ccap, "CREATE TABLE IF NOT EXISTS %s(col INTEGER", h->table);
	snprintf(insert, icap, "INSERT INTO %s VALUES(?", h->table);
	for (int i = 0; i < NPACK; i++)
		if (h->fields & pack_fields[i].flag) {
			snprintf(part, sizeof part, ", %s INTEGER", pack_fields[i].column);
			strncat(create, part, ccap - strlen(create) - 1);
			strncat(insert, ", ?", icap - strlen(insert) - 1);
		}
	if (h->fields & HK_BIRTH) {
		strncat(create, ", birth_date TEXT", ccap - strlen(create) - 1);
		strncat(insert, ", ?", icap - strlen(insert) - 1);
	}
	if (sat) {
		strncat(create, ", sat INTEGER", ccap - strlen(create) - 1);
		strncat(insert, ", ?", icap - strlen(insert) - 1);
	}
	if (!h->combos) {
		strncat(create, ", n INTEGER", ccap - strlen(create) - 1);
		strncat(insert, ", ?", icap - strlen(insert) - 1);
	}
	strncat(create, ")", ccap - strlen(create) - 1);
	strncat(insert, ")", icap - strlen(insert) - 1);
}

/* Binds and inserts one row: key's kept values, with col and n. */
static int put_row(stats_hist *h, sqlite3_stmt *st, uint64_t k, int64_t col, int64_t n)
{
	char date[sizeof h->cut[0] + 2];
	int rc, nv = 1;

	sqlite3_reset(st);
	rc = sqlite3_bind_int64(st, nv++, col);
	for (int f = 0; f < NPACK && rc == SQLITE_OK; f++)
		if (h->fields & pack_fields[f].flag)
			rc = sqlite3_bind_int64(st, nv++,
						(int64_t)((k >> pack_fields[f].shift) &
							  ((1u << pack_fields[f].width) - 1)));
	if (rc == SQLITE_OK && (h->fields & HK_BIRTH)) {
		int cls = (int)((k >> KEY_CLASS_SHIFT) & ((1u << KEY_CLASS_BITS) - 1));
		if (!class_date(h, cls, date, sizeof date)) {
			h->failed = true;
			return SQLITE_ERROR;
		}
		rc = sqlite3_bind_text(st, nv++, date, -1, SQLITE_TRANSIENT);
	}
	if (rc == SQLITE_OK && h->sat_mask && !h->combos)
		rc = sqlite3_bind_int64(
			st, nv++, (int64_t)((k >> KEY_SAT_SHIFT) & ((1u << KEY_SAT_BITS) - 1)));
	if (rc == SQLITE_OK && !h->combos)
		rc = sqlite3_bind_int64(st, nv++, n);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	return rc;
}

/* Phase 2: the rows (or the combinations) as a temporary table. */
static int store_rows(store *s, stats_hist *h, cb_error *err)
{
	sqlite3 *db = store_db(s);
	char create[512], insert[256];
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_OK;

	if (h->combos && !number_combos(h))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	table_sql(h, create, sizeof create, insert, sizeof insert);
	if (sqlite3_exec(db, create, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "SAVEPOINT canbo_hist", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, _("Counting cadres"));
	snprintf(create, sizeof create, "DELETE FROM %s", h->table);
	if (sqlite3_exec(db, create, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, insert, -1, &st, NULL) != SQLITE_OK)
		rc = SQLITE_ERROR;
	if (h->combos)
		for (int i = 0; i < h->ncombo && rc == SQLITE_OK; i++)
			rc = put_row(h, st, h->combo_key[i], i, 0);
	else
		for (size_t i = 0; i < h->cap && rc == SQLITE_OK; i++)
			if (h->key[i] != HIST_NONE)
				rc = put_row(h, st, h->key[i],
					     (int64_t)(h->key[i] >> KEY_COL_SHIFT), h->n[i]);
	if (rc != SQLITE_OK && !h->failed)
		rc = store_fail(s, err, _("Counting cadres"));
	sqlite3_finalize(st);
	/* one transaction of the temporary database for all the rows */
	if (sqlite3_exec(db, "RELEASE canbo_hist", NULL, NULL, NULL) != SQLITE_OK && !rc)
		rc = store_fail(s, err, _("Counting cadres"));
	if (h->failed)
		rc = CB_NOT_FOUND;
	return rc;
}

bool stats_hist_entry(const stats_hist *h, size_t *i, stats_hist_row *out)
{
	for (; *i < h->cap; (*i)++) {
		uint64_t k = h->key[*i];
		if (k == HIST_NONE)
			continue;
		out->n = h->n[*i];
		out->col = (int)(k >> KEY_COL_SHIFT);
		out->sat = (unsigned)((k >> KEY_SAT_SHIFT) & ((1u << KEY_SAT_BITS) - 1));
		out->combo = h->combo_of ? h->combo_of[*i] : -1;
		(*i)++;
		return true;
	}
	return false;
}

int stats_hist_fill(store *s, stats_hist *h, const cadre_filter *scope, cb_error *err)
{
	int rc;

	if (h->ncols > 1 << KEY_COL_BITS)
		return CB_NOT_FOUND;
	if (h->sat_mask && !(h->sat && h->sat->bits))
		return CB_NOT_FOUND; /* yearly records only by subqueries */
	if (h->ncut > 0)
		h->fields |= HK_BIRTH;
	for (int i = 0; i < h->ncut; i++)
		if ((h->cut_day[i] = cut_day(h->cut[i])) < 0)
			return CB_NOT_FOUND; /* compared with no date of the usual form */
	h->pack_mask = 0;
	for (int i = 0; i < NPACK; i++)
		if (h->fields & pack_fields[i].flag)
			h->pack_mask |= (((uint64_t)1 << pack_fields[i].width) - 1)
					<< pack_fields[i].shift;
	h->last_key = HIST_NONE;
	if (!grow(h))
		return cb_error_set(err, CB_EDB, _("Out of memory"));
	if ((rc = stats_hist_scan(s, h, scope, err)))
		return rc;
	return store_rows(s, h, err);
}

void stats_hist_free(stats_hist *h)
{
	free(h->key);
	free(h->n);
	free(h->combo_of);
	free(h->combo_key);
	h->key = NULL;
	h->n = NULL;
	h->combo_of = NULL;
	h->combo_key = NULL;
	h->cap = h->used = 0;
}

unsigned stats_hist_fields_of(const cadre_filter *f)
{
	static const unsigned pop[POP_COUNT] = {
		[POP_MANAGED] = HK_MANAGED,
		[POP_DEPT] = HK_LEVEL,
		[POP_COMMUNE] = HK_LEVEL,
		[POP_COMMITTEE] = HK_COMMITTEES,
		[POP_COMMITTEE_PROVINCE] = HK_COMMITTEES,
		[POP_COMMITTEE_DISTRICT] = HK_COMMITTEES,
		[POP_COMMITTEE_GRASSROOTS] = HK_COMMITTEES,
		[POP_TRAINING_GROUP] = HK_COMMITTEES,
		[POP_COMMITTEE_MANAGED] = HK_COMMITTEES | HK_MANAGED,
		[POP_HEADS] = HK_HEAD,
	};
	unsigned k = f->population >= 0 && f->population < POP_COUNT ? pop[f->population] : 0;

	if (f->level != FILTER_ANY)
		k |= HK_LEVEL;
	if (f->gender != FILTER_ANY || f->retire_set)
		k |= HK_GENDER;
	if (f->education != FILTER_ANY || f->education_min != FILTER_ANY)
		k |= HK_EDUCATION;
	if (f->theory != FILTER_ANY || f->theory_min != FILTER_ANY)
		k |= HK_THEORY;
	return k;
}
