/* text.c - plain-text article dumps (no formal spec; the "save page as
 * text" form of a news page), one article per file or per form-feed
 * separated section.  Reader rules, general rather than per site:
 *  - UTF-8 (BOM skipped); invalid UTF-8 is read as windows-1252;
 *  - paragraphs are separated by blank lines (lines inside one are joined);
 *    a file with almost no blank lines has one paragraph per line;
 *  - site chrome is dropped line by line: tickers and menus (items joined by
 *    " • " or " | "), breadcrumbs ("You are here:", "Home > News > ..."),
 *    share and font-size widgets ("Adjust font size:", "Share", "Tweet");
 *  - the date line is the first short paragraph that holds a date, in the
 *    forms "Source, <date>", "Updated: <date>", "<date>" (core/date.c);
 *    the text before the date is the source unless it is a label;
 *  - the headline is the nearest paragraph before the date line (a "By ..."
 *    line is a byline, not a headline); without a date line, the first short
 *    paragraph;
 *  - the body is what follows, up to "Related ..."/"Copyright" trailers; end
 *    markers (Enditem, also truncated as "Endi", (END), -30-, ###) are cut;
 *  - "## ", "> " and "- " / "• " paragraph prefixes mean heading, quote and
 *    list item (what the writer emits).
 * Writer: headline, "By ..." line, "Source, <RFC 3339 date>" line, then the
 * paragraphs, blank-line separated; articles separated by a form feed line. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include "format.h"

extern const struct na_format na_format_text;

static int text_probe(const struct na_probe *p)
{
	int ext = na_probe_ext_score(&na_format_text, p) > 0;
	if (!ext)
		return 0;
	size_t i = na_probe_skip_ws(p);
	if (i < p->len && (p->buf[i] == '<' || p->buf[i] == '{' || p->buf[i] == '['))
		return ext ? NA_PROBE_GUESS : 0; /* markup or JSON, whatever the name says */
	for (size_t k = 0; k < p->len; k++)
		if (p->buf[k] == 0 || (p->buf[k] < 0x20 && p->buf[k] != '\n' && p->buf[k] != '\r' &&
		                       p->buf[k] != '\t' && p->buf[k] != '\f'))
			return 0;
	/* any text would do: without the .txt name (or text/plain) claim nothing,
	 * so a file nobody knows stays "unknown format" instead of a guess */
	return ext ? NA_PROBE_EXT : 0;
}

struct text {
	struct na_buf conv;     /* the input as UTF-8 */
	const char *p, *end;    /* unread part */
	long line;              /* line number of p */
	int started;
};

/* windows-1252 bytes 0x80..0x9F; the rest of the upper half is Latin-1 */
static const unsigned short cp1252[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
	0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
	0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

static int text_read_open(struct na_reader *r)
{
	struct text *t = r->priv;
	const char *buf;
	size_t len;
	if (na_input_slurp(r->in, &buf, &len) < 0)
		return NA_FATAL;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
	}
	/* binary data is not a text dump: NUL bytes or many control characters */
	size_t ctl = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f'))
			ctl += c == 0 ? len : 1;
	}
	if (ctl * 100 > len) {
		struct na_pos pos = {na_input_name(r->in), 0, 0, -1};
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "binary data, not text");
		return NA_FATAL;
	}
	if (!na_utf8_valid(buf, len)) {
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)buf[i];
			if (c < 0x80)
				na_buf_addc(&t->conv, (char)c);
			else
				na_buf_add_utf8(&t->conv, c < 0xA0 ? cp1252[c - 0x80] : c);
		}
		struct na_pos pos = {na_input_name(r->in), 0, 0, -1};
		na_report(r->ctx, NA_SEV_NOTE, &pos, NULL, "not UTF-8: read as windows-1252");
	} else
		na_buf_add(&t->conv, buf, len);
	na_buf_addc(&t->conv, 0);
	t->conv.len--;
	t->p = t->conv.p;
	t->end = t->conv.p + t->conv.len;
	t->line = 1;
	return NA_OK;
}

static void text_read_close(struct na_reader *r)
{
	struct text *t = r->priv;
	na_buf_free(&t->conv);
}

