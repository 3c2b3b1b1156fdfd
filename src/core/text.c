/* text.c - the Vietnamese letter decoder shared by the text module, and
 * text_normalize, the gate every piece of text passes on its way in.
 *
 * Guarantees: text_normalize returns valid UTF-8 in NFC with no NUL, no
 * control character (except '\n' where asked for) and no stray white space,
 * or it returns CB_EINVALID with a message that names the problem and where
 * it is. UTF-8 validation, composition and character classes come from
 * utf8proc; only the Vietnamese reading of the marks is ours.
 */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "i18n.h"
#include "text_internal.h"

/* ---- the decoder ------------------------------------------------------ */

void tx_decode_ascii(unsigned char b, tx_char *c)
{
	c->len = 1;
	c->cp = b;
	c->base[0] = '\0';
	c->nbase = 0;
	c->mod = TX_MOD_NONE;
	c->tone = TX_TONE_NONE;
	c->upper = false;
	c->other_mark = false;
	if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
		c->cls = TX_ALNUM;
		c->base[0] = (char)b;
		c->nbase = 1;
	} else if (b >= 'A' && b <= 'Z') {
		c->cls = TX_ALNUM;
		c->base[0] = (char)(b - 'A' + 'a');
		c->nbase = 1;
		c->upper = true;
	} else if (b == ' ' || (b >= '\t' && b <= '\r')) {
		c->cls = TX_SPACE;
	} else if (b < 0x20 || b == 0x7f) {
		c->cls = TX_CTRL;
	} else {
		c->cls = TX_OTHER;
	}
}

static bool is_mark_cat(utf8proc_category_t cat)
{
	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	       cat == UTF8PROC_CATEGORY_ME;
}

/* Records one combining mark. While a letter is being read, mod and tone
 * hold the set of marks seen (bit n for value n), so that stacked marks
 * give the same letter in whatever order they come. */
static void add_mark(tx_char *c, int32_t m)
{
	switch (m) {
	case 0x0300:
	case 0x0340:
		c->tone |= 1u << TX_TONE_HUYEN;
		break;
	case 0x0309:
		c->tone |= 1u << TX_TONE_HOI;
		break;
	case 0x0303:
		c->tone |= 1u << TX_TONE_NGA;
		break;
	case 0x0301:
	case 0x0341:
		c->tone |= 1u << TX_TONE_SAC;
		break;
	case 0x0323:
		c->tone |= 1u << TX_TONE_NANG;
		break;
	case 0x0306:
		c->mod |= 1u << TX_MOD_BREVE;
		break;
	case 0x0302:
		c->mod |= 1u << TX_MOD_CIRC;
		break;
	case 0x031B:
		c->mod |= 1u << TX_MOD_HORN;
		break;
	default:
		c->other_mark = true;
	}
}

/* Does modifier m make a Vietnamese letter of base b (ă â ê ô ơ ư đ)? */
static bool mod_fits(unsigned m, char b)
{
	switch (m) {
	case TX_MOD_BREVE:
		return b == 'a';
	case TX_MOD_CIRC:
		return b == 'a' || b == 'e' || b == 'o';
	case TX_MOD_HORN:
		return b == 'o' || b == 'u';
	case TX_MOD_STROKE:
		return b == 'd';
	default:
		return false;
	}
}

/* Turns the sets of marks into one modifier and one tone: a modifier only
 * on the letter it belongs to, a tone only on a vowel, one of each (the
 * first in enum order); any other mark makes the letter foreign. */
static void check_marks(tx_char *c)
{
	unsigned mods = c->mod, tones = c->tone;
	bool letter = c->cls == TX_ALNUM && c->nbase == 1;
	char b = c->base[0];

	c->mod = TX_MOD_NONE;
	c->tone = TX_TONE_NONE;
	for (unsigned m = TX_MOD_BREVE; m <= TX_MOD_STROKE; m++) {
		if (!(mods & (1u << m)))
			continue;
		if (letter && !c->mod && mod_fits(m, b))
			c->mod = (unsigned char)m;
		else
			c->other_mark = true;
	}
	for (unsigned t = TX_TONE_HUYEN; t <= TX_TONE_NANG; t++) {
		if (!(tones & (1u << t)))
			continue;
		if (letter && !c->tone && tx_is_vowel(b))
			c->tone = (unsigned char)t;
		else
			c->other_mark = true;
	}
}

/* A letter with no canonical ASCII base: try compatibility folding ("ß" ->
 * "ss", fullwidth "Ａ" -> "a"); otherwise it is a letter without ASCII form
 * or a symbol. */
