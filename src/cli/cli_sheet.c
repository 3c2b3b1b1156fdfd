/* cli_sheet.c - the title block of a spreadsheet written by a command:
 * who sends it, what it covers and as of when. The scope is a unit's code
 * or name; NULL is the province. */
#include <stdio.h>

#include "cli.h"
#include "config.h"
#include "date.h"
#include "i18n.h"

void cli_sheet_title(out_writer *w, const app *a, const char *heading, const char *scope,
		     const char *population, int year)
{
	char date[11], y[8];
	const char *office = a->config->office[0]	 ? a->config->office
			     : a->config->unit_count ? a->config->units[0].name
						     : "";

	int unit = scope ? config_unit_index(a->config, scope) : 0;

	if (unit >= 0 && (size_t)unit < a->config->unit_count)
		scope = a->config->units[unit].name; /* a unit's code, or none: the province */
	out_title(w, NULL, heading);
	out_title(w, _("Office"), office);
	if (scope && *scope)
		out_title(w, _("Scope"), scope);
	if (population && *population)
		out_title(w, _("Population"), population);
	if (year > 0) {
		snprintf(y, sizeof y, "%d", year);
		out_title(w, _("Year"), y);
	}
	date_format_vn(a->today, date);
	out_title(w, _("Reference date"), date);
}
