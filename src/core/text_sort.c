/* text_sort.c - Vietnamese alphabetical order as byte strings.
 *
 * A sort key compares with memcmp (and so as a BLOB in SQLite), which lets
 * the store keep an index on it instead of calling a collation for every
 * comparison.
 *
 * The alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
 * f, j, w and z are not Vietnamese letters but occur in the names of ethnic
 * minorities (Ê Đê names such as Y Jút) and foreigners; they keep their
 * Latin places (f after ê, j after i, w after v, z after y), as the Unicode
 * (CLDR) collation for Vietnamese and Vietnamese-locale spreadsheets do, so
 * an office sees them where it would look for them. Digraphs (ch, gh, kh,
 * ng, nh, ph, th, tr, gi, qu) are not separate letters: they sort letter by
 * letter, as the 29-letter alphabet says.
 *
 * Tones are a secondary level: letters decide first, and only words that
 * spell the same letters are told apart by their tones, in the order
 *   none (ngang), huyền, hỏi, ngã, sắc, nặng  - ma, mà, mả, mã, má, mạ -
 * which is the order of Vietnamese dictionaries, kept by office practice
 * since the TCVN 5712 character set, and so what readers look for. A tone
 * is a property of the syllable, so a word has one tone weight wherever the
 * mark sits ("Hòa" and "Hoà" are equal). Case does not count.
 *
 * Layout of a key for one stretch of text (a name part or a whole string):
 *   primary:   one byte per letter (0x10 + its place in the alphabet),
 *              0x02 between words; a run of digits is 0x03, the count of
 *              its significant digits, then the digits, so "Chi bộ 2" sorts
 *              before "Chi bộ 10"; a letter with no Latin form is 0xFE and
 *              its code point in three bytes, after z.
 *   0x01       (lower than anything above: a shorter word sorts first, so
 *              An < Anh and An < An Bình < Anh)
 *   secondary: one byte per word, 0x10 + its tone
 *   0x01
 * Primary weights equal means the same number of words, so the secondary
 * bytes of two keys line up and never meet a primary byte.
 *
 * A person's key is three such stretches - given name (last word), middle
 * name(s), surname (first word) - so that all the "Anh" come together
 * before every "Ánh" whatever their surnames, then 0x02 and the ISO birth
 * date, or 0x03 when it is not known (those come last).
 */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_internal.h"

enum {
	KEY_END = 0x01,
	KEY_WORD = 0x02,
	KEY_NUMBER = 0x03,
	KEY_LETTER = 0x10,
	KEY_FOREIGN = 0xFE,
	KEY_TONE = 0x10,
	KEY_DATE = 0x02,
	KEY_NO_DATE = 0x03,
};

/* Place of each Latin letter in the Vietnamese alphabet, counting ă, â, đ,
 * ê, ô, ơ, ư, which follow their base letter. */
static const unsigned char letter_rank[26] = {
	['a' - 'a'] = 0,  ['b' - 'a'] = 3,  ['c' - 'a'] = 4,  ['d' - 'a'] = 5,  ['e' - 'a'] = 7,
	['f' - 'a'] = 9,  ['g' - 'a'] = 10, ['h' - 'a'] = 11, ['i' - 'a'] = 12, ['j' - 'a'] = 13,
	['k' - 'a'] = 14, ['l' - 'a'] = 15, ['m' - 'a'] = 16, ['n' - 'a'] = 17, ['o' - 'a'] = 18,
	['p' - 'a'] = 21, ['q' - 'a'] = 22, ['r' - 'a'] = 23, ['s' - 'a'] = 24, ['t' - 'a'] = 25,
	['u' - 'a'] = 26, ['v' - 'a'] = 28, ['w' - 'a'] = 29, ['x' - 'a'] = 30, ['y' - 'a'] = 31,
	['z' - 'a'] = 32,
};

/* The decoder only lets a modifier stand on its own letter, so the offset
 * of ă/â from a, ê from e, ô/ơ from o, ư from u and đ from d is enough. */
static unsigned char letter_weight(char b, unsigned char mod)
{
	unsigned char w = (unsigned char)(KEY_LETTER + letter_rank[b - 'a']);

	switch (mod) {
	case TX_MOD_BREVE:
	case TX_MOD_STROKE:
		return (unsigned char)(w + 1);
	case TX_MOD_CIRC:
		return (unsigned char)(w + (b == 'a' ? 2 : 1));
	case TX_MOD_HORN:
		return (unsigned char)(w + (b == 'o' ? 2 : 1));
	default:
		return w;
	}
}

/* snprintf-like key buffer: counts every byte, stores those that fit. */
struct key {
	unsigned char *buf;
	size_t cap;
	size_t len;
};

static void key_put(struct key *k, unsigned char b)
{
	if (k->len < k->cap)
		k->buf[k->len] = b;
	k->len++;
}

static void key_set(struct key *k, size_t at, unsigned char b)
{
	if (at < k->cap)
		k->buf[at] = b;
}

/* Primary weights of one letter; *num is the position of the digit count
 * of the number being written (0 when none), *digits how many so far. */