static void classify_compat(tx_char *c, int32_t cp, utf8proc_category_t cat)
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8,
						     UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
							     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
						     NULL);
	bool ascii = n >= 1 && n <= 3;

	for (utf8proc_ssize_t i = 0; ascii && i < n; i++)
		ascii = (d[i] >= 'a' && d[i] <= 'z') || (d[i] >= '0' && d[i] <= '9');
	if (ascii) {
		c->cls = TX_ALNUM;
		for (utf8proc_ssize_t i = 0; i < n; i++)
			c->base[i] = (char)d[i];
		c->nbase = (unsigned char)n;
		c->upper = utf8proc_isupper(cp);
	} else if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO &&
		   !is_mark_cat(cat)) {
		c->cls = TX_LETTER;
	} else {
		c->cls = TX_OTHER;
	}
}

/* Classifies a non-ASCII code point: its canonical decomposition gives the
 * base letter and the marks; đ/Đ (and Ð, which old fonts used for it) have
 * no decomposition and get their own rule. */
static void classify(tx_char *c, int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);
	utf8proc_int32_t d[8];
	utf8proc_ssize_t n;

	if (is_mark_cat(cat)) {
		c->cls = TX_MARK;
		return;
	}
	if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	    cat == UTF8PROC_CATEGORY_ZP) {
		c->cls = TX_SPACE;
		return;
	}
	if (cat == UTF8PROC_CATEGORY_CC) {
		c->cls = TX_CTRL;
		return;
	}
	if (cp == 0x0110 || cp == 0x0111 || cp == 0x00D0) {
		c->cls = TX_ALNUM;
		c->base[0] = 'd';
		c->nbase = 1;
		c->mod = 1u << TX_MOD_STROKE; /* a set until check_marks */
		c->upper = cp != 0x0111;
		return;
	}
	n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, NULL);
	if (n >= 1 && n <= 8 && d[0] < 0x80 &&
	    ((d[0] >= 'a' && d[0] <= 'z') || (d[0] >= 'A' && d[0] <= 'Z'))) {
		c->cls = TX_ALNUM;
		c->upper = d[0] <= 'Z';
		c->base[0] = (char)(c->upper ? d[0] - 'A' + 'a' : d[0]);
		c->nbase = 1;
		for (utf8proc_ssize_t i = 1; i < n; i++)
			add_mark(c, d[i]);
		return;
	}
	classify_compat(c, cp, cat);
}

size_t tx_decode_slow(const char *s, tx_char *c)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp, m;
	utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);

	if (n < 0) {
		tx_decode_ascii(' ', c);
		c->cls = TX_INVALID;
		c->cp = -1;
		return 1;
	}
	if (cp < 0x80) {
		tx_decode_ascii((unsigned char)cp, c);
	} else {
		memset(c, 0, sizeof *c);
		c->cp = cp;
		classify(c, cp);
	}
	c->len = (size_t)n;
	/* the combining marks that follow belong to this letter */
	while (tx_may_be_mark(s + c->len)) {
		utf8proc_ssize_t k = utf8proc_iterate(p + c->len, -1, &m);
		if (k <= 0 || m < 0x0300 || !is_mark_cat(utf8proc_category(m)))
			break;
		if (c->cls != TX_MARK)
			add_mark(c, m);
		c->len += (size_t)k;
	}
	check_marks(c);
	return c->len;
}

/* Whether the eight bytes at p are all ASCII: a file's text is mostly
 * digits, separators and unaccented letters, passed over a word at a time. */
static bool ascii8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return !(w & UINT64_C(0x8080808080808080));
}

bool tx_quick_nfc(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		if (end - p >= 8 && ascii8(p)) {
			p += 8;
		} else if (*p < 0x80) {
			p++;
		} else if (*p < 0xCC) { /* two bytes, U+0080..U+02FF */
			p += 2;
		} else if (*p == 0xE1 && p + 1 < end &&
			   (p[1] == 0xB8 || p[1] == 0xB9 || p[1] == 0xBA || p[1] == 0xBB)) {
			p += 3; /* U+1E00..U+1EFF */
		} else {
			return false;
		}
	}
	return true;
}

size_t text_utf8_sequence(const unsigned char *p, size_t left)
{
	size_t len;
	uint32_t c;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2, c = p[0] & 0x1Fu;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3, c = p[0] & 0x0Fu;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4, c = p[0] & 0x07u;
	else
		return 0;
	if (len > left)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3Fu);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return len;
}

bool tx_valid_utf8(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (len - i >= 8 && ascii8(p + i))
			i += 8;
		else if (p[i] < 0x80)
			i++;
		else if ((n = text_utf8_sequence(p + i, len - i)) > 0)
			i += n;
		else
			break;
	}
	if (i == len)
		return true;
	if (bad) { /* the character's place, counted only now */
		size_t chars = 1;
		for (size_t k = 0; k < i; k++)
			chars += (p[k] & 0xC0) != 0x80;
		*bad = chars;
	}
	return false;
}

/* ---- normalisation ---------------------------------------------------- */

/* Output of the white-space pass: pending separators are written only when
 * a visible character follows, which trims both ends and collapses runs. */
struct norm {
	char *buf;
	size_t len;
	bool space;   /* a space is pending */
	size_t lines; /* newlines pending */
};

