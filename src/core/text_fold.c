/* text_fold.c - accent-insensitive forms of Vietnamese text: the search
 * key, the ASCII display form, and the accent-sensitive check that makes a
 * query typed with diacritics match only what it spells.
 *
 * All of them read the text through the shared decoder, so NFC and NFD
 * input give the same result, and "Đ"/"đ" fold to "d" although Unicode does
 * not decompose them. No allocation: these run for every row of a bulk load
 * and for every keystroke of a search.
 */
#include "text.h"

#include <string.h>
#include <utf8proc.h>

#include "text_internal.h"

/* snprintf-like output: counts every byte, stores those that fit. */
struct out {
	char *buf;
	size_t cap;
	size_t len;
};

static void out_put(struct out *o, char ch)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = ch;
	o->len++;
}

static size_t out_end(struct out *o)
{
	if (o->cap > 0)
		o->buf[o->len < o->cap ? o->len : o->cap - 1] = '\0';
	return o->len;
}

/* A letter of another script (Chinese, Khmer...), kept as it is written
 * with its marks (a Khmer vowel sign changes the syllable), in small
 * letters where the script has case. */
static void put_letter(struct out *o, const char *at, const tx_char *c)
{
	utf8proc_uint8_t u[4];
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)at, -1, &cp);
	utf8proc_ssize_t n = utf8proc_encode_char(utf8proc_tolower(cp), u);

	for (utf8proc_ssize_t i = 0; i < n; i++)
		out_put(o, (char)u[i]);
	for (size_t i = k > 0 ? (size_t)k : c->len; i < c->len; i++)
		out_put(o, at[i]);
}

size_t text_fold(const char *s, char *buf, size_t cap)
{
	struct out o = {buf, cap, 0};
	bool gap = false;
	tx_char c;

	if (!s)
		s = "";
	while (*s) {
		const char *at = s;
		s += tx_decode(s, &c);
		if (tx_is_word(&c)) {
			if (gap && o.len > 0)
				out_put(&o, ' ');
			gap = false;
			for (unsigned i = 0; i < c.nbase; i++)
				out_put(&o, c.base[i]);
			if (c.cls == TX_LETTER)
				put_letter(&o, at, &c);
		} else if (c.cls != TX_MARK) {
			gap = true;
		}
	}
	return out_end(&o);
}

/* ASCII stand-in for a symbol: its compatibility form with marks removed
 * and look-alikes lumped ("–" -> "-", "…" -> "...", "‘" -> "'"); opening
 * and closing quotes utf8proc does not lump ("“", "»") become '"';
 * anything else "?". */
static void ascii_symbol(struct out *o, int32_t cp)
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t n;
	bool any = false;

	if (cp >= 0x20 && cp < 0x7f) {
		out_put(o, (char)cp);
		return;
	}
	n = utf8proc_decompose_char(
		cp, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_LUMP | UTF8PROC_STRIPMARK,
		NULL);
	for (utf8proc_ssize_t i = 0; n <= 8 && i < n; i++) {
		if (d[i] >= 0x20 && d[i] < 0x7f) {
			out_put(o, (char)d[i]);
			any = true;
		}
	}
	if (!any) {
		utf8proc_category_t cat = utf8proc_category(cp);
		out_put(o, cat == UTF8PROC_CATEGORY_PI || cat == UTF8PROC_CATEGORY_PF ? '"' : '?');
	}
}

size_t text_ascii(const char *s, char *buf, size_t cap)
{
	struct out o = {buf, cap, 0};
	tx_char c;

	if (!s)
		s = "";
	while (*s) {
		s += tx_decode(s, &c);
		switch (c.cls) {
		case TX_ALNUM:
			for (unsigned i = 0; i < c.nbase; i++) {
				char b = c.base[i];
				out_put(&o, c.upper && b >= 'a' && b <= 'z' ? (char)(b - 'a' + 'A')
									    : b);
			}
			break;
		case TX_SPACE:
			out_put(&o, c.cp == '\n' || c.cp == '\t' ? (char)c.cp : ' ');
			break;
		case TX_MARK:
			break;
		case TX_LETTER:
		case TX_OTHER:
			ascii_symbol(&o, c.cp);
			break;
		default:
			out_put(&o, '?');
		}
	}
	return out_end(&o);
}

bool text_has_words(const char *s)
{
	tx_char c;

	if (!s)
		return false;
	while (*s) {
		s += tx_decode(s, &c);
		if (tx_is_word(&c))
			return true;
	}
	return false;
}

bool text_has_marks(const char *s)
{
	tx_char c;

	if (!s)
		return false;
	while (*s) {
		s += tx_decode(s, &c);
		if (c.mod != TX_MOD_NONE || c.tone != TX_TONE_NONE || c.cls == TX_LETTER)
			return true;
	}
	return false;
}

/* ---- accent-sensitive matching ---------------------------------------- */

#define WORD_MAX 48

/* A word as spelled: its letters with their modifiers, and its tone. The
 * tone belongs to the syllable, not to a letter, so it is kept apart with
 * the letters that may carry it (tx_tone_slots): "hòa" and "hoà" (old and
 * new tone placement) are the same word, while "thị" (tone on i) is not
 * the beginning of "thiện" (tone on ê). */
typedef struct spelled {
	char ch[WORD_MAX];
	unsigned char mod[WORD_MAX];
	size_t n;
	unsigned char tone;
	size_t tone_at; /* the letter the tone was typed on */
	uint64_t slots;
	bool marks;
} spelled;

