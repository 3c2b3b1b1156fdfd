/* cmd_audit.c - `canbo audit`: who changed what, and whether the trail
 * was changed behind canbo's back (audit.h).
 *
 *   canbo audit [--user U] [--since YYYY-MM-DD] [--record TABLE:ID]
 *       the changes, newest first, within the user's districts
 *   canbo audit verify
 *       checks the whole hash chain: exit 0 and the head hash when it
 *       holds, exit 1 naming the first row where it breaks
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "cli.h"
#include "commands.h"
#include "date.h"
#include "i18n.h"
#include "output.h"

static cli_option audit_opts[] = {
	{"user", N_("USER"), N_("Only the changes made by this Unix user"), false, NULL},
	{"since", "YYYY-MM-DD", N_("Only the changes made on or after this day (UTC)"), false,
	 NULL},
	{"record", N_("TABLE:ID"), N_("Only the changes of one record, e.g. cadre:42"), false,
	 NULL},
	{NULL, NULL, NULL, false, NULL},
};

static const cli_command audit_cmd = {
	.name = "audit",
	.synopsis = N_("[verify]"),
	.summary = N_("List the changes, or check that the audit trail was not altered"),
	.min_args = 0,
	.max_args = 1,
	.options = audit_opts,
	.formats = 0,
};

static int run_verify(app *a)
{
	audit_verdict v;
	cb_error err;
	int rc;

	cb_error_clear(&err);
	if ((rc = store_audit_verify(a->db, &v, &err)))
		return cli_fail(&err);
	if (v.broken_at) {
		printf(_("The audit trail was altered: the chain breaks at row %lld (of %lld "
			 "rows).\n"),
		       (long long)v.broken_at, (long long)v.rows);
		return CB_NOT_FOUND;
	}
	printf(_("The audit trail holds: %lld rows, head hash %s\n"), (long long)v.rows,
	       v.head[0] ? v.head : "-");
	return CB_OK;
}

/* --record TABLE:ID into q. */
static int take_record(const char *s, char *table, size_t cap, audit_query *q)
{
	const char *colon = strchr(s, ':');
	int64_t id;

	if (!colon || colon == s || (size_t)(colon - s) >= cap ||
	    !cli_number(colon + 1, INT64_MAX, &id))
		return cli_usage(&audit_cmd, _("--record needs TABLE:ID, e.g. cadre:42, not '%s'"),
				 s);
	snprintf(table, cap, "%.*s", (int)(colon - s), s);
	q->table = table;
	q->row = id;
	return CB_OK;
}

static int run_list(app *a, const cli_args *args, const audit_query *q)
{
	const out_column cols[] = {
		{"id", _("No."), OUT_RIGHT, OUT_NUM, 0},
		{"at", _("Time (UTC)"), OUT_LEFT, OUT_STR, 0},
		{"user", _("User"), OUT_LEFT, OUT_STR, 0},
		{"table", _("Table"), OUT_LEFT, OUT_STR, 0},
		{"record", _("Record"), OUT_RIGHT, OUT_NUM, 0},
		{"action", _("Action"), OUT_LEFT, OUT_STR, 0},
		{"new", _("Values"), OUT_LEFT, OUT_STR, 60},
	};
	audit_row *rows = NULL;
	size_t n = 0;
	out_writer *o;
	cb_error err;
	int rc = CB_OK;

	cb_error_clear(&err);
	if ((rc = store_audit_list(a->db, q, &rows, &n, &err)))
		return cli_fail(&err);
	if (n == 0) {
		cli_warn("%s", _("No changes recorded here"));
		return CB_NOT_FOUND;
	}
	if (!(o = out_begin(stdout, args->format, cols, sizeof cols / sizeof cols[0]))) {
		store_audit_free(rows, n);
		cli_warn("%s", out_failure());
		return CB_EDB;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		char id[24], rec[24];
		const char *cells[7] = {id,
					rows[i].at,
					rows[i].user,
					rows[i].table,
					rec,
					rows[i].action,
					rows[i].new_json ? rows[i].new_json : rows[i].old_json};
		snprintf(id, sizeof id, "%" PRId64, rows[i].id);
		snprintf(rec, sizeof rec, "%" PRId64, rows[i].row);
		if (out_row(o, cells))
			rc = CB_EDB;
	}
	store_audit_free(rows, n);
	if (out_end(o) && !rc)
		rc = CB_EDB;
	if (rc)
		cli_warn("%s", _("Could not write the output"));
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	cli_args args;
	audit_query q = {0};
	char table[32];
	cb_date since;
	app a;
	int rc = cli_parse(argc, argv, &audit_cmd, &args);

	if (rc || args.help)
		return rc;
	if (args.argc == 1 && strcmp(args.argv[0], "verify") != 0)
		return cli_usage(&audit_cmd, _("unexpected argument '%s'"), args.argv[0]);
	q.user = audit_opts[0].seen ? audit_opts[0].value : NULL;
	if (audit_opts[1].seen) {
		if (!date_parse_iso(audit_opts[1].value, &since))
			return cli_usage(
				&audit_cmd,
				_("--since needs a real date written YYYY-MM-DD, not '%s'"),
				audit_opts[1].value);
		q.since = audit_opts[1].value;
	}
	if (audit_opts[2].seen && (rc = take_record(audit_opts[2].value, table, sizeof table, &q)))
		return rc;
	q.limit = args.limit_given ? args.limit : 0;
	args.app.readonly = true;
	if ((rc = cli_open(&args, &a)))
		return rc;
	rc = args.argc == 1 ? run_verify(&a) : run_list(&a, &args, &q);
	app_close(&a);
	return rc;
}
