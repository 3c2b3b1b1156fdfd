/* demo_orgs.c - the demo's units and party organisations.
 *
 * The units are the configured ones (already in the database); each gets
 * its short name and committee word ("Huyện ủy", "Thị ủy", "Thành ủy").
 * The organisations follow the units: the provincial committee with its
 * standing committee, party delegations and one organisation per agency;
 * per district its committee, standing committee and the cells of its
 * offices; per commune its party committee and cells. Each is rated every
 * year from its own stream of records.
 */
#include <stdio.h>

#include "demo_internal.h"

/* Yearly rating, GRADE_LIST 1..4: excellent, good, completed, failed. */
static const int grade_w_leading_org[4] = {30, 66, 4, 0};
static const int grade_w_grassroots[4] = {20, 73, 6, 1};
static const int grade_w_cell[4] = {15, 77, 7, 1};

/* ---- units -------------------------------------------------------------- */

static const char *committee_word(const char *kind)
{
	if (strcmp(kind, "thị xã") == 0)
		return "Thị ủy";
	if (strcmp(kind, "thành phố") == 0)
		return "Thành ủy";
	return "Huyện ủy";
}

/* "Huyện Cần Giuộc" of kind "huyện" -> "Cần Giuộc". */
static void short_name(const cfg_unit *u, char *out, size_t cap)
{
	size_t k = strlen(u->kind);
	const char *n = u->name;
	if (k && strlen(n) > k && (n[0] | 0x20) == (u->kind[0] | 0x20) &&
	    strncmp(n + 1, u->kind + 1, k - 1) == 0 && n[k] == ' ')
		n += k + 1;
	snprintf(out, cap, "%s", n);
}

int demo_load_units(build *b)
{
	sqlite3_stmt *st = prepare(b, "SELECT id FROM unit WHERE code = ?");
	const cfg *c = b->c;
	int deepest = 1;

	if (!st)
		return CB_EDB;
	b->units = calloc(c->unit_count ? c->unit_count : 1, sizeof *b->units);
	for (int l = 0; l < LV_COUNT; l++)
		b->by_level[l] = calloc(c->unit_count ? c->unit_count : 1, sizeof(int));
	if (!b->units || !b->by_level[0] || !b->by_level[1] || !b->by_level[2]) {
		sqlite3_finalize(st);
		return cb_error_set(b->err, CB_EDB, _("Out of memory"));
	}
	for (size_t i = 0; i < c->unit_count; i++)
		if (c->units[i].tier > deepest)
			deepest = c->units[i].tier;
	b->levels = deepest >= 3 ? 3 : 2;
	b->province = -1;
	for (size_t i = 0; i < c->unit_count; i++) {
		const cfg_unit *u = &c->units[i];
		dunit *d = &b->units[i];
		sqlite3_bind_text(st, 1, u->code, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			return cb_error_set(
				b->err, CB_EDB,
				_("Unit %s of the configuration is not in the database"), u->code);
		}
		d->id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		d->cfg = (int)i;
		d->tier = u->tier;
		d->level = u->tier == 1		? LV_PROVINCE
			   : u->tier == deepest ? LV_COMMUNE
						: LV_DISTRICT;
		snprintf(d->kind, sizeof d->kind, "%s", u->kind);
		snprintf(d->committee, sizeof d->committee, "%s", committee_word(u->kind));
		short_name(u, d->shortname, sizeof d->shortname);
		d->district = -1;
		for (int p = u->parent; p >= 0; p = c->units[p].parent)
			if (c->units[p].tier == 2 && b->levels == 3)
				d->district = p;
		if (d->level == LV_PROVINCE && b->province < 0)
			b->province = (int)i;
		b->by_level[d->level][b->nby_level[d->level]++] = (int)i;
	}
	sqlite3_finalize(st);
	b->nunits = c->unit_count;
	if (b->province < 0 || b->nby_level[LV_COMMUNE] == 0)
		return cb_error_set(b->err, CB_ECONFIG,
				    _("The configuration needs a province and at least one commune "
				      "for a demo"));
	return CB_OK;
}

/* ---- organisations ------------------------------------------------------ */

static int org_add(build *b, const char *name, int kind, int64_t parent, int64_t unit_id,
		   const int *grade_w, int64_t *id_out)
{
	org_row o;
	int rc;

	memset(&o, 0, sizeof o);
	snprintf(o.name, sizeof o.name, "%s", name);
	o.kind = kind;
	o.parent_id = parent;
	o.unit_id = unit_id;
	if ((rc = store_bulk_org(b->bulk, &o, b->err)))
		return rc;
	b->st->orgs++;
	for (int y = DEMO_FIRST_YEAR; y <= DEMO_LAST_YEAR; y++) {
		int grade = 1 + pick_weights(&b->rec, grade_w, 4);
		if ((rc = store_bulk_rating(b->bulk, 0, o.id, y, grade, b->err)))
			return rc;
	}
	if (id_out)
		*id_out = o.id;
	return CB_OK;
}

