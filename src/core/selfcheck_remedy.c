/* selfcheck_remedy.c - a manifestation flagged in a self-check opens an
 * item of the cadre's remediation plan in one step, so that what a cadre
 * admits in a self-check is followed up like what the year-end review
 * finds.
 *
 * One transaction: the plan of the check's year is created (not adopted,
 * self-identified) when there is none, then the item is added, both
 * audited. The item's shortcoming is the catalogue's wording of the
 * manifestation; while the office has not filled it in, a reference to its
 * code and the month of the check stands in for it (never wording of
 * canbo's own).
 */
#include "plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_sql.h"

static const manifestation *find_code(const manifestation *cat, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(cat[i].code, code) == 0)
			return &cat[i];
	return NULL;
}

/* Whether the plan already holds an item with this shortcoming. */
static int already_there(store *s, int64_t plan_id, const char *text, int64_t *item, cb_error *err)
{
	plan_item *items = NULL;
	size_t n = 0;
	int rc = plans_items(s, plan_id, &items, &n, err);

	*item = 0;
	for (size_t i = 0; !rc && i < n && !*item; i++)
		if (strcmp(items[i].shortcoming, text) == 0)
			*item = items[i].id;
	free(items);
	return rc;
}

int selfcheck_remedy(store *s, int64_t cadre_id, const char *month, const char *code,
		     const manifestation *cat, size_t n, cb_date today, int64_t *item_id,
		     cb_error *err)
{
	const manifestation *m = find_code(cat, n, code ? code : "");
	selfcheck sc;
	cadre who;
	plan p;
	plan_item it;
	int64_t dup;
	int rc;

	if (!m)
		return cb_error_set(err, CB_EINVALID,
				    _("%s is not a code of the catalogue of manifestations"),
				    code ? code : "");
	if ((rc = selfcheck_get(s, cadre_id, month, &sc, err)) ||
	    (rc = store_cadre_get(s, cadre_id, &who, err)))
		return rc;
	if (!selfcheck_flag_has(sc.flagged, m->code))
		return cb_error_set(err, CB_EINVALID,
				    _("The self-check of %s does not flag manifestation %s"), month,
				    m->code);
	memset(&it, 0, sizeof it);
	it.source = 1; /* PLAN_SOURCE_LIST: "self" */
	it.responsibility = PLAN_INDIVIDUAL;
	snprintf(it.responsible, sizeof it.responsible, "%s", who.full_name);
	if (m->text[0])
		snprintf(it.shortcoming, sizeof it.shortcoming, "%s", m->text);
	else
		snprintf(it.shortcoming, sizeof it.shortcoming,
			 _("Manifestation %s (flagged in the self-check of %s)"), m->code, month);
	if ((rc = store_begin(s, err)))
		return rc;
	rc = plans_find(s, cadre_id, 0, atoi(month), today, &p, err);
	if (rc == CB_NOT_FOUND) {
		memset(&p, 0, sizeof p);
		p.cadre_id = cadre_id;
		p.year = atoi(month);
		p.sources = 1;
		rc = plans_create(s, &p, today, err);
	}
	if (!rc && !(rc = already_there(s, p.id, it.shortcoming, &dup, err)) && dup)
		rc = cb_error_set(err, CB_EINVALID,
				  _("The plan of %d already holds it (item %lld)"), p.year,
				  (long long)dup);
	it.plan_id = p.id;
	if (!rc)
		rc = plans_item_add(s, &it, today, err);
	if ((rc = store_finish(s, rc, err)))
		return rc;
	*item_id = it.id;
	return CB_OK;
}
