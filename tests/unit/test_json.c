#include <stdlib.h>
#include "test.h"

#define P(lit) parses(lit, sizeof(lit) - 1, &e)
static int parses(const char *s, size_t n, struct na_json_error *err)
{
	struct na_arena *a = na_arena_new();
	struct na_json *v = na_json_parse(a, s, n, 512, 1, err);
	na_arena_free(a);
	return v != NULL;
}

DEFINE_TEST(test_json_strict)
{
	struct na_json_error e;
	assert_true(P("{\"a\":[1,2.5e3,-0,true,false,null,\"\\u00e9\\ud83d\\ude00\"]}"));
	assert_true(!P("[1,]"));
	assert_str(e.message, "trailing comma in array");
	assert_int(e.col, 4);
	assert_true(!P("{\"a\":NaN}"));
	assert_true(!P("\"\\ud800\""));
	assert_true(!P("\"\xc0\xaf\""));       /* overlong '/' */
	assert_true(!P("\"\xed\xa0\x80\""));    /* encoded surrogate */
	assert_true(!P("\"a\tb\""));            /* raw control character */
	assert_true(!P("01"));
	assert_true(!P("{} x"));
	assert_true(!P("[1]\n\n  ]"));
	assert_int(e.line, 3);
	assert_int(e.col, 3);
}

DEFINE_TEST(test_json_deep_nesting)
{
	size_t n = 100000;
	char *s = malloc(2 * n);
	memset(s, '[', n);
	memset(s + n, ']', n);
	struct na_json_error e;
	assert_true(!parses(s, 2 * n, &e));
	assert_true(strstr(e.message, "nesting deeper") != NULL);
	free(s);
}

DEFINE_TEST(test_json_nul_escape)
{
	struct na_arena *a = na_arena_new();
	struct na_json_error e;
	struct na_json *v = na_json_parse(a, "\"a\\u0000b\"", 10, 512, 1, &e);
	assert_true(v != NULL);
	assert_int(v->len, 3);
	size_t n;
	char *d = na_json_dump(a, v, &n);
	assert_str(d, "\"a\\u0000b\"");
	na_arena_free(a);
}

DEFINE_TEST(test_article_json_roundtrip)
{
	const char *line = "{\"id\":\"x1\",\"source\":\"Xinhua\",\"headline\":\"H\",\"byline\":[\"A B\"],"
	                   "\"published\":\"2015-12-15\",\"body\":[{\"type\":\"p\",\"text\":\"One.\"},"
	                   "{\"type\":\"h\",\"text\":\"Two\"}],\"zz\":{\"k\":[1,2]}}";
	struct na_ctx c;
	test_ctx(&c);
	struct na_article *a = na_article_new();
	struct na_json_error e;
	struct na_json *v = na_json_parse(a->arena, line, strlen(line), 512, 1, &e);
	struct na_pos pos = {"t", 1, 1, 0};
	assert_int(na_article_from_json(&c, a, v, &pos), NA_OK);
	assert_str(a->headline, "H");
	assert_int(a->nbody, 2);
	assert_int(a->published.flags, NA_DATE_NO_TIME);
	struct na_output *o = na_output_open_mem(&c);
	na_article_to_json(o, a);
	size_t len;
	const char *out = na_output_data(o, &len);
	assert_str(out, line);
	na_output_abort(o);
	na_article_free(a);
}
