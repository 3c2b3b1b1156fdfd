/* text_tone.c - where a Vietnamese syllable carries its tone.
 *
 * The tone belongs to the syllable, but it is written over one vowel, and
 * two spellings are in use: the old one ("hòa", "thúy") and the new one
 * ("hoà", "thuý"). They differ only for the pairs oa, oe and uy at the end
 * of a syllable. Everywhere else the place is fixed by the letters: on the
 * modified vowel (ê in "thiện", â in "thuần", ơ in "người"), on the last
 * vowel before a final consonant ("hoàng", "huỳnh"), on the middle one of
 * three ("khoái"), on the first of two ("mía", "mùa"), on the only one.
 * "gi" and "qu" before a vowel are initials ("giữa", "quý").
 */
#include "text_internal.h"

static bool modified(unsigned char mod)
{
	return mod == TX_MOD_BREVE || mod == TX_MOD_CIRC || mod == TX_MOD_HORN;
}

static bool pair_is(const char *base, size_t i, const char *two)
{
	return base[i] == two[0] && base[i + 1] == two[1];
}

uint64_t tx_tone_slots(const char *base, const unsigned char *mod, size_t n)
{
	size_t i = 0, start, end, last_mod = n;

	if (n > 64)
		n = 64;
	while (i < n && !tx_is_vowel(base[i]))
		i++;
	if (i + 1 < n && i > 0 && tx_is_vowel(base[i + 1]) && mod[i] == TX_MOD_NONE &&
	    ((base[i - 1] == 'g' && base[i] == 'i' && i == 1) ||
	     (base[i - 1] == 'q' && base[i] == 'u')))
		i++;
	if (i >= n)
		return 0;
	start = i;
	while (i < n && tx_is_vowel(base[i])) {
		if (modified(mod[i]))
			last_mod = i;
		i++;
	}
	end = i;
	if (last_mod < n)
		return 1ull << last_mod;
	if (end - start == 1)
		return 1ull << start;
	if (end < n)
		return 1ull << (end - 1);
	if (end - start >= 3)
		return 1ull << (start + 1);
	if (pair_is(base, start, "oa") || pair_is(base, start, "oe") || pair_is(base, start, "uy"))
		return (1ull << start) | (1ull << (start + 1));
	return 1ull << start;
}
