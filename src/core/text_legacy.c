/* text_legacy.c - text from files in other encodings than UTF-8:
 * detection and conversion to NFC UTF-8.
 *
 * TCVN3 ("ABC") is read through the table of text_tcvn.c, and words typed
 * with its capital fonts are repaired there. Windows-1258 (what Excel on a
 * Vietnamese Windows saves as "CSV") is decoded by iconv; it writes tones
 * as combining marks after the letter, so the result is composed to NFC.
 * UTF-16 (Excel's "Unicode text") is decoded by iconv too.
 *
 * VNI-Windows is a font encoding over Windows-1252: a vowel is typed as its
 * ASCII letter followed by a mark byte (a + "ù" = á, a + "á" = ấ, a + "ê"
 * = ă), while ơ, ư, đ and the toned i and ỵ have bytes of their own. No
 * iconv knows it, so the table below follows the published VNI font layout.
 *
 * Detection: a BOM says UTF-8 with BOM or UTF-16; NUL bytes in every other
 * place say UTF-16; text that is valid UTF-8 is UTF-8 (a legacy file with
 * Vietnamese in it is almost never valid UTF-8). A file with some lines
 * in UTF-8 Vietnamese and others not UTF-8 is MIXED and refused with the
 * lines named. Other text is decoded as TCVN3, VNI and Windows-1258 and
 * each reading scored by text_syllable.c; the clear winner is taken, a
 * tie is not guessed.
 */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "huge_heap.h"
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
	case TEXT_ENC_CP1258:
		return "Windows-1258";
	case TEXT_ENC_UTF16LE:
		return "UTF-16LE";
	case TEXT_ENC_UTF16BE:
		return "UTF-16BE";
	case TEXT_ENC_MIXED:
		return _("mixed encodings");
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

/* Doubles o's room while iconv writes at *op with *ol bytes left. */
static bool sb_grow(struct sbuf *o, char **op, size_t *ol)
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

/* ---- VNI-Windows ------------------------------------------------------ */

/* A VNI byte from 0xC0 up, lower-case half (the capital is 0x20 less):
 * either a mark (modifier and/or tone) for the vowel before it, or a
 * letter of its own. */
struct vni_byte {
	unsigned char mod, tone;
	uint16_t lower, upper; /* a letter of its own: its code points */
};

