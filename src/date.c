/*
 * date.c — civil-date arithmetic (days from/to year-month-day with the
 * proleptic Gregorian calendar, after Howard Hinnant's algorithms), strict
 * parsers for dates and times of day, and the conversions between UTC
 * instants and the setting's local time, done through the C library's time
 * zone database under a lock (TZ is process-wide state).
 */
#include "date.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const weekday_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse(const char *s, int *days)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*days = date_from_ymd(y, m, d);
	return 0;
}

void date_format(int days, char out[DATE_LEN])
{
	int y, m, d;
	char tmp[48];
	date_to_ymd(days, &y, &m, &d);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m, d);
	if (str_copy(out, DATE_LEN, tmp) != 0)
		out[0] = '\0';
}

int date_weekday(int days)
{
	int w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
	return w < 0 ? w + 7 : w;
}

const char *date_weekday_name(int weekday)
{
	return weekday >= 0 && weekday < 7 ? weekday_names[weekday] : "?";
}

int date_weekday_parse(const char *s)
{
	for (int i = 0; i < 7; i++)
		if (s && strcasecmp(s, weekday_names[i]) == 0)
			return i;
	return -1;
}

int date_age_months(int dob, int day)
{
	int y1, m1, d1, y2, m2, d2;
	date_to_ymd(dob, &y1, &m1, &d1);
	date_to_ymd(day, &y2, &m2, &d2);
	int months = (y2 - y1) * 12 + (m2 - m1);
	if (d2 < d1 && !(d2 == days_in_month(y2, m2) && d1 > d2))
		months--;
	return months;
}

int date_add_months(int days, int n)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	int total = y * 12 + (m - 1) + n;
	y = total / 12;
	m = total % 12 + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	return date_from_ymd(y, m, d);
}

int time_parse(const char *s, int *min)
{
	int h, m;
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	if (digits(s, 2, &h) || digits(s + 3, 2, &m))
		return -1;
	if (h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	*min = h * 60 + m;
	return 0;
}

void time_format(int min, char out[TIME_LEN])
{
	if (min < 0 || min > 24 * 60)
		min = 0;
	snprintf(out, TIME_LEN, "%02d:%02d", min / 60, min % 60);
}

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;
static char tz_loaded[128]; /* the zone tzset() last loaded here; under tz_lock */

/* Run with TZ set to tz; the caller holds tz_lock. The zone stays set after
 * the call (nothing else in keyworker reads TZ), so that the usual case, the
 * same zone again, neither touches the environment nor makes the C library
 * read the zone file again: switching TZ there and back on every call made
 * each page open and parse the zone file twice per date it converted. */
static void tz_enter(const char *tz)
{
	const char *want = tz && *tz ? tz : "Europe/London";
	const char *now = getenv("TZ");
	if (now && strcmp(now, want) == 0 && strcmp(tz_loaded, want) == 0)
		return;
	setenv("TZ", want, 1);
	tzset();
	if (str_copy(tz_loaded, sizeof tz_loaded, want) != 0)
		tz_loaded[0] = '\0'; /* a name too long is simply loaded every time */
}

void date_local(int64_t t, const char *tz, int *days, int *minute)
{
	struct tm tm;
	time_t tt = (time_t)t;
	pthread_mutex_lock(&tz_lock);
	tz_enter(tz);
	localtime_r(&tt, &tm);
	pthread_mutex_unlock(&tz_lock);
	*days = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (minute)
		*minute = tm.tm_hour * 60 + tm.tm_min;
}

int64_t date_instant(int days, int minute, const char *tz)
{
	struct tm tm;
	int y, m, d;
	time_t t;
	date_to_ymd(days, &y, &m, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	pthread_mutex_lock(&tz_lock);
	tz_enter(tz);
	t = mktime(&tm);
	pthread_mutex_unlock(&tz_lock);
	return (int64_t)t;
}

int64_t time_now(void)
{
	return (int64_t)time(NULL);
}

int date_today(const char *tz)
{
	int days;
	const char *pin = getenv("KW_TODAY");
	if (pin && date_parse(pin, &days) == 0)
		return days;
	date_local(time_now(), tz, &days, NULL);
	return days;
}
