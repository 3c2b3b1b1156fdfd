/* text_internal.h - what the text module's own files share; not for other
 * modules.
 *
 * Every text function walks a string one user-perceived letter at a time:
 * a code point plus the combining marks that follow it (so NFD input, where
 * "ễ" is e + U+0302 + U+0303, reads exactly like NFC input). The decoder
 * says what the letter is for Vietnamese purposes: its ASCII base, its
 * letter modifier (breve, circumflex, horn, the stroke of đ) and its tone.
 */
#ifndef CANBO_TEXT_INTERNAL_H
#define CANBO_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tx_class {
	TX_ALNUM,   /* letter or digit with an ASCII form (base[]) */
	TX_LETTER,  /* letter or number with no ASCII form (CJK, Cyrillic...) */
	TX_SPACE,   /* white space, including NBSP and line separators */
	TX_MARK,    /* combining marks with nothing to combine with */
	TX_CTRL,    /* control character other than white space */
	TX_OTHER,   /* punctuation, symbols, format characters */
	TX_INVALID, /* one byte that is not part of valid UTF-8 */
};

/* Letter modifiers: they make a different letter of the alphabet. */
enum tx_mod { TX_MOD_NONE, TX_MOD_BREVE, TX_MOD_CIRC, TX_MOD_HORN, TX_MOD_STROKE };

/* The six tones, in the order Vietnamese dictionaries sort them. */
enum tx_tone { TX_TONE_NONE, TX_TONE_HUYEN, TX_TONE_HOI, TX_TONE_NGA, TX_TONE_SAC, TX_TONE_NANG };

typedef struct tx_char {
	size_t len;	     /* bytes read: the code point and its marks */
	int32_t cp;	     /* the first code point (-1 when invalid) */
	unsigned char cls;   /* enum tx_class */
	unsigned char nbase; /* ASCII letters/digits in base (0 to 3) */
	char base[4];	     /* lower-case ASCII form: "e" for "Ễ", "ss" for "ß" */
	unsigned char mod;   /* enum tx_mod, only on a letter that takes it */
	unsigned char tone;  /* enum tx_tone, only on a vowel */
	bool upper;	     /* an upper-case letter */
	bool other_mark;     /* carries a mark that is not Vietnamese (ü, ñ) */
} tx_char;

/* Decodes the letter at s (NUL-terminated, *s != '\0'); never reads past
 * the terminating NUL. Returns c->len, always at least 1. */
size_t tx_decode_slow(const char *s, tx_char *c);

/* Fills c for one ASCII byte. */
void tx_decode_ascii(unsigned char b, tx_char *c);

/* Could the UTF-8 sequence at p (NUL-terminated) be a combining mark? A
 * cheap test first: marks start at U+0300 (lead byte 0xCC), and the
 * Vietnamese letters U+1E80-U+1EFF (0xE1 0xBA/0xBB) are not marks. */
static inline bool tx_may_be_mark(const char *p)
{
	unsigned char b = (unsigned char)p[0];

	if (b < 0xCC)
		return false;
	return !(b == 0xE1 && ((unsigned char)p[1] == 0xBA || (unsigned char)p[1] == 0xBB));
}

/* The common case inline: an ASCII byte not followed by a combining mark. */
static inline size_t tx_decode(const char *s, tx_char *c)
{
	if ((unsigned char)s[0] < 0x80 && !tx_may_be_mark(s + 1)) {
		tx_decode_ascii((unsigned char)s[0], c);
		return 1;
	}
	return tx_decode_slow(s, c);
}

/* A letter that belongs to a word (for search, order and word splitting). */
static inline bool tx_is_word(const tx_char *c)
{
	return c->cls == TX_ALNUM || c->cls == TX_LETTER;
}

/* True for a, e, i, o, u, y: the letters that carry tones. */
static inline bool tx_is_vowel(char b)
{
	return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y';
}

/* The letters of a syllable (lower-case ASCII bases and their modifiers)
 * that may carry its tone: bit i for letter i; both bits for the old and
 * new spellings of oa, oe, uy ("hòa"/"hoà"); 0 when there is no vowel.
 * Letters past the 64th are ignored. */
uint64_t tx_tone_slots(const char *base, const unsigned char *mod, size_t n);

/* Score of how Vietnamese text looks (text_syllable.c): well-formed
 * syllables with marks count +1, other marked words and stray symbols -1. */
long tx_viet_score(const char *s);

/* Code points of one byte in Windows-1252 and in TCVN3 (text_tcvn.c). */
int32_t tx_cp1252_cp(unsigned char b);
int32_t tx_tcvn3_cp(unsigned char b);

/* Raises the small letters of words typed in capitals or title case with
 * a TCVN3 font pair, in place (the UTF-8 length does not change). */
void tx_tcvn3_fix_capitals(char *s);

/* Validates len bytes as UTF-8 (NUL allowed); on failure returns false and
 * sets *bad to the 1-based character index of the first bad sequence. */
bool tx_valid_utf8(const char *s, size_t len, size_t *bad);

#endif
