/* common.c - what every subcommand shares: the diagnostics printer, common
 * options, limits and signal handling. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "formats/format.h"
#include "validate/validate.h"

static int use_color;
void (*cli_diag_hook)(void);

static void print_diag(const struct na_diag *d, void *user)
{
	struct cli *c = user;
	if (c->quiet && d->severity == NA_SEV_NOTE)
		return;
	char buf[2048];
	na_diag_format(d, buf, sizeof buf);
	if (cli_diag_hook)
		cli_diag_hook();
	if (use_color) {
		static const char *const col[] = {"\033[36m", "\033[35m", "\033[31m"};
		fprintf(stderr, "%s%s\033[0m\n", col[d->severity], buf);
	} else
		fprintf(stderr, "%s\n", buf);
}

static int default_jobs(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores < 1 ? 1 : cores > 256 ? 256 : (int)cores;
}

static int parse_jobs(struct cli *c, const char *arg, int *jobs)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 1 || v > 256) {
		cli_usage_error(c, "--jobs wants a number from 1 to 256, not '%s'", arg);
		return -1;
	}
	*jobs = (int)v;
	return 0;
}

void cli_init(struct cli *c, const char *cmd)
{
	memset(c, 0, sizeof *c);
	na_ctx_init(&c->ctx);
	c->ctx.cb = print_diag;
	c->ctx.cb_user = c;
	c->prog = cmd;
	c->jobs = default_jobs();
	const char *nc = getenv("NO_COLOR");
	use_color = isatty(2) && !(nc && *nc) && getenv("TERM") && strcmp(getenv("TERM"), "dumb") != 0;
}

static int parse_size(const char *s, unsigned long long *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end || v == 0)
		return -1;
	*out = v;
	return 0;
}

int cli_usage_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", c->prog);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nTry '%s --help'.\n", c->prog);
	va_end(ap);
	return NA_EXIT_USAGE;
}

static int add_option(struct cli *c, const char *arg)
{
	/* FMT:KEY=VALUE, or KEY=VALUE for every format */
	const char *eq = strchr(arg, '=');
	if (!eq)
		return cli_usage_error(c, "-O expects FORMAT:KEY=VALUE, got '%s'", arg), -1;
	const char *colon = memchr(arg, ':', (size_t)(eq - arg));
	char *fmt = colon ? strndup(arg, (size_t)(colon - arg)) : NULL;
	char *key = colon ? strndup(colon + 1, (size_t)(eq - colon - 1)) : strndup(arg, (size_t)(eq - arg));
	if (fmt) {
		const struct na_format *f = na_format_find(fmt);
		if (!f) {
			cli_usage_error(c, "-O %s: unknown format '%s'", arg, fmt);
			free(fmt), free(key);
			return -1;
		}
		/* reject keys the format does not document, before anything runs */
		const char *help = na_format_options_help(f);
		int known = 0;
		for (const char *p = help; p && *p;) {
			while (*p == ' ' || *p == ';')
				p++;
			size_t n = strcspn(p, ":;");
			if (n == strlen(key) && !strncmp(p, key, n))
				known = 1;
			p += strcspn(p, ";");
		}
		if (!known) {
			cli_usage_error(c, "-O %s: undefined option '%s' for format %s", arg, key, fmt);
			free(fmt), free(key);
			return -1;
		}
		/* store the canonical name so aliases match */
		free(fmt);
		fmt = strdup(na_format_name(f));
	}
	c->ctx.options = realloc(c->ctx.options, (c->ctx.noptions + 1) * sizeof *c->ctx.options);
	c->ctx.options[c->ctx.noptions++] = (struct na_option){fmt, key, strdup(eq + 1), 0};
	return 0;
}

