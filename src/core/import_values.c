/* import_values.c - the cells of one CSV row turned into a cadre.
 *
 * Each cell is read the way offices write it: text checked and put in NFC;
 * dates as dd/mm/yyyy or YYYY-MM-DD; enumerations by their stable name
 * (what canbo writes), their English or UI-language label, or the words a
 * Vietnamese spreadsheet uses ("Nữ", "Thạc sĩ Quản lý công", "Cao cấp lý
 * luận chính trị"), all compared folded (no accents, no case); units by
 * GSO code or by name, which must name exactly one configured unit (a
 * district column tells apart two communes of the same name). Every
 * problem is recorded against its column and the row goes on being read,
 * so one pass reports everything that is wrong with it.
 */
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "import_choice.h"
#include "model.h"
#include "output.h"
#include "text.h"

#define FOLD_MAX    512
#define CHOICES_MAX 400

/* Words Vietnamese lists use for a value, folded; NULL ends a list. */
typedef struct synonym {
	int value;
	const char *fold;
} synonym;

static const synonym gender_vi[] = {{1, "nam"}, {2, "nu"}, {0, NULL}};
static const synonym no_synonyms[] = {{0, NULL}};
/* abbreviations and older names offices write */
static const synonym acad_title_vi[] = {{1, "pgs"}, {2, "gs"}, {0, NULL}};

static const synonym education_vi[] = {
	{0, "chua co"},	 {0, "khong"},	 {0, "chua qua dao tao"}, {1, "so cap"}, {2, "trung cap"},
	{3, "cao dang"}, {4, "dai hoc"}, {4, "cu nhan"},	  {4, "ky su"},	 {5, "thac si"},
	{5, "thac sy"},	 {6, "tien si"}, {6, "tien sy"},	  {0, NULL}};

static const synonym theory_vi[] = {{0, "chua co"}, {0, "khong"},   {1, "so cap"}, {2, "trung cap"},
				    {3, "cao cap"}, {4, "cu nhan"}, {0, NULL}};

static const synonym rank_vi[] = {{1, "bi thu"},
				  {2, "pho bi thu"},
				  {3, "chu tich"},
				  {4, "pho chu tich"},
				  {5, "giam doc"},
				  {5, "truong ban"},
				  {6, "pho giam doc"},
				  {6, "pho truong ban"},
				  {7, "truong phong"},
				  {8, "pho truong phong"},
				  {0, NULL}};

/* A position's first words and the rank they mean in a province-level
 * unit and below it ("Giám đốc Sở" directs an agency; a district's
 * "Trưởng ban" heads the equivalent of a department). Longer prefixes
 * come first. */
static const struct rank_rule {
	const char *prefix;
	int province, below;
} rank_rules[] = {
	{"pho bi thu", 2, 2},	    {"bi thu", 1, 1},	    {"pho chu tich", 4, 4},
	{"chu tich", 3, 3},	    {"pho giam doc", 6, 8}, {"giam doc", 5, 7},
	{"pho truong ban", 6, 8},   {"truong ban", 5, 7},   {"pho chu nhiem", 6, 8},
	{"chu nhiem", 5, 7},	    {"pho chanh", 6, 8},    {"chanh", 5, 7},
	{"pho truong phong", 8, 8}, {"truong phong", 7, 7}, {"pho chi huy truong", 8, 8},
	{"chi huy truong", 7, 7},
};

static const char *const yes_words[] = {"yes", "y", "x", "1", "true", "co", "dung"};
static const char *const no_words[] = {"no", "n", "0", "false", "khong", "sai"};

/* ---- helpers -------------------------------------------------------- */

/* A cell as written, less the apostrophe an export puts before a text a
 * spreadsheet would take for a formula (out_csv_guarded). */
const char *import_cell(const import_ctx *x, const csv_reader *rd, int ic)
{
	const char *v = x->col[ic] < 0 ? NULL : csv_field(rd, (size_t)x->col[ic]);
	if (v && v[0] == '\'' && out_csv_guarded(v + 1))
		v++;
	return v;
}

