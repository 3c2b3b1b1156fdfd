/* config_career.c - career.ini: the career rules over their defaults.
 *
 * The defaults below are the values of the documents career.ini names;
 * the shipped file repeats them so the office sees what it may change.
 * Every key is checked as canbo.ini's are (path, line, key at fault).
 */
#include "career.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_internal.h"
#include "i18n.h"

void career_rules_default(career_rules *r)
{
	static const int bars[DISC_FORM_COUNT] = {
		[DF_PARTY_REPRIMAND] = 12, [DF_PARTY_WARNING] = 30,
		[DF_PARTY_REMOVAL] = 60,   [DF_PARTY_EXPULSION] = CAREER_NO_END,
		[DF_STATE_REPRIMAND] = 12, [DF_STATE_WARNING] = 12,
		[DF_STATE_SALARY] = 12,	   [DF_STATE_DEMOTION] = 24,
		[DF_STATE_REMOVAL] = 24,   [DF_STATE_DISMISSAL] = CAREER_NO_END,
	};
	static const int annual[] = {101, 430, 501, 902};

	memset(r, 0, sizeof *r);
	r->retire_base_year = 2021;
	r->retire_before[1] = 720, r->retire_start[1] = 723, r->retire_step[1] = 3;
	r->retire_max[1] = 744;
	r->retire_before[2] = 660, r->retire_start[2] = 664, r->retire_step[2] = 4;
	r->retire_max[2] = 720;
	r->retire_bands[0] = 1, r->retire_bands[1] = 2, r->retire_bands[2] = 5;
	r->term_years = 5;
	r->term_to_retirement_years = 5;
	r->term_extend_years = 2;
	r->notice_working_days = 90;
	memcpy(r->annual_holidays, annual, sizeof annual);
	r->annual_count = (int)(sizeof annual / sizeof annual[0]);
	for (int f = 0; f < DISC_FAMILY_COUNT; f++)
		r->lapse_months[f] = 12;
	memcpy(r->bar_months, bars, sizeof bars);
	r->pool_per_title = 3;
	r->pool_titles_per_cadre = 3;
	r->pool_young_age = 40;
	r->pool_young_pct = 15;
	r->pool_women_pct = 25;
	r->pool_review_month = 12;
	r->pool_serve_years = 5;
}

static const char *const retire_keys[] = {"base_year", "men.before",   "men.start",   "men.step",
					  "men.max",   "women.before", "women.start", "women.step",
					  "women.max", "bands",	       NULL};
static const char *const term_keys[] = {"years", "to_retirement_years", "extend_under_years",
					"notice_working_days", NULL};
static const char *const holiday_keys[] = {"annual", "dates", NULL};
static const char *const pool_keys[] = {
	"per_title", "titles_per_cadre", "review_month", "serve_years",
	"young_age", "young_pct",	 "women_pct",	 NULL};

static const ini_schema schema[] = {
	{"retirement", retire_keys},
	{"terms", term_keys},
	{"holidays", holiday_keys},
	{"discipline", NULL}, /* lapse.<family>, bar.<family>.<form> */
	{"pool", NULL},	      /* the keys above and title.<code> */
};

static int read_retirement(const ini_file *f, career_rules *r, cb_error *err)
{
	static const char *const who[] = {NULL, "men", "women"};
	char key[32];

	const ini_entry *e = ini_find(f, "retirement", "bands");

	if (ini_int(f, "retirement", "base_year", 1990, 2100, &r->retire_base_year, err))
		return CB_ECONFIG;
	if (e) {
		int a, b, c, used = 0;
		if (sscanf(e->value, "%d , %d , %d%n", &a, &b, &c, &used) != 3 ||
		    e->value[used] != '\0' || a < 1 || b <= a || c <= b || c > 40)
			return ini_bad_value(
				f, e, _("three ascending numbers of years, e.g. 1,2,5"), err);
		r->retire_bands[0] = a, r->retire_bands[1] = b, r->retire_bands[2] = c;
	}
	for (int g = 1; g <= 2; g++) {
		int *dst[] = {&r->retire_before[g], &r->retire_start[g], &r->retire_step[g],
			      &r->retire_max[g]};
		static const char *const what[] = {"before", "start", "step", "max"};
		for (int i = 0; i < 4; i++) {
			snprintf(key, sizeof key, "%s.%s", who[g], what[i]);
			if (ini_int(f, "retirement", key, i == 2 ? 0 : 40 * 12,
				    i == 2 ? 12 : 80 * 12, dst[i], err))
				return CB_ECONFIG;
		}
	}
	return CB_OK;
}

