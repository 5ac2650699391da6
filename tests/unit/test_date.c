#include "test.h"

static const char *norm(const char *s, unsigned *flags)
{
	static char out[64];
	if (na_date_parse(s, strlen(s), out, flags) != 0)
		return NULL;
	return out;
}

static void check(const char *in, const char *want, unsigned want_flags)
{
	unsigned flags = 99;
	const char *got = norm(in, &flags);
	if (!want) {
		if (got)
			test_fail(__FILE__, __LINE__, "\"%s\" parsed as %s, expected no date", in, got);
		return;
	}
	if (!got || strcmp(got, want) || flags != want_flags)
		test_fail(__FILE__, __LINE__, "\"%s\" -> %s (flags %u), expected %s (flags %u)", in,
		          got ? got : "(none)", flags, want, want_flags);
}

DEFINE_TEST(test_date_iso)
{
	check("2015-12-15T10:15:00Z", "2015-12-15T10:15:00Z", 0);
	check("2015-07-24T05:36:09+01:00", "2015-07-24T05:36:09+01:00", 0);
	check("2017-08-24T04:38:34+0000", "2017-08-24T04:38:34Z", 0);
	check("2015-04-30T07:19:58", "2015-04-30T07:19:58", NA_DATE_NO_ZONE);
	check("2015-12-15", "2015-12-15", NA_DATE_NO_TIME);
	check("2015-12-15 10:20", "2015-12-15T10:20:00", NA_DATE_NO_ZONE);
	check("20151215T101500Z", "2015-12-15T10:15:00Z", 0);
	check("20180404T175903+0300", "2018-04-04T17:59:03+03:00", 0);
	check("20001006", "2000-10-06", NA_DATE_NO_TIME);
	check("20190424064330", "2019-04-24T06:43:30", NA_DATE_NO_ZONE);
	check("2019-04-21T17:21:03.123Z", "2019-04-21T17:21:03.123Z", 0);
	check("1518478934", "2018-02-12T23:42:14Z", 0);
}

DEFINE_TEST(test_date_rfc822_and_text)
{
	check("Mon, 16 Oct 2017 15:10:00 +0000", "2017-10-16T15:10:00Z", 0);
	check("Tue, 15 Dec 2015 10:15:00 GMT", "2015-12-15T10:15:00Z", 0);
	check("Wed, 02 Oct 2002 08:00:00 EST", "2002-10-02T08:00:00-05:00", 0);
	check("December 15, 2015", "2015-12-15", NA_DATE_NO_TIME);
	check("15 Dec 2015", "2015-12-15", NA_DATE_NO_TIME);
	check("15.12.2015", "2015-12-15", NA_DATE_NO_TIME);
	check("07.09.2020 14:45", "2020-09-07T14:45:00", NA_DATE_NO_ZONE);
	check("04-19-2019", "2019-04-19", NA_DATE_NO_TIME);
	check("01/25/26", "2026-01-25", NA_DATE_NO_TIME);
	check("25/01/98", "1998-01-25", NA_DATE_NO_TIME);
	check("Published on 1/5/09", "2009-01-05", NA_DATE_NO_TIME);
	check("2015年12月15日", "2015-12-15", NA_DATE_NO_TIME);
	check("2015年12月15日 10:20", "2015-12-15T10:20:00", NA_DATE_NO_ZONE);
	check("15 décembre 2015", "2015-12-15", NA_DATE_NO_TIME);
	check("15. Dezember 2015", "2015-12-15", NA_DATE_NO_TIME);
	check("15 de diciembre de 2015", "2015-12-15", NA_DATE_NO_TIME);
	check("15 dicembre 2015", "2015-12-15", NA_DATE_NO_TIME);
	check("15 de dezembro de 2015", "2015-12-15", NA_DATE_NO_TIME);
	check("15 december 2015", "2015-12-15", NA_DATE_NO_TIME);
	check("15 декабря 2015", "2015-12-15", NA_DATE_NO_TIME);
	check("Dec. 15, 2015 3:05 pm EST", "2015-12-15T15:05:00-05:00", 0);
}

DEFINE_TEST(test_date_rejects)
{
	check("Sun, 07 Jul 3013 10:00:00 +0000", NULL, 0);
	check("Mon 32 Foo", NULL, 0);
	check("2015-02-30", NULL, 0);
	check("", NULL, 0);
	check("yesterday", NULL, 0);
	check("2.4.10", NULL, 0);       /* a version number, not a date */
	check("1/2/3", NULL, 0);
	check("13/13/13", NULL, 0);
}

DEFINE_TEST(test_date_find)
{
	char out[64];
	unsigned flags;
	const char *s = "Xinhua, December 15, 2015 | Adjust font size";
	assert_int(na_date_find(s, strlen(s), out, &flags), 0);
	assert_str(out, "2015-12-15");
	s = "Updated: 2015-12-15 10:20 by staff";
	assert_int(na_date_find(s, strlen(s), out, &flags), 0);
	assert_str(out, "2015-12-15T10:20:00");
	s = "no date in here, 42 things";
	assert_int(na_date_find(s, strlen(s), out, &flags), -1);
}
