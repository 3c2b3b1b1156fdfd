/* text_tcvn.c - the TCVN3 ("ABC", TCVN 5712:1993 VN3) code page as the ABC
 * fonts on Windows have it, and the repair of words typed in capitals.
 *
 * The table follows the published converter tables (UniKey's, and the
 * ones every Vietnamese converter copies): ASCII below 0x80; below 0x80
 * and at 0x80-0x9F nothing of TCVN3's own - these fonts are Windows fonts,
 * and Word and Excel put the Windows-1252 punctuation there (en and em
 * dashes, curly quotes, ellipsis); the letters at 0xA1-0xFE; 0xB0-0xB4
 * the separate tone marks. TCVN3 has no capitals with tones: .VnTimeH, the
 * capital font of each pair, draws the lower-case codes as capitals, so a
 * word typed in it arrives as "NGUY\xD4N". glibc's TCVN5712-1 is the full
 * VN1 set, with capitals at 0x01-0x17 and 0x80-0x9F, and so reads the
 * punctuation of an ABC file as letters; it is not used.
 */
#include <string.h>
#include <utf8proc.h>

#include "text_internal.h"

/* Windows-1252 0x80-0x9F (0 = unassigned). */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0,	0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0,	0x017D, 0,	0,	0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	0x017E, 0x0178,
};

int32_t tx_cp1252_cp(unsigned char b)
{
	if (b < 0x80 || b >= 0xA0)
		return b;
	return cp1252_high[b - 0x80] ? cp1252_high[b - 0x80] : 0xFFFD;
}

/* TCVN3 0xA0-0xFF; 0 where the ABC fonts have nothing (read as 1252). */
static const uint16_t tcvn3_high[96] = {
	/* A0 */ 0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
	/* A8 */ 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0,
	/* B0 */ 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
	/* B8 */ 0x00E1, 0x1EA1, 0,	 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0,
	/* C0 */ 0,	 0,	 0,	 0,	 0,	 0,	 0x1EB7, 0x1EA7,
	/* C8 */ 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0,	 0x1EBB, 0x1EBD,
	/* D0 */ 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
	/* D8 */ 0x1EC9, 0,	 0,	 0,	 0x0129, 0x00ED, 0x1ECB, 0x00F2,
	/* E0 */ 0,	 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
	/* E8 */ 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
	/* F0 */ 0,	 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
	/* F8 */ 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0,
};

int32_t tx_tcvn3_cp(unsigned char b)
{
	if (b < 0xA0)
		return tx_cp1252_cp(b);
	return tcvn3_high[b - 0xA0] ? tcvn3_high[b - 0xA0] : b;
}

/* ---- capitals ----------------------------------------------------------- */

/* Raises lower-case letters to capitals in place in [s, e): all of them,
 * or only the first letter when first_only. */
static void raise_letters(char *s, char *e, bool first_only)
{
	utf8proc_int32_t cp;
	utf8proc_uint8_t tmp[4];

	while (s < e) {
		utf8proc_ssize_t n = utf8proc_iterate((utf8proc_uint8_t *)s, e - s, &cp);
		if (n <= 0)
			return;
		if (cp >= 0x80 && utf8proc_islower(cp)) {
			utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_toupper(cp), tmp);
			if (k == n)
				memcpy(s, tmp, (size_t)k);
		}
		if (first_only && utf8proc_category(cp) != UTF8PROC_CATEGORY_MN)
			return;
		s += n;
	}
}

#define PHRASE_WORDS 16

/* What one word shows of the case it was typed in. */
struct word_case {
	char *start, *end;
	int capitals;	     /* letters that are capitals */
	bool lower_ascii;    /* has a lower-case ASCII letter: typed small */
	bool starts_capital; /* its first letter is a capital */
	bool starts_lower_ascii;
	bool starts_legacy_small; /* first letter a small non-ASCII one */
};

static char *read_word(char *s, struct word_case *w)
{
	tx_char c;
	bool first = true;

	memset(w, 0, sizeof *w);
	w->start = s;
	while (*s && (tx_decode(s, &c), tx_is_word(&c))) {
		bool ascii = c.cp < 0x80;
		if (c.upper)
			w->capitals++;
		else if (ascii && c.cp >= 'a' && c.cp <= 'z')
			w->lower_ascii = true;
		if (first) {
			w->starts_capital = c.upper;
			w->starts_lower_ascii = ascii && !c.upper && c.cp >= 'a';
			w->starts_legacy_small = !ascii && !c.upper && c.cls == TX_ALNUM;
		}
		first = false;
		s += c.len;
	}
	w->end = s;
	return s;
}

/* One phrase: words separated by single spaces only (a name in a cell; a
 * comma, a separator or a line break ends it). In capitals, when no word
 * has a small ASCII letter and some word has two capitals or more
 * ("NGUYỄN VĂN LÝ", "ĐỖ THỊ Ý"; not "Xã Mỹ Lệ", whose words have one
 * each): every small letter is raised. In title
 * case, when every word begins with a capital or a small toned letter and
 * some word is a capital followed by small letters ("Nguyễn Thị Ánh"): the
 * first letter of the words that begin small is raised. */
static void fix_phrase(struct word_case *w, size_t n)
{
	bool capitals = false, any_lower_ascii = false, title = false, all_start_up = true;

	for (size_t i = 0; i < n; i++) {
		capitals = capitals || w[i].capitals >= 2;
		any_lower_ascii = any_lower_ascii || w[i].lower_ascii;
		title = title || (w[i].starts_capital && w[i].lower_ascii);
		all_start_up = all_start_up && !w[i].starts_lower_ascii &&
			       (w[i].starts_capital || w[i].starts_legacy_small);
	}
	if (!any_lower_ascii && capitals) {
		for (size_t i = 0; i < n; i++)
			raise_letters(w[i].start, w[i].end, false);
	} else if (title && all_start_up) {
		for (size_t i = 0; i < n; i++)
			if (w[i].starts_legacy_small)
				raise_letters(w[i].start, w[i].end, true);
	}
}

void tx_tcvn3_fix_capitals(char *s)
{
	struct word_case w[PHRASE_WORDS];
	size_t n = 0;
	tx_char c;

	for (;;) {
		if (*s && (tx_decode(s, &c), tx_is_word(&c))) {
			if (n < PHRASE_WORDS)
				s = read_word(s, &w[n++]);
			else
				s = read_word(s, &w[PHRASE_WORDS - 1]);
			continue;
		}
		if (*s == ' ' && n > 0 && s[1] != ' ') {
			s++;
			continue;
		}
		if (n > 0)
			fix_phrase(w, n);
		n = 0;
		if (!*s)
			return;
		s += tx_decode(s, &c);
	}
}
