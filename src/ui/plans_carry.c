/* plans_carry.c - carrying a year's items not remedied into the next
 * year's plans: the counts told and typed back before anything changes,
 * then one call to the core (plans_carry_over: one transaction, audited).
 */
#include "screen_plans.h"

#include <stdio.h>

#include "i18n.h"
#include "ui_dialog.h"
#include "ui_screens.h"
#include "ui_view.h"

/* A count with a space between groups of three digits ("1 983"), as
 * written in Vietnamese documents. */
static const char *grouped(int64_t n, char *buf, size_t cap)
{
	char raw[32];
	int len = snprintf(raw, sizeof raw, "%llu", (unsigned long long)(n > 0 ? n : 0)), o = 0;

	for (int i = 0; i < len && (size_t)o + 2 < cap; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ' ';
		buf[o++] = raw[i];
	}
	buf[o] = '\0';
	return buf;
}

bool screen_plans_carry(app *a, const plans_query *pq, const char *where)
{
	char q[1024], deadline[32] = "", ni[32], np[32], nn[32];
	size_t copied = 0, created = 0;
	plans_carry_counts c;
	cb_error err = {0};
	int year = pq->year;

	if (!ui_may_edit(a))
		return false;
	if (!year) {
		ui_flash(UI_ERROR, "%s", _("Choose a year first with [ and ]."));
		return false;
	}
	if (plans_carry_count(a->db, pq, year, &c, &err) != CB_OK) {
		ui_message(_("Nothing was carried over"), err.msg);
		return false;
	}
	if (c.items == 0) {
		ui_flash(UI_NORMAL,
			 _("Nothing to carry over: every item of %d here is remedied or "
			   "already carried."),
			 year);
		return false;
	}
	snprintf(q, sizeof q,
		 _("Carry %s items not remedied of %s plans of %d (%s) into %d? %s new plans "
		   "will be created. Items already carried are not copied again."),
		 grouped(c.items, ni, sizeof ni), grouped(c.plans, np, sizeof np), year, where,
		 year + 1, grouped(c.new_plans, nn, sizeof nn));
	if (!ui_confirm_count(q, c.items))
		return false;
	if (!ui_input(_("New deadline of the carried items (dd/mm/yyyy; empty = keep theirs):"),
		      deadline, sizeof deadline))
		return false;
	if (plans_carry_over(a->db, pq, year, deadline, &copied, &created, &err) != CB_OK) {
		ui_message(_("Nothing was carried over"), err.msg);
		return false;
	}
	ui_flash(UI_GOOD, _("%zu items carried into %d; %zu new plans created."), copied, year + 1,
		 created);
	return true;
}