static int province_orgs(build *b)
{
	dunit *p = &b->units[b->province];
	char name[256];
	int rc;

	snprintf(name, sizeof name, "Tỉnh ủy %s", p->shortname);
	if ((rc = org_add(b, name, 1, 0, p->id, grade_w_leading_org, &p->org_main)) ||
	    (rc = org_add(b, "Ban Thường vụ Tỉnh ủy", 2, p->org_main, p->id, grade_w_leading_org,
			  &p->org_standing)) ||
	    (rc = org_add(b, "Đảng đoàn HĐND tỉnh", 4, p->org_main, p->id, grade_w_leading_org,
			  &b->org_deleg_hdnd)) ||
	    (rc = org_add(b, "Ban cán sự đảng UBND tỉnh", 5, p->org_main, p->id,
			  grade_w_leading_org, &b->org_board_ubnd)) ||
	    (rc = org_add(b, "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh", 4, p->org_main, p->id,
			  grade_w_leading_org, &b->org_deleg_mttq)))
		return rc;
	/* One party organisation per provincial agency, in list order. */
	for (size_t i = 0; i < demo_province_agencies.count; i++) {
		const char *ag = demo_province_agencies.words[i].text;
		bool party_body = strstr(ag, "Tỉnh ủy") != NULL;
		snprintf(name, sizeof name, party_body ? "Chi bộ %s" : "Đảng bộ %s", ag);
		int64_t id;
		if ((rc = org_add(b, name, party_body ? 7 : 6, p->org_main, p->id,
				  party_body ? grade_w_cell : grade_w_grassroots, &id)))
			return rc;
		if (i == 0)
			b->agency_org_first = id;
	}
	return CB_OK;
}

static int district_orgs(build *b, dunit *d)
{
	char name[512];
	int64_t prov = b->units[b->province].org_main;
	int rc;

	snprintf(name, sizeof name, "%s %s", d->committee, d->shortname);
	if ((rc = org_add(b, name, 3, prov, d->id, grade_w_leading_org, &d->org_main)))
		return rc;
	snprintf(name, sizeof name, "Ban Thường vụ %s %s", d->committee, d->shortname);
	if ((rc = org_add(b, name, 2, d->org_main, d->id, grade_w_leading_org, &d->org_standing)))
		return rc;
	snprintf(name, sizeof name, "Đảng bộ Cơ quan Chính quyền %s %s", d->kind, d->shortname);
	if ((rc = org_add(b, name, 6, d->org_main, d->id, grade_w_grassroots, &d->org_agencies)))
		return rc;
	for (size_t i = 0; i < demo_district_offices.count; i++) {
		int64_t id;
		snprintf(name, sizeof name, "Chi bộ %s", demo_district_offices.words[i].text);
		if ((rc = org_add(b, name, 7, d->org_agencies, d->id, grade_w_cell, &id)))
			return rc;
		if (i == 0)
			d->org_office_first = id;
	}
	return CB_OK;
}

static int commune_orgs(build *b, dunit *d)
{
	char name[512];
	int64_t parent =
		d->district >= 0 ? b->units[d->district].org_main : b->units[b->province].org_main;
	bool ward = strcmp(d->kind, "xã") != 0;
	int rc;

	snprintf(name, sizeof name, "Đảng ủy %s %s", d->kind, d->shortname);
	if ((rc = org_add(b, name, 6, parent, d->id, grade_w_grassroots, &d->org_main)))
		return rc;
	d->ncells = 3 + (int)demo_rng_below(&b->rng, 5) + 2;
	for (int i = 0; i < d->ncells; i++) {
		int64_t id;
		if (i == d->ncells - 2)
			snprintf(name, sizeof name, "Chi bộ Quân sự");
		else if (i == d->ncells - 1)
			snprintf(name, sizeof name, "Chi bộ Cơ quan");
		else
			snprintf(name, sizeof name, "Chi bộ %s %d", ward ? "khu phố" : "ấp", i + 1);
		if ((rc = org_add(b, name, 7, d->org_main, d->id, grade_w_cell, &id)))
			return rc;
		if (i == 0)
			d->cell_first = id;
	}
	return CB_OK;
}

int demo_build_orgs(build *b)
{
	int rc = province_orgs(b);
	for (size_t i = 0; !rc && i < b->nby_level[LV_DISTRICT]; i++)
		rc = district_orgs(b, &b->units[b->by_level[LV_DISTRICT][i]]);
	for (size_t i = 0; !rc && i < b->nby_level[LV_COMMUNE]; i++)
		rc = commune_orgs(b, &b->units[b->by_level[LV_COMMUNE][i]]);
	return rc;
}
