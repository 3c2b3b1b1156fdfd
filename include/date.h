/* date.h - calendar dates as days since 1970-01-01, proleptic Gregorian.
 *
 * The database stores dates as ISO text (YYYY-MM-DD); users type dd/mm/yyyy.
 * Dates are plain integers so age and deadline arithmetic is exact. */
#ifndef CANBO_DATE_H
#define CANBO_DATE_H

#include <stdbool.h>

typedef int cb_date; /* days since 1970-01-01; CB_DATE_NONE if absent */
#define CB_DATE_NONE (-2147483647 - 1)

bool date_valid_ymd(int y, int m, int d);
/* The number of days in month m (1..12) of year y. */
int date_days_in_month(int y, int m);
cb_date date_from_ymd(int y, int m, int d);
void date_to_ymd(cb_date date, int *y, int *m, int *d);

/* Parses "YYYY-MM-DD" (exactly). Returns false on anything else. */
bool date_parse_iso(const char *s, cb_date *out);
/* Parses "dd/mm/yyyy" (also d/m/yyyy, and '-' or '.' separators). */
bool date_parse_vn(const char *s, cb_date *out);
/* Accepts either form. */
bool date_parse(const char *s, cb_date *out);

/* buf must hold 11 bytes. */
void date_format_iso(cb_date date, char *buf);
void date_format_vn(cb_date date, char *buf);
/* A stored ISO date as people read it: "dd/mm/yyyy" into buf (11 bytes);
 * anything that is not an ISO date (empty, text of an old import) is
 * copied as it is, cut to fit. Returns buf. */
char *date_iso_to_vn(const char *iso, char *buf);

/* A UTC timestamp "YYYY-MM-DD HH:MM[:SS]" (as the audit trail stores it)
 * written in local time as "dd/mm/yyyy HH:MM" (buf: 17 bytes). Returns
 * false, buf untouched, if ts is not such a timestamp. */
bool date_format_utc_local(const char *ts, char *buf);
/* Today in local time, or $CANBO_TODAY (YYYY-MM-DD) when set, so that tests
 * and reports can fix the reference date. */
cb_date date_today(void);

/* Completed years between birth and the reference date. A 29 February
 * birthday is reached on 1 March in common years. */
int date_age(cb_date birth, cb_date on);

#endif