static const struct vni_byte vni_table[32] = {
	[0x00] = {TX_MOD_CIRC, TX_TONE_HUYEN, 0, 0},  /* à À: ầ */
	[0x01] = {TX_MOD_CIRC, TX_TONE_SAC, 0, 0},    /* á Á: ấ */
	[0x02] = {TX_MOD_CIRC, TX_TONE_NONE, 0, 0},   /* â Â: â */
	[0x03] = {TX_MOD_CIRC, TX_TONE_NGA, 0, 0},    /* ã Ã: ẫ */
	[0x04] = {TX_MOD_CIRC, TX_TONE_NANG, 0, 0},   /* ä Ä: ậ */
	[0x05] = {TX_MOD_CIRC, TX_TONE_HOI, 0, 0},    /* å Å: ẩ */
	[0x06] = {0, 0, 0x1EC9, 0x1EC8},	      /* æ Æ: ỉ */
	[0x08] = {TX_MOD_BREVE, TX_TONE_HUYEN, 0, 0}, /* è È: ằ */
	[0x09] = {TX_MOD_BREVE, TX_TONE_SAC, 0, 0},   /* é É: ắ */
	[0x0A] = {TX_MOD_BREVE, TX_TONE_NONE, 0, 0},  /* ê Ê: ă */
	[0x0B] = {TX_MOD_BREVE, TX_TONE_NANG, 0, 0},  /* ë Ë: ặ */
	[0x0C] = {0, 0, 0x00EC, 0x00CC},	      /* ì Ì: ì */
	[0x0D] = {0, 0, 0x00ED, 0x00CD},	      /* í Í: í */
	[0x0E] = {0, 0, 0x1EF5, 0x1EF4},	      /* î Î: ỵ */
	[0x0F] = {TX_MOD_NONE, TX_TONE_NANG, 0, 0},   /* ï Ï: nặng */
	[0x11] = {0, 0, 0x0111, 0x0110},	      /* ñ Ñ: đ */
	[0x12] = {0, 0, 0x1ECB, 0x1ECA},	      /* ò Ò: ị */
	[0x13] = {0, 0, 0x0129, 0x0128},	      /* ó Ó: ĩ */
	[0x14] = {0, 0, 0x01A1, 0x01A0},	      /* ô Ô: ơ */
	[0x15] = {TX_MOD_NONE, TX_TONE_NGA, 0, 0},    /* õ Õ: ngã */
	[0x16] = {0, 0, 0x01B0, 0x01AF},	      /* ö Ö: ư */
	[0x18] = {TX_MOD_NONE, TX_TONE_HUYEN, 0, 0},  /* ø Ø: huyền */
	[0x19] = {TX_MOD_NONE, TX_TONE_SAC, 0, 0},    /* ù Ù: sắc */
	[0x1A] = {TX_MOD_BREVE, TX_TONE_HOI, 0, 0},   /* ú Ú: ẳ */
	[0x1B] = {TX_MOD_NONE, TX_TONE_HOI, 0, 0},    /* û Û: hỏi */
	[0x1C] = {TX_MOD_BREVE, TX_TONE_NGA, 0, 0},   /* ü Ü: ẵ */
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
			cp = tx_cp1252_cp(b);
		sb_cp(o, cp);
		vni_vowel_set(&v, cp);
	}
}

/* ---- TCVN3 and the iconv code pages ----------------------------------- */

static void tcvn_decode(const char *in, size_t len, struct sbuf *o)
{
	for (size_t i = 0; i < len; i++)
		sb_cp(o, tx_tcvn3_cp((unsigned char)in[i]));
}

/* Converts with iconv from `from` into o; returns 0, or -1 if this system
 * has no such converter. A byte sequence the converter refuses becomes
 * U+FFFD. */
static int iconv_decode(const char *from, const char *in, size_t len, struct sbuf *o)
{
	iconv_t cd = iconv_open("UTF-8", from);
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
		if (errno == E2BIG || ol < 4) {
			sb_grow(o, &op, &ol);
		} else {
			size_t skip = errno == EINVAL ? il : 1; /* cut short at the end */
			memcpy(op, "\xEF\xBF\xBD", 3);
			op += 3;
			ol -= 3;
			ip += skip;
			il -= skip;
		}
	}
	while (!o->oom && iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1 && errno == E2BIG)
		sb_grow(o, &op, &ol);
	o->len = (size_t)(op - o->buf);
	o->buf[o->len] = '\0';
	iconv_close(cd);
	return 0;
}

/* ---- detection and conversion ----------------------------------------- */

static bool has_bom(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
}

/* UTF-16 by its byte order mark, or by the NUL bytes that every ASCII
 * character leaves in every other byte. */