int cli_common(struct cli *c, int opt, const char *arg)
{
	unsigned long long v;
	switch (opt) {
	case 'f':
	case OPT_FROM:
		if (!na_format_find(arg)) {
			fprintf(stderr, "%s: unknown input format '%s' (see 'newsarc formats')\n", c->prog, arg);
			exit(NA_EXIT_FORMAT);
		}
		c->from = arg;
		return 0;
	case 'O':
		return add_option(c, arg) ? -1 : 0;
	case 'q':
		c->quiet = 1;
		return 0;
	case 'j':
		return parse_jobs(c, arg, &c->jobs) ? -1 : 0;
	case 'v':
		c->ctx.verbose++;
		return 0;
	case OPT_MAX_SECONDS: {
		char *end;
		errno = 0;
		double s = strtod(arg, &end);
		/* 0 (no limit) or 0.001 s .. 1 day; NaN fails every comparison */
		if (errno || end == arg || *end || !(s == 0 || (s >= 0.001 && s <= 86400))) {
			cli_usage_error(c, "invalid time '%s' (seconds: 0.001 to 86400, or 0 for no limit)", arg);
			return -1;
		}
		c->ctx.limits.max_page_ms = (unsigned)(s * 1000 + 0.5);
		return 0;
	}
	case OPT_MAX_RECORD:
	case OPT_MAX_DEPTH:
	case OPT_MAX_ENTRIES:
	case OPT_MAX_TOTAL:
	case OPT_MAX_RATIO:
		if (parse_size(arg, &v)) {
			cli_usage_error(c, "invalid limit '%s' (a positive number, K/M/G suffix allowed)", arg);
			return -1;
		}
		if (opt == OPT_MAX_RECORD) c->ctx.limits.max_record = (size_t)v;
		else if (opt == OPT_MAX_DEPTH) c->ctx.limits.max_depth = v > 100000 ? 100000 : (int)v;
		else if (opt == OPT_MAX_ENTRIES) c->ctx.limits.max_entries = (size_t)v;
		else if (opt == OPT_MAX_TOTAL) c->ctx.limits.max_total = v;
		else c->ctx.limits.max_ratio = (unsigned)v;
		return 0;
	}
	return 1;
}

int cli_parse(struct cli *c, int argc, char **argv, const char *shortopts, const struct option *longopts,
              int (*own)(void *u, int opt, const char *arg), void *u)
{
	int opt;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		int rc = opt == '?' ? -1 : own ? own(u, opt, optarg) : 1;
		if (rc > 0)
			rc = cli_common(c, opt, optarg);
		if (rc > 0)
			cli_usage_error(c, "unexpected option");
		if (rc != 0) {
			/* getopt and the handlers have already said what is wrong */
			cli_free(c);
			return NA_EXIT_USAGE;
		}
	}
	return 0;
}

struct na_schema *cli_schema(struct cli *c, const char *path, int *rc)
{
	struct na_schema *schema = NULL;
	*rc = NA_EXIT_IO;
	if (!path)
		schema = na_schema_default(&c->ctx);
	else {
		struct na_input *in = na_input_open_file(&c->ctx, path);
		const char *text;
		size_t len;
		if (!in)
			return NULL;
		if (na_input_slurp(in, &text, &len) == 0)
			schema = na_schema_compile(&c->ctx, path, text, len);
		else {
			na_input_close(in);
			return NULL;
		}
		na_input_close(in);
	}
	if (!schema) {
		/* the compiler has said where and why */
		fprintf(stderr, "%s: the schema cannot be used\n", c->prog);
		*rc = NA_EXIT_USAGE;
	}
	return schema;
}

void cli_free(struct cli *c)
{
	for (size_t i = 0; i < c->ctx.noptions; i++) {
		free((char *)c->ctx.options[i].format);
		free((char *)c->ctx.options[i].key);
		free((char *)c->ctx.options[i].value);
	}
	free(c->ctx.options);
}

static void on_signal(int sig)
{
	na_output_cleanup_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

void cli_signals(void)
{
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, on_signal);
}
