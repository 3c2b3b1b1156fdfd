/* cmd_trash.c - `canbo delete`, `canbo trash` and `canbo restore`: moving
 * a record to the trash, what was deleted, and getting it back.
 *
 *   canbo delete KIND ID [--dry-run]    says the whole effect, then deletes
 *   canbo trash [list]                  the trash, newest first
 *   canbo trash purge ID                removes an entry for good
 *   canbo trash purge --older-than DAYS removes entries deleted before then
 *   canbo trash purge --expired         the same, DAYS from [trash]
 *                                       purge_after_days of canbo.ini
 *   canbo restore ID                    puts an entry's records back
 *
 * Deleting, restoring and purging need the edit right in the office;
 * listing only reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_plans.h"
#include "commands.h"
#include "date.h"
#include "i18n.h"
#include "trash.h"

static cli_option trash_opts[] = {
	{"older-than", N_("DAYS"), N_("With purge: every entry deleted more than DAYS days ago"),
	 false, NULL},
	{"expired", NULL,
	 N_("With purge: every entry older than [trash] purge_after_days of canbo.ini"), false,
	 NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command trash_cmd = {
	.name = "trash",
	.synopsis = N_("[list | purge ID | purge --older-than DAYS | purge --expired]"),
	.summary = N_("List deleted records, or remove them for good"),
	.min_args = 0,
	.max_args = 2,
	.options = trash_opts,
	.formats = 0,
};

static const cli_command restore_cmd = {
	.name = "restore",
	.synopsis = N_("ID"),
	.summary = N_("Put a deleted record back, with everything deleted with it"),
	.min_args = 1,
	.max_args = 1,
	.options = NULL,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

static int list(app *a, const cli_args *args)
{
	static const out_column cols[] = {
		{"id", N_("No."), OUT_RIGHT, OUT_NUM, 0},
		{"deleted_at", N_("Deleted at"), OUT_LEFT, OUT_STR, 0},
		{"user", N_("By"), OUT_LEFT, OUT_STR, 0},
		{"kind", N_("Kind"), OUT_LEFT, OUT_STR, 0},
		{"record", N_("Record"), OUT_LEFT, OUT_STR, 40},
		{"with", N_("Deleted with it"), OUT_LEFT, OUT_STR, 60},
	};
	out_column tr[6];
	trash_entry *e = NULL;
	size_t n = 0, rows = 0;
	cb_error err;
	out_writer *o;
	int rc = CB_OK;

	cb_error_clear(&err);
	if (trash_list(a->db, &e, &n, &err))
		return cli_fail(&err);
	if (!(o = cli_plans_begin(cols, tr, 6, args->format))) {
		free(e);
		return cli_plans_oom();
	}
	for (size_t i = 0; i < n && rc == CB_OK; i++) {
		char id[24], when[24];
		const char *cells[6] = {id,	      when,
					e[i].user,    trash_kind_label(e[i].table),
					e[i].summary, e[i].contents};
		if (args->limit && rows >= args->limit) {
			rc = 1;
			break;
		}
		snprintf(id, sizeof id, "%lld", (long long)e[i].id);
		/* a table shows the office's clock; CSV and JSON keep UTC */
		if (args->format != OUT_TABLE || !date_format_utc_local(e[i].at, when))
			snprintf(when, sizeof when, "%s", e[i].at);
		rc = out_row(o, cells) ? -1 : CB_OK;
		rows++;
	}
	free(e);
	rc = cli_plans_end(o, rc, &err, rows);
	/* An empty trash is an answer, not a failed search. */
	return rc == CB_NOT_FOUND ? CB_OK : rc;
}

static void say_entry(const char *fmt, const trash_entry *e)
{
	char what[TRASH_SUMMARY_MAX + 600];
	if (e->contents[0])
		snprintf(what, sizeof what, _("%s %s with %s"), trash_kind_label(e->table),
			 e->summary, e->contents);
	else
		snprintf(what, sizeof what, "%s %s", trash_kind_label(e->table), e->summary);
	printf(fmt, (long long)e->id, what);
	putchar('\n');
}

static int purge_one(app *a, int64_t id)
{
	trash_entry e;
	cb_error err;
	cb_error_clear(&err);
	if (trash_get(a->db, id, &e, &err) || trash_purge(a->db, id, &err))
		return cli_fail(&err);
	say_entry(_("Trash entry %lld removed for good: %s."), &e);
	return CB_OK;
}

static int purge_older(app *a, const char *value)
{
	int64_t days;
	long purged = 0;
	cb_error err;
	if (!cli_number(value, 36500, &days))
		return cli_usage(&trash_cmd, _("--older-than needs a number of days, not '%s'"),
				 value);
	cb_error_clear(&err);
	if (trash_purge_older(a->db, (int)days, &purged, &err))
		return cli_fail(&err);
	printf(ngettext("%ld trash entry removed for good.\n",
			"%ld trash entries removed for good.\n", (unsigned long)purged),
	       purged);
	return CB_OK;
}

static int purge_expired(app *a)
{
	char days[16];
	if (a->config->trash_purge_days <= 0) {
		cli_warn(_("%s sets no [trash] purge_after_days: purge by number or with "
			   "--older-than"),
			 a->config->path);
		return CB_ECONFIG;
	}
	snprintf(days, sizeof days, "%d", a->config->trash_purge_days);
	return purge_older(a, days);
}

