/* text.h - Vietnamese text: validation, NFC, folding, order, width, legacy
 * encodings. Knows nothing of curses or SQLite; every other module that
 * takes text from a user, a file or the command line passes it through here.
 */
#ifndef CANBO_TEXT_H
#define CANBO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Validates UTF-8 and returns a freshly allocated NFC copy with leading and
 * trailing white space removed and inner runs of white space collapsed to
 * one space. Rejects invalid UTF-8, NUL and control characters (tab and
 * newline included unless allow_newlines, which keeps '\n' for notes) and
 * the invisible characters of text_is_invisible with CB_EINVALID and a
 * translated message naming the character and where it is. Import and
 * forms both pass every field through here. */
int text_normalize(const char *in, size_t len, bool allow_newlines, char **out, cb_error *err);

/* True for the format characters text_normalize refuses: zero-width space,
 * non-joiner and joiner (U+200B-U+200D), word joiner (U+2060), byte order
 * mark inside text (U+FEFF), and the bidirectional controls U+202A-U+202E
 * and U+2066-U+2069. */
bool text_is_invisible(uint32_t cp);
/* The length (2..4) of the valid multi-byte UTF-8 sequence at p, within
 * `left` bytes; 0 if there is none (a bad lead or continuation byte, cut
 * short, overlong, a surrogate, above U+10FFFF). A NUL-terminated text may
 * pass SIZE_MAX: its NUL ends a sequence as any other bad byte does. */
size_t text_utf8_sequence(const unsigned char *p, size_t left);

/* Search fold: NFC, tones and marks removed, đ/Đ -> d, lower case, runs of
 * non-alphanumerics turned into single spaces. "Đặng Thị Ánh" -> "dang thi
 * anh". Letters of scripts with no ASCII form (Chinese, Khmer) are kept
 * as written, with their marks: "Lý 李明" -> "ly 李明". Writes at most cap
 * bytes including the NUL; returns the length it needed (like snprintf).
 * Latin text folds to pure ASCII. */
size_t text_fold(const char *s, char *buf, size_t cap);

/* Display fold for terminals without UTF-8: like text_fold but keeps case
 * and punctuation: "Nguyễn Văn An" -> "Nguyen Van An". Returns needed len. */
size_t text_ascii(const char *s, char *buf, size_t cap);

/* True when s has a letter or digit of any script: something to search
 * for (a query of punctuation only has none). */
bool text_has_words(const char *s);

/* True when s carries a Vietnamese mark or tone, or đ/Đ, or letters of
 * another script, i.e. when the user spelled it with diacritics and
 * expects an exact match. */
bool text_has_marks(const char *s);

/* Accent-sensitive check used after the folded search: every word of query
 * that has marks must begin some word of name as it is written, ignoring
 * case and where the tone is placed ("Hoà" = "Hòa"). "Đặng" matches "Đặng
 * Văn A" but not "Đăng Văn A"; "Thị" does not match "Thiện", nor "hò"
 * "Hoàng". Words without marks always pass (the folded search already
 * matched them); words of other scripts must begin a word as written. */
bool text_match_spelled(const char *name, const char *query);

/* Canonical form of a name for telling whether two records are the same
 * person: case, NFC/NFD and where the tone is written make no difference
 * ("Lê Văn Hòa" = "LÊ VĂN HOÀ"), every other letter and mark does. Words
 * are separated by one space; the form is for comparing, not for showing.
 * Returns the length it needed (like snprintf). */
size_t text_canonical(const char *s, char *buf, size_t cap);

/* Sort key for a person: given name (last word), then middle name(s), then
 * surname (first word), in Vietnamese alphabet order with tones as a
 * secondary level, then the ISO birth date. Keys compare with memcmp (so
 * SQLite orders a BLOB column of them correctly). Returns needed length;
 * writes at most cap bytes. birth_iso may be NULL. */
size_t text_name_sort_key(const char *full_name, const char *birth_iso, unsigned char *buf,
			  size_t cap);

/* Sort key for any other text (unit, organisation names): Vietnamese
 * alphabet order over the whole string, tones secondary. */
size_t text_sort_key(const char *s, unsigned char *buf, size_t cap);

/* Vietnamese order of two strings (whole-string, as text_sort_key). */
int text_compare(const char *a, const char *b);

/* Terminal columns that s occupies (wide characters count 2, combining
 * marks 0). Invalid bytes count 1. */
int text_width(const char *s);

/* Terminal columns of one code point, as glibc's wcwidth and terminals
 * count them: wide 2, non-spacing marks 0, spacing marks (Mc) 1; control
 * characters 1 (they are drawn as "?"). */
int text_cp_width(int32_t cp);

/* Fits s into exactly `width` columns: cut at a character boundary (never
 * inside a combining sequence) with "…" (or "~" when ascii) if too long,
 * padded with spaces if short (pad=true). When ascii is true the output is
 * folded with text_ascii first. Returns bytes written (NUL-terminated). */
size_t text_fit(const char *s, int width, bool pad, bool ascii, char *buf, size_t cap);
/* One line of text wrapped to `width` columns (as text_width counts
 * them), for text shown over several rows. From s it skips the spaces a
 * line starts with, then takes the words that fit, breaking at spaces; a
 * newline ends a line. A word wider than the whole line is broken between
 * two characters (never inside a letter and its marks). At least one
 * character is taken, so every call moves on. *line and *len (in bytes,
 * trailing spaces left out) give the line; the return value is where the
 * next one starts: s's terminating NUL when the text is done. */
const char *text_wrap_line(const char *s, int width, const char **line, size_t *len);
/* A person's name into at most `width` columns keeping the surname and the
 * given name: the middle words give way first ("Tôn Nữ… Hân"); no padding. */
size_t text_fit_name(const char *s, int width, bool ascii, char *buf, size_t cap);

/* Legacy 8-bit Vietnamese encodings met in old Word/Excel files. */
typedef enum {
	TEXT_ENC_UNKNOWN = 0,
	TEXT_ENC_UTF8,
	TEXT_ENC_UTF8_BOM,
	TEXT_ENC_TCVN3,	 /* TCVN 5712:1993 "ABC", glibc iconv TCVN5712-1 */
	TEXT_ENC_VNI,	 /* VNI-Windows: base letter + mark bytes */
	TEXT_ENC_CP1258, /* Windows-1258: letters + combining tone bytes */
	TEXT_ENC_UTF16LE,
	TEXT_ENC_UTF16BE,
	TEXT_ENC_MIXED, /* lines in UTF-8 and lines not: refused */
} text_encoding;

/* Guesses the encoding of a byte string: UNKNOWN when no reading is
 * clearly Vietnamese, MIXED when some lines are UTF-8 and others not. */
text_encoding text_detect_encoding(const char *buf, size_t len);

/* Converts from enc (TEXT_ENC_UNKNOWN = detect) to an allocated NFC UTF-8
 * string. A BOM is dropped. UNKNOWN and MIXED are refused with a message
 * that says what was seen (the lines that disagree) and how to save the
 * file as CSV UTF-8. */
int text_from_legacy(const char *in, size_t len, text_encoding enc, char **out, cb_error *err);

const char *text_encoding_name(text_encoding enc);

#endif
