/* cmd_validate.c - newsarc validate: every record of every input, in any
 * format, against the article schema (or --schema) and the extra checks;
 * optionally whole XML documents against an XSD.  The report (text, json
 * or junit) goes to stdout; problems with the run itself (cannot open,
 * unknown format, bad schema) go to stderr. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "convert/records.h"
#include "formats/format.h"
#include "validate/validate.h"

enum report { R_TEXT, R_JSON, R_JUNIT };

struct diag {
	enum na_severity sev;
	struct na_pos pos;
	char *file, *pointer, *rule, *message;
};

struct rulecount { char *rule; unsigned long n; };

struct run {
	struct cli *cli;
	enum report report;
	struct na_validator *v;
	struct na_xsd *xsd;
	const struct na_format *from;
	unsigned long max_errors;
	/* the record being checked */
	struct diag *d;
	size_t nd, capd;
	/* totals */
	unsigned long records, valid, invalid, errors, warnings, xsd_errors, documents;
	struct rulecount *rules;
	size_t nrules;
	int exit, stop, truncated;
	int first_json;
	FILE *cases;            /* junit testcases, until the counts are known */
	na_diag_cb stderr_cb;
	void *stderr_user;
};

static void worsen(struct run *r, int code)
{
	r->exit = na_exit_worse(r->exit, code);
}

static char *dup0(const char *s) { return s ? na_xstrdup(s) : NULL; }

static void add_diag(struct run *r, enum na_severity sev, const struct na_pos *pos, const char *pointer,
                     const char *rule, const char *message)
{
	if (r->nd == r->capd) {
		r->capd = r->capd ? r->capd * 2 : 16;
		r->d = na_xrealloc(r->d, r->capd * sizeof *r->d);
	}
	struct diag *d = &r->d[r->nd++];
	d->sev = sev;
	d->pos = *pos;
	d->file = dup0(pos->file);
	d->pos.file = d->file;
	d->pointer = dup0(pointer);
	d->rule = dup0(rule);
	d->message = dup0(message);
}

static void on_violation(void *user, const struct na_violation *x)
{
	add_diag(user, NA_SEV_ERROR, &x->pos, x->pointer, x->rule, x->message);
}

static void count_rule(struct run *r, const char *rule)
{
	for (size_t i = 0; i < r->nrules; i++)
		if (!strcmp(r->rules[i].rule, rule)) {
			r->rules[i].n++;
			return;
		}
	r->rules = na_xrealloc(r->rules, (r->nrules + 1) * sizeof *r->rules);
	r->rules[r->nrules++] = (struct rulecount){na_xstrdup(rule), 1};
}

static void json_str(FILE *f, const char *s)
{
	struct na_buf b = {0};
	if (!s)
		s = "";
	na_buf_json_string(&b, s, strlen(s));
	fwrite(b.p, 1, b.len, f);
	na_buf_free(&b);
}

static void xml_str(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '<') fputs("&lt;", f);
		else if (c == '>') fputs("&gt;", f);
		else if (c == '&') fputs("&amp;", f);
		else if (c == '"') fputs("&quot;", f);
		else if (c < 0x20 && c != '\n' && c != '\t') fprintf(f, "&#x%X;", 0xfffd);
		else fputc(c, f);
	}
}

static void text_line(const struct diag *d, char *buf, size_t size)
{
	struct na_diag nd = {d->sev, d->pos, d->pointer, d->rule, d->message};
	na_diag_format(&nd, buf, size);
}