int cmd_trash(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	int64_t id = 0;
	bool purge;
	int ways, rc = cli_parse(argc, argv, &trash_cmd, &args);

	if (rc || args.help)
		return rc;
	purge = args.argc >= 1 && !strcmp(args.argv[0], "purge");
	ways = (args.argc == 2) + trash_opts[0].seen + trash_opts[1].seen;
	if (args.argc >= 1 && !purge && strcmp(args.argv[0], "list"))
		return cli_usage(&trash_cmd, _("unknown trash command '%s'"), args.argv[0]);
	if (!purge && ways)
		return cli_usage(&trash_cmd, "%s",
				 _("only purge takes a number, --older-than or --expired"));
	if (purge && ways != 1)
		return cli_usage(&trash_cmd, "%s",
				 _("purge needs one of: the number of a trash entry, --older-than "
				   "DAYS, --expired"));
	if (purge && args.argc == 2 && !cli_plans_id(args.argv[1], &id))
		return cli_usage(&trash_cmd, _("'%s' is not the number of a trash entry"),
				 args.argv[1]);
	args.app.readonly = !purge;
	if ((rc = cli_open(&args, &a)))
		return rc;
	if (!purge)
		rc = list(&a, &args);
	else if ((rc = cli_plans_may_edit(&a)) == CB_OK && id)
		rc = purge_one(&a, id);
	else if (rc == CB_OK && trash_opts[0].seen)
		rc = purge_older(&a, trash_opts[0].value);
	else if (rc == CB_OK)
		rc = purge_expired(&a);
	app_close(&a);
	return rc;
}

int cmd_restore(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	trash_entry e;
	cb_error err;
	int64_t id;
	int rc = cli_plans_parse_id(argc, argv, &restore_cmd, &args, &id,
				    _("'%s' is not the number of a trash entry"));

	if (rc || args.help)
		return rc;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if ((rc = cli_plans_may_edit(&a)) == CB_OK) {
		if (trash_get(a.db, id, &e, &err) || trash_restore(a.db, id, &err))
			rc = cli_fail(&err);
		else
			say_entry(_("Trash entry %lld restored: %s."), &e);
	}
	app_close(&a);
	return rc;
}

/* ---- delete ------------------------------------------------------------------ */

static cli_option delete_opts[] = {
	{"version", "N", N_("Delete only if the record is still at this version"), false, NULL},
	{"dry-run", NULL, N_("Only say what would go to the trash"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command delete_cmd = {
	.name = "delete",
	.synopsis = N_("KIND ID"),
	.summary = N_("Move a record to the trash, with everything that depends on it"),
	.min_args = 2,
	.max_args = 2,
	.options = delete_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

/* The kinds as typed on the command line, and their tables. */
static const struct {
	const char *word, *table;
} delete_kinds[] = {
	{"cadre", "cadre"},	  {"org", "org"},	    {"plan", "plan"},
	{"item", "plan_item"},	  {"note", "plan_note"},    {"rating", "rating"},
	{"training", "training"}, {"planning", "planning"}, {"selfcheck", "selfcheck"},
};

int cmd_delete(int argc, char **argv)
{
	cli_args args;
	app a = {0};
	trash_effect e;
	cb_error err;
	const char *table = NULL;
	char deps[512], what[TRASH_SUMMARY_MAX + 600];
	int64_t id, version = 0, tid = 0;
	int rc = cli_parse(argc, argv, &delete_cmd, &args);

	if (rc || args.help)
		return rc;
	for (size_t i = 0; i < sizeof delete_kinds / sizeof delete_kinds[0]; i++)
		if (!strcmp(args.argv[0], delete_kinds[i].word))
			table = delete_kinds[i].table;
	if (!table)
		return cli_usage(&delete_cmd,
				 _("'%s' is not a kind of record: cadre, org, plan, item, note, "
				   "rating, training, planning or selfcheck"),
				 args.argv[0]);
	if (!cli_plans_id(args.argv[1], &id))
		return cli_usage(&delete_cmd, _("'%s' is not a record number"), args.argv[1]);
	if ((rc = cli_plans_take_version(&delete_cmd, &delete_opts[0], &version)))
		return rc;
	args.app.readonly = delete_opts[1].seen;
	if ((rc = cli_open(&args, &a)))
		return rc;
	cb_error_clear(&err);
	if (!delete_opts[1].seen && (rc = cli_plans_may_edit(&a)))
		goto out;
	if (trash_effect_of(a.db, table, id, &e, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	trash_effect_text(&e, deps, sizeof deps);
	if (deps[0])
		snprintf(what, sizeof what, _("%s %s with %s"), trash_kind_label(table), e.summary,
			 deps);
	else
		snprintf(what, sizeof what, "%s %s", trash_kind_label(table), e.summary);
	if (delete_opts[1].seen && !e.nblockers) {
		printf(_("Would go to the trash: %s.\n"), what);
		goto out;
	}
	if (delete_opts[1].seen) {
		/* say why, as the delete itself would */
		trash_counts_text(e.blockers, e.nblockers, deps, sizeof deps);
		cli_warn(_("Still attached to it: %s; move or delete those first. Nothing was "
			   "deleted"),
			 deps);
		rc = CB_EINVALID;
		goto out;
	}
	if (trash_delete(a.db, table, id, version, &tid, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	printf(_("Moved to the trash as entry %lld: %s. `canbo restore %lld` puts it back.\n"),
	       (long long)tid, what, (long long)tid);
out:
	app_close(&a);
	return rc;
}