/* The folded form of s, or "" when it would not fit (then it matches
 * nothing: no name or label is that long). */
void import_fold(const char *s, char *buf, size_t cap)
{
	if (text_fold(s, buf, cap) >= cap)
		buf[0] = '\0';
}

/* True when word-prefix p begins s ("dai hoc" begins "dai hoc luat"). */
static bool word_prefix(const char *s, const char *p)
{
	size_t n = strlen(p);
	return strncmp(s, p, n) == 0 && (s[n] == '\0' || s[n] == ' ');
}

/* A text cell checked and in NFC into buf; "" when the column is absent.
 * Returns false (the problem recorded) when the cell is bad. */
bool import_text_cell(import_ctx *x, const csv_reader *rd, int ic, bool newlines, char *buf,
		      size_t cap)
{
	const char *v = import_cell(x, rd, ic);
	char *norm = NULL;
	cb_error e = {0};
	size_t len;

	buf[0] = '\0';
	if (!v)
		return true;
	if (text_normalize(v, strlen(v), newlines, &norm, &e)) {
		import_problem(x, x->col[ic], false, "%s", e.msg);
		return false;
	}
	len = strlen(norm);
	if (len >= cap) {
		import_problem(x, x->col[ic], false, _("Too long: at most %d bytes"), (int)cap - 1);
		free(norm);
		return false;
	}
	memcpy(buf, norm, len + 1);
	free(norm);
	return true;
}

/* A date cell into buf (11 bytes) as YYYY-MM-DD; "" when empty (the
 * birth date's absence is then reported by cadre_validate). */
static void date_cell(import_ctx *x, const csv_reader *rd, int ic, char *buf)
{
	char v[64];
	cb_date d;

	buf[0] = '\0';
	if (!import_text_cell(x, rd, ic, false, v, sizeof v) || !v[0])
		return;
	if (!date_parse(v, &d)) {
		import_problem(x, x->col[ic], false,
			       _("\"%s\" is not a valid date (expected dd/mm/yyyy)"), v);
		return;
	}
	date_format_iso(d, buf);
}

/* ---- enumerations --------------------------------------------------- */

/* The value whose stable name, English label or UI-language label folds
 * to v. */
bool import_match_choice(enum model_enum e, const char *v, int *value)
{
	char a[FOLD_MAX], b[FOLD_MAX], c[FOLD_MAX];
	int n;
	const model_choice *ch = model_choices(e, &n);

	for (int i = 0; i < n; i++) {
		import_fold(ch[i].name, a, sizeof a);
		import_fold(ch[i].label, b, sizeof b);
		import_fold(_(ch[i].label), c, sizeof c);
		if (!strcmp(a, v) || !strcmp(b, v) || !strcmp(c, v)) {
			*value = ch[i].value;
			return true;
		}
	}
	return false;
}

/* The value a folded cell names: a model name or label, a Vietnamese
 * word for it, or (prefix) the longest Vietnamese word it begins with. */
static bool match_value(enum model_enum e, const synonym *syn, bool prefix, const char *v,
			int *value)
{
	size_t best = 0;

	if (!v[0])
		return false;
	if (import_match_choice(e, v, value))
		return true;
	for (const synonym *s = syn; s->fold; s++) {
		if (strcmp(s->fold, v) == 0) {
			*value = s->value;
			return true;
		}
		if (prefix && word_prefix(v, s->fold) && strlen(s->fold) > best) {
			best = strlen(s->fold);
			*value = s->value;
		}
	}
	return best > 0;
}

/* "Chưa có, Sơ cấp, Trung cấp ..." : the translated labels of e. */
void import_choice_list(enum model_enum e, char *buf, size_t cap)
{
	int n;
	const model_choice *ch = model_choices(e, &n);
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && len < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? ", " : "",
					_(ch[i].label));
}

