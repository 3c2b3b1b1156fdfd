/* record_career.c - the career lines of a cadre's record: retirement
 * date, current term and its notice, departure, discipline in force. */
#include "ui_draw.h"
#include "ui_screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "career_store.h"
#include "i18n.h"

static const char *vn(const char *iso, char *buf)
{
	cb_date d;
	if (!date_parse_iso(iso, &d))
		return iso;
	date_format_vn(d, buf);
	return buf;
}

static void term_line(app *a, const career_rules *r, int64_t id, ui_career_add add, void *ctx)
{
	appointment_row *v = NULL;
	size_t n = 0;
	cb_error err = {0};
	char b1[11], b2[11], text[128];
	cb_date end;

	if (store_appointments(a->db, id, &v, &n, &err) != CB_OK)
		return;
	if (n && v[0].end_reason == 0 && date_parse_iso(v[0].term_end, &end)) {
		date_format_vn(career_notice_date(r, end), b2);
		snprintf(text, sizeof text, _("%s (notify by %s)"), vn(v[0].term_end, b1), b2);
		add(ctx, end - a->today < 180 ? UI_WARN : UI_NORMAL, _("Term ends"), text);
	}
	free(v);
}

static void discipline_lines(app *a, int64_t id, ui_career_add add, void *ctx)
{
	discipline_row *v = NULL, bar;
	size_t n = 0;
	cb_error err = {0};
	char b[11], text[160], form[64];

	if (store_disciplines(a->db, id, 0, 0, 0, &v, &n, &err) == CB_OK)
		for (size_t i = 0; i < n; i++) {
			cb_date lapse, ann;
			if (v[i].annulled_on[0] || !date_parse_iso(v[i].lapse_on, &lapse) ||
			    !date_parse_iso(v[i].announced_on, &ann) || ann > a->today ||
			    a->today >= lapse)
				continue;
			snprintf(text, sizeof text, _("under discipline until %s (%s)"),
				 vn(v[i].lapse_on, b),
				 disc_form_title(v[i].form, form, sizeof form));
			add(ctx, UI_WARN, _("Discipline"), text);
			break;
		}
	free(v);
	if (store_discipline_bar(a->db, id, a->today, &bar, &err) == CB_OK)
		add(ctx, UI_WARN, _("Planning"),
		    strcmp(bar.bar_until, CAREER_FOREVER) ? vn(bar.bar_until, b) : _("no end"));
}

void ui_career_lines(app *a, const cadre *c, ui_career_add add, void *ctx)
{
	career_rules r;
	departure_row dep;
	cb_error err = {0};
	cb_date ret;
	char b[11], text[160];

	if (career_rules_load(a->config, &r, &err) != CB_OK)
		return;
	ret = career_retirement_of(&r, c->gender, c->birth_date);
	if (ret != CB_DATE_NONE) {
		date_format_vn(ret, b);
		add(ctx, ret - a->today < 366 ? UI_WARN : UI_NORMAL, _("Retirement"), b);
	}
	term_line(a, &r, c->id, add, ctx);
	if (store_departure_get(a->db, c->id, &dep, &err) == CB_OK) {
		snprintf(text, sizeof text, "%s, %s", career_enum_label(CE_DEPARTURE, dep.kind),
			 vn(dep.left_on, b));
		add(ctx, UI_WARN, _("Left the list"), text);
	}
	discipline_lines(a, c->id, add, ctx);
}
