/* diag.c - diagnostics: the library stores or forwards, never prints. */
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"

void na_ctx_init(struct na_ctx *c)
{
	memset(c, 0, sizeof *c);
	c->limits.max_record = NA_DEFAULT_MAX_RECORD;
	c->limits.max_depth = NA_DEFAULT_MAX_DEPTH;
	c->limits.max_entries = NA_DEFAULT_MAX_ENTRIES;
	c->limits.max_total = NA_DEFAULT_MAX_TOTAL;
	c->limits.max_ratio = NA_DEFAULT_MAX_RATIO;
}

void na_vreport(struct na_ctx *c, enum na_severity sev, const struct na_pos *pos,
                const char *field, const char *rule, const char *fmt, va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (sev == NA_SEV_ERROR)
		c->errors++;
	else if (sev == NA_SEV_WARNING)
		c->warnings++;
	if (!c->cb)
		return;
	struct na_diag d = {sev, {NULL, 0, 0, -1}, field, rule, msg};
	if (pos)
		d.pos = *pos;
	c->cb(&d, c->cb_user);
}

void na_report(struct na_ctx *c, enum na_severity sev, const struct na_pos *pos,
               const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	na_vreport(c, sev, pos, field, NULL, fmt, ap);
	va_end(ap);
}

void na_report_rule(struct na_ctx *c, enum na_severity sev, const struct na_pos *pos,
                    const char *field, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	na_vreport(c, sev, pos, field, rule, fmt, ap);
	va_end(ap);
}

size_t na_diag_format(const struct na_diag *d, char *buf, size_t size)
{
	static const char *const sev[] = {"note", "warning", "error"};
	struct na_buf b = {0};
	if (d->pos.file) {
		na_buf_adds(&b, d->pos.file);
		if (d->pos.line > 0) {
			na_buf_printf(&b, ":%ld", d->pos.line);
			if (d->pos.col > 0)
				na_buf_printf(&b, ":%ld", d->pos.col);
		} else if (d->pos.offset >= 0) {
			na_buf_printf(&b, "@%lld", d->pos.offset);
		}
		na_buf_adds(&b, ": ");
	}
	na_buf_printf(&b, "%s: ", sev[d->severity]);
	if (d->field && *d->field)
		na_buf_printf(&b, "%s: ", d->field);
	na_buf_adds(&b, d->message);
	if (d->rule)
		na_buf_printf(&b, " (%s)", d->rule);
	size_t n = b.len;
	if (size) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(buf, b.p, k);
		buf[k] = 0;
	}
	na_buf_free(&b);
	return n;
}

const char *na_ctx_option(struct na_ctx *c, const char *format, const char *key)
{
	const char *v = NULL;
	for (size_t i = 0; i < c->noptions; i++) {
		struct na_option *o = &c->options[i];
		if (strcmp(o->key, key) != 0)
			continue;
		if (o->format && format && strcmp(o->format, format) != 0)
			continue;
		o->used = 1;
		v = o->value; /* the last one given wins */
	}
	return v;
}

int na_exit_worse(int a, int b)
{
	static const int rank[] = {[NA_EXIT_OK] = 0, [NA_EXIT_REJECTED] = 1, [NA_EXIT_INVALID] = 1,
	                           [NA_EXIT_PARSE] = 2, [NA_EXIT_IO] = 3, [NA_EXIT_FORMAT] = 4,
	                           [NA_EXIT_USAGE] = 5};
	return rank[b] > rank[a] ? b : a;
}
