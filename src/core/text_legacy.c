/* text_legacy.c - text from old Vietnamese 8-bit encodings: detection and
 * conversion to NFC UTF-8.
 *
 * TCVN3 ("ABC", TCVN 5712:1993 VN3) is decoded by glibc iconv, which knows
 * it as TCVN5712-1 and composes its separate tone bytes with the letter
 * before them. TCVN3 fonts come in pairs (.VnTime, and .VnTimeH whose
 * glyphs are all capitals), so a word typed in capitals often carries its
 * toned vowels as lower-case codes ("NGUYÔN" for NGUYỄN): a word with two
 * or more capitals and no lower-case ASCII letter gets its toned vowels
 * raised. A title-case word with a single capital ("Hå" - Hồ or HỒ?) can't
 * be told apart and is left as it is.
 *
 * VNI-Windows is a font encoding over Windows-1252: a vowel is typed as its
 * ASCII letter followed by a mark byte (a + "ù" = á, a + "á" = ấ, a + "ê"
 * = ă), while ơ, ư, đ and the toned i and ỵ have bytes of their own. No
 * iconv knows it, so the table below follows the published VNI font layout.
 *
 * Detection: a BOM says UTF-8 with BOM; text that is valid UTF-8 is UTF-8
 * (a legacy file with Vietnamese in it is almost never valid UTF-8); other
 * text is decoded both ways and each reading scored by how many of its
 * words are well-formed Vietnamese syllables. The wrong reading yields
 * stray symbols ("Nguy©n" read as VNI) or impossible syllables ("Nguyeón",
 * VNI read as TCVN3).
 */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "i18n.h"
#include "text_internal.h"

#define DETECT_SAMPLE 65536

const char *text_encoding_name(text_encoding enc)
{
	switch (enc) {
	case TEXT_ENC_UTF8:
		return "UTF-8";
	case TEXT_ENC_UTF8_BOM:
		return _("UTF-8 with BOM");
	case TEXT_ENC_TCVN3:
		return "TCVN3 (ABC)";
	case TEXT_ENC_VNI:
		return "VNI-Windows";
	default:
		return _("unknown encoding");
	}
}

/* ---- growing UTF-8 output --------------------------------------------- */

struct sbuf {
	char *buf;
	size_t len, cap;
	bool oom;
};

static void sb_cp(struct sbuf *b, int32_t cp)
{
	if (b->oom)
		return;
	if (b->len + 5 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		char *p = realloc(b->buf, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->buf = p;
		b->cap = cap;
	}
	b->len += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)b->buf + b->len);
	b->buf[b->len] = '\0';
}

/* ---- VNI-Windows ------------------------------------------------------ */

/* Windows-1252 0x80-0x9F (0 = unassigned); 0xA0-0xFF are Latin-1. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,	    0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,	    0x017D, 0,	    0,	    0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	    0x017E, 0x0178,
};

/* A VNI byte from 0xC0 up, lower-case half (the capital is 0x20 less):
 * either a mark (modifier and/or tone) for the vowel before it, or a
 * letter of its own. */
struct vni_byte {
	unsigned char mod, tone;
	uint16_t lower, upper; /* a letter of its own: its code points */
};

