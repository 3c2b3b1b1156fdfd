/* screen_export.c - the export key of the screens that show a table (the
 * breakdown and cross-tab, the target panel, the summary of action plans,
 * the self-check list): the table as the office sends it, XLSX or CSV for
 * spreadsheets, chosen by the name's ending (sheet.h writes it).
 *
 * As for the cadre export: the file is written under a temporary name in
 * its directory (mkstemp, so owner-only) and renamed only when complete;
 * an existing file is replaced only after a question.
 */
#include "ui_dialog.h"
#include "ui_view.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "output.h"
#include "text.h"

/* A file name from the screen's title: ASCII, no spaces, .xlsx. */
static void suggest(const char *title, cb_date today, char *buf, size_t cap)
{
	char fold[96], day[11];
	size_t k = 0;

	text_fold(title ? title : "canbo", fold, sizeof fold);
	for (size_t i = 0; fold[i] && k + 1 < sizeof fold; i++) {
		unsigned char c = (unsigned char)fold[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			fold[k++] = (char)c;
		else if (k && fold[k - 1] != '-')
			fold[k++] = '-';
	}
	while (k && fold[k - 1] == '-')
		k--;
	fold[k] = '\0';
	date_format_iso(today, day);
	snprintf(buf, cap, "%s-%s.xlsx", k ? fold : "canbo", day);
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n > m && strcasecmp(s + n - m, end) == 0;
}

/* Writes through a temporary file beside path; a message on failure. */
static int write_file(const char *path, int format, ui_sheet_fn fn, void *ctx)
{
	char tmp[PATH_MAX + 16], msg[PATH_MAX + 200];
	const char *slash = strrchr(path, '/');
	int fd, rc, saved;
	FILE *f;

	snprintf(tmp, sizeof tmp, "%.*s.canbo-XXXXXX", slash ? (int)(slash - path + 1) : 0, path);
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "w"))) {
		saved = errno;
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		snprintf(msg, sizeof msg, _("Could not write the file: %s"), strerror(saved));
		ui_message(_("Export"), msg);
		return CB_EDB;
	}
	rc = fn(f, format, ctx);
	saved = errno;
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		saved = errno;
		rc = rc ? rc : CB_EDB;
	}
	if (fclose(f) != 0 && !rc) {
		saved = errno;
		rc = CB_EDB;
	}
	if (!rc && rename(tmp, path) != 0) {
		saved = errno;
		rc = CB_EDB;
	}
	if (rc) {
		unlink(tmp);
		snprintf(msg, sizeof msg, _("Could not write the file: %s"), strerror(saved));
		ui_message(_("Export"), msg);
	}
	return rc;
}

int ui_export_sheet(app *a, const char *title, ui_sheet_fn fn, void *ctx)
{
	char path[PATH_MAX], msg[PATH_MAX + 100];
	struct stat sb;
	int format;

	suggest(title, a->today, path, sizeof path);
	for (;;) {
		if (!ui_input(_("Write to the file (.xlsx or .csv):"), path, sizeof path) ||
		    !path[0])
			return CB_NOT_FOUND;
		if (ends_with(path, ".xlsx") || ends_with(path, ".csv"))
			break;
		ui_message(_("Export"), _("The name must end in .xlsx (a workbook) or .csv (for "
					  "any spreadsheet)."));
	}
	format = ends_with(path, ".csv") ? OUT_CSV_LABELS : OUT_XLSX;
	if (stat(path, &sb) == 0) {
		snprintf(msg, sizeof msg, _("%s exists. Replace it?"), path);
		if (!ui_confirm(msg))
			return CB_NOT_FOUND;
	}
	if (write_file(path, format, fn, ctx))
		return CB_EDB;
	ui_flash(UI_GOOD, _("Wrote %s."), path);
	return CB_OK;
}