/* Report the collected diagnostics of one record (or one document's XSD run). */
static void flush_record(struct run *r, const char *what, const char *id, const struct na_pos *rec)
{
	unsigned long nerr = 0;
	for (size_t i = 0; i < r->nd; i++) {
		struct diag *d = &r->d[i];
		if (d->sev == NA_SEV_ERROR) {
			if (r->max_errors && r->errors >= r->max_errors) {
				r->truncated = r->stop = 1;
				continue;
			}
			nerr++;
			r->errors++;
			count_rule(r, d->rule ? d->rule : "read");
		} else
			r->warnings++;
		if (r->report == R_TEXT) {
			char buf[2048];
			text_line(d, buf, sizeof buf);
			printf("%s\n", buf);
		} else if (r->report == R_JSON) {
			printf("%s\n{\"file\":", r->first_json ? "" : ",");
			r->first_json = 0;
			json_str(stdout, d->pos.file);
			printf(",\"line\":%ld,\"col\":%ld,", d->pos.line, d->pos.col);
			if (d->pos.offset >= 0)
				printf("\"offset\":%lld,", d->pos.offset);
			/* XSD errors and stray warnings belong to no record */
			if (what && strcmp(what, "xsd") != 0)
				printf("\"record\":%lu,\"id\":", r->records);
			else
				printf("\"record\":null,\"id\":");
			if (id)
				json_str(stdout, id);
			else
				printf("null");
			printf(",\"pointer\":");
			json_str(stdout, d->pointer);
			printf(",\"rule\":");
			json_str(stdout, d->rule);
			printf(",\"severity\":\"%s\",\"message\":", d->sev == NA_SEV_ERROR ? "error" : "warning");
			json_str(stdout, d->message);
			printf("}");
		}
	}
	if (r->report == R_JUNIT && what) {
		char name[1024];
		const char *file = rec && rec->file ? rec->file : "";
		if (!strcmp(what, "xsd"))
			id = "(XSD)";
		if (rec && rec->line > 0)
			snprintf(name, sizeof name, "%s:%ld%s%.200s", file, rec->line, id ? " " : "", id ? id : "");
		else if (rec && rec->offset >= 0)
			snprintf(name, sizeof name, "%s@%lld%s%.200s", file, rec->offset, id ? " " : "", id ? id : "");
		else
			snprintf(name, sizeof name, "%s%s%.200s", file, id ? " " : "", id ? id : "");
		fputs("    <testcase classname=\"", r->cases);
		xml_str(r->cases, file);
		fputs("\" name=\"", r->cases);
		xml_str(r->cases, name);
		if (!nerr)
			fputs("\"/>\n", r->cases);
		else {
			fprintf(r->cases, "\">\n      <failure type=\"%s\" message=\"%lu error%s\">", what, nerr,
			        nerr == 1 ? "" : "s");
			for (size_t i = 0; i < r->nd; i++) {
				if (r->d[i].sev != NA_SEV_ERROR)
					continue;
				char buf[2048];
				text_line(&r->d[i], buf, sizeof buf);
				xml_str(r->cases, buf);
				fputc('\n', r->cases);
			}
			fputs("</failure>\n    </testcase>\n", r->cases);
		}
	}
	for (size_t i = 0; i < r->nd; i++) {
		free(r->d[i].file);
		free(r->d[i].pointer);
		free(r->d[i].rule);
		free(r->d[i].message);
	}
	r->nd = 0;
}

static unsigned long record_errors(const struct run *r)
{
	unsigned long n = 0;
	for (size_t i = 0; i < r->nd; i++)
		n += r->d[i].sev == NA_SEV_ERROR;
	return n;
}

/* validate --xsd: check an XML input as a whole first, then read its
 * records from the copy in memory (the engine's open hook, one job only). */
static struct na_input *xsd_open(void *user, struct na_ctx *c, struct na_input *in, const char *path)
{
	struct run *r = user;
	const char *buf;
	size_t len;
	size_t n;
	const unsigned char *head = na_input_peek(in, 64, &n);
	size_t i = 0;
	if (n >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf)
		i = 3;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
		i++;
	if (i >= n || head[i] != '<')
		return in; /* --xsd applies to XML inputs only */
	if (na_input_slurp(in, &buf, &len) != 0) {
		worsen(r, NA_EXIT_IO);
		return in;
	}
	r->documents++;
	long rc = na_xsd_validate(r->xsd, path, buf, len, on_violation, r);
	if (rc != 0) {
		r->xsd_errors += record_errors(r);
		worsen(r, NA_EXIT_INVALID);
	}
	struct na_pos pos = {path, 0, 0, -1};
	flush_record(r, "xsd", NULL, &pos);
	return na_input_open_mem(c, path, buf, len);
}

/* ---- the record engine's callbacks (convert/records.h) ------------------
 * Reading, the schema and the extra checks run in the reader threads;
 * duplicate-id (it remembers every id, so the workers hand over ids alone)
 * and the report run here, in input order. */

static void *thread_init(void *user)
{
	struct run *r = user;
	return na_validator_new_shared(r->v);
}

static void thread_fini(void *user, void *tls)
{
	(void)user;
	na_validator_free(tls);
}