static int read_terms(const ini_file *f, career_rules *r, cb_error *err)
{
	if (ini_int(f, "terms", "years", 1, 10, &r->term_years, err) ||
	    ini_int(f, "terms", "to_retirement_years", 0, 10, &r->term_to_retirement_years, err) ||
	    ini_int(f, "terms", "extend_under_years", 0, 10, &r->term_extend_years, err) ||
	    ini_int(f, "terms", "notice_working_days", 0, 400, &r->notice_working_days, err))
		return CB_ECONFIG;
	return CB_OK;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* A comma-separated list of MM-DD (annual) or YYYY-MM-DD dates. */
static int read_day_list(const ini_file *f, const char *key, bool annual, int *out, int cap,
			 int *count, cb_error *err)
{
	const ini_entry *e = ini_find(f, "holidays", key);
	char buf[INI_LINE_MAX], *save = NULL;
	int n = 0;

	if (!e)
		return CB_OK;
	snprintf(buf, sizeof buf, "%s", e->value);
	for (char *tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		cb_date d;
		int m, day;
		char full[16];
		if (n >= cap)
			return ini_bad_value(f, e, _("fewer dates"), err);
		if (annual) {
			snprintf(full, sizeof full, "2000-%s", tok);
			if (strlen(tok) != 5 || !date_parse_iso(full, &d))
				return ini_bad_value(f, e, _("days as MM-DD, separated by commas"),
						     err);
			sscanf(tok, "%2d-%2d", &m, &day);
			out[n++] = m * 100 + day;
		} else {
			if (!date_parse_iso(tok, &d))
				return ini_bad_value(
					f, e, _("dates as YYYY-MM-DD, separated by commas"), err);
			out[n++] = d;
		}
	}
	qsort(out, (size_t)n, sizeof *out, cmp_int);
	*count = n;
	return CB_OK;
}

/* lapse.<family> and bar.<family>.<form>. */
static int read_discipline(const ini_file *f, career_rules *r, cb_error *err)
{
	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		int fam, form;
		const char *dot;
		char famcode[16];

		if (strcmp(e->section, "discipline") != 0)
			continue;
		if (strncmp(e->key, "lapse.", 6) == 0 && disc_family_from_code(e->key + 6, &fam)) {
			if (ini_entry_int(f, e, 1, 120, &r->lapse_months[fam], err))
				return CB_ECONFIG;
			continue;
		}
		if (strncmp(e->key, "bar.", 4) == 0 && (dot = strchr(e->key + 4, '.')) &&
		    (size_t)(dot - e->key - 4) < sizeof famcode) {
			snprintf(famcode, sizeof famcode, "%.*s", (int)(dot - e->key - 4),
				 e->key + 4);
			if (disc_family_from_code(famcode, &fam) &&
			    (form = disc_form_from_code(fam, dot + 1)) >= 0) {
				if (ini_entry_int(f, e, -1, 240, &r->bar_months[form], err))
					return CB_ECONFIG;
				continue;
			}
		}
		return ini_unknown_key(
			f, e, "lapse.party, lapse.org, lapse.state, bar.party.khien-trach, ...",
			err);
	}
	return CB_OK;
}

