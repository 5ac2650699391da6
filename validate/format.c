/* format.c - the JSON Schema "format" keyword for date-time, date, time, uri
 * and email, with the semantics of ajv-formats 3 "full" mode (the reference
 * the differential test compares against):
 *   date       RFC 3339 full-date, month and day range checked (leap years);
 *   time       RFC 3339 full-time: zone required ("Z", "+hh:mm", "+hhmm",
 *              "+hh"), fractions allowed, leap second only at 23:59:60 UTC;
 *   date-time  date, one separator ("T", "t" or one white-space character),
 *              time;
 *   uri        RFC 3986 absolute URI (scheme required; hier-part non-empty);
 *   email      dot-atom local part "@" a domain of at least two labels.
 * Everything is ASCII; any other character makes the value invalid. */
#include "validate/validate.h"

static int dig(char c) { return c >= '0' && c <= '9'; }
static int two(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int alnum(int c) { c = lower(c); return dig((char)c) || (c >= 'a' && c <= 'z'); }
static int hex(int c) { c = lower(c); return dig((char)c) || (c >= 'a' && c <= 'f'); }

static int check_date(const char *s, size_t n)
{
	static const int days[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !dig(s[i]))
			return 0;
	int y = two(s) * 100 + two(s + 2), m = two(s + 5), d = two(s + 8);
	if (m < 1 || m > 12 || d < 1)
		return 0;
	int leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	return d <= (m == 2 && leap ? 29 : days[m]);
}

static int check_time(const char *s, size_t n)
{
	if (n < 8 || !dig(s[0]) || !dig(s[1]) || s[2] != ':' || !dig(s[3]) || !dig(s[4]) || s[5] != ':' ||
	    !dig(s[6]) || !dig(s[7]))
		return 0;
	size_t i = 8;
	double frac = 0;
	if (i < n && s[i] == '.') {
		size_t j = ++i;
		double scale = 0.1;
		while (i < n && dig(s[i])) {
			frac += (s[i] - '0') * scale;
			scale /= 10;
			i++;
		}
		if (i == j)
			return 0;
	}
	if (i >= n)
		return 0; /* the zone is required */
	int sign = 1, tzh = 0, tzm = 0;
	if (s[i] == 'z' || s[i] == 'Z')
		i++;
	else if (s[i] == '+' || s[i] == '-') {
		sign = s[i] == '-' ? -1 : 1;
		i++;
		if (n - i < 2 || !dig(s[i]) || !dig(s[i + 1]))
			return 0;
		tzh = two(s + i);
		i += 2;
		if (i < n) {
			if (s[i] == ':')
				i++;
			if (n - i != 2 || !dig(s[i]) || !dig(s[i + 1]))
				return 0;
			tzm = two(s + i);
			i += 2;
		}
	} else
		return 0;
	if (i != n || tzh > 23 || tzm > 59)
		return 0;
	int hr = two(s), min = two(s + 3);
	double sec = two(s + 6) + frac;
	if (hr <= 23 && min <= 59 && sec < 60)
		return 1;
	/* a leap second is 23:59:60 in UTC */
	int utc_min = min - tzm * sign;
	int utc_hr = hr - tzh * sign - (utc_min < 0 ? 1 : 0);
	return (utc_hr == 23 || utc_hr == -1) && (utc_min == 59 || utc_min == -1) && sec < 61;
}

/* ECMA-262 white space (what \s matches): the date-time separators besides T */
static size_t js_space(const unsigned char *s, size_t n)
{
	unsigned cp;
	if (*s < 0x80)
		return (*s >= 0x09 && *s <= 0x0d) || *s == ' ';
	size_t k = na_utf8_decode(s, n, &cp);
	if (!k)
		return 0;
	if (cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff)
		return k;
	return 0;
}

static int check_date_time(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t sep = n, seplen = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = (u[i] == 't' || u[i] == 'T') ? 1 : js_space(u + i, n - i);
		if (!k)
			continue;
		if (sep != n)
			return 0; /* more than two parts */
		sep = i;
		seplen = k;
		i += k - 1;
	}
	if (sep == n)
		return 0;
	return check_date(s, sep) && check_time(s + sep + seplen, n - sep - seplen);
}

/* ---- uri ---------------------------------------------------------------- */