struct report_to { struct na_ctx *c; };

static void violation_to_ctx(void *user, const struct na_violation *x)
{
	struct report_to *t = user;
	na_report_rule(t->c, NA_SEV_ERROR, &x->pos, x->pointer, x->rule, "%s", x->message);
}

static void after_read(void *user, void *tls, struct na_ctx *c, const struct na_article *a, int rc)
{
	(void)user;
	struct report_to t = {c};
	if (rc != NA_FAILED)
		na_validator_check_record(tls, a, violation_to_ctx, &t);
}

/* Diagnostics from readers while a record is read belong to the record. */
static void on_diag(void *user, const struct na_diag *d, int in_record)
{
	struct run *r = user;
	if (!in_record || d->severity == NA_SEV_NOTE) {
		r->stderr_cb(d, r->stderr_user);
		return;
	}
	const char *rule = d->rule ? d->rule : d->severity == NA_SEV_ERROR ? "read" : NULL;
	add_diag(r, d->severity, &d->pos, d->field, rule, d->message);
}

static int on_record(void *user, const struct na_article *a, int rc)
{
	struct run *r = user;
	r->records++;
	if (rc != NA_FAILED)
		na_validator_check_ids(r->v, a, on_violation, r);
	unsigned long nerr = record_errors(r);
	if (nerr || rc == NA_FAILED) {
		r->invalid++;
		worsen(r, NA_EXIT_INVALID);
	} else
		r->valid++;
	struct na_pos rec = a->pos;
	if (rc == NA_FAILED && r->nd) {
		rec = r->d[0].pos;
		rec.col = 0;
	}
	if (!rec.file)
		rec.file = r->nd && r->d[0].pos.file ? r->d[0].pos.file : "<stdin>";
	flush_record(r, rc == NA_FAILED ? "read" : "schema", rc == NA_FAILED ? NULL : a->id, &rec);
	return r->stop;
}

static void on_end_input(void *user)
{
	flush_record(user, NULL, NULL, NULL); /* stray warnings */
}

static void on_fail(void *user, int code)
{
	struct run *r = user;
	/* the stream is dead: what the reader said goes to stderr */
	for (size_t i = 0; i < r->nd; i++) {
		struct diag *d = &r->d[i];
		struct na_diag nd = {d->sev, d->pos, d->pointer, d->rule, d->message};
		r->stderr_cb(&nd, r->stderr_user);
	}
	r->nd = 0;
	flush_record(r, NULL, NULL, NULL);
	worsen(r, code);
}

static int cmp_rules(const void *a, const void *b)
{
	const struct rulecount *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

static void summary(struct run *r)
{
	if (r->nrules)
		qsort(r->rules, r->nrules, sizeof *r->rules, cmp_rules);
	if (r->report == R_TEXT) {
		if (r->cli->quiet)
			return;
		printf("newsarc: %lu record%s checked: %lu valid, %lu invalid; %lu error%s", r->records,
		       r->records == 1 ? "" : "s", r->valid, r->invalid, r->errors, r->errors == 1 ? "" : "s");
		for (size_t i = 0; i < r->nrules; i++)
			printf("%s%s %lu", i ? ", " : " (", r->rules[i].rule, r->rules[i].n);
		printf("%s", r->nrules ? ")" : "");
		if (r->documents)
			printf("; %lu XML document%s checked against the XSD, %lu XSD error%s", r->documents,
			       r->documents == 1 ? "" : "s", r->xsd_errors, r->xsd_errors == 1 ? "" : "s");
		if (r->truncated)
			printf("; stopped after %lu errors (--max-errors)", r->max_errors);
		printf("\n");
	} else if (r->report == R_JSON) {
		printf("%s],\n\"summary\":{\"records\":%lu,\"valid\":%lu,\"invalid\":%lu,\"errors\":%lu,\"warnings\":%lu,"
		       "\"xsd_documents\":%lu,\"xsd_errors\":%lu,\"truncated\":%s,\"exit\":%d,\"by_rule\":{",
		       r->first_json ? "" : "\n", r->records, r->valid, r->invalid, r->errors, r->warnings, r->documents,
		       r->xsd_errors, r->truncated ? "true" : "false", r->exit);
		for (size_t i = 0; i < r->nrules; i++) {
			if (i)
				printf(",");
			json_str(stdout, r->rules[i].rule);
			printf(":%lu", r->rules[i].n);
		}
		printf("}}}\n");
	} else {
		unsigned long tests = r->records + r->documents;
		unsigned long failures = r->invalid + (r->xsd_errors ? 1 : 0);
		printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		printf("<testsuites name=\"newsarc validate\" tests=\"%lu\" failures=\"%lu\" errors=\"0\">\n", tests,
		       failures);
		printf("  <testsuite name=\"newsarc validate\" tests=\"%lu\" failures=\"%lu\" errors=\"0\">\n", tests,
		       failures);
		fflush(stdout);
		rewind(r->cases);
		char buf[65536];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, r->cases)) > 0)
			fwrite(buf, 1, n, stdout);
		printf("  </testsuite>\n</testsuites>\n");
	}
}

