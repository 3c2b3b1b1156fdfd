/* cmd_show.c - `canbo show ID [--format table|json]`: one cadre with the
 * yearly ratings, trainings, planning pool entries and action plans.
 *
 * The table form is for reading (translated labels, dd/mm/yyyy, the age at
 * the reference date); the JSON form is for programs (stable names of the
 * enumerations, ISO dates) and is one object.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "model.h"
#include "output.h"
#include "plans.h"
#include "date.h"
#include "fields.h"
#include "json.h"
#include "search.h"
#include "store.h"
#include "text.h"

static const cli_command show_cmd = {
	"show",
	N_("ID | NAME"),
	N_("Show one cadre with ratings, trainings, planning and action plans"),
	1,
	-1,
	NULL,
	CLI_FORMAT_BIT(OUT_TABLE) | CLI_FORMAT_BIT(OUT_JSON),
	CLI_HIDE_LIMIT,
};

/* Everything shown about one cadre. */
typedef struct record {
	cadre c;
	rating_row *ratings;
	size_t nratings;
	training_row *trainings;
	size_t ntrainings;
	planning_row *planning;
	size_t nplanning;
	plan *plans; /* newest year first */
	size_t nplans;
	plan_item **items; /* items[i]: the items of plans[i] */
	size_t *nitems;
} record;

static void record_free(record *r)
{
	for (size_t i = 0; r->items && i < r->nplans; i++)
		free(r->items[i]);
	free(r->items);
	free(r->nitems);
	free(r->plans);
	free(r->ratings);
	free(r->trainings);
	free(r->planning);
}

/* The cadre's own action plans (not those of organisations) with their
 * items, counted at the reference date. */
static int load_plans(store *s, int64_t id, cb_date today, record *r, cb_error *err)
{
	plans_query q;
	int rc;
	plans_query_init(&q, today);
	q.cadre_id = id;
	if ((rc = plans_list(s, &q, &r->plans, &r->nplans, err)) || r->nplans == 0)
		return rc;
	r->items = calloc(r->nplans, sizeof *r->items);
	r->nitems = calloc(r->nplans, sizeof *r->nitems);
	if (!r->items || !r->nitems)
		return cb_error_oom(err);
	for (size_t i = 0; i < r->nplans && !rc; i++)
		rc = plans_items(s, r->plans[i].id, &r->items[i], &r->nitems[i], err);
	return rc;
}

static int record_load(store *s, int64_t id, cb_date today, record *r, cb_error *err)
{
	int rc;
	memset(r, 0, sizeof *r);
	if ((rc = store_cadre_get(s, id, &r->c, err)) ||
	    (rc = store_cadre_ratings(s, id, &r->ratings, &r->nratings, err)) ||
	    (rc = store_cadre_trainings(s, id, &r->trainings, &r->ntrainings, err)) ||
	    (rc = store_cadre_planning(s, id, &r->planning, &r->nplanning, err)) ||
	    (rc = load_plans(s, id, today, r, err)))
		record_free(r);
	return rc;
}

/* ---- table -------------------------------------------------------------- */

/* "  Label      value" with labels padded to the same display width. */
static void field(const char *label, const char *value, int width, bool ascii)
{
	char lb[256], val[2 * CADRE_NOTES_MAX];
	text_fit(label, width, true, ascii, lb, sizeof lb);
	if (ascii)
		text_ascii(value, val, sizeof val);
	printf("  %s  %s\n", lb, ascii ? val : value);
}

static void section(const char *title, bool ascii)
{
	char buf[256];
	if (ascii)
		text_ascii(title, buf, sizeof buf);
	printf("\n%s\n", ascii ? buf : title);
}

/* One list of records under its title: the fields of their table that
 * people read, as columns. */
static int show_list(const char *title, const field_def *t, size_t n, const void *rows,
		     size_t count, size_t size)
{
	out_column cols[8];
	const field_def *map[8];
	char bufs[8][CADRE_TEXT_MAX];
	const char *cells[8];
	size_t k = 0;
	out_writer *w;

	if (!count)
		return 0;
	for (size_t i = 0; i < n && k < 8; i++)
		if (!(t[i].flags & FIELD_NO_SHOW)) {
			map[k] = &t[i];
			cols[k++] = (out_column){t[i].name, _(t[i].label),
						 t[i].type == FIELD_INT ? OUT_RIGHT : OUT_LEFT,
						 t[i].type == FIELD_INT ? OUT_NUM : OUT_STR,
						 t[i].type == FIELD_TEXT ? 60 : 0};
		}
	section(title, !out_utf8_locale());
	if (!(w = out_begin(stdout, OUT_TABLE, cols, k)))
		return -1;
	for (size_t r = 0; r < count; r++) {
		const void *row = (const char *)rows + r * size;
		for (size_t i = 0; i < k; i++)
			cells[i] = field_format(map[i], row, FIELD_HUMAN, bufs[i], sizeof bufs[i]);
		out_row(w, cells);
	}
	return out_end(w);
}

