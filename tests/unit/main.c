/* main.c - unit test runner: `unit_tests [-l] [-k] [NAME...]`.
 * Prints "ok NAME", "FAIL NAME: why" or "SKIP NAME: why" per test. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "test.h"

#undef DEFINE_TEST
#define DEFINE_TEST(name) void name(void);
#include "test_list.h"
#undef DEFINE_TEST

static const struct { const char *name; void (*fn)(void); } tests[] = {
#define DEFINE_TEST(name) {#name, name},
#include "test_list.h"
#undef DEFINE_TEST
};

int test_failures;
static int skipped;
static char skip_reason[256];
const char *test_shared;
char test_diags[16384];

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stdout, "  %s:%d: ", file, line);
	vfprintf(stdout, fmt, ap);
	fprintf(stdout, "\n");
	va_end(ap);
	test_failures++;
}

void test_skip(const char *why)
{
	skipped = 1;
	snprintf(skip_reason, sizeof skip_reason, "%s", why);
}

static void collect(const struct na_diag *d, void *user)
{
	(void)user;
	char buf[1024];
	na_diag_format(d, buf, sizeof buf);
	size_t n = strlen(test_diags);
	snprintf(test_diags + n, sizeof test_diags - n, "%s\n", buf);
}

void test_ctx(struct na_ctx *c)
{
	na_ctx_init(c);
	c->cb = collect;
	test_diags[0] = 0;
}

int main(int argc, char **argv)
{
	int list = 0, keep = 0, failed = 0, passed = 0, nskip = 0;
	char **only = NULL;
	int nonly = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-l"))
			list = 1;
		else if (!strcmp(argv[i], "-k"))
			keep = 1;
		else {
			only = argv + i;
			nonly = argc - i;
			break;
		}
	}
	const char *sh = getenv("NEWSARC_SHARED");
	struct stat st;
	if (sh && stat(sh, &st) == 0)
		test_shared = sh;
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		return 2;
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		if (list) {
			printf("%s\n", tests[i].name);
			continue;
		}
		if (nonly) {
			int want = 0;
			for (int k = 0; k < nonly; k++)
				if (!strcmp(only[k], tests[i].name))
					want = 1;
			if (!want)
				continue;
		}
		char dir[] = "/tmp/newsarc-test-XXXXXX";
		if (!mkdtemp(dir) || chdir(dir) != 0)
			return 2;
		test_failures = 0;
		skipped = 0;
		tests[i].fn();
		if (chdir(cwd) != 0)
			return 2;
		if (!keep) {
			char cmd[128];
			snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
			if (system(cmd) != 0)
				fprintf(stderr, "cannot remove %s\n", dir);
		}
		if (test_failures) {
			printf("FAIL %s\n", tests[i].name);
			failed++;
		} else if (skipped) {
			printf("SKIP %s: %s\n", tests[i].name, skip_reason);
			nskip++;
		} else {
			printf("ok %s\n", tests[i].name);
			passed++;
		}
		fflush(stdout);
	}
	if (!list)
		printf("unit: %d passed, %d failed, %d skipped\n", passed, failed, nskip);
	return failed ? 1 : 0;
}