static const struct vni_byte vni_table[32] = {
    [0x00] = {TX_MOD_CIRC, TX_TONE_HUYEN, 0, 0},  /* à À: ầ */
    [0x01] = {TX_MOD_CIRC, TX_TONE_SAC, 0, 0},	  /* á Á: ấ */
    [0x02] = {TX_MOD_CIRC, TX_TONE_NONE, 0, 0},	  /* â Â: â */
    [0x03] = {TX_MOD_CIRC, TX_TONE_NGA, 0, 0},	  /* ã Ã: ẫ */
    [0x04] = {TX_MOD_CIRC, TX_TONE_NANG, 0, 0},	  /* ä Ä: ậ */
    [0x05] = {TX_MOD_CIRC, TX_TONE_HOI, 0, 0},	  /* å Å: ẩ */
    [0x06] = {0, 0, 0x1EC9, 0x1EC8},		  /* æ Æ: ỉ */
    [0x08] = {TX_MOD_BREVE, TX_TONE_HUYEN, 0, 0}, /* è È: ằ */
    [0x09] = {TX_MOD_BREVE, TX_TONE_SAC, 0, 0},	  /* é É: ắ */
    [0x0A] = {TX_MOD_BREVE, TX_TONE_NONE, 0, 0},  /* ê Ê: ă */
    [0x0B] = {TX_MOD_BREVE, TX_TONE_NANG, 0, 0},  /* ë Ë: ặ */
    [0x0C] = {0, 0, 0x00EC, 0x00CC},		  /* ì Ì: ì */
    [0x0D] = {0, 0, 0x00ED, 0x00CD},		  /* í Í: í */
    [0x0E] = {0, 0, 0x1EF5, 0x1EF4},		  /* î Î: ỵ */
    [0x0F] = {TX_MOD_NONE, TX_TONE_NANG, 0, 0},	  /* ï Ï: nặng */
    [0x11] = {0, 0, 0x0111, 0x0110},		  /* ñ Ñ: đ */
    [0x12] = {0, 0, 0x1ECB, 0x1ECA},		  /* ò Ò: ị */
    [0x13] = {0, 0, 0x0129, 0x0128},		  /* ó Ó: ĩ */
    [0x14] = {0, 0, 0x01A1, 0x01A0},		  /* ô Ô: ơ */
    [0x15] = {TX_MOD_NONE, TX_TONE_NGA, 0, 0},	  /* õ Õ: ngã */
    [0x16] = {0, 0, 0x01B0, 0x01AF},		  /* ö Ö: ư */
    [0x18] = {TX_MOD_NONE, TX_TONE_HUYEN, 0, 0},  /* ø Ø: huyền */
    [0x19] = {TX_MOD_NONE, TX_TONE_SAC, 0, 0},	  /* ù Ù: sắc */
    [0x1A] = {TX_MOD_BREVE, TX_TONE_HOI, 0, 0},	  /* ú Ú: ẳ */
    [0x1B] = {TX_MOD_NONE, TX_TONE_HOI, 0, 0},	  /* û Û: hỏi */
    [0x1C] = {TX_MOD_BREVE, TX_TONE_NGA, 0, 0},	  /* ü Ü: ẵ */
};

static const int32_t tone_mark[] = {0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323};

/* The vowel last written, while it can still take marks. */
struct vni_vowel {
	char base; /* a e i o u y, or 'w' for ơ/ư; 0 when none */
	bool mod, tone;
};

static bool vni_mark_fits(const struct vni_vowel *v, const struct vni_byte *m)
{
	if (!v->base || (m->tone && v->tone) || (m->mod && v->mod))
		return false;
	if (m->mod == TX_MOD_CIRC)
		return v->base == 'a' || v->base == 'e' || v->base == 'o';
	if (m->mod == TX_MOD_BREVE)
		return v->base == 'a';
	return true;
}

static void vni_vowel_set(struct vni_vowel *v, int32_t cp)
{
	char b = cp >= 'A' && cp <= 'Z' ? (char)(cp - 'A' + 'a') : (char)cp;

	v->mod = v->tone = false;
	v->base = cp < 0x80 && tx_is_vowel(b) ? b : 0;
	if (cp == 0x01A0 || cp == 0x01A1 || cp == 0x01AF || cp == 0x01B0) {
		v->base = 'w';
		v->mod = true;
	}
}

/* Decodes VNI bytes to UTF-8 with combining marks (composed later). A
 * mark byte that does not fit the letter before it is read as the
 * Windows-1252 character it is. */
static void vni_decode(const unsigned char *in, size_t len, struct sbuf *o)
{
	struct vni_vowel v = {0};

	for (size_t i = 0; i < len; i++) {
		unsigned char b = in[i];
		const struct vni_byte *m = b >= 0xC0 ? &vni_table[b & 0x1F] : NULL;
		int32_t cp = b;
		if (m && !m->lower && (m->mod || m->tone) && vni_mark_fits(&v, m)) {
			if (m->mod)
				sb_cp(o, m->mod == TX_MOD_CIRC ? 0x0302 : 0x0306);
			if (m->tone)
				sb_cp(o, tone_mark[m->tone]);
			v.mod = v.mod || m->mod;
			v.tone = v.tone || m->tone;
			continue;
		}
		if (m && m->lower)
			cp = b >= 0xE0 ? m->lower : m->upper;
		else if (b >= 0x80 && b < 0xA0)
			cp = cp1252_high[b - 0x80] ? cp1252_high[b - 0x80] : 0xFFFD;
		sb_cp(o, cp);
		vni_vowel_set(&v, cp);
	}
}

/* ---- TCVN3 ------------------------------------------------------------ */

static bool tcvn_grow(struct sbuf *o, char **op, size_t *ol)
{
	size_t used = (size_t)(*op - o->buf);
	char *p = realloc(o->buf, o->cap * 2);

	if (!p) {
		o->oom = true;
		return false;
	}
	o->buf = p;
	o->cap *= 2;
	*op = p + used;
	*ol = o->cap - used - 1;
	return true;
}