static void norm_put(struct norm *o, const unsigned char *p, size_t n)
{
	if (o->len > 0 && o->lines > 0) {
		while (o->lines > 0) {
			o->buf[o->len++] = '\n';
			o->lines--;
		}
	} else if (o->len > 0 && o->space) {
		o->buf[o->len++] = ' ';
	}
	o->space = false;
	o->lines = 0;
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static bool is_space(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static bool is_line_break(utf8proc_int32_t cp)
{
	return cp == '\n' || cp == 0x2028 || cp == 0x2029;
}

/* Characters that show nothing yet change what a text is or how it reads:
 * zero-width spaces and joiners, the word joiner, a byte order mark inside
 * text, and the bidirectional embeddings, overrides and isolates. A name
 * holding one looks the same as one without it (a duplicate passes as a
 * new cadre), and an override turns the rest of a line around. */
bool text_is_invisible(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Rejects the character at index pos (1-based) if it may not be stored. */
static int norm_check(utf8proc_int32_t cp, size_t pos, bool allow_newlines, cb_error *err)
{
	if (cp == 0)
		return cb_error_set(err, CB_EINVALID,
				    _("The text contains a NUL character (character %zu)."), pos);
	if (cp == '\t')
		return cb_error_set(
			err, CB_EINVALID,
			_("The text contains a tab (character %zu); use a space instead."), pos);
	if ((is_line_break(cp) || cp == '\r') && !allow_newlines)
		return cb_error_set(err, CB_EINVALID,
				    _("The text contains a line break (character %zu); this field "
				      "takes one line only."),
				    pos);
	if (cp == '\r' || (cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp < 0xa0))
		return cb_error_set(
			err, CB_EINVALID,
			_("The text contains the control character U+%04X (character %zu)."),
			(unsigned)cp, pos);
	if (text_is_invisible((uint32_t)cp))
		return cb_error_set(err, CB_EINVALID,
				    _("The text contains the invisible character U+%04X (character "
				      "%zu); remove it."),
				    (unsigned)cp, pos);
	return CB_OK;
}

/* Validates and collapses white space into o (which has room for len
 * bytes: the pass only ever shrinks the text). "\r\n" counts as one line
 * break where line breaks are allowed. */
static int norm_pass(const unsigned char *in, size_t len, bool allow_newlines, struct norm *o,
		     cb_error *err)
{
	size_t i = 0, pos = 0;
	utf8proc_int32_t cp;

	while (i < len) {
		if (in[i] > 0x20 && in[i] < 0x7f) { /* visible ASCII: taken as a run */
			size_t j = i + 1;
			while (j < len && in[j] > 0x20 && in[j] < 0x7f)
				j++;
			pos += j - i;
			norm_put(o, in + i, j - i);
			i = j;
			continue;
		}
		utf8proc_ssize_t n = utf8proc_iterate(in + i, (utf8proc_ssize_t)(len - i), &cp);
		pos++;
		if (n < 0)
			return cb_error_set(
				err, CB_EINVALID,
				_("The text is not valid UTF-8 (character %zu). It may come "
				  "from a file in an old Vietnamese encoding."),
				pos);
		if (cp == '\r' && allow_newlines && i + 1 < len && in[i + 1] == '\n') {
			i++;
			continue;
		}
		if (is_line_break(cp) && allow_newlines) {
			o->space = false;
			o->lines++;
		} else if (is_space(cp)) {
			o->space = true;
		} else {
			int rc = norm_check(cp, pos, allow_newlines, err);
			if (rc != CB_OK)
				return rc;
			norm_put(o, in + i, (size_t)n);
		}
		i += (size_t)n;
	}
	o->buf[o->len] = '\0';
	return CB_OK;
}

static bool has_non_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/* Composes to NFC (utf8proc allocates the result); ASCII is NFC already. */
static int to_nfc(char *s, size_t len, char **out, cb_error *err)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;

	if (!has_non_ascii(s, len) || tx_quick_nfc(s, len)) {
		*out = s;
		return CB_OK;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfc,
			 UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	free(s);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			return cb_error_set(err, CB_EINVALID,
					    _("Not enough memory to process the text."));
		return cb_error_set(err, CB_EINVALID,
				    _("The text is not valid UTF-8 (character %zu). It may come "
				      "from a file in an old Vietnamese encoding."),
				    (size_t)1);
	}
	*out = (char *)nfc;
	return CB_OK;
}

int text_normalize(const char *in, size_t len, bool allow_newlines, char **out, cb_error *err)
{
	struct norm o = {0};
	int rc;

	*out = NULL;
	if (!in)
		len = 0;
	o.buf = malloc(len + 1);
	if (!o.buf)
		return cb_error_set(err, CB_EINVALID, _("Not enough memory to process the text."));
	rc = norm_pass((const unsigned char *)(in ? in : ""), len, allow_newlines, &o, err);
	if (rc != CB_OK) {
		free(o.buf);
		return rc;
	}
	return to_nfc(o.buf, o.len, out, err);
}