static int show_lists(const record *r)
{
	size_t n;
	const field_def *t;
	int rc = 0;

	t = rating_fields(&n);
	rc |= show_list(_("Yearly ratings"), t, n, r->ratings, r->nratings, sizeof *r->ratings);
	t = training_fields(&n);
	rc |= show_list(_("Training"), t, n, r->trainings, r->ntrainings, sizeof *r->trainings);
	t = planning_fields(&n);
	rc |= show_list(_("Planning pool"), t, n, r->planning, r->nplanning, sizeof *r->planning);
	return rc;
}

/* Each plan: a line with its year, adoption and counts, then its items. */
static int show_plans(const app *a, const record *r)
{
	int rc = 0;
	bool ascii = !out_utf8_locale();
	if (r->nplans)
		section(_("Action plans"), ascii);
	for (size_t p = 0; p < r->nplans; p++) {
		const plan *pl = &r->plans[p];
		char adopted[11], line[512];
		date_iso_to_vn(pl->adopted_on, adopted);
		if (p)
			putchar('\n');
		snprintf(line, sizeof line,
			 _("%d review, adopted %s: %d items, %d remedied, %d overdue"), pl->year,
			 adopted[0] ? adopted : "-", pl->items, pl->remedied, pl->overdue);
		field(_("Plan"), line, text_width(_("Plan")), ascii);
		const out_column cols[] = {
			{"deadline", _("Deadline"), OUT_LEFT, OUT_STR, 0},
			{"status", _("Status"), OUT_LEFT, OUT_STR, 0},
			{"shortcoming", _("Shortcoming"), OUT_LEFT, OUT_STR, 60}};
		out_writer *w = out_begin(stdout, OUT_TABLE, cols, 3);
		if (!w)
			return -1;
		for (size_t i = 0; i < r->nitems[p]; i++) {
			const plan_item *it = &r->items[p][i];
			char deadline[11];
			date_iso_to_vn(it->deadline, deadline);
			const char *cells[3] = {
				deadline,
				plans_label(PLANS_STATUS, plans_item_status(it, a->today)),
				it->shortcoming};
			out_row(w, cells);
		}
		rc |= out_end(w);
	}
	return rc;
}

/* The fields people read (fields.h), the name as the heading; the birth
 * date with the age at the reference date; a district or notes only when
 * there are some. */
static int show_table(const app *a, const record *r)
{
	const cadre *c = &r->c;
	bool ascii = !out_utf8_locale();
	char buf[2 * CADRE_NOTES_MAX], val[CADRE_NOTES_MAX];
	size_t n;
	const field_def *t = cadre_fields(&n);
	int width = 0;
	cb_date d;

	for (size_t i = 0; i < n; i++)
		if (!(t[i].flags & FIELD_NO_SHOW) && text_width(_(t[i].label)) > width)
			width = text_width(_(t[i].label));
	if (ascii)
		text_ascii(c->full_name, buf, sizeof buf);
	printf("%s (ID %" PRId64 ")\n", ascii ? buf : c->full_name, c->id);
	for (size_t i = 0; i < n; i++) {
		const field_def *f = &t[i];
		if ((f->flags & FIELD_NO_SHOW) || f->id == CADRE_F_FULL_NAME)
			continue;
		const char *v = field_format(f, c, FIELD_HUMAN, val, sizeof val);
		if (!v[0] && (f->id == CADRE_F_DISTRICT || f->id == CADRE_F_NOTES))
			continue;
		if (f->id == CADRE_F_BIRTH_DATE && date_parse_iso(c->birth_date, &d)) {
			snprintf(buf, sizeof buf, _("%s (age %d)"), v, date_age(d, a->today));
			v = buf;
		}
		field(_(f->label), v, width, ascii);
	}
	return show_lists(r) | show_plans(a, r);
}

/* ---- JSON --------------------------------------------------------------- */

static void kv(const char *key, const char *value, bool comma)
{
	if (comma)
		fputs(", ", stdout);
	out_json_string(stdout, key);
	fputs(": ", stdout);
	out_json_string(stdout, value);
}

/* "key": [ {record}, ... ] with every field of the records' table (the
 * ids are what `canbo delete rating ID` names). */
static void json_list(json_buf *b, const char *key, const field_def *t, size_t n, const void *rows,
		      size_t count, size_t size)
{
	json_key(b, key);
	json_raw(b, "[");
	for (size_t r = 0; r < count; r++) {
		json_next(b);
		json_raw(b, "{");
		fields_json(b, t, n, (const char *)rows + r * size);
		json_raw(b, "}");
	}
	json_raw(b, "]");
}

