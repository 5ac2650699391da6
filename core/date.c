/* date.c - the one date module every reader uses.
 *
 * Accepted: RFC 3339 / ISO 8601 (extended and compact: 2015-12-15T10:15:00Z,
 * 20151215T101500Z, 20180404T175903+0300, a space instead of T, offsets
 * +hh:mm/+hhmm/+hh), 8/12/14-digit stamps (YYYYMMDD[hhmm[ss]], WARC),
 * 10-digit epoch seconds, RFC 822/1123 and free forms made of a month name
 * (en fr de es it pt nl ru, full or abbreviated), a day and a 4-digit year in
 * any order, numeric D.M.Y (dots: day first), M/D/Y and M-D-Y (month first
 * unless the first number exceeds 12), CJK 2015年12月15日 and Korean
 * 2015년 12월 15일, with an optional time (h:mm[:ss], 14h30, am/pm) and zone
 * (offset or abbreviation such as GMT, EST, CET).  Weekday names and filler
 * words are ignored; weekday mismatches are not errors (feeds get them wrong).
 * Years outside 1800..2999 are rejected: a date we cannot trust is never
 * invented, the raw string is kept by the caller instead. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "internal.h"

struct dt {
	int y, mo, d, h, mi, s;
	char frac[12];
	int has_time, has_zone, off; /* offset in minutes */
};

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int valid(const struct dt *t)
{
	if (t->y < 1800 || t->y > 2999 || t->mo < 1 || t->mo > 12 || t->d < 1 ||
	    t->d > days_in_month(t->y, t->mo))
		return 0;
	if (t->has_time && (t->h < 0 || t->h > 23 || t->mi < 0 || t->mi > 59 || t->s < 0 || t->s > 60))
		return 0;
	if (t->has_zone && (t->off < -14 * 60 || t->off > 14 * 60))
		return 0;
	return 1;
}

static void emit(const struct dt *t, char *out, unsigned *flags)
{
	*flags = 0;
	if (!t->has_time) {
		snprintf(out, 40, "%04d-%02d-%02d", t->y, t->mo, t->d);
		*flags = NA_DATE_NO_TIME;
		return;
	}
	int n = snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", t->y, t->mo, t->d, t->h, t->mi,
	                 t->s, t->frac[0] ? "." : "", t->frac);
	if (!t->has_zone)
		*flags = NA_DATE_NO_ZONE;
	else if (t->off == 0)
		snprintf(out + n, (size_t)(40 - n), "Z");
	else {
		int a = t->off < 0 ? -t->off : t->off;
		snprintf(out + n, (size_t)(40 - n), "%c%02d:%02d", t->off < 0 ? '-' : '+', a / 60, a % 60);
	}
}

static int digits(const char *s, const char *e, int n, int *v)
{
	if (e - s < n)
		return 0;
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 1;
}

/* +hh:mm, +hhmm, +hh, Z; returns bytes used or 0. */
static int parse_offset(const char *p, const char *e, int *off)
{
	if (p < e && (*p == 'Z' || *p == 'z')) {
		*off = 0;
		return 1;
	}
	if (p >= e || (*p != '+' && *p != '-'))
		return 0;
	int sign = *p == '-' ? -1 : 1, h, m = 0, used;
	if (!digits(p + 1, e, 2, &h))
		return 0;
	used = 3;
	if (p + 3 < e && p[3] == ':' && digits(p + 4, e, 2, &m))
		used = 6;
	else if (digits(p + 3, e, 2, &m) && !(p + 5 < e && isdigit((unsigned char)p[5])))
		used = 5;
	*off = sign * (h * 60 + m);
	return used;
}