static text_encoding utf16_kind(const char *buf, size_t len)
{
	size_t zero[2] = {0, 0}, n = len < 4096 ? len & ~(size_t)1 : 4096;

	if (len >= 2 && (unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE)
		return TEXT_ENC_UTF16LE;
	if (len >= 2 && (unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF)
		return TEXT_ENC_UTF16BE;
	for (size_t i = 0; i < n; i++)
		zero[i & 1] += buf[i] == '\0';
	if (n >= 4 && zero[1] * 5 >= n && zero[0] * 20 < n)
		return TEXT_ENC_UTF16LE;
	if (n >= 4 && zero[0] * 5 >= n && zero[1] * 20 < n)
		return TEXT_ENC_UTF16BE;
	return TEXT_ENC_UNKNOWN;
}

/* Calls fn(line, len, number, arg) for each line of buf. */
static void each_line(const char *buf, size_t len, void (*fn)(const char *, size_t, size_t, void *),
		      void *arg)
{
	size_t number = 1;

	for (const char *p = buf, *end = buf + len; p < end; number++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		fn(p, n, number, arg);
		p += n + 1;
	}
}

#define LINES_NAMED 5

/* The lines of a file: which are UTF-8 with Vietnamese in them, which are
 * not UTF-8 at all. */
struct line_census {
	size_t utf8, other;
	size_t utf8_at[LINES_NAMED], other_at[LINES_NAMED];
};

static void census_line(const char *line, size_t len, size_t number, void *arg)
{
	struct line_census *c = arg;
	bool ascii = true;

	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)line[i] < 0x80;
	if (ascii)
		return;
	if (!tx_valid_utf8(line, len, NULL)) {
		if (c->other < LINES_NAMED)
			c->other_at[c->other] = number;
		c->other++;
		return;
	}
	char *copy = strndup(line, len);
	if (copy && memchr(line, '\0', len) == NULL && tx_viet_score(copy) > 0) {
		if (c->utf8 < LINES_NAMED)
			c->utf8_at[c->utf8] = number;
		c->utf8++;
	}
	free(copy);
}

/* The best of the legacy readings of buf, or UNKNOWN when none looks
 * Vietnamese or two look equally so. Readings that come out the same
 * (text with no Vietnamese letter, an en dash at most) are Windows-1258,
 * which is Windows-1252 for such text. */
static text_encoding best_legacy(const char *buf, size_t len)
{
	static const text_encoding encs[3] = {TEXT_ENC_TCVN3, TEXT_ENC_VNI, TEXT_ENC_CP1258};
	struct sbuf r[3] = {{0}, {0}, {0}};
	long score[3];
	int best = 0;
	bool same = true, tie = false;

	tcvn_decode(buf, len, &r[0]);
	vni_decode((const unsigned char *)buf, len, &r[1]);
	if (iconv_decode("CP1258", buf, len, &r[2]) != 0)
		r[2].oom = true;
	for (int i = 0; i < 3; i++) {
		if (!r[i].oom && r[i].buf) {
			/* composed, as the decoders leave marks separate */
			utf8proc_uint8_t *nfc = NULL;
			if (utf8proc_map((utf8proc_uint8_t *)r[i].buf, (utf8proc_ssize_t)r[i].len,
					 &nfc, UTF8PROC_COMPOSE | UTF8PROC_STABLE) >= 0) {
				free(r[i].buf);
				r[i].buf = (char *)nfc;
			}
		}
		score[i] = r[i].oom || !r[i].buf ? -1 : tx_viet_score(r[i].buf);
		if (i > 0)
			same = same && r[i].buf && r[0].buf && strcmp(r[i].buf, r[0].buf) == 0;
	}
	for (int i = 1; i < 3; i++)
		if (score[i] > score[best])
			best = i;
	for (int i = 0; i < 3; i++)
		tie = tie || (i != best && score[i] == score[best]);
	for (int i = 0; i < 3; i++)
		free(r[i].buf);
	if (same && score[0] >= 0)
		return TEXT_ENC_CP1258;
	if (score[best] <= 0 || tie)
		return TEXT_ENC_UNKNOWN;
	return encs[best];
}

text_encoding text_detect_encoding(const char *buf, size_t len)
{
	struct line_census c = {0};
	text_encoding u16;

	if (!buf)
		return TEXT_ENC_UTF8;
	if (has_bom(buf, len))
		return TEXT_ENC_UTF8_BOM;
	if ((u16 = utf16_kind(buf, len)) != TEXT_ENC_UNKNOWN)
		return u16;
	if (tx_valid_utf8(buf, len, NULL))
		return TEXT_ENC_UTF8;
	each_line(buf, len, census_line, &c);
	if (c.utf8 > 0 && c.other > 0)
		return TEXT_ENC_MIXED;
	return best_legacy(buf, len < DETECT_SAMPLE ? len : DETECT_SAMPLE);
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
	o.buf = huge_alloc(len + 1); /* a whole file's text */
	if (!o.buf)
		return oom(err);
	memcpy(o.buf, in, len);
	o.buf[len] = '\0';
	o.len = len;
	return finish_nfc(&o, out, err);
}

/* "3, 7, 12" (and "..." when there are more). */
static void line_list(const size_t *at, size_t n, char *buf, size_t cap)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && i < LINES_NAMED && used < cap; i++)
		used += (size_t)snprintf(buf + used, cap - used, "%s%zu", i ? ", " : "", at[i]);
	if (n > LINES_NAMED && used < cap)
		snprintf(buf + used, cap - used, ", ...");
}