/* ---- chrome ----------------------------------------------------------- */

static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (na_strncaseeq(s + i, needle, k))
			return s + i;
	return NULL;
}

static size_t count(const char *s, size_t n, const char *sep)
{
	size_t c = 0, k = strlen(sep);
	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(s + i, sep, k)) {
			c++;
			i += k - 1;
		}
	return c;
}

static int starts_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && na_strncaseeq(s, w, k);
}

/* A line made only of share/print/font widgets. */
static int widget_line(const char *s, size_t n)
{
	static const char *const words[] = {"share", "tweet", "email", "e-mail", "print", "facebook", "twitter",
	                                    "linkedin", "whatsapp", "reddit", "pinterest", "comments", "comment",
	                                    "save", "copy", "link", "font", "size", "a+", "a-", "a", "text",
	                                    "adjust", "this", "article", "on", "x", "+", "-", "|", "•"};
	size_t i = 0, nwords = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == ':' || s[i] == ','))
			i++;
		size_t b = i;
		while (i < n && s[i] != ' ' && s[i] != ':' && s[i] != ',')
			i++;
		if (i == b)
			break;
		int known = 0;
		for (size_t k = 0; k < NA_ARRAY_SIZE(words); k++)
			if (strlen(words[k]) == i - b && na_strncaseeq(s + b, words[k], i - b))
				known = 1;
		if (!known)
			return 0;
		nwords++;
	}
	return nwords > 0;
}

static int chrome_line(const char *s, size_t n)
{
	if (count(s, n, " \xE2\x80\xA2 ") + count(s, n, "\xC2\xA0\xE2\x80\xA2") >= 2)
		return 1; /* ticker: headlines joined by bullets */
	if (count(s, n, " | ") >= 3 && n / (count(s, n, " | ") + 1) < 40)
		return 1; /* menu */
	if (starts_ci(s, n, "you are here") || starts_ci(s, n, "home >") || starts_ci(s, n, "home \xC2\xBB") ||
	    starts_ci(s, n, "home /") || starts_ci(s, n, "home |") || starts_ci(s, n, "share this") ||
	    starts_ci(s, n, "share on ") || starts_ci(s, n, "follow us") || starts_ci(s, n, "skip to "))
		return 1;
	if ((count(s, n, " > ") >= 2 || count(s, n, " \xC2\xBB ") >= 2) && n < 120)
		return 1; /* breadcrumb */
	return widget_line(s, n);
}

/* Cut widget text trailing a real line ("Xinhua, December 15, 2015 Adjust font size:"). */
static size_t cut_widgets(const char *s, size_t n)
{
	static const char *const phrases[] = {"adjust font size", "font size:", "text size:", "print this article",
	                                      "share this article"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(phrases); i++) {
		const char *f = find_ci(s, n, phrases[i]);
		if (f)
			n = (size_t)(f - s);
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '|'))
		n--;
	return n;
}

/* ---- paragraphs -------------------------------------------------------- */

struct para {
	char *s;
	size_t n;
	long line;
};

struct paras {
	struct para *v;
	size_t n, cap;
};

static void push_para(struct na_article *a, struct paras *ps, struct na_buf *cur, long line)
{
	if (!cur->len)
		return;
	size_t n = na_text_normalize(cur->p, cur->len);
	cur->len = 0;
	if (!n)
		return;
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 32;
		ps->v = na_xrealloc(ps->v, ps->cap * sizeof *ps->v);
	}
	ps->v[ps->n].s = na_arena_strndup(a->arena, cur->p, n);
	ps->v[ps->n].n = n;
	ps->v[ps->n].line = line;
	ps->n++;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Shortest line taken for hard-wrapped paragraph text. */
#define WRAP_MIN 50