static int zone_abbrev(const char *w, size_t n, int *off)
{
	static const struct { const char *name; int off; } z[] = {
		{"z", 0}, {"ut", 0}, {"utc", 0}, {"gmt", 0}, {"wet", 0},
		{"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300}, {"mst", -420},
		{"mdt", -360}, {"pst", -480}, {"pdt", -420}, {"akst", -540}, {"hst", -600},
		{"bst", 60}, {"cet", 60}, {"cest", 120}, {"met", 60}, {"mez", 60}, {"mesz", 120},
		{"eet", 120}, {"eest", 180}, {"msk", 180}, {"jst", 540}, {"kst", 540},
		{"hkt", 480}, {"sgt", 480}, {"aest", 600}, {"aedt", 660}, {"awst", 480},
		{"nzst", 720}, {"nzdt", 780},
	};
	for (size_t i = 0; i < NA_ARRAY_SIZE(z); i++)
		if (strlen(z[i].name) == n && na_strncaseeq(w, z[i].name, n)) {
			*off = z[i].off;
			return 1;
		}
	return 0;
}

static const char *skip_sp(const char *p, const char *e)
{
	while (p < e && isspace((unsigned char)*p))
		p++;
	return p;
}

/* ISO 8601 / RFC 3339, extended or compact; the whole string must match. */
static int parse_iso(const char *p, const char *e, struct dt *t)
{
	memset(t, 0, sizeof *t);
	int compact;
	if (digits(p, e, 4, &t->y) && p + 4 < e && p[4] == '-') {
		if (!digits(p + 5, e, 2, &t->mo) || p + 7 >= e || p[7] != '-' || !digits(p + 8, e, 2, &t->d))
			return 0;
		p += 10;
		compact = 0;
	} else if (digits(p, e, 8, &t->d) && !(p + 8 < e && isdigit((unsigned char)p[8]) && e - p != 12 && e - p != 14)) {
		t->y = t->d / 10000;
		t->mo = t->d / 100 % 100;
		t->d %= 100;
		p += 8;
		compact = 1;
		/* 12- and 14-digit stamps (WARC-Date of ARC files, grover) */
		if (e - p == 4 || e - p == 6) {
			if (!digits(p, e, 2, &t->h) || !digits(p + 2, e, 2, &t->mi))
				return 0;
			if (e - p == 6 && !digits(p + 4, e, 2, &t->s))
				return 0;
			t->has_time = 1;
			return valid(t);
		}
	} else
		return 0;
	if (p == e)
		return valid(t);
	if (*p != 'T' && *p != 't' && *p != ' ')
		return 0;
	p++;
	if (!digits(p, e, 2, &t->h))
		return 0;
	p += 2;
	if (!compact && p < e && *p == ':')
		p++;
	if (!digits(p, e, 2, &t->mi))
		return 0;
	p += 2;
	if (p < e && (*p == ':' || (compact && isdigit((unsigned char)*p)))) {
		if (*p == ':')
			p++;
		if (!digits(p, e, 2, &t->s))
			return 0;
		p += 2;
		if (p < e && (*p == '.' || *p == ',')) {
			p++;
			size_t k = 0;
			while (p < e && isdigit((unsigned char)*p)) {
				if (k < sizeof t->frac - 1)
					t->frac[k++] = *p;
				p++;
			}
			if (!k)
				return 0;
		}
	}
	t->has_time = 1;
	p = skip_sp(p, e);
	if (p < e) {
		int used = parse_offset(p, e, &t->off);
		if (!used) {
			const char *w = p;
			while (p < e && isalpha((unsigned char)*p))
				p++;
			if (!zone_abbrev(w, (size_t)(p - w), &t->off))
				return 0;
		} else
			p += used;
		t->has_zone = 1;
		if (skip_sp(p, e) != e)
			return 0;
	}
	return valid(t);
}

/* ---- free-form dates ---------------------------------------------------- */

static const struct month_name { const char *name; int month; } months[] = {
	/* en */ {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
	{"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
	{"sept", 9},
	/* fr */ {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"mai", 5},
	{"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
	{"novembre", 11}, {"décembre", 12}, {"decembre", 12}, {"févr", 2}, {"juil", 7}, {"déc", 12},
	/* de */ {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"juni", 6},
	{"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"mär", 3}, {"okt", 10}, {"dez", 12},
	/* es */ {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
	{"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
	{"noviembre", 11}, {"diciembre", 12}, {"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12},
	/* it */ {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
	{"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12}, {"gen", 1}, {"mag", 5},
	{"giu", 6}, {"lug", 7}, {"set", 9}, {"ott", 10},
	/* pt */ {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3}, {"maio", 5}, {"junho", 6},
	{"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
	{"fev", 2}, {"out", 10},
	/* nl */ {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8}, {"mrt", 3},
	/* ru, genitive and nominative */ {"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4},
	{"мая", 5}, {"июня", 6}, {"июля", 7}, {"августа", 8}, {"сентября", 9}, {"октября", 10},
	{"ноября", 11}, {"декабря", 12}, {"январь", 1}, {"февраль", 2}, {"март", 3}, {"апрель", 4},
	{"май", 5}, {"июнь", 6}, {"июль", 7}, {"август", 8}, {"сентябрь", 9}, {"октябрь", 10},
	{"ноябрь", 11}, {"декабрь", 12}, {"янв", 1}, {"фев", 2}, {"апр", 4}, {"авг", 8}, {"сен", 9},
	{"окт", 10}, {"ноя", 11}, {"дек", 12},
};

/* Lowercase ASCII, Latin-1 letters and Cyrillic into dst; returns length. */
static size_t lower_word(const char *s, size_t n, char *dst, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 4 < cap;) {
		unsigned cp;
		size_t k = na_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k)
			return 0;
		if (cp < 0x80)
			cp = (unsigned)tolower((int)cp);
		else if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x410 && cp <= 0x42F))
			cp += 0x20;
		else if (cp >= 0x400 && cp <= 0x40F)
			cp += 0x50;
		struct na_buf b = {0};
		na_buf_add_utf8(&b, cp);
		memcpy(dst + o, b.p, b.len);
		o += b.len;
		na_buf_free(&b);
		i += k;
	}
	dst[o] = 0;
	return o;
}

static int month_of(const char *w, size_t n)
{
	char low[64];
	size_t k = lower_word(w, n, low, sizeof low);
	if (k < 3)
		return 0;
	size_t chars = na_utf8_length(low, k);
	for (size_t i = 0; i < NA_ARRAY_SIZE(months); i++) {
		size_t m = strlen(months[i].name);
		if (k == m && !memcmp(low, months[i].name, k))
			return months[i].month;
	}
	/* abbreviations: a prefix of at least three letters of a full name */
	if (chars >= 3)
		for (size_t i = 0; i < NA_ARRAY_SIZE(months); i++)
			if (k < strlen(months[i].name) && !memcmp(low, months[i].name, k))
				return months[i].month;
	return 0;
}

enum tok_kind { T_NUM, T_WORD, T_TIME, T_ZONE, T_SEP };

struct tok {
	enum tok_kind kind;
	const char *s;
	size_t n;
	int value, ndigits;     /* T_NUM */
	int h, mi, sec;         /* T_TIME */
	int off;                /* T_ZONE */
	char sep;               /* separator right after the token ('.', '/', '-', ',') */
	int cjk;                /* 1 year (年/년), 2 month (月/월), 3 day (日/일) */
};

#define MAX_TOK 64

static int is_word_byte(unsigned char c) { return isalpha(c) || c >= 0x80; }

static const char *cjk_mark(const char *p, const char *e, int *which)
{
	static const struct { const char *s; int w; } marks[] = {
		{"年", 1}, {"月", 2}, {"日", 3}, {"년", 1}, {"월", 2}, {"일", 3},
	};
	for (size_t i = 0; i < NA_ARRAY_SIZE(marks); i++) {
		size_t n = strlen(marks[i].s);
		if ((size_t)(e - p) >= n && !memcmp(p, marks[i].s, n)) {
			*which = marks[i].w;
			return p + n;
		}
	}
	return NULL;
}

static int is_ampm(const struct tok *k, int *pm)
{
	if (k->kind != T_WORD)
		return 0;
	if ((k->n == 2 && na_strncaseeq(k->s, "pm", 2)) || (k->n == 1 && (*k->s == 'p' || *k->s == 'P'))) {
		*pm = 1;
		return 1;
	}
	if ((k->n == 2 && na_strncaseeq(k->s, "am", 2)) || (k->n == 1 && (*k->s == 'a' || *k->s == 'A'))) {
		*pm = 0;
		return 1;
	}
	return 0;
}

static int tokenize(const char *p, const char *e, struct tok *t, int max)
{
	int n = 0;
	while (p < e && n < max) {
		unsigned char c = (unsigned char)*p;
		if (isdigit(c)) {
			const char *s = p;
			int v = 0, nd = 0;
			while (p < e && isdigit((unsigned char)*p)) {
				if (nd < 9)
					v = v * 10 + (*p - '0');
				nd++;
				p++;
			}
			/* h:mm[:ss] and 14h30 */
			if (nd <= 2 && p + 2 < e && (*p == ':' || *p == 'h') && isdigit((unsigned char)p[1]) &&
			    isdigit((unsigned char)p[2]) && !(p + 3 < e && isdigit((unsigned char)p[3]))) {
				struct tok *k = &t[n++];
				memset(k, 0, sizeof *k);
				k->kind = T_TIME;
				k->s = s;
				k->h = v;
				k->mi = (p[1] - '0') * 10 + (p[2] - '0');
				p += 3;
				if (p + 2 < e && *p == ':' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2])) {
					k->sec = (p[1] - '0') * 10 + (p[2] - '0');
					p += 3;
					if (p < e && *p == '.')
						for (p++; p < e && isdigit((unsigned char)*p); p++)
							;
				}
				k->n = (size_t)(p - s);
				continue;
			}
			struct tok *k = &t[n++];
			memset(k, 0, sizeof *k);
			k->kind = T_NUM;
			k->s = s;
			k->n = (size_t)(p - s);
			k->value = v;
			k->ndigits = nd;
			const char *q = cjk_mark(p, e, &k->cjk);
			if (q)
				p = q;
			/* ordinal suffixes: 1st 2nd 3rd 15th 1er 1º */
			else if (p + 1 < e && (na_strncaseeq(p, "st", 2) || na_strncaseeq(p, "nd", 2) ||
			                       na_strncaseeq(p, "rd", 2) || na_strncaseeq(p, "th", 2) ||
			                       na_strncaseeq(p, "er", 2)) &&
			         !(p + 2 < e && isalpha((unsigned char)p[2])))
				p += 2;
			else if ((size_t)(e - p) >= 2 && !memcmp(p, "º", 2))
				p += 2;
			if (p < e && (*p == '.' || *p == '/' || *p == '-' || *p == ','))
				k->sep = *p++;
			continue;
		}
		if ((c == '+' || c == '-') && n > 0 && t[n - 1].kind == T_TIME) {
			int off, used = parse_offset(p, e, &off);
			if (used) {
				struct tok *k = &t[n++];
				memset(k, 0, sizeof *k);
				k->kind = T_ZONE;
				k->s = p;
				k->n = (size_t)used;
				k->off = off;
				p += used;
				continue;
			}
		}
		if ((c == '+' || c == '-') && n > 0 && t[n - 1].kind == T_ZONE) {
			/* GMT+8, UTC+05:30 */
			int off, used = 0, h = 0;
			if (p + 1 < e && isdigit((unsigned char)p[1])) {
				used = parse_offset(p, e, &off);
				if (!used) {
					h = p[1] - '0';
					used = 2;
					if (p + 2 < e && isdigit((unsigned char)p[2])) {
						h = h * 10 + (p[2] - '0');
						used = 3;
					}
					off = (c == '-' ? -1 : 1) * h * 60;
				}
				t[n - 1].off += off;
				p += used;
				continue;
			}
		}
		if (is_word_byte(c)) {
			const char *s = p;
			int which;
			if (cjk_mark(p, e, &which)) {
				p = cjk_mark(p, e, &which);
				continue;
			}
			while (p < e && is_word_byte((unsigned char)*p) && !cjk_mark(p, e, &which))
				p++;
			struct tok *k = &t[n++];
			memset(k, 0, sizeof *k);
			k->kind = T_WORD;
			k->s = s;
			k->n = (size_t)(p - s);
			int off;
			int pm;
			if (zone_abbrev(s, k->n, &off) && n > 1 &&
			    (t[n - 2].kind == T_TIME || (n > 2 && t[n - 3].kind == T_TIME && is_ampm(&t[n - 2], &pm)))) {
				k->kind = T_ZONE;
				k->off = off;
			}
			if (p < e && *p == '.')
				k->sep = *p++;
			continue;
		}
		p++;
	}
	return n;
}

/* Interpret tokens [0, n) as one date; unknown words are ignored. */
static int parse_tokens(const struct tok *t, int n, struct dt *d)
{
	memset(d, 0, sizeof *d);
	int month = 0, day = 0, year = 0, nums[3], seps[3], nds[3], nn = 0;
	int cy = 0, cm = 0, cd = 0;
	for (int i = 0; i < n; i++) {
		const struct tok *k = &t[i];
		int pm;
		switch (k->kind) {
		case T_NUM:
			if (k->cjk == 1) cy = k->value;
			else if (k->cjk == 2) cm = k->value;
			else if (k->cjk == 3) cd = k->value;
			else {
				if (nn == 3)
					return 0;
				if (k->ndigits > 4)
					return 0;
				seps[nn] = k->sep;
				nds[nn] = k->ndigits;
				nums[nn++] = k->value * (k->ndigits == 4 ? -1 : 1); /* mark years */
			}
			break;
		case T_WORD: {
			int m = month_of(k->s, k->n);
			if (m) {
				if (month)
					return 0;
				month = m;
			} else if (is_ampm(k, &pm) && d->has_time) {
				if (d->h > 12)
					return 0;
				d->h = pm ? (d->h % 12) + 12 : d->h % 12;
			}
			break;
		}
		case T_TIME:
			if (d->has_time)
				return 0;
			d->has_time = 1;
			d->h = k->h;
			d->mi = k->mi;
			d->s = k->sec;
			break;
		case T_ZONE:
			d->has_zone = 1;
			d->off = k->off;
			break;
		case T_SEP:
			break;
		}
	}
	if (cy && cm && cd) {
		day = cd;
		month = cm;
		year = cy;
	} else if (month) {
		for (int i = 0; i < nn; i++) {
			if (nums[i] < 0) {
				if (year)
					return 0;
				year = -nums[i];
			} else {
				if (day)
					return 0;
				day = nums[i];
			}
		}
	} else if (nn == 3) {
		int a = nums[0], b = nums[1], c = nums[2];
		if (a < 0 && b > 0 && c > 0) {
			year = -a; month = b; day = c;
		} else if (c < 0 && a > 0 && b > 0) {
			year = -c;
			if (seps[0] == '.' || a > 12) {
				day = a; month = b;
			} else {
				month = a; day = b;
			}
		} else if (a > 0 && b > 0 && c >= 0 && nds[2] == 2 && nds[0] <= 2 && nds[1] <= 2 && seps[0] == '/' &&
		           seps[1] == '/') {
			/* m/d/yy (d/m/yy when the first cannot be a month); a two-digit
			 * year is 1970-2069, as POSIX strptime %y reads it */
			year = c < 70 ? 2000 + c : 1900 + c;
			if (a > 12) {
				day = a; month = b;
			} else {
				month = a; day = b;
			}
		} else
			return 0;
	} else
		return 0;
	d->y = year;
	d->mo = month;
	d->d = day;
	return year && day && valid(d);
}

static int parse_digits_only(const char *p, const char *e, struct dt *t)
{
	size_t n = (size_t)(e - p);
	for (const char *q = p; q < e; q++)
		if (!isdigit((unsigned char)*q))
			return 0;
	if (n != 9 && n != 10)
		return 0;
	time_t secs = (time_t)strtoll(p, NULL, 10);
	struct tm tm;
	if (!gmtime_r(&secs, &tm))
		return 0;
	memset(t, 0, sizeof *t);
	t->y = tm.tm_year + 1900;
	t->mo = tm.tm_mon + 1;
	t->d = tm.tm_mday;
	t->h = tm.tm_hour;
	t->mi = tm.tm_min;
	t->s = tm.tm_sec;
	t->has_time = t->has_zone = 1;
	return valid(t) && t->y >= 1990;
}

int na_date_parse(const char *s, size_t n, char *out, unsigned *flags)
{
	const char *p = s, *e = s + n;
	p = skip_sp(p, e);
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	if (p == e || e - p > 200)
		return -1;
	struct dt t;
	if (parse_iso(p, e, &t) || parse_digits_only(p, e, &t)) {
		emit(&t, out, flags);
		return 0;
	}
	struct tok toks[MAX_TOK];
	int nt = tokenize(p, e, toks, MAX_TOK);
	if (parse_tokens(toks, nt, &t)) {
		emit(&t, out, flags);
		return 0;
	}
	return -1;
}

int na_date_find(const char *s, size_t n, char *out, unsigned *flags)
{
	const char *e = s + (n > 4096 ? 4096 : n);
	/* ISO forms anywhere in the text */
	for (const char *p = s; p + 10 <= e; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isalnum((unsigned char)p[-1])))
			continue;
		if (p[4] != '-' || p[7] != '-')
			continue;
		const char *q = p + 10;
		if (q + 6 <= e && (*q == 'T' || *q == ' ') && isdigit((unsigned char)q[1])) {
			const char *r = q + 1;
			while (r < e && (isdigit((unsigned char)*r) || *r == ':' || *r == '.' || *r == '+' ||
			                 *r == '-' || *r == 'Z'))
				r++;
			struct dt t;
			for (const char *z = r; z > q; z--)
				if (parse_iso(p, z, &t)) {
					emit(&t, out, flags);
					return 0;
				}
		}
		struct dt t;
		if (parse_iso(p, q, &t)) {
			emit(&t, out, flags);
			return 0;
		}
	}
	struct tok toks[MAX_TOK * 4];
	int nt = tokenize(s, e, toks, (int)NA_ARRAY_SIZE(toks));
	/* the longest window of up to 8 tokens that reads as a date */
	for (int i = 0; i < nt; i++) {
		if (toks[i].kind == T_WORD && !month_of(toks[i].s, toks[i].n))
			continue;
		for (int j = (i + 8 < nt ? i + 8 : nt); j > i; j--) {
			struct dt t;
			if (parse_tokens(toks + i, j - i, &t)) {
				emit(&t, out, flags);
				return 0;
			}
		}
	}
	return -1;
}

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * days_from_civil).  Not timegm(): glibc's takes the time-zone lock, and
 * validate's worker threads queued on it for every record. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

long long na_date_epoch(const char *value)
{
	struct dt t;
	if (!value || !parse_iso(value, value + strlen(value), &t))
		return 0;
	return days_from_civil(t.y, (unsigned)t.mo, (unsigned)t.d) * 86400 + t.h * 3600LL + t.mi * 60LL + t.s -
	       (long long)t.off * 60;
}

void na_date_rfc822(const char *value, char *out, size_t size)
{
	static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct dt t;
	if (!value || !parse_iso(value, value + strlen(value), &t)) {
		if (size)
			out[0] = 0;
		return;
	}
	long long days = days_from_civil(t.y, (unsigned)t.mo, (unsigned)t.d);
	int wday = (int)(((days + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
	/* RFC 822 has no "unknown zone": an unzoned time is written as GMT */
	int a = t.off < 0 ? -t.off : t.off;
	snprintf(out, size, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", wd[wday], t.d, mn[t.mo - 1],
	         t.y, t.h, t.mi, t.s, t.off < 0 ? '-' : '+', a / 60, a % 60);
}
