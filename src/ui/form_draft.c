/* form_draft.c - every form keeps its draft, by construction.
 *
 * Each form made by ui_form_new is tracked here until it is freed. When
 * the terminal goes away (SIGHUP, SIGTERM, a lost connection) the main
 * loop calls ui_drafts_keep_all: every tracked form whose values changed
 * is kept, under a name of its own (its kind, the process and a sequence
 * number), so two sessions of one user, or two forms of one session, never
 * overwrite each other's draft. A form is kept in the database; if the
 * database cannot be written (a full disk, a lock held) it goes to a file
 * of the user's private state directory (draft_file.h). The next start
 * offers each draft: a screen that registered the form's kind (screens.c)
 * opens it again, checked against the version the edit started from; a
 * form of no known kind is shown as text, so that what was typed is never
 * lost silently.
 */
#include "ui_form.h"
#include "ui_screens.h"
#include "ui_view.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "draft_file.h"
#include "i18n.h"
#include "ui_internal.h"

#define KIND_MAX 24

struct tracked {
	ui_form *f;
	char kind[KIND_MAX]; /* "" = no screen reopens it: shown as text */
	int64_t row, version;
	bool off; /* changes no data (a filter): nothing to keep */
};

static struct tracked *reg;
static size_t nreg, capreg;

static struct tracked *find(ui_form *f)
{
	for (size_t i = 0; i < nreg; i++)
		if (reg[i].f == f)
			return &reg[i];
	return NULL;
}

void ui_form_track(ui_form *f)
{
	if (nreg == capreg) {
		size_t cap = capreg ? capreg * 2 : 8;
		struct tracked *p = realloc(reg, cap * sizeof *p);
		if (!p)
			return; /* kept by no one; the form itself still works */
		reg = p;
		capreg = cap;
	}
	memset(&reg[nreg], 0, sizeof reg[nreg]);
	reg[nreg++].f = f;
}

void ui_form_untrack(ui_form *f)
{
	struct tracked *t = find(f);
	if (!t)
		return;
	*t = reg[--nreg];
	if (nreg == 0) {
		free(reg);
		reg = NULL;
		capreg = 0;
	}
}

void ui_form_set_draft(ui_form *f, const char *kind, int64_t row, int64_t version)
{
	struct tracked *t = find(f);
	if (!t)
		return;
	snprintf(t->kind, sizeof t->kind, "%s", kind ? kind : "");
	t->row = row;
	t->version = version;
}

void ui_form_no_draft(ui_form *f)
{
	struct tracked *t = find(f);
	if (t)
		t->off = true;
}

/* A name no other draft has: kind#pid.time.sequence. */
static void instance_name(const char *kind, char *buf, size_t cap)
{
	static unsigned seq;
	snprintf(buf, cap, "%.*s#%lx.%llx.%u", KIND_MAX - 1, kind && *kind ? kind : "form",
		 (unsigned long)getpid(), (unsigned long long)time(NULL), ++seq);
}

int ui_draft_keep(const char *kind, int64_t row, int64_t version, const char *data)
{
	app *a = ui_app();
	char name[64], dir[PATH_MAX];
	cb_error err = {0};

	if (!a)
		return CB_EDB;
	instance_name(kind, name, sizeof name);
	if (a->db && store_draft_save(a->db, name, row, version, data, &err) == CB_OK)
		return CB_OK;
	/* The database cannot take it: the user's own state directory. */
	if (draft_dir(dir, sizeof dir, &err) != CB_OK)
		return CB_EDB;
	return draft_file_save(dir, a->db_path, name, row, version, data, &err);
}

void ui_drafts_keep_all(void)
{
	for (size_t i = 0; i < nreg; i++) {
		struct tracked *t = &reg[i];
		char *dump, *text, *data;
		if (t->off || !ui_form_changed(t->f))
			continue;
		dump = ui_form_dump(t->f);
		text = ui_form_describe(t->f);
		if (dump && text && (data = malloc(strlen(dump) + strlen(text) + 1))) {
			strcpy(data, dump);
			strcat(data, text);
			ui_draft_keep(t->kind, t->row, t->version, data);
			free(data);
		}
		free(dump);
		free(text);
	}
}

/* ---- offering drafts at start ---------------------------------------- */

static const ui_draft_kind *kind_of(const char *name)
{
	size_t n, len = strcspn(name, "#");
	const ui_draft_kind *k = ui_draft_kinds(&n);

	for (size_t i = 0; i < n; i++)
		if (strlen(k[i].form) == len && !strncmp(k[i].form, name, len))
			return &k[i];
	return NULL;
}

/* The readable lines of a draft ("# Label: value"), for a form no screen
 * reopens. */
static char *readable(const char *data)
{
	char *out = calloc(1, strlen(data) + 1);
	size_t k = 0;

	if (!out)
		return NULL;
	for (const char *p = data; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 2 && p[0] == '#' && p[1] == ' ') {
			memcpy(out + k, p + 2, len - 2);
			k += len - 2;
			out[k++] = '\n';
		}
		p += len + (nl != NULL);
	}
	out[k] = '\0';
	return out;
}

static void offer_one(app *a, const draft_rec *r, const char *dir)
{
	const ui_draft_kind *k = kind_of(r->form);
	cb_error err = {0};
	char q[512];

	bool restored = false;

	ui_frame();
	if (k) {
		snprintf(q, sizeof q,
			 _("An unsaved %s was kept when the program was stopped. Restore it?"),
			 _(k->label));
		if (ui_confirm(q)) {
			k->restore(a, r->row, r->version, r->data);
			restored = true;
		}
	} else {
		char *text = readable(r->data);
		ui_message(_("Values typed before the program was stopped"), text ? text : "");
		free(text);
	}
	/* Offered once: restored, it is a live form again (kept anew if the
	 * terminal goes away again); refused, the user chose to drop it. */
	if (!restored && ui_should_quit())
		return; /* not answered: offered again next time */
	if (r->file[0])
		draft_file_drop(dir, r->file, &err);
	else
		store_draft_drop(a->db, r->form, &err);
	ui_invalidate();
}

void ui_drafts_offer(app *a)
{
	draft_rec *db = NULL, *files = NULL;
	size_t ndb = 0, nfiles = 0;
	char dir[PATH_MAX] = "";
	cb_error err = {0};

	store_draft_list(a->db, &db, &ndb, &err);
	if (draft_dir_path(dir, sizeof dir, &err) == CB_OK)
		draft_file_list(dir, a->db_path, &files, &nfiles, &err);
	for (size_t i = 0; i < ndb && !ui_should_quit(); i++)
		offer_one(a, &db[i], dir);
	for (size_t i = 0; i < nfiles && !ui_should_quit(); i++)
		offer_one(a, &files[i], dir);
	draft_recs_free(db, ndb);
	draft_recs_free(files, nfiles);
}