static void key_letter(struct key *k, const tx_char *c, size_t *num, unsigned *digits)
{
	if (c->cls == TX_LETTER) {
		int32_t cp = utf8proc_tolower(c->cp);
		*num = 0;
		key_put(k, KEY_FOREIGN);
		key_put(k, (unsigned char)(cp >> 16));
		key_put(k, (unsigned char)(cp >> 8));
		key_put(k, (unsigned char)cp);
		return;
	}
	for (unsigned i = 0; i < c->nbase; i++) {
		char b = c->base[i];
		if (b < '0' || b > '9') {
			*num = 0;
			key_put(k, letter_weight(b, c->mod));
			continue;
		}
		if (*num == 0) {
			key_put(k, KEY_NUMBER);
			*num = k->len;
			*digits = 0;
			key_put(k, 0);
		}
		if (b == '0' && *digits == 0)
			continue; /* leading zeros do not count */
		key_put(k, (unsigned char)b);
		if (*digits < 0xFF)
			(*digits)++;
		key_set(k, *num, (unsigned char)*digits);
	}
}

/* Primary level of the words in [s, e). */
static void key_primary(struct key *k, const char *s, const char *e)
{
	bool in_word = false, any = false;
	size_t num = 0;
	unsigned digits = 0;
	tx_char c;

	while (s < e && *s) {
		s += tx_decode(s, &c);
		if (!tx_is_word(&c)) {
			in_word = false;
			num = 0;
			continue;
		}
		if (!in_word && any)
			key_put(k, KEY_WORD);
		in_word = any = true;
		key_letter(k, &c, &num, &digits);
	}
	key_put(k, KEY_END);
}

/* Secondary level: the tone of each word in [s, e). */
static void key_secondary(struct key *k, const char *s, const char *e)
{
	bool in_word = false;
	unsigned char tone = 0;
	tx_char c;

	while (s < e && *s) {
		s += tx_decode(s, &c);
		if (tx_is_word(&c)) {
			if (c.tone && !tone)
				tone = c.tone;
			in_word = true;
		} else if (in_word) {
			key_put(k, (unsigned char)(KEY_TONE + tone));
			in_word = false;
			tone = 0;
		}
	}
	if (in_word)
		key_put(k, (unsigned char)(KEY_TONE + tone));
	key_put(k, KEY_END);
}

static void key_stretch(struct key *k, const char *s, const char *e)
{
	key_primary(k, s, e);
	key_secondary(k, s, e);
}

size_t text_sort_key(const char *s, unsigned char *buf, size_t cap)
{
	struct key k = {buf, cap, 0};

	if (!s)
		s = "";
	key_stretch(&k, s, s + strlen(s));
	return k.len;
}

/* Byte ranges of the first and the last word of s; false if s has none. */
struct name_words {
	const char *first, *first_end, *last, *last_end;
};

static bool find_name_words(const char *s, struct name_words *w)
{
	bool in_word = false, any = false;
	tx_char c;

	memset(w, 0, sizeof *w);
	while (*s) {
		size_t n = tx_decode(s, &c);
		if (tx_is_word(&c)) {
			if (!in_word) {
				w->last = s;
				if (!any)
					w->first = s;
			}
			in_word = any = true;
			w->last_end = s + n;
			if (w->first == w->last)
				w->first_end = s + n;
		} else {
			in_word = false;
		}
		s += n;
	}
	return any;
}

size_t text_name_sort_key(const char *full_name, const char *birth_iso, unsigned char *buf,
			  size_t cap)
{
	struct key k = {buf, cap, 0};
	struct name_words w;
	const char *s = full_name ? full_name : "";

	if (!find_name_words(s, &w)) {
		for (int i = 0; i < 3; i++)
			key_stretch(&k, s, s);
	} else if (w.first == w.last) {
		key_stretch(&k, w.last, w.last_end);
		key_stretch(&k, s, s);
		key_stretch(&k, s, s);
	} else {
		key_stretch(&k, w.last, w.last_end);
		key_stretch(&k, w.first_end, w.last);
		key_stretch(&k, w.first, w.first_end);
	}
	if (birth_iso && *birth_iso) {
		key_put(&k, KEY_DATE);
		for (; *birth_iso; birth_iso++)
			key_put(&k, (unsigned char)*birth_iso);
	} else {
		key_put(&k, KEY_NO_DATE);
	}
	return k.len;
}

static int key_cmp(const unsigned char *a, size_t na, const unsigned char *b, size_t nb)
{
	int r = memcmp(a, b, na < nb ? na : nb);

	if (r != 0)
		return r < 0 ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

int text_compare(const char *a, const char *b)
{
	unsigned char ka[256], kb[256];
	size_t na = text_sort_key(a, ka, sizeof ka);
	size_t nb = text_sort_key(b, kb, sizeof kb);
	unsigned char *ha, *hb;
	int r;

	if (na <= sizeof ka && nb <= sizeof kb)
		return key_cmp(ka, na, kb, nb);
	ha = malloc(na);
	hb = malloc(nb);
	if (!ha || !hb) {
		/* out of memory: the first 256 bytes of each key still decide
		 * nearly always; equal prefixes fall back to byte order */
		free(ha);
		free(hb);
		r = memcmp(ka, kb, na < nb ? (na < sizeof ka ? na : sizeof ka)
					     : (nb < sizeof kb ? nb : sizeof kb));
		return r ? (r < 0 ? -1 : 1) : strcmp(a ? a : "", b ? b : "");
	}
	text_sort_key(a, ha, na);
	text_sort_key(b, hb, nb);
	r = key_cmp(ha, na, hb, nb);
	free(ha);
	free(hb);
	return r;
}
