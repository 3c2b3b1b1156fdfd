/* selfcheck_period.c - the period over which every cadre is to have
 * checked himself: a month, a quarter or a half-year, as the locality sets
 * in evaluation.ini ([selfcheck] period). A check is still recorded for the
 * month it is made; a period counts as checked when any of its months is.
 */
#include "plans.h"

#include <stdio.h>
#include <string.h>

bool selfcheck_period_range(const char *period, char *first, char *last)
{
	int y = 0, n, from, to;

	if (!period || strlen(period) != 7 || period[4] != '-')
		return false;
	if (selfcheck_month_valid(period)) {
		snprintf(first, 8, "%s", period);
		snprintf(last, 8, "%s", period);
		return true;
	}
	for (int i = 0; i < 4; i++) {
		if (period[i] < '0' || period[i] > '9')
			return false;
		y = y * 10 + (period[i] - '0');
	}
	n = period[6] - '0';
	if ((period[5] == 'Q' || period[5] == 'q') && n >= 1 && n <= 4) {
		from = 3 * n - 2;
		to = 3 * n;
	} else if ((period[5] == 'H' || period[5] == 'h') && n >= 1 && n <= 2) {
		from = 6 * n - 5;
		to = 6 * n;
	} else {
		return false;
	}
	if (y < 1)
		return false;
	snprintf(first, 8, "%04d-%02d", y, from);
	snprintf(last, 8, "%04d-%02d", y, to);
	return true;
}

void selfcheck_period_of(cb_date d, int months, char *buf)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	if (months == 3)
		snprintf(buf, 8, "%04d-Q%d", y % 10000, (m + 2) / 3);
	else if (months == 6)
		snprintf(buf, 8, "%04d-H%d", y % 10000, (m + 5) / 6);
	else
		snprintf(buf, 8, "%04d-%02d", y % 10000, m);
}