static int sub_delim(int c) { return c && strchr("!$&'()*+,;=", c) != NULL; }
static int unreserved(int c) { return alnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

/* Length of one pct-encoded triplet at s, or 0. */
static size_t pct(const char *s, size_t n)
{
	return n >= 3 && s[0] == '%' && hex(s[1]) && hex(s[2]) ? 3 : 0;
}

/* All of s[0..n) is made of unreserved, sub-delims, pct-encoded and the
 * characters in extra. */
static int chars_ok(const char *s, size_t n, const char *extra)
{
	for (size_t i = 0; i < n;) {
		int c = (unsigned char)s[i];
		if (unreserved(c) || sub_delim(c) || (c && strchr(extra, c))) {
			i++;
			continue;
		}
		size_t k = pct(s + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

static int ipv4(const char *s, size_t n)
{
	/* four decimal octets 0-255, leading zeros allowed ([01]?\d\d?) */
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		if (part) {
			if (i >= n || s[i] != '.')
				return 0;
			i++;
		}
		size_t j = i;
		int v = 0;
		while (i < n && dig(s[i]) && i - j < 3)
			v = v * 10 + (s[i++] - '0');
		if (i == j || v > 255 || (i < n && dig(s[i])))
			return 0;
	}
	return i == n;
}

static int ipv6(const char *s, size_t n)
{
	int before = 0, after = 0, gap = 0;
	size_t i = 0;
	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 1;
		i = 2;
		if (i == n)
			return 1;
	} else if (n && s[0] == ':')
		return 0;
	for (;;) {
		size_t j = i;
		while (i < n && hex(s[i]) && i - j < 4)
			i++;
		if (i < n && (s[i] == '.')) {
			/* trailing IPv4 counts for two groups */
			if (!ipv4(s + j, n - j))
				return 0;
			*(gap ? &after : &before) += 2;
			break;
		}
		if (i == j || (i < n && hex(s[i])))
			return 0;
		(*(gap ? &after : &before))++;
		if (i == n)
			break;
		if (s[i] != ':')
			return 0;
		i++;
		if (i < n && s[i] == ':') {
			if (gap)
				return 0;
			gap = 1;
			i++;
			if (i == n)
				break;
		} else if (i == n)
			return 0;
	}
	return gap ? before + after <= 7 : before == 8;
}

static int authority(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	if (at) {
		if (!chars_ok(s, (size_t)(at - s), ":"))
			return 0;
		n -= (size_t)(at + 1 - s);
		s = at + 1;
	}
	size_t hl;
	if (n && s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (!close)
			return 0;
		const char *lit = s + 1;
		size_t ln = (size_t)(close - lit);
		int ok;
		if (ln && (lit[0] == 'v' || lit[0] == 'V')) {
			size_t i = 1;
			while (i < ln && hex(lit[i]))
				i++;
			ok = i > 1 && i < ln && lit[i] == '.' && i + 1 < ln && chars_ok(lit + i + 1, ln - i - 1, ":");
			/* IPvFuture has no pct-encoding */
			ok = ok && !memchr(lit + i + 1, '%', ln - i - 1);
		} else
			ok = ipv6(lit, ln);
		if (!ok)
			return 0;
		hl = ln + 2;
	} else {
		const char *colon = memchr(s, ':', n);
		hl = colon ? (size_t)(colon - s) : n;
		if (!chars_ok(s, hl, ""))
			return 0;
	}
	if (hl == n)
		return 1;
	if (s[hl] != ':')
		return 0;
	for (size_t i = hl + 1; i < n; i++)
		if (!dig(s[i]))
			return 0;
	return 1;
}

static int path_chars(const char *s, size_t n) { return chars_ok(s, n, ":@/"); }

static int hier_part(const char *s, size_t n)
{
	if (!n)
		return 0;
	if (s[0] != '/') /* path-rootless: first segment non-empty */
		return path_chars(s, n);
	/* "/" path-absolute: "/" alone or a first segment that is not empty */
	if (path_chars(s, n) && (n == 1 || s[1] != '/'))
		return 1;
	/* "//" or "/" then authority then path-abempty (ajv's \/?\/) */
	for (size_t pre = 1; pre <= 2 && pre <= n; pre++) {
		if (s[pre - 1] != '/')
			break;
		const char *a = s + pre;
		size_t an = n - pre;
		const char *slash = memchr(a, '/', an);
		size_t alen = slash ? (size_t)(slash - a) : an;
		if (authority(a, alen) && path_chars(a + alen, an - alen))
			return 1;
	}
	return 0;
}

static int check_uri(const char *s, size_t n)
{
	if (!memchr(s, '/', n) && !memchr(s, ':', n))
		return 0;
	if (!n || !alnum(s[0]) || dig(s[0]))
		return 0;
	size_t i = 1;
	while (i < n && (alnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	if (i >= n || s[i] != ':')
		return 0;
	i++;
	size_t h = i;
	while (i < n && s[i] != '?' && s[i] != '#')
		i++;
	if (!hier_part(s + h, i - h))
		return 0;
	if (i < n && s[i] == '?') {
		size_t q = ++i;
		while (i < n && s[i] != '#')
			i++;
		if (!chars_ok(s + q, i - q, ":@/?"))
			return 0;
	}
	if (i < n) {
		i++; /* '#' */
		if (!chars_ok(s + i, n - i, ":@/?"))
			return 0;
	}
	return 1;
}

/* ---- email -------------------------------------------------------------- */

static int atext(int c) { return alnum(c) || (c && strchr("!#$%&'*+/=?^_`{|}~-", c)); }

static int check_email(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	if (!at)
		return 0;
	size_t ln = (size_t)(at - s);
	/* local part: atext runs joined by single dots */
	if (!ln || s[0] == '.' || s[ln - 1] == '.')
		return 0;
	for (size_t i = 0; i < ln; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return 0;
		} else if (!atext((unsigned char)s[i]))
			return 0;
	}
	const char *d = at + 1;
	size_t dn = n - ln - 1;
	int labels = 0;
	size_t i = 0;
	while (i <= dn) {
		size_t j = i;
		while (j < dn && d[j] != '.')
			j++;
		if (j == i || !alnum(d[i]) || !alnum(d[j - 1]))
			return 0;
		for (size_t k = i; k < j; k++)
			if (!alnum(d[k]) && d[k] != '-')
				return 0;
		labels++;
		i = j + 1;
		if (j == dn)
			break;
	}
	return labels >= 2;
}

int na_format_check(enum na_fmt f, const char *s, size_t n)
{
	switch (f) {
	case NA_FMT_NONE: return 1;
	case NA_FMT_DATE: return check_date(s, n);
	case NA_FMT_TIME: return check_time(s, n);
	case NA_FMT_DATE_TIME: return check_date_time(s, n);
	case NA_FMT_URI: return check_uri(s, n);
	case NA_FMT_EMAIL: return check_email(s, n);
	}
	return 1;
}