/* Split [s, e) into chrome-free paragraphs. */
static void split(struct na_article *a, const char *s, const char *e, long line0, struct paras *ps)
{
	size_t lines = 0, blanks = 0;
	for (const char *p = s; p < e;) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		const char *le = nl ? nl : e;
		lines++;
		if (is_blank(p, (size_t)(le - p)))
			blanks++;
		p = nl ? nl + 1 : e;
	}
	/* hard line breaks only: every line is a paragraph */
	int line_mode = lines > 3 && blanks * 4 < lines - blanks;
	struct na_buf cur = {0};
	long line = line0, start = line0;
	size_t prev_len = 0;
	for (const char *p = s; p < e; line++) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		const char *le = nl ? nl : e;
		size_t n = (size_t)(le - p);
		char *tmp = na_xmalloc(n + 1);
		memcpy(tmp, p, n);
		n = na_text_normalize(tmp, n);
		p = nl ? nl + 1 : e;
		if (!n) {
			push_para(a, ps, &cur, start);
			free(tmp);
			continue;
		}
		if (chrome_line(tmp, n)) {
			free(tmp);
			continue;
		}
		n = cut_widgets(tmp, n);
		/* a line continues the paragraph only when the one before was
		 * hard-wrapped text (long); short lines (headline, byline, date,
		 * list items) stand alone */
		if (cur.len && (prev_len < WRAP_MIN || starts_ci(tmp, n, "- ") || starts_ci(tmp, n, "* ") ||
		                starts_ci(tmp, n, "> ") || starts_ci(tmp, n, "## ") ||
		                starts_ci(tmp, n, "\xE2\x80\xA2 ")))
			push_para(a, ps, &cur, start);
		if (n) {
			if (!cur.len)
				start = line;
			else
				na_buf_addc(&cur, ' ');
			na_buf_add(&cur, tmp, n);
			prev_len = n;
		}
		free(tmp);
		if (line_mode)
			push_para(a, ps, &cur, start);
	}
	push_para(a, ps, &cur, start);
	na_buf_free(&cur);
}

/* ---- fields ------------------------------------------------------------ */

static int is_byline(const struct para *p)
{
	return p->n > 3 && p->n < 120 && starts_ci(p->s, p->n, "by ");
}

static void add_bylines(struct na_article *a, const char *s, size_t n)
{
	s += 3;
	n -= 3;
	while (n) {
		size_t k = 0;
		while (k < n && s[k] != ',' && !(k + 5 <= n && !memcmp(s + k, " and ", 5)))
			k++;
		size_t m = k;
		while (m && s[m - 1] == ' ')
			m--;
		const char *b = s;
		while (m && *b == ' ')
			b++, m--;
		if (m)
			na_strlist_push(a, &a->byline, b, m);
		if (k == n)
			break;
		k += s[k] == ',' ? 1 : 5;
		s += k;
		n -= k;
	}
}

static int is_label(const char *s, size_t n)
{
	static const char *const labels[] = {"updated", "published", "posted", "date", "last updated",
	                                     "first published", "created", "modified", "released"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(labels); i++)
		if (strlen(labels[i]) == n && na_strncaseeq(s, labels[i], n))
			return 1;
	return 0;
}

/* "Source, <date>", "<label>: <date>", "<date>".  Returns 1 and fills the
 * article's date (and source) when p is a date line. */
static int date_line(struct na_article *a, const struct para *p)
{
	char norm[64];
	unsigned flags;
	if (p->n > 120)
		return 0;
	for (size_t i = 1; i < p->n; i++) {
		char c = p->s[i];
		if (c != ',' && c != '|' && c != ':' && c != '-' && !(c == '\xE2' && i + 2 < p->n))
			continue;
		size_t skip = (c == '\xE2') ? 3 : 1; /* – or — */
		if (c == '\xE2' && !((unsigned char)p->s[i + 1] == 0x80 &&
		                     ((unsigned char)p->s[i + 2] == 0x93 || (unsigned char)p->s[i + 2] == 0x94)))
			continue;
		const char *rest = p->s + i + skip;
		size_t rn = p->n - i - skip;
		while (rn && *rest == ' ')
			rest++, rn--;
		if (!rn || na_date_parse(rest, rn, norm, &flags) != 0)
			continue;
		na_article_set_date(a, &a->published, rest, rn);
		size_t pn = i;
		while (pn && p->s[pn - 1] == ' ')
			pn--;
		size_t words = 1;
		for (size_t k = 0; k < pn; k++)
			words += p->s[k] == ' ';
		if (pn >= 3 && starts_ci(p->s, pn, "by "))
			add_bylines(a, p->s, pn);
		else if (pn && pn <= 60 && words <= 6 && !is_label(p->s, pn))
			a->source = na_article_str(a, p->s, pn);
		return 1;
	}
	if (na_date_parse(p->s, p->n, norm, &flags) == 0) {
		na_article_set_date(a, &a->published, p->s, p->n);
		return 1;
	}
	/* a date inside a short line ("Posted on Tuesday, 15 December 2015") */
	if (p->n <= 80 && na_date_find(p->s, p->n, norm, &flags) == 0) {
		a->published.raw = p->s;
		a->published.value = na_arena_strdup(a->arena, norm);
		a->published.flags = flags;
		return 1;
	}
	return 0;
}

