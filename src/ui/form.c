/* form.c - a form of fields: text, date, pick-list, yes/no, number.
 *
 * Guarantees: text is typed directly in Vietnamese (the line editor takes
 * wide characters); a field never holds more than its max_bytes (typing
 * past it is refused with a message); ui_form_validate checks every field
 * before the screen saves (required, a real date - no 31/02 -, a number in
 * range, a choice made) and names the field at fault in the user's
 * language; the values can be dumped to text and loaded back (drafts), and
 * a form knows whether anything changed since it was filled.
 */
#include "ui_form.h"
#include "ui_line.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "text.h"
#include "ui_internal.h"

struct form_field {
	ui_line line;  /* text, date, number */
	int64_t value; /* choice (-1 none), bool */
	const ui_choice *choices;
	int nchoices;
	char *text; /* UTF-8 of line, refreshed by ui_form_text */
	size_t text_cap;
};

struct ui_form {
	const ui_field_def *defs;
	int n;
	struct form_field *f;
	int focus, top;
	ui_rect rect;
	char error[512];
	char *clean; /* dump at the last mark_clean */
};

static size_t field_max(const ui_field_def *d)
{
	switch (d->kind) {
	case UI_FIELD_DATE:
		return 10;
	case UI_FIELD_NUMBER:
		return 11;
	default:
		return d->max_bytes ? d->max_bytes : 255;
	}
}

ui_form *ui_form_new(const ui_field_def *defs, int n)
{
	ui_form *f = calloc(1, sizeof *f);

	if (!f)
		return NULL;
	f->f = calloc((size_t)n, sizeof *f->f);
	if (!f->f) {
		free(f);
		return NULL;
	}
	f->defs = defs;
	f->n = n;
	f->rect = ui_body();
	for (int i = 0; i < n; i++) {
		struct form_field *ff = &f->f[i];
		ui_line_init(&ff->line, field_max(&defs[i]));
		ff->value = defs[i].kind == UI_FIELD_CHOICE ? -1 : 0;
		ff->choices = defs[i].choices;
		ff->nchoices = defs[i].nchoices;
		ff->text_cap = field_max(&defs[i]) + 1;
		ff->text = calloc(1, ff->text_cap);
		if (!ff->text) {
			ui_form_free(f);
			return NULL;
		}
	}
	ui_form_track(f); /* kept as a draft if the terminal goes away */
	return f;
}

void ui_form_free(ui_form *f)
{
	if (!f)
		return;
	ui_form_untrack(f);
	for (int i = 0; i < f->n; i++)
		free(f->f[i].text);
	free(f->f);
	free(f->clean);
	free(f);
}

/* ---- values --------------------------------------------------------- */

int ui_form_set_text(ui_form *f, int i, const char *utf8)
{
	if (i < 0 || i >= f->n)
		return CB_EINVALID;
	if (!ui_line_set(&f->f[i].line, utf8))
		return CB_EINVALID;
	f->f[i].line.cur = 0;
	return CB_OK;
}

const char *ui_form_text(ui_form *f, int i)
{
	if (i < 0 || i >= f->n)
		return "";
	ui_line_get(&f->f[i].line, f->f[i].text, f->f[i].text_cap);
	return f->f[i].text;
}

void ui_form_set_value(ui_form *f, int i, int64_t value)
{
	if (i < 0 || i >= f->n)
		return;
	if (f->defs[i].kind == UI_FIELD_NUMBER) {
		char b[24];
		snprintf(b, sizeof b, "%lld", (long long)value);
		ui_line_set(&f->f[i].line, b);
		return;
	}
	f->f[i].value = value;
}

int64_t ui_form_value(ui_form *f, int i)
{
	if (i < 0 || i >= f->n)
		return -1;
	if (f->defs[i].kind == UI_FIELD_NUMBER)
		return strtoll(ui_form_text(f, i), NULL, 10);
	return f->f[i].value;
}

cb_date ui_form_date(ui_form *f, int i)
{
	cb_date d;
	const char *s = ui_form_text(f, i);

	if (!*s || !date_parse_vn(s, &d))
		return CB_DATE_NONE;
	return d;
}

void ui_form_set_date(ui_form *f, int i, cb_date d)
{
	char b[11] = "";

	if (d != CB_DATE_NONE)
		date_format_vn(d, b);
	ui_form_set_text(f, i, b);
}

void ui_form_set_choices(ui_form *f, int i, const ui_choice *choices, int n)
{
	bool found = false;

	if (i < 0 || i >= f->n)
		return;
	f->f[i].choices = choices;
	f->f[i].nchoices = n;
	for (int k = 0; k < n; k++)
		if (choices[k].value == f->f[i].value)
			found = true;
	if (!found)
		f->f[i].value = -1;
}