/* Converts with glibc's TCVN5712-1 into o; returns 0, or -1 if this system
 * has no such converter. The final call flushes a letter the converter
 * holds back in case a tone byte follows. */
static int tcvn_decode(const char *in, size_t len, struct sbuf *o)
{
	iconv_t cd = iconv_open("UTF-8", "TCVN5712-1");
	char *ip = (char *)in, *op;
	size_t il = len, ol;

	if (cd == (iconv_t)-1)
		return -1;
	o->cap = len * 3 + 16;
	o->buf = malloc(o->cap);
	if (!o->buf) {
		o->oom = true;
		iconv_close(cd);
		return 0;
	}
	op = o->buf;
	ol = o->cap - 1;
	while (il > 0 && !o->oom) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			tcvn_grow(o, &op, &ol);
		} else {
			ip++; /* cannot happen: TCVN5712-1 defines every byte */
			il--;
		}
	}
	while (!o->oom && iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1 && errno == E2BIG)
		tcvn_grow(o, &op, &ol);
	o->len = (size_t)(op - o->buf);
	o->buf[o->len] = '\0';
	iconv_close(cd);
	return 0;
}

/* Raises lower-case toned letters to capitals in place in [s, e). */
static void upper_word(char *s, char *e)
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
		s += n;
	}
}

/* The .VnTimeH repair described at the top of the file. */
static void tcvn_fix_capitals(char *s)
{
	tx_char c;

	while (*s) {
		char *w = s;
		int upper = 0, lower_ascii = 0, lower_marked = 0;
		while (*s && (tx_decode(s, &c), tx_is_word(&c))) {
			if (c.upper)
				upper++;
			else if (c.cp >= 'a' && c.cp <= 'z')
				lower_ascii++;
			else if (c.mod || c.tone)
				lower_marked++;
			s += c.len;
		}
		if (upper >= 2 && lower_ascii == 0 && lower_marked > 0)
			upper_word(w, s);
		if (s == w)
			s += tx_decode(s, &c);
	}
}

/* ---- Vietnamese syllables, for scoring -------------------------------- */

#define SYL_MAX 8

static const char *const syl_initials[] = {
    "",	 "b",  "c",   "ch", "d", "#",  "g",  "gh", "gi", "h", "k",  "kh", "l", "m",
    "n", "ng", "ngh", "nh", "p", "ph", "qu", "r",  "s",	 "t", "th", "tr", "v", "x",
};

/* Vowel groups, coded a ă=1 â=2 e ê=3 i o ô=4 ơ=5 u ư=6 y. */
static const char *const syl_nuclei[] = {
    "a",   "1",	  "2",	 "e",	"3",   "i",   "o",   "4",   "5",   "u",	  "6",	 "y",	"ai",  "ao",
    "au",  "ay",  "2u",	 "2y",	"eo",  "3u",  "ia",  "i3",  "iu",  "oa",  "o1",	 "oe",	"oi",  "4i",
    "5i",  "oo",  "ua",	 "u2",	"u3",  "ui",  "u4",  "u5",  "uy",  "6a",  "6i",	 "65",	"6u",  "y3",
    "i3u", "oai", "oay", "oao", "oeo", "u2y", "u4i", "uya", "uy3", "uyu", "65i", "65u", "y3u",
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

/* Is the word of n letters a well-formed Vietnamese syllable: initial
 * consonants, one vowel group, final consonants, at most one tone? */
static bool syl_valid(const tx_char *w, size_t n)
{
	char init[SYL_MAX + 1] = "", nuc[SYL_MAX + 1] = "", fin[SYL_MAX + 1] = "";
	size_t i = 0, ni = 0, nn = 0, nf = 0;
	int tones = 0;

	for (size_t k = 0; k < n; k++) {
		if (w[k].cls != TX_ALNUM || w[k].nbase != 1 || w[k].other_mark ||
		    (w[k].base[0] >= '0' && w[k].base[0] <= '9'))
			return false;
		tones += w[k].tone != TX_TONE_NONE;
	}
	if (tones > 1)
		return false;
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
	return in_list(init, syl_initials, sizeof syl_initials / sizeof *syl_initials) &&
	       in_list(nuc, syl_nuclei, sizeof syl_nuclei / sizeof *syl_nuclei) &&
	       in_list(fin, syl_finals, sizeof syl_finals / sizeof *syl_finals);
}

/* +1 for each word with a marked letter that is a Vietnamese syllable, -1
 * for each that is not and for each stray non-ASCII symbol. */
static long viet_score(const char *s)
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
			if (c.cp >= 0x80 && (c.cls == TX_OTHER || c.cls == TX_INVALID))
				score--;
			continue;
		}
		if (marked && !digit)
			score += n <= SYL_MAX && syl_valid(w, n) ? 1 : -1;
	}
	return score;
}