static int stop_para(const struct para *p)
{
	static const char *const stops[] = {"related", "recommended", "most popular", "most read", "comments",
	                                    "share this", "tags:", "copyright", "\xC2\xA9", "read more",
	                                    "you may also like", "more from"};
	if (p->n > 80)
		return 0;
	for (size_t i = 0; i < NA_ARRAY_SIZE(stops); i++)
		if (starts_ci(p->s, p->n, stops[i]))
			return 1;
	return 0;
}

static int is_end_marker(const char *s, size_t n)
{
	static const char *const marks[] = {"enditem", "(end)", "end", "ends", "-30-", "###", "(ends)", "-end-",
	                                    "endall"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(marks); i++)
		if (strlen(marks[i]) == n && na_strncaseeq(s, marks[i], n))
			return 1;
	/* Xinhua's "Enditem" cut short by a truncated dump: "Endi" */
	return n >= 4 && n < 7 && na_strncaseeq(s, "enditem", n);
}

/* Drop a trailing end marker after the last sentence. */
static size_t strip_end_marker(const char *s, size_t n)
{
	size_t k = n;
	while (k && s[k - 1] != ' ')
		k--;
	if (k == 0)
		return is_end_marker(s, n) ? 0 : n;
	if (!is_end_marker(s + k, n - k))
		return n;
	size_t m = k - 1;
	unsigned char prev = m ? (unsigned char)s[m - 1] : 0;
	/* only after the end of a sentence: ". Enditem", "\" Enditem", "” Enditem" */
	if (prev == '.' || prev == '!' || prev == '?' || prev == '"' || prev == ')' || prev == 0x9D)
		return m;
	return n;
}

static void add_body(struct na_article *a, const struct para *p)
{
	enum na_block_type t = NA_BLOCK_PARAGRAPH;
	const char *s = p->s;
	size_t n = p->n;
	if (starts_ci(s, n, "## ")) {
		t = NA_BLOCK_HEADING;
		s += 3, n -= 3;
	} else if (starts_ci(s, n, "> ")) {
		t = NA_BLOCK_QUOTE;
		s += 2, n -= 2;
	} else if (starts_ci(s, n, "- ") || starts_ci(s, n, "* ")) {
		t = NA_BLOCK_LIST_ITEM;
		s += 2, n -= 2;
	} else if (starts_ci(s, n, "\xE2\x80\xA2 ")) {
		t = NA_BLOCK_LIST_ITEM;
		s += 4, n -= 4;
	}
	if (n)
		na_article_add_block(a, t, s, n);
}