/* Reads the next word (a run of letters and digits) from *s into w;
 * returns false when there is none. Letters past WORD_MAX are dropped. */
static bool spelled_next(const char **s, spelled *w)
{
	tx_char c;
	const char *p = *s;

	memset(w, 0, sizeof *w);
	while (*p && (tx_decode(p, &c), c.cls != TX_ALNUM))
		p += c.len;
	if (!*p) {
		*s = p;
		return false;
	}
	while (*p && (tx_decode(p, &c), c.cls == TX_ALNUM)) {
		if (c.tone && !w->tone && w->n < WORD_MAX) {
			w->tone = c.tone;
			w->tone_at = w->n;
		}
		for (unsigned i = 0; i < c.nbase && w->n < WORD_MAX; i++) {
			w->ch[w->n] = c.base[i];
			w->mod[w->n++] = c.mod;
		}
		if (c.mod || c.tone)
			w->marks = true;
		p += c.len;
	}
	if (w->tone) {
		w->slots = tx_tone_slots(w->ch, w->mod, w->n);
		if (!w->slots) /* no vowel group to place it on: where typed */
			w->slots = 1ull << w->tone_at; /* tone_at < WORD_MAX < 64 */
	}
	*s = p;
	return true;
}

/* Is query word q, as spelled, the beginning of name word w? Letters and
 * their modifiers must agree. A tone typed in the query must be the word's
 * tone on the same letter (either placement of oa, oe, uy); a query
 * without a tone that spells the whole word ("Đăng") must match a word
 * without one, while a shorter query ("Đă") may still be followed by the
 * tone that is yet to be typed. */
static bool spelled_prefix(const spelled *q, const spelled *w)
{
	if (q->n > w->n)
		return false;
	for (size_t i = 0; i < q->n; i++)
		if (q->ch[i] != w->ch[i] || q->mod[i] != w->mod[i])
			return false;
	if (q->tone)
		return q->tone == w->tone && (q->slots & w->slots) != 0;
	return q->n < w->n || w->tone == TX_TONE_NONE;
}

static bool name_has_word(const char *name, const spelled *q)
{
	spelled w;

	while (spelled_next(&name, &w))
		if (spelled_prefix(q, &w))
			return true;
	return false;
}

/* Words of other scripts: the fold of query word q (n bytes) must begin
 * some word of the name's fold. */
static bool fold_has_prefix(const char *fold, const char *q, size_t n)
{
	for (const char *w = fold; *w;) {
		if (strncmp(w, q, n) == 0)
			return true;
		w += strcspn(w, " ");
		w += strspn(w, " ");
	}
	return false;
}

static bool other_script_words_match(const char *name, const char *query)
{
	char nf[1024], qf[1024];
	bool ok = true, other = false;

	if (text_fold(query, qf, sizeof qf) >= sizeof qf)
		return true; /* too long to check: the folded match stands */
	for (const char *q = qf; *q && !other; q++)
		other = (unsigned char)*q >= 0x80;
	if (!other) /* the common case: Vietnamese only, already checked */
		return true;
	if (text_fold(name, nf, sizeof nf) >= sizeof nf)
		return true;
	for (const char *q = qf; ok && *q;) {
		size_t n = strcspn(q, " ");
		bool ascii = true;
		for (size_t i = 0; i < n && ascii; i++)
			ascii = (unsigned char)q[i] < 0x80;
		if (!ascii)
			ok = fold_has_prefix(nf, q, n);
		q += n;
		q += strspn(q, " ");
	}
	return ok;
}

bool text_match_spelled(const char *name, const char *query)
{
	spelled q;
	const char *rest = query;

	if (!query)
		return true;
	if (!name)
		name = "";
	while (spelled_next(&rest, &q))
		if (q.marks && !name_has_word(name, &q))
			return false;
	return other_script_words_match(name, query);
}

/* ---- canonical names -------------------------------------------------- */

static const char mod_sign[] = {
	[TX_MOD_NONE] = 0,   [TX_MOD_BREVE] = '(',  [TX_MOD_CIRC] = '^',
	[TX_MOD_HORN] = '+', [TX_MOD_STROKE] = '-',
};

size_t text_canonical(const char *s, char *buf, size_t cap)
{
	struct out o = {buf, cap, 0};
	unsigned char tone = TX_TONE_NONE;
	bool gap = false;
	tx_char c;

	if (!s)
		s = "";
	while (*s) {
		s += tx_decode(s, &c);
		if (tx_is_word(&c)) {
			if (gap && o.len > 0)
				out_put(&o, ' ');
			gap = false;
			if (c.tone && !tone)
				tone = c.tone;
			for (unsigned i = 0; i < c.nbase; i++)
				out_put(&o, c.base[i]);
			if (c.mod)
				out_put(&o, mod_sign[c.mod]);
			if (c.cls == TX_LETTER) {
				utf8proc_uint8_t u[4];
				utf8proc_ssize_t k =
					utf8proc_encode_char(utf8proc_tolower(c.cp), u);
				for (utf8proc_ssize_t i = 0; i < k; i++)
					out_put(&o, (char)u[i]);
			}
			continue;
		}
		if (c.cls == TX_MARK)
			continue;
		if (tone)
			out_put(&o, (char)('0' + tone));
		tone = TX_TONE_NONE;
		gap = true;
	}
	if (tone)
		out_put(&o, (char)('0' + tone));
	return out_end(&o);
}
