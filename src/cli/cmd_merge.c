/* cmd_merge.c - `canbo merge`: another database, such as another
 * province's, brought into this one (sync.h).
 *
 *   canbo merge --from OTHER.db [--map UNITS.csv] [--office CODE] [--dry-run]
 *
 * Every record of OTHER.db comes in under the identity it has there; its
 * units are matched by code, through UNITS.csv (lines "old code,new code")
 * for those renamed; cadres already here (same name and birth date) are
 * listed and kept as conflicts, never merged silently. OTHER.db is only
 * read. Once merged, the same database is not merged twice.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "i18n.h"
#include "sync.h"

static cli_option merge_opts[] = {
	{"from", N_("FILE"), N_("The database to bring in (only read)"), false, NULL},
	{"map", N_("FILE"), N_("Units renamed: CSV lines \"old code,new code\""), false, NULL},
	{"office", N_("CODE"), N_("The code its records are known by (default: its province's)"),
	 false, NULL},
	{"dry-run", NULL, N_("Check and count everything, change nothing"), false, NULL},
	{NULL, NULL, NULL, false, NULL},
};
enum { M_FROM, M_MAP, M_OFFICE, M_DRY };

static const cli_command merge_cmd = {
	.name = "merge",
	.synopsis = "",
	.summary = N_("Bring another database (another province's) into this one"),
	.min_args = 0,
	.max_args = 0,
	.options = merge_opts,
	.formats = 0,
	.hide = CLI_HIDE_FORMAT | CLI_HIDE_LIMIT,
};

/* Reads "old,new" lines (',' or ';'; a first line that is not a code is a
 * header). */
static int read_map(const char *path, sync_unit_map *m)
{
	FILE *f = fopen(path, "r");
	char line[256];
	int lineno = 0;
	memset(m, 0, sizeof *m);
	if (!f) {
		cli_warn(_("Cannot read %s: %s"), path, strerror(errno));
		return CB_EUSAGE;
	}
	while (fgets(line, sizeof line, f)) {
		char *sep, *end;
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0])
			continue;
		sep = strpbrk(line, ",;");
		if (lineno == 1 && (line[0] < '0' || line[0] > '9'))
			continue;
		if (!sep || sep == line || !sep[1] || (size_t)(sep - line) >= 16 ||
		    strlen(sep + 1) >= 16) {
			cli_warn(_("%s:%d: a line of the map is \"old code,new code\", not '%s'"),
				 path, lineno, line);
			fclose(f);
			free(m->from);
			free(m->to);
			return CB_EUSAGE;
		}
		*sep = '\0';
		if ((end = strpbrk(sep + 1, ",;")))
			*end = '\0'; /* further columns (names) are for the reader */
		void *a = realloc(m->from, (m->n + 1) * sizeof *m->from);
		if (a)
			m->from = a;
		void *b = realloc(m->to, (m->n + 1) * sizeof *m->to);
		if (b)
			m->to = b;
		if (!a || !b) {
			fclose(f);
			return CB_EDB;
		}
		snprintf(m->from[m->n], 16, "%s", line);
		snprintf(m->to[m->n], 16, "%s", sep + 1);
		m->n++;
	}
	fclose(f);
	return CB_OK;
}

int cmd_merge(int argc, char **argv)
{
	cli_args args;
	sync_unit_map map = {0};
	sync_apply_info info;
	store *other = NULL;
	cb_error err;
	app a;
	int rc = cli_parse(argc, argv, &merge_cmd, &args);

	if (rc || args.help)
		return rc;
	if (!merge_opts[M_FROM].seen)
		return cli_usage(&merge_cmd, "%s",
				 _("give the database to bring in with --from FILE"));
	if (merge_opts[M_MAP].seen && (rc = read_map(merge_opts[M_MAP].value, &map)))
		return rc;
	cb_error_clear(&err);
	if (store_open(&other, merge_opts[M_FROM].value, STORE_READONLY, &err)) {
		free(map.from);
		free(map.to);
		return cli_fail(&err);
	}
	if (!(rc = cli_open(&args, &a))) {
		rc = sync_merge(a.db, other,
				merge_opts[M_OFFICE].seen ? merge_opts[M_OFFICE].value : NULL,
				map.n ? &map : NULL, merge_opts[M_DRY].seen, &info, &err);
		if (rc) {
			cli_fail(&err);
		} else if (info.already) {
			printf(_("Office %s was merged here before; nothing changed\n"),
			       info.office);
		} else {
			for (size_t i = 0; i < info.ndups; i++)
				printf(_("Already here: %s, born %s (number %lld here, %lld "
					 "brought in)\n"),
				       info.dups[i].full_name, info.dups[i].birth_date,
				       (long long)info.dups[i].here_id, (long long)info.dups[i].id);
			printf(merge_opts[M_DRY].seen
				       ? _("Would bring in %zu records of office %s; %zu cadres "
					   "already here, %zu conflicts; nothing was changed\n")
				       : _("Brought in %zu records of office %s; %zu cadres "
					   "already here, %zu conflicts kept (canbo sync "
					   "conflicts)\n"),
			       info.changes, info.office, info.ndups, info.conflicts);
		}
		free(info.dups);
		app_close(&a);
	}
	store_close(other);
	free(map.from);
	free(map.to);
	return rc;
}