static int text_read_next(struct na_reader *r, struct na_article *a)
{
	struct text *t = r->priv;
	/* sections separated by a form feed line */
	const char *s, *e;
	long line0;
	for (;;) {
		if (t->p >= t->end)
			return NA_EOF;
		s = t->p;
		line0 = t->line;
		e = s;
		while (e < t->end) {
			const char *nl = memchr(e, '\n', (size_t)(t->end - e));
			const char *le = nl ? nl : t->end;
			if (le > e && *e == '\f' && is_blank(e + 1, (size_t)(le - e - 1)))
				break;
			e = nl ? nl + 1 : t->end;
		}
		const char *next = e;
		if (next < t->end) {
			const char *nl = memchr(next, '\n', (size_t)(t->end - next));
			next = nl ? nl + 1 : t->end;
		}
		for (const char *q = t->p; q < next; q++)
			t->line += *q == '\n';
		t->p = next;
		if (!is_blank(s, (size_t)(e - s)))
			break;
	}
	struct paras ps = {0};
	split(a, s, e, line0, &ps);
	struct na_pos pos = {na_input_name(r->in), line0, 1, (long long)(s - t->conv.p)};
	a->pos = pos;
	a->charset = "UTF-8";
	size_t dl = ps.n, head = ps.n, first = 0;
	for (size_t i = 0; i < ps.n && i < 15; i++)
		if (date_line(a, &ps.v[i])) {
			dl = i;
			break;
		}
	if (dl < ps.n) {
		for (size_t i = dl; i-- > 0;) {
			if (is_byline(&ps.v[i])) {
				if (!a->byline.n)
					add_bylines(a, ps.v[i].s, ps.v[i].n);
				continue;
			}
			head = i;
			break;
		}
		first = dl + 1;
	} else {
		for (size_t i = 0; i < ps.n; i++)
			if (ps.v[i].n <= 200 && !is_byline(&ps.v[i])) {
				head = i;
				break;
			}
		first = head < ps.n ? head + 1 : 0;
	}
	if (head < ps.n) {
		a->headline = ps.v[head].s;
		a->fpos[NA_F_HEADLINE] = (struct na_pos){pos.file, ps.v[head].line, 1, -1};
	}
	if (first < ps.n && is_byline(&ps.v[first]) && !a->byline.n)
		add_bylines(a, ps.v[first].s, ps.v[first].n), first++;
	size_t last = ps.n;
	for (size_t i = first; i < ps.n; i++)
		if (stop_para(&ps.v[i])) {
			last = i;
			break;
		}
	while (last > first && is_end_marker(ps.v[last - 1].s, ps.v[last - 1].n))
		last--;
	if (last > first) {
		struct para *lp = &ps.v[last - 1];
		lp->n = strip_end_marker(lp->s, lp->n);
		while (lp->n && lp->s[lp->n - 1] == ' ')
			lp->n--;
	}
	for (size_t i = first; i < last; i++)
		add_body(a, &ps.v[i]);
	free(ps.v);
	if (!a->headline && !a->nbody) {
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "no article content found");
		r->rejected = s;
		r->rejected_len = (size_t)(e - s);
		return NA_FAILED;
	}
	return NA_OK;
}

/* ---- writer ------------------------------------------------------------ */

/* One paragraph on one line: the model's text is normalized already, but a
 * form feed or newline must not split the record. */
static void put_line(struct na_buf *b, const char *prefix, const char *s)
{
	na_buf_adds(b, prefix);
	for (; *s; s++)
		na_buf_addc(b, (*s == '\n' || *s == '\r' || *s == '\f') ? ' ' : *s);
	na_buf_adds(b, "\n\n");
}

static int text_write_article(struct na_writer *w, const struct na_article *a)
{
	struct na_buf *b = na_output_buffer(w->out);
	if (w->count)
		na_buf_adds(b, "\f\n");
	if (a->headline)
		put_line(b, "", a->headline);
	if (a->byline.n) {
		na_buf_adds(b, "By ");
		for (size_t i = 0; i < a->byline.n; i++) {
			if (i)
				na_buf_adds(b, i + 1 == a->byline.n ? " and " : ", ");
			na_buf_adds(b, a->byline.v[i]);
		}
		na_buf_adds(b, "\n\n");
	}
	if (a->published.value) {
		if (a->source)
			na_buf_printf(b, "%s, ", a->source);
		put_line(b, "", a->published.value);
	}
	for (size_t i = 0; i < a->nbody; i++) {
		static const char *const prefix[] = {"", "## ", "> ", "- "};
		put_line(b, prefix[a->body[i].type], a->body[i].text);
	}
	return na_output_flush_maybe(w->out);
}

const struct na_format na_format_text = {
	.name = "text",
	.aliases = "txt",
	.description = "plain-text article dump: headline, source and date line, paragraphs",
	.extensions = "txt",
	.mime = "text/plain",
	.priv_size = sizeof(struct text),
	.probe = text_probe,
	.read_open = text_read_open,
	.read_next = text_read_next,
	.read_close = text_read_close,
	.write_article = text_write_article,
};
