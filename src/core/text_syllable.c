/* text_syllable.c - how Vietnamese a text looks, to tell which reading of
 * a legacy byte string is the right one.
 *
 * A word is scored when it carries a mark: +1 when it is a well-formed
 * syllable (initial consonants, one vowel group, final consonants, one
 * tone written where the spelling puts it), -1 when not; every stray
 * non-ASCII symbol scores -1. The wrong reading of a file yields stray
 * symbols ("Nguy©n", TCVN3 read as VNI), impossible syllables ("Nguyờịn",
 * Windows-1258 read as TCVN3) or tones in the wrong place ("Leõ", VNI
 * read as TCVN3).
 */
#include <string.h>

#include "text_internal.h"

#define SYL_MAX 8

static const char *const syl_initials[] = {
	"",  "b",  "c",	  "ch", "d", "#",  "g",	 "gh", "gi", "h", "k",	"kh", "l", "m",
	"n", "ng", "ngh", "nh", "p", "ph", "qu", "r",  "s",  "t", "th", "tr", "v", "x",
};

/* Vowel groups, coded a ă=1 â=2 e ê=3 i o ô=4 ơ=5 u ư=6 y. */
static const char *const syl_nuclei[] = {
	"a",   "1",   "2",   "e",   "3",   "i",	  "o",	 "4",	"5",   "u",   "6",
	"y",   "ai",  "ao",  "au",  "ay",  "2u",  "2y",	 "eo",	"3u",  "ia",  "i3",
	"iu",  "oa",  "o1",  "oe",  "oi",  "4i",  "5i",	 "oo",	"ua",  "u2",  "u3",
	"ui",  "u4",  "u5",  "uy",  "6a",  "6i",  "65",	 "6u",	"y3",  "i3u", "oai",
	"oay", "oao", "oeo", "u2y", "u4i", "uya", "uy3", "uyu", "65i", "65u", "y3u",
};

static const char *const syl_finals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static char syl_code(const tx_char *c)
{
	char b = c->base[0];

	switch (c->mod) {
	case TX_MOD_BREVE:
		return '1';
	case TX_MOD_CIRC:
		return b == 'a' ? '2' : b == 'e' ? '3' : '4';
	case TX_MOD_HORN:
		return b == 'o' ? '5' : '6';
	case TX_MOD_STROKE:
		return '#';
	default:
		return b;
	}
}

/* Is the tone written over a letter that may carry it? "Leõ" (VNI "Lê"
 * read as TCVN3) has its tone on the o of "eo", which never carries it. */
static bool tone_in_place(const tx_char *w, size_t n)
{
	char base[SYL_MAX];
	unsigned char mod[SYL_MAX];
	size_t at = n;

	for (size_t k = 0; k < n; k++) {
		base[k] = w[k].base[0];
		mod[k] = w[k].mod;
		if (w[k].tone)
			at = k;
	}
	return at == n || (tx_tone_slots(base, mod, n) >> at) & 1;
}

/* Vowel groups of a few loanwords only ("xoong", "khuỷu"): a wrong
 * reading makes them more often than the language does ("Coõng", VNI
 * "Công" read as TCVN3), so they count for nothing either way. */
static const char *const syl_rare_nuclei[] = {"oo", "oao", "oeo", "uyu"};

/* Is the word of n letters a well-formed Vietnamese syllable: initial
 * consonants, one vowel group, final consonants, at most one tone? 1 when
 * it is, 0 when it is but of a rare shape, -1 when not. */
static int syl_valid(const tx_char *w, size_t n)
{
	char init[SYL_MAX + 1] = "", nuc[SYL_MAX + 1] = "", fin[SYL_MAX + 1] = "";
	size_t i = 0, ni = 0, nn = 0, nf = 0;
	int tones = 0;

	for (size_t k = 0; k < n; k++) {
		if (w[k].cls != TX_ALNUM || w[k].nbase != 1 || w[k].other_mark ||
		    (w[k].base[0] >= '0' && w[k].base[0] <= '9'))
			return -1;
		tones += w[k].tone != TX_TONE_NONE;
	}
	if (tones > 1 || !tone_in_place(w, n))
		return -1;
	for (; i < n && !tx_is_vowel(w[i].base[0]); i++)
		init[ni++] = syl_code(&w[i]);
	for (; i < n && tx_is_vowel(w[i].base[0]); i++)
		nuc[nn++] = syl_code(&w[i]);
	for (; i < n; i++)
		fin[nf++] = syl_code(&w[i]);
	if (nn >= 2 && ((strcmp(init, "g") == 0 && nuc[0] == 'i') ||
			(strcmp(init, "q") == 0 && nuc[0] == 'u'))) {
		init[ni++] = nuc[0];
		memmove(nuc, nuc + 1, nn--);
	}
	if (!in_list(init, syl_initials, sizeof syl_initials / sizeof *syl_initials) ||
	    !in_list(nuc, syl_nuclei, sizeof syl_nuclei / sizeof *syl_nuclei) ||
	    !in_list(fin, syl_finals, sizeof syl_finals / sizeof *syl_finals))
		return -1;
	return in_list(nuc, syl_rare_nuclei, sizeof syl_rare_nuclei / sizeof *syl_rare_nuclei) ? 0
											       : 1;
}

/* Dashes, curly quotes, the ellipsis, the no-break space: typed in any
 * Windows document, in every legacy table at the same place. */
static bool windows_punctuation(int32_t cp)
{
	return cp == 0x00A0 || (cp >= 0x2013 && cp <= 0x2026);
}

/* +1 for each word with a marked letter that is a Vietnamese syllable, -1
 * for each that is not and for each stray non-ASCII symbol. */
long tx_viet_score(const char *s)
{
	tx_char w[SYL_MAX], c;
	long score = 0;

	while (*s) {
		size_t n = 0;
		bool marked = false, digit = false;
		while (*s && (tx_decode(s, &c), tx_is_word(&c))) {
			if (n < SYL_MAX)
				w[n] = c;
			n++;
			marked = marked || c.mod || c.tone || c.cp >= 0x80;
			digit = digit || (c.cp >= '0' && c.cp <= '9');
			s += c.len;
		}
		if (n == 0) {
			s += tx_decode(s, &c);
			if (c.cp >= 0x80 && (c.cls == TX_OTHER || c.cls == TX_INVALID) &&
			    !windows_punctuation(c.cp))
				score--;
			continue;
		}
		if (marked && !digit)
			score += n <= SYL_MAX ? syl_valid(w, n) : -1;
	}
	return score;
}