static void json_lists(json_buf *b, const record *r)
{
	size_t n;
	const field_def *t;

	t = rating_fields(&n);
	json_list(b, "ratings", t, n, r->ratings, r->nratings, sizeof *r->ratings);
	t = training_fields(&n);
	json_list(b, "trainings", t, n, r->trainings, r->ntrainings, sizeof *r->trainings);
	t = planning_fields(&n);
	json_list(b, "planning", t, n, r->planning, r->nplanning, sizeof *r->planning);
}

static void json_plans(const app *a, const record *r)
{
	fputs(",\n  \"plans\": [", stdout);
	for (size_t p = 0; p < r->nplans; p++) {
		const plan *pl = &r->plans[p];
		printf("%s{\"id\": %lld, \"year\": %d", p ? ",\n    " : "\n    ", (long long)pl->id,
		       pl->year);
		kv("adopted_on", pl->adopted_on, true);
		fputs(", \"items\": [", stdout);
		for (size_t i = 0; i < r->nitems[p]; i++) {
			const plan_item *it = &r->items[p][i];
			printf("%s{\"id\": %lld", i ? ", " : "", (long long)it->id);
			kv("shortcoming", it->shortcoming, true);
			kv("deadline", it->deadline, true);
			kv("status", plans_name(PLANS_STATUS, plans_item_status(it, a->today)),
			   true);
			kv("remedied_on", it->remedied_on, true);
			kv("verified_on", it->verified_on, true);
			fputs("}", stdout);
		}
		fputs("]}", stdout);
	}
	fputs("]", stdout);
}

/* The cadre's fields as its table writes them (the audit trail's form),
 * then its ratings, trainings, planning and plans. */
static void show_json(const app *a, const record *r)
{
	size_t n;
	const field_def *t = cadre_fields(&n);
	json_buf b;

	json_to_file(&b, stdout);
	json_raw(&b, "{");
	fields_json(&b, t, n, &r->c);
	json_lists(&b, r);
	json_plans(a, r);
	fputs("}\n", stdout);
}

/* The cadre a name stands for: exactly one match within --district, else
 * the matches are listed (several: exit 2) or none is found (exit 1). */
static int id_by_name(app *a, const cli_args *args, const char *text, int64_t *id)
{
	search_query q;
	search_hit *hits = NULL;
	size_t n = 0;
	cb_error err;
	int rc;

	if ((rc = cli_cadre_query(a, text, &q)))
		return rc;
	cb_error_clear(&err);
	if ((rc = search_fetch(a->db, &q, 0, false, 11, &hits, &n, &err)))
		return cli_fail(&err);
	if (n == 1)
		*id = hits[0].c.id;
	if (n == 0)
		cli_warn(_("No cadre matches '%s'"), text);
	if (n > 1) {
		if (n > 10)
			cli_warn(_("More than 10 cadres match '%s'; give the number of one:"),
				 text);
		else
			cli_warn(_("%zu cadres match '%s'; give the number of one:"), n, text);
		for (size_t i = 0; i < n && i < 10; i++) {
			char birth[16];
			cb_date d;
			if (date_parse_iso(hits[i].c.birth_date, &d))
				date_format_vn(d, birth);
			else
				snprintf(birth, sizeof birth, "%s", hits[i].c.birth_date);
			fprintf(stderr, "  %6lld  %s  %s  %s\n", (long long)hits[i].c.id,
				hits[i].c.full_name, birth, hits[i].c.unit_name);
		}
	}
	free(hits);
	return n == 1 ? CB_OK : n == 0 ? CB_NOT_FOUND : CB_EUSAGE;
}

static void join_words(const cli_args *args, char *buf, size_t cap)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < args->argc && len + 1 < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? " " : "", args->argv[i]);
}

int cmd_show(int argc, char **argv)
{
	cli_args args;
	record r;
	cb_error err;
	int64_t id = 0;
	char text[512];
	app a;
	int rc = cli_parse(argc, argv, &show_cmd, &args);

	if (rc || args.help)
		return rc;
	bool by_number = args.argc == 1 && cli_number(args.argv[0], INT64_MAX, &id);
	if (by_number && id == 0)
		return cli_usage(&show_cmd, _("ID must be a cadre's number, not '%s'"),
				 args.argv[0]);
	join_words(&args, text, sizeof text);
	args.app.readonly = true;
	store_expect_lookups(); /* a few pages read: on one huge page */
	if ((rc = cli_open(&args, &a)))
		return rc;
	if (!by_number && (rc = id_by_name(&a, &args, text, &id))) {
		app_close(&a);
		return rc;
	}
	cb_error_clear(&err);
	if ((rc = record_load(a.db, id, a.today, &r, &err))) {
		app_close(&a);
		if (rc == CB_NOT_FOUND)
			cli_warn(_("No cadre with ID %lld"), (long long)id);
		else
			cli_fail(&err);
		return rc;
	}
	if (args.format == OUT_JSON)
		show_json(&a, &r);
	else if (show_table(&a, &r))
		rc = CB_EDB;
	record_free(&r);
	app_close(&a);
	return rc;
}