static int choice_index(const struct form_field *ff)
{
	for (int k = 0; k < ff->nchoices; k++)
		if (ff->choices[k].value == ff->value)
			return k;
	return -1;
}

/* ---- validation ----------------------------------------------------- */

static bool blank(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == '\0';
}

/* Checks one field; fills err and returns CB_EINVALID if it is wrong. */
static int validate_field(ui_form *f, int i, cb_error *err)
{
	const ui_field_def *d = &f->defs[i];
	const char *label = _(d->label);
	const char *s;
	cb_date dt;

	switch (d->kind) {
	case UI_FIELD_CHOICE:
		if (d->required && choice_index(&f->f[i]) < 0)
			return cb_error_set(err, CB_EINVALID, _("%s: choose a value (%s)."), label,
					    ui_keys_label_for(UI_CTX_FORM, UI_ACT_PICK));
		return CB_OK;
	case UI_FIELD_BOOL:
		return CB_OK;
	default:
		break;
	}
	s = ui_form_text(f, i);
	if (blank(s))
		return d->required ? cb_error_set(err, CB_EINVALID,
						  _("%s: this field is required."), label)
				   : CB_OK;
	if (d->kind == UI_FIELD_DATE && !date_parse_vn(s, &dt))
		return cb_error_set(
			err, CB_EINVALID,
			_("%s: \"%s\" is not a real date; type day/month/year, e.g. 25/03/1975."),
			label, s);
	if (d->kind == UI_FIELD_NUMBER) {
		char *end;
		long v = strtol(s, &end, 10);
		if (*end || v < d->min || v > d->max)
			return cb_error_set(err, CB_EINVALID,
					    _("%s: type a whole number from %d to %d."), label,
					    d->min, d->max);
	}
	return CB_OK;
}

int ui_form_validate(ui_form *f, cb_error *err)
{
	for (int i = 0; i < f->n; i++)
		if (validate_field(f, i, err) != CB_OK) {
			ui_form_set_error(f, i, err->msg);
			return CB_EINVALID;
		}
	f->error[0] = '\0';
	return CB_OK;
}

void ui_form_set_error(ui_form *f, int focus, const char *msg)
{
	snprintf(f->error, sizeof f->error, "%s", msg ? msg : "");
	if (focus >= 0 && focus < f->n)
		f->focus = focus;
}

/* ---- drafts and change tracking ------------------------------------- */

char *ui_form_dump(ui_form *f)
{
	size_t cap = 64, len = 0;
	char *out = malloc(cap);

	if (!out)
		return NULL;
	out[0] = '\0';
	for (int i = 0; i < f->n; i++) {
		char val[UI_LINE_MAX * 4 + 32];
		int kind = f->defs[i].kind;
		if (kind == UI_FIELD_CHOICE || kind == UI_FIELD_BOOL) {
			snprintf(val, sizeof val, "%lld", (long long)f->f[i].value);
		} else {
			/* Escape backslash and newline so one value = one line. */
			const char *s = ui_form_text(f, i);
			size_t k = 0;
			for (; *s && k + 2 < sizeof val; s++) {
				if (*s == '\\' || *s == '\n') {
					val[k++] = '\\';
					val[k++] = *s == '\n' ? 'n' : '\\';
				} else {
					val[k++] = *s;
				}
			}
			val[k] = '\0';
		}
		size_t need = len + strlen(val) + 32;
		if (need > cap) {
			while (cap < need)
				cap *= 2;
			char *p = realloc(out, cap);
			if (!p) {
				free(out);
				return NULL;
			}
			out = p;
		}
		len += (size_t)snprintf(out + len, cap - len, "%d=%s\n", i, val);
	}
	return out;
}

char *ui_form_describe(ui_form *f)
{
	size_t cap = 256, len = 0;
	char *out = malloc(cap);

	if (!out)
		return NULL;
	out[0] = '\0';
	for (int i = 0; i < f->n; i++) {
		const ui_field_def *d = &f->defs[i];
		const char *val = "";
		if (d->kind == UI_FIELD_CHOICE) {
			for (int k = 0; k < f->f[i].nchoices; k++)
				if (f->f[i].choices[k].value == f->f[i].value)
					val = f->f[i].choices[k].label;
		} else if (d->kind == UI_FIELD_BOOL) {
			val = f->f[i].value ? _("Yes") : _("No");
		} else {
			val = ui_form_text(f, i);
		}
		size_t need = len + strlen(_(d->label)) + strlen(val) + 8;
		if (need > cap) {
			while (cap < need)
				cap *= 2;
			char *p = realloc(out, cap);
			if (!p) {
				free(out);
				return NULL;
			}
			out = p;
		}
		size_t start = len;
		len += (size_t)snprintf(out + len, cap - len, "# %s: %s\n", _(d->label), val);
		for (size_t k = start; k + 1 < len; k++)
			if (out[k] == '\n')
				out[k] = ' '; /* one value, one line */
	}
	return out;
}