enum { OPT_SCHEMA = OPT__COMMON_END, OPT_XSD, OPT_CATALOG, OPT_REPORT, OPT_MAX_ERRORS, OPT_CHECK, OPT_NO_CHECK,
       OPT_FUTURE, OPT_NOW };

struct validate_opts {
	struct run *r;
	const char *schema, *xsd, *catalog;
	int checks[NA_CHECK__COUNT];
	long long tolerance, now;
};

static int validate_opt(void *u, int opt, const char *arg)
{
	struct validate_opts *p = u;
	struct cli *c = p->r->cli;
	char *end;
	enum na_check k;
	switch (opt) {
	case OPT_SCHEMA: p->schema = arg; return 0;
	case OPT_XSD: p->xsd = arg; return 0;
	case OPT_CATALOG: p->catalog = arg; return 0;
	case OPT_REPORT:
		if (!strcmp(arg, "text")) p->r->report = R_TEXT;
		else if (!strcmp(arg, "json")) p->r->report = R_JSON;
		else if (!strcmp(arg, "junit")) p->r->report = R_JUNIT;
		else {
			cli_usage_error(c, "--report takes text, json or junit, not '%s'", arg);
			return -1;
		}
		return 0;
	case OPT_MAX_ERRORS:
		errno = 0;
		p->r->max_errors = strtoul(arg, &end, 10);
		if (errno || *end || !*arg || *arg == '-' || !p->r->max_errors) {
			cli_usage_error(c, "--max-errors takes a positive number, not '%s'", arg);
			return -1;
		}
		return 0;
	case OPT_CHECK:
	case OPT_NO_CHECK:
		if (!strcmp(arg, "all")) {
			for (int i = 0; i < NA_CHECK__COUNT; i++)
				p->checks[i] = opt == OPT_CHECK;
			return 0;
		}
		if (na_check_from_name(arg, &k)) {
			cli_usage_error(c, "unknown check '%s' (duplicate-id, modified-before-published, "
			                "future-date, empty-paragraph, headline-is-site-name, all)", arg);
			return -1;
		}
		p->checks[k] = opt == OPT_CHECK;
		return 0;
	case OPT_FUTURE:
	case OPT_NOW: {
		errno = 0;
		long long v = strtoll(arg, &end, 10);
		if (errno || *end || !*arg || v < 0) {
			cli_usage_error(c, "%s takes a number of seconds, not '%s'",
			                opt == OPT_FUTURE ? "--future-tolerance" : "--now", arg);
			return -1;
		}
		if (opt == OPT_FUTURE)
			p->tolerance = v;
		else
			p->now = v;
		return 0;
	}
	}
	return 1;
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		CLI_JOBS_LONGOPT,
		{"schema", required_argument, NULL, OPT_SCHEMA},
		{"xsd", required_argument, NULL, OPT_XSD},
		{"catalog", required_argument, NULL, OPT_CATALOG},
		{"report", required_argument, NULL, OPT_REPORT},
		{"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
		{"check", required_argument, NULL, OPT_CHECK},
		{"no-check", required_argument, NULL, OPT_NO_CHECK},
		{"future-tolerance", required_argument, NULL, OPT_FUTURE},
		{"now", required_argument, NULL, OPT_NOW},
		{0, 0, 0, 0},
	};
	struct cli c;
	cli_init(&c, "newsarc validate");
	struct run r = {0};
	r.cli = &c;
	r.first_json = 1;
	struct validate_opts p = {.r = &r, .tolerance = 86400};
	for (int i = 0; i < NA_CHECK__COUNT; i++)
		p.checks[i] = 1;
	int rc = cli_parse(&c, argc, argv, CLI_COMMON_SHORT "j:", longopts, validate_opt, &p);
	if (rc)
		return rc;
	if (c.from)
		r.from = na_format_find(c.from);
	struct na_schema *schema = cli_schema(&c, p.schema, &rc);
	if (!schema) {
		cli_free(&c);
		return rc;
	}
	if (p.xsd && !(r.xsd = na_xsd_load(&c.ctx, p.xsd, p.catalog))) {
		na_schema_free(schema);
		cli_free(&c);
		return NA_EXIT_IO;
	}
	r.v = na_validator_new(schema);
	for (int i = 0; i < NA_CHECK__COUNT; i++)
		na_validator_set_check(r.v, (enum na_check)i, p.checks[i]);
	na_validator_set_future(r.v, p.now ? p.now : (long long)time(NULL), p.tolerance);
	if (r.report == R_JUNIT && !(r.cases = tmpfile())) {
		fprintf(stderr, "newsarc validate: cannot create a temporary file: %s\n", strerror(errno));
		na_validator_free(r.v);
		na_xsd_free(r.xsd);
		cli_free(&c);
		return NA_EXIT_IO;
	}
	if (r.report == R_JSON)
		printf("{\"errors\":[");
	r.stderr_cb = c.ctx.cb;
	r.stderr_user = c.ctx.cb_user;
	cli_signals();
	struct na_records_ops ops = {
		.user = &r, .thread_init = thread_init, .thread_fini = thread_fini, .after_read = after_read,
		.diag = on_diag, .record = on_record, .end_input = on_end_input, .fail = on_fail,
		.open = r.xsd ? xsd_open : NULL, .id_only = 1,
	};
	worsen(&r, na_records_run(&c.ctx, r.from, &ops, c.jobs, argv + optind, (size_t)(argc - optind)));
	summary(&r);
	fflush(stdout);
	if (r.cases)
		fclose(r.cases);
	for (size_t i = 0; i < r.nrules; i++)
		free(r.rules[i].rule);
	free(r.rules);
	free(r.d);
	na_validator_free(r.v);
	na_xsd_free(r.xsd);
	cli_free(&c);
	return r.exit;
}