/* Whether the cell of column ic was read before without problem: then
 * *out is what it meant. */
static bool known_cell(const import_ctx *x, const csv_reader *rd, int ic, int *out)
{
	int64_t v;
	if (!import_memo_get(x, ic, import_cell(x, rd, ic), &v))
		return false;
	*out = (int)v;
	return true;
}

/* Remembers what the cell of column ic meant, if reading it (since the
 * error count was `errors`) found nothing wrong. */
static void remember_cell(import_ctx *x, const csv_reader *rd, int ic, size_t errors, int value)
{
	if (x->r->errors == errors)
		import_memo_put(x, ic, import_cell(x, rd, ic), value);
}

/* An enumeration cell; an empty cell gives empty_value (or, if negative,
 * an error: the value is required). */
static void enum_cell_read(import_ctx *x, const csv_reader *rd, int ic, enum model_enum e,
			   const synonym *syn, bool prefix, int empty_value, int *out)
{
	char v[CADRE_TEXT_MAX], f[FOLD_MAX], list[CHOICES_MAX];

	*out = empty_value < 0 ? 0 : empty_value;
	if (!import_text_cell(x, rd, ic, false, v, sizeof v))
		return;
	if (!v[0]) {
		if (empty_value < 0)
			import_problem(x, x->col[ic], false, "%s",
				       _("This cell must not be empty"));
		return;
	}
	import_fold(v, f, sizeof f);
	if (match_value(e, syn, prefix, f, out))
		return;
	import_choice_list(e, list, sizeof list);
	import_problem(x, x->col[ic], false, _("\"%s\" is not one of the choices: %s"), v, list);
}

static void enum_cell(import_ctx *x, const csv_reader *rd, int ic, enum model_enum e,
		      const synonym *syn, bool prefix, int empty_value, int *out)
{
	size_t errors = x->r->errors;
	if (known_cell(x, rd, ic, out))
		return;
	enum_cell_read(x, rd, ic, e, syn, prefix, empty_value, out);
	remember_cell(x, rd, ic, errors, *out);
}

/* The ethnic group, by its name in the list of lists.ini or its code,
 * stored by the name as the list writes it. Empty is left to
 * cadre_validate (the field is required). */
static void ethnicity_cell(import_ctx *x, const csv_reader *rd, char *buf, size_t cap)
{
	char v[CADRE_TEXT_MAX], f[FOLD_MAX];
	int code;

	buf[0] = '\0';
	if (!import_text_cell(x, rd, IC_ETHNICITY, false, v, sizeof v) || !v[0])
		return;
	if (known_cell(x, rd, IC_ETHNICITY, &code) ||
	    match_value(ENUM_ETHNICITY, no_synonyms, false, (import_fold(v, f, sizeof f), f),
			&code)) {
		snprintf(buf, cap, "%s", model_label(ENUM_ETHNICITY, code));
		import_memo_put(x, IC_ETHNICITY, import_cell(x, rd, IC_ETHNICITY), code);
		return;
	}
	import_problem(x, x->col[IC_ETHNICITY], false,
		       _("\"%s\" is not an ethnic group of the list (lists.ini, [ethnicity])"), v);
}

static void bool_cell_read(import_ctx *x, const csv_reader *rd, int ic, bool *out)
{
	char v[64], f[64];

	*out = false;
	if (!import_text_cell(x, rd, ic, false, v, sizeof v) || !v[0])
		return;
	import_fold(v, f, sizeof f);
	for (size_t i = 0; i < sizeof yes_words / sizeof yes_words[0]; i++)
		if (strcmp(f, yes_words[i]) == 0) {
			*out = true;
			return;
		}
	for (size_t i = 0; i < sizeof no_words / sizeof no_words[0]; i++)
		if (strcmp(f, no_words[i]) == 0)
			return;
	import_problem(x, x->col[ic], false, _("\"%s\" is neither yes nor no (có/không)"), v);
}