void ui_form_load(ui_form *f, const char *dump)
{
	const char *p = dump;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[UI_LINE_MAX * 4 + 32], val[UI_LINE_MAX * 4 + 32];
		char *eq, *end;
		long i;

		if (len < sizeof line) {
			memcpy(line, p, len);
			line[len] = '\0';
			eq = strchr(line, '=');
			i = strtol(line, &end, 10);
			if (eq && end == eq && i >= 0 && i < f->n) {
				size_t k = 0;
				for (const char *s = eq + 1; *s && k + 1 < sizeof val; s++) {
					if (*s == '\\' && s[1]) {
						s++;
						val[k++] = *s == 'n' ? '\n' : *s;
					} else {
						val[k++] = *s;
					}
				}
				val[k] = '\0';
				int kind = f->defs[i].kind;
				if (kind == UI_FIELD_CHOICE || kind == UI_FIELD_BOOL)
					f->f[i].value = strtoll(val, NULL, 10);
				else
					ui_form_set_text(f, (int)i, val);
			}
		}
		p = nl ? nl + 1 : NULL;
	}
}

bool ui_form_changed(ui_form *f)
{
	char *now = ui_form_dump(f);
	bool changed = !now || !f->clean || strcmp(now, f->clean) != 0;

	free(now);
	return changed;
}

void ui_form_mark_clean(ui_form *f)
{
	free(f->clean);
	f->clean = ui_form_dump(f);
}

/* ---- keys ----------------------------------------------------------- */

static void move_focus(ui_form *f, int delta)
{
	f->focus = (f->focus + delta + f->n) % f->n;
}

static int choice_key(ui_form *f, struct form_field *ff, int action, ui_key key)
{
	const ui_field_def *d = &f->defs[f->focus];
	int k = choice_index(ff);

	switch (action) {
	case UI_ACT_LEFT:
		if (ff->nchoices > 0)
			ff->value = ff->choices[k <= 0 ? ff->nchoices - 1 : k - 1].value;
		return UI_HANDLED;
	case UI_ACT_RIGHT:
		if (ff->nchoices > 0)
			ff->value = ff->choices[k < 0 || k + 1 >= ff->nchoices ? 0 : k + 1].value;
		return UI_HANDLED;
	case UI_ACT_PICK:
	case UI_ACT_TOGGLE:
		break;
	case UI_ACT_NONE:
		if (!ui_key_is_text(key))
			return UI_UNHANDLED;
		break;
	default:
		return UI_UNHANDLED;
	}
	k = ui_pick(_(d->label), ff->choices, ff->nchoices, k);
	if (k >= 0)
		ff->value = ff->choices[k].value;
	return UI_HANDLED;
}

static int bool_key(struct form_field *ff, int action, ui_key key)
{
	switch (action) {
	case UI_ACT_LEFT:
	case UI_ACT_RIGHT:
	case UI_ACT_TOGGLE:
	case UI_ACT_PICK:
		ff->value = !ff->value;
		return UI_HANDLED;
	case UI_ACT_NONE:
		if (key == 'y' || key == 'Y' || key == 'c' || key == 'C' || key == 'x')
			ff->value = 1;
		else if (key == 'n' || key == 'N' || key == 'k' || key == 'K')
			ff->value = 0;
		else
			return UI_UNHANDLED;
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;
	}
}

int ui_form_key(ui_form *f, int action, ui_key key)
{
	struct form_field *ff;
	int kind;

	if (f->n == 0)
		return UI_UNHANDLED;
	ff = &f->f[f->focus];
	kind = f->defs[f->focus].kind;
	switch (action) {
	case UI_ACT_NEXT:
		move_focus(f, 1);
		return UI_HANDLED;
	case UI_ACT_PREV:
		move_focus(f, -1);
		return UI_HANDLED;
	case UI_ACT_PGDN:
	case UI_ACT_PGUP: {
		/* a page of fields (as many as are shown, less one: the
		 * field reached stays in sight), stopping at the first and the
		 * last rather than going round */
		int page = f->rect.h - 3 > 1 ? f->rect.h - 3 : 1;
		f->focus += action == UI_ACT_PGDN ? page : -page;
		f->focus = f->focus < 0 ? 0 : f->focus >= f->n ? f->n - 1 : f->focus;
		return UI_HANDLED;
	}
	default:
		break;
	}
	if (kind == UI_FIELD_CHOICE)
		return choice_key(f, ff, action, key);
	if (kind == UI_FIELD_BOOL)
		return bool_key(ff, action, key);
	if (action == UI_ACT_TOGGLE)
		action = UI_ACT_NONE; /* a space in a text field */
	if (action == UI_ACT_NONE && ui_key_is_text(key)) {
		if (kind == UI_FIELD_NUMBER && !(key >= '0' && key <= '9') && key != '-')
			return UI_HANDLED;
		if (kind == UI_FIELD_DATE && !(key >= '0' && key <= '9') && key != '/' &&
		    key != '.' && key != '-')
			return UI_HANDLED;
	}
	return ui_line_key(&ff->line, action, key, NULL);
}