/* title.<code> = level, rank, name */
static int read_title(const ini_file *f, const ini_entry *e, career_rules *r, cb_error *err)
{
	career_title *t;
	int level, rank, used = 0;
	const char *code = e->key + 6;
	char name[CFG_NAME_MAX * 2];

	if (!*code || strlen(code) >= sizeof t->code)
		return ini_unknown_key(f, e, "title.<code>", err);
	if (r->title_count >= CAREER_MAX_TITLES)
		return ini_bad_value(f, e, _("fewer titles"), err);
	if (sscanf(e->value, "%d , %d ,%n", &level, &rank, &used) != 2 || used == 0 || level < 1 ||
	    level > CFG_MAX_TIERS || rank < 1 || rank > 8)
		return ini_bad_value(f, e, _("level, rank, name (e.g. 2, 1, Bí thư Huyện ủy)"),
				     err);
	while (e->value[used] == ' ')
		used++;
	snprintf(name, sizeof name, "%s", e->value + used);
	if (!*name || strlen(name) >= CFG_NAME_MAX)
		return ini_bad_value(f, e, _("level, rank, name (e.g. 2, 1, Bí thư Huyện ủy)"),
				     err);
	if (career_title_find(r, code))
		return ini_bad_value(f, e, _("a title code used once"), err);
	t = &r->titles[r->title_count++];
	t->level = level;
	t->rank = rank;
	snprintf(t->code, sizeof t->code, "%s", code);
	snprintf(t->name, sizeof t->name, "%s", name);
	return CB_OK;
}

static int read_pool(const ini_file *f, career_rules *r, cb_error *err)
{
	bool titled = false;

	for (size_t i = 0; i < f->entry_count; i++) {
		const ini_entry *e = &f->entries[i];
		size_t k = 0;
		if (strcmp(e->section, "pool") != 0)
			continue;
		if (strncmp(e->key, "title.", 6) == 0) {
			if (!titled) /* the file's titles replace the built-in ones */
				r->title_count = 0, titled = true;
			if (read_title(f, e, r, err))
				return CB_ECONFIG;
			continue;
		}
		while (pool_keys[k] && strcmp(pool_keys[k], e->key) != 0)
			k++;
		if (!pool_keys[k])
			return ini_unknown_key(
				f, e,
				"per_title, titles_per_cadre, review_month, serve_years, "
				"young_age, young_pct, women_pct, title.<code>",
				err);
	}
	if (ini_int(f, "pool", "per_title", 1, 20, &r->pool_per_title, err) ||
	    ini_int(f, "pool", "titles_per_cadre", 1, 20, &r->pool_titles_per_cadre, err) ||
	    ini_int(f, "pool", "review_month", 1, 12, &r->pool_review_month, err) ||
	    ini_int(f, "pool", "serve_years", 0, 20, &r->pool_serve_years, err) ||
	    ini_int(f, "pool", "young_age", 18, 80, &r->pool_young_age, err) ||
	    ini_int(f, "pool", "young_pct", 0, 100, &r->pool_young_pct, err) ||
	    ini_int(f, "pool", "women_pct", 0, 100, &r->pool_women_pct, err))
		return CB_ECONFIG;
	return CB_OK;
}

int career_rules_load(const cfg *c, career_rules *r, cb_error *err)
{
	char path[PATH_MAX];
	ini_file f;
	int rc;

	career_rules_default(r);
	if (!c || config_resolve(c, "career.ini", path, sizeof path) || access(path, F_OK) != 0)
		return CB_OK;
	if (ini_open(&f, path, err))
		return CB_ECONFIG;
	rc = ini_check_schema(&f, schema, sizeof schema / sizeof schema[0], err) ||
	     read_retirement(&f, r, err) || read_terms(&f, r, err) ||
	     read_day_list(&f, "annual", true, r->annual_holidays,
			   (int)(sizeof r->annual_holidays / sizeof r->annual_holidays[0]),
			   &r->annual_count, err) ||
	     read_day_list(&f, "dates", false, r->holiday_days, CAREER_MAX_HOLIDAYS,
			   &r->holiday_count, err) ||
	     read_discipline(&f, r, err) || read_pool(&f, r, err);
	ini_close(&f);
	return rc ? CB_ECONFIG : CB_OK;
}