static void bool_cell(import_ctx *x, const csv_reader *rd, int ic, bool *out)
{
	size_t errors = x->r->errors;
	int v;
	if (known_cell(x, rd, ic, &v)) {
		*out = v;
		return;
	}
	bool_cell_read(x, rd, ic, out);
	remember_cell(x, rd, ic, errors, *out);
}

/* Committee names or labels separated by ';' or '|' (what canbo writes),
 * else by ','; a cell that is one label with a comma in it ("Bí thư, Phó
 * Bí thư chi bộ") is taken whole. */
static void committees_cell_read(import_ctx *x, const csv_reader *rd, int *out)
{
	char v[CADRE_TEXT_MAX], f[FOLD_MAX], list[CHOICES_MAX];
	char *save = NULL;
	int bit;

	*out = 0;
	if (!import_text_cell(x, rd, IC_COMMITTEES, false, v, sizeof v))
		return;
	import_fold(v, f, sizeof f);
	if (f[0] && import_match_choice(ENUM_COMMITTEE, f, &bit)) {
		*out = bit;
		return;
	}
	const char *seps = strpbrk(v, ";|") ? ";|" : ",";
	for (char *p = strtok_r(v, seps, &save); p; p = strtok_r(NULL, seps, &save)) {
		import_fold(p, f, sizeof f);
		if (!f[0])
			continue;
		if (import_match_choice(ENUM_COMMITTEE, f, &bit)) {
			*out |= bit;
			continue;
		}
		import_choice_list(ENUM_COMMITTEE, list, sizeof list);
		import_problem(x, x->col[IC_COMMITTEES], false,
			       _("\"%s\" is not one of the choices: %s"), p, list);
	}
}

static void committees_cell(import_ctx *x, const csv_reader *rd, int *out)
{
	size_t errors = x->r->errors;
	if (known_cell(x, rd, IC_COMMITTEES, out))
		return;
	committees_cell_read(x, rd, out);
	remember_cell(x, rd, IC_COMMITTEES, errors, *out);
}

/* ---- position rank and organisation ---------------------------------- */

bool import_rank_from_position(const char *position, int tier, int *rank)
{
	char f[FOLD_MAX];

	import_fold(position, f, sizeof f);
	for (size_t i = 0; i < sizeof rank_rules / sizeof rank_rules[0]; i++)
		if (word_prefix(f, rank_rules[i].prefix)) {
			*rank = tier <= 1 ? rank_rules[i].province : rank_rules[i].below;
			return true;
		}
	return false;
}

/* The rank from its column, or from the position when the column is
 * absent or the cell empty. */
static void rank_cell(import_ctx *x, const csv_reader *rd, cadre *cd, int unit)
{
	const char *v = import_cell(x, rd, IC_RANK);
	char names[CHOICES_MAX];
	int n;
	const model_choice *ch;
	size_t len = 0;

	if (v && v[strspn(v, " \t")]) {
		enum_cell(x, rd, IC_RANK, ENUM_RANK, rank_vi, true, -1, &cd->pos_rank);
		return;
	}
	char key[CADRE_TEXT_MAX + 16];
	int64_t known;
	if (!cd->position[0] || unit < 0)
		return; /* the position's own problem is reported already */
	snprintf(key, sizeof key, "%d\x1f%s", x->c->units[unit].tier, cd->position);
	if (import_memo_get(x, MEMO_RANK_GUESS, key, &known)) {
		cd->pos_rank = (int)known;
		return;
	}
	if (import_rank_from_position(cd->position, x->c->units[unit].tier, &cd->pos_rank)) {
		import_memo_put(x, MEMO_RANK_GUESS, key, cd->pos_rank);
		return;
	}
	ch = model_choices(ENUM_RANK, &n);
	names[0] = '\0';
	for (int i = 0; i < n && len < sizeof names; i++)
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "",
					ch[i].name);
	import_problem(x, x->col[IC_RANK] >= 0 ? x->col[IC_RANK] : x->col[IC_POSITION], false,
		       _("Cannot tell the position rank from \"%s\"; add a pos_rank column (%s)"),
		       cd->position, names);
}

