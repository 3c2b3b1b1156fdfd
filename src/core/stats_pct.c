/* stats_pct.c - the figures of a breakdown as people read them: a share
 * in percent to the configured 0 to 3 decimals, rounded half up in
 * integer arithmetic (no floating point, so a half is always rounded the
 * same way), with the decimal comma in Vietnamese; and a bar of whole and
 * eighth cells ('#' whole cells only on a terminal without UTF-8).
 */
#include "stats.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

static int pct_decimals = 1;

void stats_pct_set_decimals(int decimals)
{
	pct_decimals = decimals < 0 ? 0 : decimals > 3 ? 3 : decimals;
}

int stats_pct_decimals(void)
{
	return pct_decimals;
}

void stats_pct_format(int64_t num, int64_t den, char *buf, size_t cap)
{
	int64_t scale = 1, scaled, whole, frac;

	if (den <= 0 || num < 0) {
		if (cap)
			buf[0] = '\0';
		return;
	}
	for (int i = 0; i < pct_decimals; i++)
		scale *= 10;
	/* half up on integers: floor((2 * num * 100 * scale + den) / (2 * den)) */
	scaled = (2 * num * 100 * scale + den) / (2 * den);
	whole = scaled / scale;
	frac = scaled % scale;
	if (pct_decimals)
		snprintf(buf, cap, "%lld.%0*lld", (long long)whole, pct_decimals, (long long)frac);
	else
		snprintf(buf, cap, "%lld", (long long)whole);
}

void stats_pct_localise(char *pct)
{
	char *dot = strchr(pct, '.');
	if (dot && strcmp(i18n_lang(), "vi") == 0)
		*dot = ',';
}

void stats_pct_label(int64_t num, int64_t den, char *buf, size_t cap)
{
	stats_pct_format(num, den, buf, cap);
	stats_pct_localise(buf);
}

void stats_bar(int64_t num, int64_t den, int width, bool utf8, char *buf, size_t cap)
{
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	int64_t units = den > 0 && num > 0 ? num * width * 8 / den : 0; /* in eighths */
	size_t len = 0;

	if (!cap)
		return;
	buf[0] = '\0';
	if (!utf8)
		units -= units % 8; /* whole cells of '#' only */
	for (int64_t i = 0; i < units / 8 && len + 4 < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s", utf8 ? "█" : "#");
	if (utf8 && units % 8 && len + 4 < cap)
		snprintf(buf + len, cap - len, "%s", eighths[units % 8]);
}
