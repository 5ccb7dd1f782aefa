/*
 * date.h — the three kinds of time keyworker stores: instants (UTC seconds),
 * local dates ("YYYY-MM-DD", held in code as days since 1970-01-01) and times
 * of day (minutes since midnight, "HH:MM"). Weekdays are 0 = Monday … 6 =
 * Sunday, named "mon" … "sun" as in the planner's format.
 */
#ifndef KW_DATE_H
#define KW_DATE_H

#include <stdint.h>

#include "util.h"

#define DATE_LEN 11 /* "YYYY-MM-DD" + NUL */
#define TIME_LEN 6  /* "HH:MM" + NUL */

/* days since 1970-01-01 of a valid calendar date, or -1 (and *days unset). */
int date_parse(const char *s, int *days) WARN_UNUSED;
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int days, int *y, int *m, int *d);
void date_format(int days, char out[DATE_LEN]);
int date_weekday(int days);
const char *date_weekday_name(int weekday);
/* weekday index of "mon".."sun" (any case), or -1 */
int date_weekday_parse(const char *s);
/* Whole months from dob to day (the child's age in months on that day). */
int date_age_months(int dob, int day);
/* The same day of month, n months later (clamped to the month's end). */
int date_add_months(int days, int n);

/* "HH:MM" 00:00..24:00 to minutes, or -1. */
int time_parse(const char *s, int *min) WARN_UNUSED;
void time_format(int min, char out[TIME_LEN]);

/* Today's date in time zone tz (e.g. "Europe/London"); $KW_TODAY pins it for tests. */
int date_today(const char *tz);
int64_t time_now(void);
/* Local date and minute of day of a UTC instant in tz. */
void date_local(int64_t t, const char *tz, int *days, int *minute);
/* UTC instant of a local date and minute in tz. */
int64_t date_instant(int days, int minute, const char *tz);

#endif