static int orgs_load(import_ctx *x, cb_error *err)
{
	int rc;

	if (x->orgs || x->col[IC_ORG] < 0)
		return CB_OK;
	if ((rc = store_org_tree(x->s, 0, 0, &x->orgs, &x->norgs, err)))
		return rc;
	x->org_fold = calloc(x->norgs ? x->norgs : 1, sizeof *x->org_fold);
	if (!x->org_fold)
		return cb_error_oom(err);
	for (size_t i = 0; i < x->norgs; i++)
		import_fold(x->orgs[i].name, x->org_fold[i], sizeof x->org_fold[i]);
	return CB_OK;
}

/* The organisation named by the row: its folded name must be unique, or
 * unique among the organisations of the cadre's own unit. */
static void org_cell_read(import_ctx *x, const csv_reader *rd, cadre *cd)
{
	char v[CADRE_TEXT_MAX], f[FOLD_MAX];
	size_t all = 0, here = 0;
	int64_t any = 0, mine = 0;

	if (!import_text_cell(x, rd, IC_ORG, false, v, sizeof v) || !v[0])
		return;
	import_fold(v, f, sizeof f);
	for (size_t i = 0; i < x->norgs; i++) {
		if (strcmp(x->org_fold[i], f) != 0)
			continue;
		all++;
		any = x->orgs[i].id;
		if (x->orgs[i].unit_id == cd->unit_id) {
			here++;
			mine = x->orgs[i].id;
		}
	}
	if (all == 1 || here == 1) {
		cd->org_id = all == 1 ? any : mine;
		return;
	}
	if (all == 0)
		import_problem(x, x->col[IC_ORG], false, _("No party organisation named \"%s\""),
			       v);
	else
		import_problem(x, x->col[IC_ORG], false,
			       _("\"%s\" names %zu party organisations, none of them the only one "
				 "of the cadre's unit"),
			       v, all);
}

static void org_cell(import_ctx *x, const csv_reader *rd, cadre *cd)
{
	const char *v = import_cell(x, rd, IC_ORG);
	char key[CADRE_TEXT_MAX + 32];
	size_t errors = x->r->errors;
	int64_t known;
	int k;

	if (!v || !v[0])
		return;
	k = snprintf(key, sizeof key, "%lld\x1f%s", (long long)cd->unit_id, v);
	if (k < 0 || (size_t)k >= sizeof key) {
		org_cell_read(x, rd, cd);
		return;
	}
	if (import_memo_get(x, MEMO_ORG, key, &known)) {
		cd->org_id = known;
		return;
	}
	org_cell_read(x, rd, cd);
	if (x->r->errors == errors && cd->org_id > 0)
		import_memo_put(x, MEMO_ORG, key, cd->org_id);
}

/* ---- the row -------------------------------------------------------- */

