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
 *              0x02 between words; a run of digits is 0x03, 0x01 + the
 *              count of its significant digits, then the digits, so "Chi
 *              bộ 2" sorts before "Chi bộ 10"; a letter with no Latin form
 *              is 0xFE and its lower-case code point in three bytes of 7
 *              bits (high bit set), after z.
 *   0x01       (lower than anything above: a shorter word sorts first, so
 *              An < Anh and An < An Bình < Anh)
 *   secondary: one byte per word, 0x10 + its tone
 *   0x01
 * Primary weights equal means the same number of words, so the secondary
 * bytes of two keys line up and never meet a primary byte. No key holds a
 * 0x00 byte, so a key survives being handled as a C string.
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
	['a' - 'a'] = 0,  ['b' - 'a'] = 3,  ['c' - 'a'] = 4,  ['d' - 'a'] = 5,	['e' - 'a'] = 7,
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
		key_put(k, (unsigned char)(0x80 | ((cp >> 14) & 0x7F)));
		key_put(k, (unsigned char)(0x80 | ((cp >> 7) & 0x7F)));
		key_put(k, (unsigned char)(0x80 | (cp & 0x7F)));
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
			key_put(k, 1);
		}
		if (b == '0' && *digits == 0)
			continue; /* leading zeros do not count */
		key_put(k, (unsigned char)b);
		if (*digits < 0xFE)
			(*digits)++;
		key_set(k, *num, (unsigned char)(1 + *digits));
	}
}

/* The letters of a string, decoded once: a key reads them three times
 * (to find the name parts, then for each level). */
#define LETTERS_STACK 96

struct letters {
	tx_char *c;
	size_t n;
	tx_char stack[LETTERS_STACK];
};

/* Decodes s into l; a longer string than the stack holds moves to the
 * heap (a string of n bytes has at most n letters). Should that fail, the
 * key is built from the first LETTERS_STACK letters: still a valid key,
 * and a name that long does not exist. Free with letters_free. */
static void letters_read(const char *s, struct letters *l)
{
	size_t cap = LETTERS_STACK;

	l->c = l->stack;
	l->n = 0;
	while (*s) {
		if (l->n == cap) {
			tx_char *heap =
				l->c == l->stack ? malloc((cap + strlen(s)) * sizeof *heap) : NULL;
			if (!heap)
				return;
			memcpy(heap, l->stack, sizeof l->stack);
			l->c = heap;
			cap += strlen(s);
		}
		s += tx_decode(s, &l->c[l->n++]);
	}
}

static void letters_free(struct letters *l)
{
	if (l->c != l->stack)
		free(l->c);
}

/* Primary level of the words among letters [from, to). */
static void key_primary(struct key *k, const tx_char *c, size_t from, size_t to)
{
	bool in_word = false, any = false;
	size_t num = 0;
	unsigned digits = 0;

	for (size_t i = from; i < to; i++) {
		if (!tx_is_word(&c[i])) {
			in_word = false;
			num = 0;
			continue;
		}
		if (!in_word && any)
			key_put(k, KEY_WORD);
		in_word = any = true;
		key_letter(k, &c[i], &num, &digits);
	}
	key_put(k, KEY_END);
}

/* Secondary level: the tone of each word among letters [from, to). */
static void key_secondary(struct key *k, const tx_char *c, size_t from, size_t to)
{
	bool in_word = false;
	unsigned char tone = 0;

	for (size_t i = from; i < to; i++) {
		if (tx_is_word(&c[i])) {
			if (c[i].tone && !tone)
				tone = c[i].tone;
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

static void key_stretch(struct key *k, const tx_char *c, size_t from, size_t to)
{
	key_primary(k, c, from, to);
	key_secondary(k, c, from, to);
}

size_t text_sort_key(const char *s, unsigned char *buf, size_t cap)
{
	struct key k = {buf, cap, 0};
	struct letters l;

	letters_read(s ? s : "", &l);
	key_stretch(&k, l.c, 0, l.n);
	letters_free(&l);
	return k.len;
}

/* Letter ranges of the first word [0] and of the last word [1]. */
struct name_words {
	size_t from[2], to[2];
	bool any;
};

static void find_name_words(const struct letters *l, struct name_words *w)
{
	bool in_word = false;

	memset(w, 0, sizeof *w);
	for (size_t i = 0; i < l->n; i++) {
		if (!tx_is_word(&l->c[i])) {
			in_word = false;
			continue;
		}
		if (!in_word)
			w->from[1] = i;
		if (!w->any)
			w->from[0] = i;
		if (w->from[0] == w->from[1])
			w->to[0] = i + 1;
		w->to[1] = i + 1;
		in_word = w->any = true;
	}
}

size_t text_name_sort_key(const char *full_name, const char *birth_iso, unsigned char *buf,
			  size_t cap)
{
	struct key k = {buf, cap, 0};
	struct name_words w;
	struct letters l;

	letters_read(full_name ? full_name : "", &l);
	find_name_words(&l, &w);
	if (!w.any) {
		for (int i = 0; i < 3; i++)
			key_stretch(&k, l.c, 0, 0);
	} else if (w.from[0] == w.from[1]) {
		key_stretch(&k, l.c, w.from[1], w.to[1]);
		key_stretch(&k, l.c, 0, 0);
		key_stretch(&k, l.c, 0, 0);
	} else {
		key_stretch(&k, l.c, w.from[1], w.to[1]); /* given name */
		key_stretch(&k, l.c, w.to[0], w.from[1]); /* middle name(s) */
		key_stretch(&k, l.c, w.from[0], w.to[0]); /* surname */
	}
	letters_free(&l);
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
		r = memcmp(ka, kb,
			   na < nb ? (na < sizeof ka ? na : sizeof ka)
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