static int mixed_error(const char *in, size_t len, cb_error *err)
{
	struct line_census c = {0};
	char good[64], bad[64];

	each_line(in, len, census_line, &c);
	line_list(c.utf8_at, c.utf8, good, sizeof good);
	line_list(c.other_at, c.other, bad, sizeof bad);
	return cb_error_set(err, CB_EINVALID,
			    _("The lines of this file are not in one encoding: lines %s are "
			      "UTF-8, lines %s are not (an old Vietnamese encoding such as "
			      "TCVN3, or damaged bytes). Correct those lines, or copy the whole "
			      "list into one sheet and save it as \"CSV UTF-8\"."),
			    good, bad);
}

static int no_converter(text_encoding enc, cb_error *err)
{
	return cb_error_set(err, CB_EINVALID,
			    _("This system cannot convert text from %s. Save the file as \"CSV "
			      "UTF-8\" and import it again."),
			    text_encoding_name(enc));
}

static int from_utf16(const char *in, size_t len, text_encoding enc, char **out, cb_error *err)
{
	struct sbuf o = {0};
	const char *nul;

	if (len >= 2 && ((unsigned char)in[0] == 0xFF || (unsigned char)in[0] == 0xFE) &&
	    ((unsigned char)in[1] == 0xFF || (unsigned char)in[1] == 0xFE)) {
		in += 2;
		len -= 2;
	}
	if (iconv_decode(enc == TEXT_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE", in, len, &o) != 0)
		return no_converter(enc, err);
	if (!o.oom && o.buf && (nul = memchr(o.buf, '\0', o.len)) != NULL) {
		size_t at = char_index(o.buf, (size_t)(nul - o.buf));
		free(o.buf);
		return cb_error_set(err, CB_EINVALID,
				    _("The text contains a NUL character (character %zu)."), at);
	}
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
	if (enc == TEXT_ENC_UTF16LE || enc == TEXT_ENC_UTF16BE)
		return from_utf16(in, len, enc, out, err);
	if (enc == TEXT_ENC_MIXED)
		return mixed_error(in, len, err);
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
		tcvn_decode(in, len, &o);
		rc = finish_nfc(&o, out, err);
		if (rc == CB_OK)
			tx_tcvn3_fix_capitals(*out);
		return rc;
	case TEXT_ENC_VNI:
		vni_decode((const unsigned char *)in, len, &o);
		return finish_nfc(&o, out, err);
	case TEXT_ENC_CP1258:
		if (iconv_decode("CP1258", in, len, &o) != 0)
			return no_converter(enc, err);
		return finish_nfc(&o, out, err);
	default:
		return cb_error_set(
			err, CB_EINVALID,
			_("The encoding of the text could not be recognised: it is not UTF-8, and "
			  "it reads neither as TCVN3 (ABC), VNI-Windows nor Windows-1258 more "
			  "clearly than as another. Save the file as \"CSV UTF-8\" (Excel: File, "
			  "Save As, CSV UTF-8) or name its encoding."));
	}
}