int import_row_cadre(import_ctx *x, const csv_reader *rd, cadre *cd, cb_error *err)
{
	int unit, rc;

	memset(cd, 0, sizeof *cd);
	import_text_cell(x, rd, IC_NAME, false, cd->full_name, sizeof cd->full_name);
	date_cell(x, rd, IC_BIRTH, cd->birth_date);
	enum_cell(x, rd, IC_GENDER, ENUM_GENDER, gender_vi, false, -1, &cd->gender);
	ethnicity_cell(x, rd, cd->ethnicity, sizeof cd->ethnicity);
	import_text_cell(x, rd, IC_POSITION, false, cd->position, sizeof cd->position);
	enum_cell(x, rd, IC_EDUCATION, ENUM_EDUCATION, education_vi, true, 0, &cd->education);
	enum_cell(x, rd, IC_THEORY, ENUM_THEORY, theory_vi, true, 0, &cd->theory);
	enum_cell(x, rd, IC_RELIGION, ENUM_RELIGION, no_synonyms, false, 0, &cd->religion);
	enum_cell(x, rd, IC_ACAD_TITLE, ENUM_ACAD_TITLE, acad_title_vi, false, 0, &cd->acad_title);
	enum_cell(x, rd, IC_GENERAL_EDU, ENUM_GENERAL_EDU, no_synonyms, false, 0, &cd->general_edu);
	enum_cell(x, rd, IC_STATE_MGMT, ENUM_STATE_MGMT, no_synonyms, false, 0, &cd->state_mgmt);
	enum_cell(x, rd, IC_LANGUAGE, ENUM_LANGUAGE, no_synonyms, false, 0, &cd->language);
	enum_cell(x, rd, IC_IT_LEVEL, ENUM_IT_LEVEL, no_synonyms, false, 0, &cd->it_level);
	bool_cell(x, rd, IC_MANAGED, &cd->managed);
	bool_cell(x, rd, IC_HEAD, &cd->is_head);
	committees_cell(x, rd, &cd->committees);
	date_cell(x, rd, IC_JOINED, cd->party_joined);
	import_text_cell(x, rd, IC_NOTES, true, cd->notes, sizeof cd->notes);
	if ((rc = import_unit_cell(x, rd, cd, &unit, err)))
		return rc;
	rank_cell(x, rd, cd, unit);
	org_cell(x, rd, cd);
	return CB_OK;
}

/* ---- set-up ---------------------------------------------------------- */

/* The unit's name without its kind in front: "Xã Lộc Giang" -> "loc
 * giang" (folded), "" when the name does not start with its kind. */
static void bare_name(const cfg_unit *u, char *buf, size_t cap)
{
	char name[FOLD_MAX], kind[FOLD_MAX];
	size_t k;

	import_fold(u->name, name, sizeof name);
	import_fold(u->kind, kind, sizeof kind);
	k = strlen(kind);
	buf[0] = '\0';
	if (k && word_prefix(name, kind) && name[k] == ' ')
		snprintf(buf, cap, "%s", name + k + 1);
}

static bool within(const cfg *c, int u, int ancestor)
{
	for (; u >= 0; u = c->units[u].parent)
		if (u == ancestor)
			return true;
	return false;
}

int import_values_init(import_ctx *x, cb_error *err)
{
	const cfg *c = x->c;
	int scope = -1;

	if (x->o->scope && (scope = import_unit_by_code(x, x->o->scope)) < 0)
		return cb_error_set(err, CB_EINVALID,
				    _("No unit with code %s in the configuration"), x->o->scope);
	x->units = calloc(c->unit_count ? c->unit_count : 1, sizeof *x->units);
	if (!x->units)
		return cb_error_oom(err);
	for (size_t i = 0; i < c->unit_count; i++) {
		import_unit *u = &x->units[i];
		int d = (int)i;
		import_fold(c->units[i].name, u->fold, sizeof u->fold);
		bare_name(&c->units[i], u->bare, sizeof u->bare);
		while (d >= 0 && c->units[d].tier > 2)
			d = c->units[d].parent;
		u->district = c->tiers >= 3 && d >= 0 && c->units[d].tier == 2 ? d : -1;
		u->in_scope = scope < 0 || within(c, (int)i, scope);
	}
	return orgs_load(x, err);
}

void import_values_free(import_ctx *x)
{
	free(x->units);
	free(x->orgs);
	free(x->org_fold);
	x->units = NULL;
	x->orgs = NULL;
	x->org_fold = NULL;
}

/* ---- cadre_validate's messages --------------------------------------- */

int import_col_of_message(const char *msg)
{
	size_t n, best = 0;
	const field_def *t = cadre_fields(&n);
	int col = -1;

	for (size_t i = 0; i < n; i++) {
		const char *l = _(t[i].label);
		size_t len = strlen(l);
		if (!(t[i].flags & FIELD_DERIVED) && len > best && strncmp(msg, l, len) == 0) {
			best = len;
			col = t[i].id;
		}
	}
	return col;
}
