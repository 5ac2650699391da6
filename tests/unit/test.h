/* test.h - tiny unit-test harness (libarchive's DEFINE_TEST, cmark's
 * assertion macros).  Each test runs in a fresh temporary directory. */
#ifndef NA_TEST_H
#define NA_TEST_H

#include <stdio.h>
#include <string.h>
#include "newsarc.h"

#define DEFINE_TEST(name) void name(void); void name(void)

extern int test_failures;
extern const char *test_shared;   /* path of ../shared, or NULL when absent */
void test_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Skip the current test with a visible reason. */
void test_skip(const char *why);

#define assert_true(e) do { if (!(e)) test_fail(__FILE__, __LINE__, "assertion failed: %s", #e); } while (0)
#define assert_int(a, b) do { long long _a = (long long)(a), _b = (long long)(b); \
	if (_a != _b) test_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #a, _a, _b); } while (0)
#define assert_str(a, b) do { const char *_a = (a), *_b = (b); \
	if (!_a || !_b || strcmp(_a, _b)) test_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #a, _a ? _a : "(null)", _b ? _b : "(null)"); } while (0)

/* A context whose diagnostics are collected into test_diags (newline-separated). */
void test_ctx(struct na_ctx *c);
extern char test_diags[16384];

#endif