const struct na_cmd na_cmd_validate = {
	.name = "validate",
	.summary = "check articles against the article schema and more",
	.usage =
		"usage: newsarc validate [OPTIONS] [INPUT...]\n\n"
		"Read every record of every INPUT (any format; directories walked in sorted\n"
		"order; '-' or none: standard input), turn it into its JSON record (as\n"
		"'convert --to jsonl' writes it) and check it against a JSON Schema (draft\n"
		"2020-12; default: the built-in schemas/article.schema.json) and the extra\n"
		"checks below.  Every violation is reported with its place:\n"
		"  feed.jsonl:1043:1: error: /headline: required property missing (required)\n\n"
		"  --schema FILE         JSON Schema to use instead of the built-in one\n"
		"  --xsd FILE            also validate XML inputs (NewsML-G2...) against this XSD\n"
		"  --catalog FILE        XML catalog for the XSD's imports (default: $XML_CATALOG_FILES,\n"
		"                        else a catalog.xml beside the XSD); never any network\n"
		"  --report FMT          text (default), json (one object per error + summary)\n"
		"                        or junit (one testcase per record)\n"
		"  --max-errors N        stop after N errors\n"
		"  --check NAME          turn an extra check on (all are on by default)\n"
		"  --no-check NAME       turn an extra check off ('all' for every one):\n"
		"                        duplicate-id, modified-before-published, future-date,\n"
		"                        empty-paragraph, headline-is-site-name\n"
		"  --future-tolerance S  future-date allows S seconds ahead of now (default 86400)\n"
		"  --now EPOCH           the time future-date compares with (default: the clock)\n"
		"  -j, --jobs N          reader threads (default: the number of cores); the report\n"
		"                        is byte-identical to --jobs 1 (--xsd runs on one)\n"
		CLI_COMMON_HELP
		"\nThe report goes to standard output; a summary ends it: records checked,\n"
		"valid, invalid, errors by rule.  Exit 0 when every record is valid, 1 when\n"
		"any is invalid.  See docs/validate.md.\n",
	.run = run,
};