/* ---- drawing -------------------------------------------------------- */

void ui_form_set_rect(ui_form *f, ui_rect r)
{
	f->rect = r;
}

int ui_form_focus(ui_form *f)
{
	return f->focus;
}

int ui_form_count(const ui_form *f)
{
	return f->n;
}

void ui_form_set_focus(ui_form *f, int i)
{
	if (i >= 0 && i < f->n)
		f->focus = i;
}

static bool any_required(const ui_form *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->defs[i].required)
			return true;
	return false;
}

static int label_width(ui_form *f)
{
	int w = 0;
	for (int i = 0; i < f->n; i++) {
		int lw = text_width(_(f->defs[i].label)) + 2;
		if (lw > w)
			w = lw;
	}
	/* At most 45% of the width: the values keep the larger part, and
	 * labels such as "Provincial party committee member" still fit at 80
	 * columns. */
	if (w > f->rect.w * 9 / 20)
		w = f->rect.w * 9 / 20;
	return w;
}

static void draw_value(ui_form *f, int i, int y, int x, int w)
{
	struct form_field *ff = &f->f[i];
	bool focus = i == f->focus;
	int role = focus ? UI_FOCUS : UI_FIELD;
	char buf[512];

	switch (f->defs[i].kind) {
	case UI_FIELD_CHOICE: {
		int k = choice_index(ff);
		snprintf(buf, sizeof buf, "%s", k >= 0 ? ff->choices[k].label : "-");
		ui_put(stdscr, y, x, w - 4, buf, role);
		ui_put(stdscr, y, x + w - 4, 4, focus ? " F4" : "", UI_DIM);
		break;
	}
	case UI_FIELD_BOOL:
		snprintf(buf, sizeof buf, "[%s] %s", ff->value ? "x" : " ",
			 ff->value ? _("Yes") : _("No"));
		ui_put(stdscr, y, x, w, buf, role);
		break;
	case UI_FIELD_DATE:
		ui_line_draw(&ff->line, stdscr, y, x, 11, role, focus);
		ui_put(stdscr, y, x + 11, w - 11, _(" dd/mm/yyyy"), UI_DIM);
		break;
	default:
		ui_line_draw(&ff->line, stdscr, y, x, w, role, focus);
		break;
	}
}

void ui_form_draw(ui_form *f, bool full)
{
	int lw = label_width(f), rows = f->rect.h - 2;
	int vx = f->rect.x + lw + 1, vw = f->rect.w - lw - 2;

	(void)full; /* a form is a few rows: drawn whole, curses sends the diff */
	if (rows < 1)
		rows = 1;
	if (f->focus < f->top)
		f->top = f->focus;
	if (f->focus >= f->top + rows)
		f->top = f->focus - rows + 1;
	for (int r = 0; r < rows; r++) {
		int i = f->top + r, y = f->rect.y + r;
		ui_fill(stdscr, y, f->rect.x, f->rect.w, UI_NORMAL);
		if (i >= f->n)
			continue;
		const ui_field_def *d = &f->defs[i];
		int used = ui_put_short(stdscr, y, f->rect.x + 1, lw - 2, _(d->label),
					i == f->focus ? UI_HEADER : UI_NORMAL);
		if (d->required)
			ui_put_short(stdscr, y, f->rect.x + 1 + used, 1, ui_glyph(UI_G_REQUIRED),
				     UI_REQUIRED);
		if (i != f->focus)
			draw_value(f, i, y, vx, vw);
	}
	/* The focused field last, so the cursor it asks for is the one kept. */
	if (f->focus >= f->top && f->focus < f->top + rows)
		draw_value(f, f->focus, f->rect.y + f->focus - f->top, vx, vw);
	ui_fill(stdscr, f->rect.y + rows, f->rect.x, f->rect.w, UI_NORMAL);
	ui_put(stdscr, f->rect.y + rows + 1, f->rect.x + 1, f->rect.w - 1,
	       f->error[0]	 ? f->error
	       : any_required(f) ? _("* required field")
				 : "",
	       f->error[0] ? UI_ERROR : UI_DIM);
}
