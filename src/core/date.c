/* date.c - civil dates as day numbers (algorithms of H. Hinnant's
 * "chrono-compatible low-level date algorithms"), exact for any year. */
#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return days[m - 1] + (m == 2 && leap(y));
}

bool date_valid_ymd(int y, int m, int d)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= date_days_in_month(y, m);
}

cb_date date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

void date_to_ymd(cb_date z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (mm <= 2);
	*m = (int)mm;
	*d = (int)dd;
}

/* Reads 1..maxdigits digits; returns chars consumed or 0. */
static int read_num(const char *s, int maxdigits, int *out)
{
	int n = 0, v = 0;
	while (n < maxdigits && isdigit((unsigned char)s[n]))
		v = v * 10 + (s[n++] - '0');
	*out = v;
	return n;
}

bool date_parse_iso(const char *s, cb_date *out)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || read_num(s, 4, &y) != 4 || s[4] != '-' ||
	    read_num(s + 5, 2, &m) != 2 || s[7] != '-' || read_num(s + 8, 2, &d) != 2)
		return false;
	if (!date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

bool date_parse_vn(const char *s, cb_date *out)
{
	int y, m, d, n;
	char sep;
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	if ((n = read_num(s, 2, &d)) == 0)
		return false;
	s += n;
	sep = *s;
	if (sep != '/' && sep != '-' && sep != '.')
		return false;
	s++;
	if ((n = read_num(s, 2, &m)) == 0 || s[n] != sep)
		return false;
	s += n + 1;
	if (read_num(s, 4, &y) != 4)
		return false;
	s += 4;
	while (*s == ' ')
		s++;
	if (*s || !date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

bool date_parse(const char *s, cb_date *out)
{
	return date_parse_iso(s, out) || date_parse_vn(s, out);
}

void date_format_iso(cb_date date, char *buf)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	y %= 10000;
	if (y < 0 || m < 0 || m > 99 || d < 0 || d > 99) {
		snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
		return;
	}
	/* what that snprintf writes, without it: an import formats a few
	 * dates a row */
	const char out[11] = {(char)('0' + y / 1000),
			      (char)('0' + y / 100 % 10),
			      (char)('0' + y / 10 % 10),
			      (char)('0' + y % 10),
			      '-',
			      (char)('0' + m / 10),
			      (char)('0' + m % 10),
			      '-',
			      (char)('0' + d / 10),
			      (char)('0' + d % 10),
			      '\0'};
	memcpy(buf, out, sizeof out);
}

void date_format_vn(cb_date date, char *buf)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	snprintf(buf, 11, "%02d/%02d/%04d", d, m, y % 10000);
}

/* timegm reads the fields as UTC; localtime_r applies the zone (TZ, or
 * the system's), summer time included. */
bool date_format_utc_local(const char *ts, char *buf)
{
	struct tm tm;
	int y, mo, d, h, mi, sec = 0, used = 0;
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (!ts || sscanf(ts, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi, &used) != 5)
		return false;
	if (ts[used] == ':' && sscanf(ts + used, ":%2d", &sec) != 1)
		return false;
	if (!date_valid_ymd(y, mo, d) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 ||
	    sec > 60)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t)-1 || !localtime_r(&t, &tm))
		return false;
	snprintf(buf, 17, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
		 (tm.tm_year + 1900) % 10000, tm.tm_hour, tm.tm_min);
	return true;
}

cb_date date_today(void)
{
	const char *env = getenv("CANBO_TODAY");
	cb_date d;
	if (env && date_parse_iso(env, &d))
		return d;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int date_age(cb_date birth, cb_date on)
{
	int by, bm, bd, y, m, d;
	date_to_ymd(birth, &by, &bm, &bd);
	date_to_ymd(on, &y, &m, &d);
	int age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

char *date_iso_to_vn(const char *iso, char *buf)
{
	cb_date d;
	if (iso && date_parse_iso(iso, &d))
		date_format_vn(d, buf);
	else
		snprintf(buf, 11, "%s", iso ? iso : "");
	return buf;
}