/* ---- detection and conversion ----------------------------------------- */

static bool has_bom(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
}

text_encoding text_detect_encoding(const char *buf, size_t len)
{
	struct sbuf t = {0}, v = {0};
	long st = -1, sv;

	if (!buf)
		return TEXT_ENC_UTF8;
	if (has_bom(buf, len))
		return TEXT_ENC_UTF8_BOM;
	if (tx_valid_utf8(buf, len, NULL))
		return TEXT_ENC_UTF8;
	if (len > DETECT_SAMPLE)
		len = DETECT_SAMPLE;
	if (tcvn_decode(buf, len, &t) == 0 && !t.oom && t.buf)
		st = viet_score(t.buf);
	vni_decode((const unsigned char *)buf, len, &v);
	sv = v.oom || !v.buf ? -1 : viet_score(v.buf);
	free(t.buf);
	free(v.buf);
	if (st <= 0 && sv <= 0)
		return TEXT_ENC_UNKNOWN;
	return st >= sv ? TEXT_ENC_TCVN3 : TEXT_ENC_VNI;
}

/* Character index (1-based) of byte offset off in UTF-8 text. */
static size_t char_index(const char *s, size_t off)
{
	size_t n = 1;

	for (size_t i = 0; i < off; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static int oom(cb_error *err)
{
	return cb_error_set(err, CB_EINVALID, _("Not enough memory to process the text."));
}

/* Composes o->buf to NFC into *out (o->buf is freed). */
static int finish_nfc(struct sbuf *o, char **out, cb_error *err)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;

	if (o->oom) {
		free(o->buf);
		return oom(err);
	}
	if (o->buf && tx_quick_nfc(o->buf, o->len)) {
		o->buf[o->len] = '\0';
		*out = o->buf;
		return CB_OK;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)(o->buf ? o->buf : ""), (utf8proc_ssize_t)o->len,
			 &nfc, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	free(o->buf);
	if (n < 0)
		return oom(err);
	*out = (char *)nfc;
	return CB_OK;
}

static int from_utf8(const char *in, size_t len, char **out, cb_error *err)
{
	struct sbuf o = {0};
	size_t bad;

	if (has_bom(in, len)) {
		in += 3;
		len -= 3;
	}
	if (!tx_valid_utf8(in, len, &bad))
		return cb_error_set(err, CB_EINVALID,
				    _("The text is not valid UTF-8 (character %zu). It may come "
				      "from a file in an old Vietnamese encoding."),
				    bad);
	o.buf = malloc(len + 1);
	if (!o.buf)
		return oom(err);
	memcpy(o.buf, in, len);
	o.buf[len] = '\0';
	o.len = len;
	return finish_nfc(&o, out, err);
}

int text_from_legacy(const char *in, size_t len, text_encoding enc, char **out, cb_error *err)
{
	struct sbuf o = {0};
	const char *nul;
	int rc;

	*out = NULL;
	if (!in) {
		in = "";
		len = 0;
	}
	if (enc == TEXT_ENC_UNKNOWN)
		enc = text_detect_encoding(in, len);
	nul = memchr(in, '\0', len);
	if (nul)
		return cb_error_set(err, CB_EINVALID,
				    _("The text contains a NUL character (character %zu)."),
				    enc == TEXT_ENC_UTF8 || enc == TEXT_ENC_UTF8_BOM
					? char_index(in, (size_t)(nul - in))
					: (size_t)(nul - in) + 1);
	switch (enc) {
	case TEXT_ENC_UTF8:
	case TEXT_ENC_UTF8_BOM:
		return from_utf8(in, len, out, err);
	case TEXT_ENC_TCVN3:
		if (tcvn_decode(in, len, &o) != 0)
			return cb_error_set(err, CB_EINVALID,
					    _("This system cannot convert text from %s."),
					    text_encoding_name(enc));
		rc = finish_nfc(&o, out, err);
		if (rc == CB_OK)
			tcvn_fix_capitals(*out);
		return rc;
	case TEXT_ENC_VNI:
		vni_decode((const unsigned char *)in, len, &o);
		return finish_nfc(&o, out, err);
	default:
		return cb_error_set(
		    err, CB_EINVALID,
		    _("The encoding of the text could not be recognised (UTF-8, TCVN3 or VNI)."));
	}
}
