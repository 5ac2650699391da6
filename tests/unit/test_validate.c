/* Unit tests of the schema validator (issue 6): regex engine, formats,
 * every keyword, schema loading errors, and the record tree. */
#include <stdlib.h>
#include "test.h"
#include "validate/validate.h"

static int re_match(const char *pat, const char *s)
{
	char err[160];
	struct na_regex *re = na_regex_compile(pat, strlen(pat), err, sizeof err);
	if (!re)
		return -1;
	int m = na_regex_search(re, s, strlen(s));
	na_regex_free(re);
	return m;
}

DEFINE_TEST(test_validate_regex)
{
	assert_int(re_match("^a+b$", "aaab"), 1);
	assert_int(re_match("^a+b$", "aaabc"), 0);
	assert_int(re_match("b", "abc"), 1);               /* unanchored, like RegExp.test */
	assert_int(re_match("^(?:colou?r|gr[ae]y)$", "colour"), 1);
	assert_int(re_match("^(?:colou?r|gr[ae]y)$", "grey"), 1);
	assert_int(re_match("^(?:colou?r|gr[ae]y)$", "groy"), 0);
	assert_int(re_match("^[^\\s<>]*$", "a<b"), 0);
	assert_int(re_match("^\\d{3,}$", "12"), 0);
	assert_int(re_match("^\\d{3,}$", "1234"), 1);
	assert_int(re_match("^\\d{2,3}$", "1234"), 0);
	assert_int(re_match("^.$", "\xf0\x9f\x98\x80"), 1); /* one code point, u-mode */
	assert_int(re_match("^.{2}$", "\xc3\xa9\xc3\xa9"), 1);
	assert_int(re_match("^\\u00e9$", "\xc3\xa9"), 1);
	assert_int(re_match("^[\\u4e00-\\u9fff]+$", "\xe4\xb8\xad\xe6\x96\x87"), 1);
	assert_int(re_match("\\bcat\\b", "a cat!"), 1);
	assert_int(re_match("\\bcat\\b", "concatenate"), 0);
	assert_int(re_match("^\\s$", "\xc2\xa0"), 1);       /* NBSP is ECMA white space */
	assert_int(re_match("^a.c$", "a\nc"), 0);
	assert_int(re_match("^(a*)*b$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac"), 0); /* no blow-up */
	assert_int(re_match("^a*?b$", "aab"), 1);
	/* refused at load: never silently different from ECMA-262 */
	assert_int(re_match("(a)\\1", "aa"), -1);
	assert_int(re_match("a(?=b)", "ab"), -1);
	assert_int(re_match("\\p{L}", "a"), -1);
	assert_int(re_match("a{2", "aa"), -1);
	assert_int(re_match("[b-a]", "a"), -1);
	assert_int(re_match("(a", "a"), -1);
}

#define F(f, s) na_format_check(f, s, strlen(s))
DEFINE_TEST(test_validate_formats)
{
	assert_true(F(NA_FMT_DATE, "2016-02-29"));
	assert_true(!F(NA_FMT_DATE, "2015-02-29"));
	assert_true(!F(NA_FMT_DATE, "1900-02-29"));
	assert_true(F(NA_FMT_DATE, "2000-02-29"));
	assert_true(!F(NA_FMT_DATE, "2015-04-31"));
	assert_true(!F(NA_FMT_DATE, "2015-1-10"));
	assert_true(F(NA_FMT_TIME, "10:15:00Z"));
	assert_true(!F(NA_FMT_TIME, "10:15:00"));          /* zone required */
	assert_true(F(NA_FMT_TIME, "10:15:00.5+05:30"));
	assert_true(F(NA_FMT_TIME, "23:59:60Z"));
	assert_true(F(NA_FMT_TIME, "00:59:60+01:00"));      /* 23:59:60 UTC */
	assert_true(!F(NA_FMT_TIME, "12:59:60Z"));
	assert_true(!F(NA_FMT_TIME, "10:15:00+24:00"));
	assert_true(F(NA_FMT_DATE_TIME, "2015-12-15T10:15:00+01:00"));
	assert_true(F(NA_FMT_DATE_TIME, "2015-12-15t10:15:00z"));
	assert_true(F(NA_FMT_DATE_TIME, "2015-12-15 10:15:00Z"));
	assert_true(!F(NA_FMT_DATE_TIME, "2015-12-15T10:15:00"));
	assert_true(!F(NA_FMT_DATE_TIME, "2015-12-15TT10:15:00Z"));
	assert_true(F(NA_FMT_URI, "https://news.example.org/a?b=c#d"));
	assert_true(F(NA_FMT_URI, "urn:isbn:0451450523"));
	assert_true(F(NA_FMT_URI, "http://[2001:db8::7]:80/a"));
	assert_true(!F(NA_FMT_URI, "http://[1:2:3:4:5:6:7:8:9]/"));
	assert_true(!F(NA_FMT_URI, "example.com/path"));   /* no scheme */
	assert_true(!F(NA_FMT_URI, "http://exa mple.com/"));
	assert_true(!F(NA_FMT_URI, "http://example.com/%zz"));
	assert_true(!F(NA_FMT_URI, "http:"));
	assert_true(F(NA_FMT_EMAIL, "a.b+c@ex-ample.co.uk"));
	assert_true(!F(NA_FMT_EMAIL, "a..b@example.org"));
	assert_true(!F(NA_FMT_EMAIL, "a@example"));
	assert_true(!F(NA_FMT_EMAIL, "a@-example.org"));
}

struct collected {
	char text[4096];
	int n;
};

static void collect(void *user, const struct na_verror *e)
{
	struct collected *c = user;
	size_t l = strlen(c->text);
	snprintf(c->text + l, sizeof c->text - l, "%s %s;", e->pointer, e->keyword);
	c->n++;
}

/* Validate JSON text against a schema; returns the errors as "ptr kw;..." */
static const char *check(const char *schema, const char *json)
{
	static struct collected col;
	memset(&col, 0, sizeof col);
	struct na_ctx c;
	test_ctx(&c);
	struct na_schema *s = na_schema_compile(&c, "t.json", schema, strlen(schema));
	if (!s)
		return "SCHEMA-ERROR";
	struct na_arena *a = na_arena_new();
	size_t n = strlen(json);
	char *buf = calloc(1, n + 64);
	memcpy(buf, json, n);
	struct na_json_error err;
	struct na_json *v = na_json_parse(a, buf, n, 512, 1, &err);
	if (!v)
		strcpy(col.text, "JSON-ERROR");
	else
		na_schema_validate(s, v, collect, &col, 0);
	free(buf);
	na_arena_free(a);
	na_schema_free(s);
	return col.text;
}

DEFINE_TEST(test_validate_keywords)
{
	assert_str(check("{\"type\":\"string\"}", "5"), " type;");
	assert_str(check("{\"type\":[\"integer\",\"null\"]}", "5.0"), "");
	assert_str(check("{\"type\":\"integer\"}", "5.5"), " type;");
	assert_str(check("{\"required\":[\"a\",\"b\"]}", "{\"a\":1}"), "/b required;");
	assert_str(check("{\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":false}",
	                 "{\"a\":1,\"x~/\":2}"), "/a type;/x~0~1 additionalProperties;");
	assert_str(check("{\"patternProperties\":{\"^x-\":{\"type\":\"integer\"}},\"additionalProperties\":false}",
	                 "{\"x-a\":1,\"x-b\":\"s\",\"y\":1}"), "/x-b type;/y additionalProperties;");
	assert_str(check("{\"prefixItems\":[{\"type\":\"string\"}],\"items\":{\"type\":\"integer\"}}", "[\"a\",1,\"b\"]"),
	           "/2 type;");
	assert_str(check("{\"items\":false,\"prefixItems\":[true]}", "[1,2]"), "/1 false;");
	assert_str(check("{\"minItems\":2,\"maxItems\":3}", "[1]"), " minItems;");
	assert_str(check("{\"minItems\":2,\"maxItems\":3}", "[1,2,3,4]"), " maxItems;");
	assert_str(check("{\"uniqueItems\":true}", "[1,{\"a\":[1]},1.0]"), " uniqueItems;");
	assert_str(check("{\"uniqueItems\":true}", "[{\"a\":1,\"b\":2},{\"b\":2,\"a\":1}]"), " uniqueItems;");
	/* lengths in characters: three two-byte characters */
	assert_str(check("{\"maxLength\":3,\"minLength\":3}", "\"\\u00e9\\u00e9\\u00e9\""), "");
	assert_str(check("{\"maxLength\":2}", "\"\\u00e9\\u00e9\\u00e9\""), " maxLength;");
	assert_str(check("{\"minLength\":2}", "\"\\ud83d\\ude00\""), " minLength;"); /* one code point */
	assert_str(check("{\"pattern\":\"^[a-z]+$\"}", "\"abC\""), " pattern;");
	assert_str(check("{\"format\":\"date\"}", "\"2015-02-29\""), " format;");
	assert_str(check("{\"format\":\"date\"}", "5"), ""); /* formats apply to strings */
	assert_str(check("{\"enum\":[1,\"a\",null,{\"k\":[true]}]}", "{\"k\":[true]}"), "");
	assert_str(check("{\"enum\":[1,\"a\"]}", "\"b\""), " enum;");
	assert_str(check("{\"const\":2}", "2.0"), "");
	assert_str(check("{\"const\":2}", "3"), " const;");
	assert_str(check("{\"minimum\":1,\"maximum\":3}", "0"), " minimum;");
	assert_str(check("{\"exclusiveMinimum\":1,\"exclusiveMaximum\":3}", "3"), " exclusiveMaximum;");
	assert_str(check("{\"multipleOf\":0.5}", "2.5"), "");
	assert_str(check("{\"multipleOf\":0.1}", "0.3"), " multipleOf;"); /* 0.3/0.1 = 2.9999999999999996 */
	assert_str(check("{\"multipleOf\":0.1}", "0.5"), "");            /* 0.5/0.1 = 5 */
	assert_str(check("{\"multipleOf\":1}", "1e21"), " multipleOf;");  /* as ajv says */
	assert_str(check("{\"allOf\":[{\"type\":\"integer\"},{\"minimum\":5}]}", "3"), " minimum;");
	assert_str(check("{\"anyOf\":[{\"type\":\"integer\"},{\"minLength\":5}]}", "\"abc\""), " anyOf;");
	assert_str(check("{\"oneOf\":[{\"multipleOf\":3},{\"multipleOf\":5}]}", "15"), " oneOf;");
	assert_str(check("{\"oneOf\":[{\"multipleOf\":3},{\"multipleOf\":5}]}", "10"), "");
	assert_str(check("{\"not\":{\"type\":\"string\"}}", "\"s\""), " not;");
	assert_str(check("{\"if\":{\"const\":1},\"then\":{\"type\":\"integer\"},\"else\":{\"type\":\"string\"}}", "2"),
	           " type;");
	assert_str(check("{\"$defs\":{\"n\":{\"type\":\"object\",\"properties\":{\"c\":{\"$ref\":\"#/$defs/n\"}},"
	                 "\"required\":[\"v\"]}},\"$ref\":\"#/$defs/n\"}", "{\"v\":1,\"c\":{\"v\":2,\"c\":{}}}"),
	           "/c/c/v required;");
	assert_str(check("{\"properties\":{\"a\":{\"$ref\":\"#\"}},\"type\":\"object\"}", "{\"a\":{\"a\":5}}"),
	           "/a/a type;");
	assert_str(check("{\"minProperties\":2,\"maxProperties\":3}", "{\"a\":1}"), " minProperties;");
	assert_str(check("{\"minProperties\":2,\"maxProperties\":3}", "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}"),
	           " maxProperties;");
	assert_str(check("{\"propertyNames\":{\"pattern\":\"^[a-z]+$\"}}", "{\"ok\":1,\"Bad\":2}"), "/Bad pattern;");
	assert_str(check("{\"dependentRequired\":{\"a\":[\"b\"]}}", "{\"a\":1}"), "/b dependentRequired;");
	assert_str(check("{\"dependentRequired\":{\"a\":[\"b\"]}}", "{\"c\":1}"), "");
	assert_str(check("{\"dependentSchemas\":{\"a\":{\"required\":[\"b\"]}}}", "{\"a\":1}"), "/b required;");
	assert_str(check("{\"contains\":{\"type\":\"string\"}}", "[1,2]"), " contains;");
	assert_str(check("{\"contains\":{\"type\":\"string\"},\"maxContains\":1}", "[\"a\",\"b\"]"), " maxContains;");
	assert_str(check("{\"contains\":{\"type\":\"string\"},\"minContains\":0}", "[]"), "");
	assert_str(check("false", "1"), " false;");
	assert_str(check("true", "1"), "");
}

DEFINE_TEST(test_validate_schema_errors)
{
	struct na_ctx c;
	static const char *const bad[] = {
		"{\"unevaluatedProperties\":false}",     /* a real keyword we do not implement */
		"{\"propertiez\":{}}",                   /* a typo */
		"{\"format\":\"ipv4\"}",
		"{\"pattern\":\"(a)\\\\1\"}",
		"{\"$ref\":\"other.json#/x\"}",
		"{\"$ref\":\"#/$defs/missing\"}",
		"{\"minLength\":-1}",
		"{\"type\":\"text\"}",
		"{\"items\":[{}]}",
		"{\"properties\":{\"a\":{\"minimum\":\"1\"}}}",
		"[1]",
		"{",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		test_ctx(&c);
		struct na_schema *s = na_schema_compile(&c, "bad.json", bad[i], strlen(bad[i]));
		if (s)
			test_fail(__FILE__, __LINE__, "schema %s loaded", bad[i]);
		na_schema_free(s);
		assert_true(c.errors > 0);
	}
	test_ctx(&c);
	struct na_schema *s = na_schema_compile(&c, "bad.json", "{\"propertiez\":{}}", 17);
	assert_true(s == NULL);
	assert_true(strstr(test_diags, "bad.json:1:15: error: #/propertiez: unsupported keyword \"propertiez\"") != NULL);
	/* annotations are fine */
	test_ctx(&c);
	const char *ok = "{\"$schema\":\"x\",\"$id\":\"y\",\"title\":\"t\",\"description\":\"d\",\"$comment\":\"c\","
	                 "\"default\":1,\"examples\":[1],\"deprecated\":false}";
	s = na_schema_compile(&c, "ok.json", ok, strlen(ok));
	assert_true(s != NULL);
	na_schema_free(s);
	/* the built-in schema loads */
	test_ctx(&c);
	s = na_schema_default(&c);
	assert_true(s != NULL);
	na_schema_free(s);
}

/* The tree the validator checks is exactly what JSON Lines writes. */
DEFINE_TEST(test_validate_record_tree)
{
	struct na_ctx c;
	test_ctx(&c);
	static const char jl[] =
		"{\"id\":\"a\",\"source\":\"S\",\"url\":\"http://x/\",\"headline\":\"H \\u00e9\",\"byline\":[\"A\",\"B\"],"
		"\"language\":\"en\",\"published\":\"Tue, 15 Dec 2015 10:15:00 +0100\",\"modified\":\"2015-12-16\","
		"\"keywords\":[\"k\"],\"section\":\"s\",\"body\":[{\"type\":\"h\",\"text\":\"t\\\"q\"},\"plain\"],\"x\":{\"y\":[null]}}\n"
		"{\"id\":\"b\",\"published\":\"not a date\"}\n"
		"{\"headline\":\"only\"}\n";
	struct na_input *in = na_input_open_mem(&c, "t.jsonl", jl, sizeof jl - 1);
	struct na_reader *r = na_reader_open(na_format_find("jsonl"), in, &c);
	struct na_article *a = na_article_new();
	struct na_output *o = na_output_open_mem(&c);
	struct na_arena *ar = na_arena_new();
	int n = 0;
	int rc;
	while ((rc = na_reader_next(r, a)) == NA_OK || rc == NA_WARN) {
		{
			static const char zz[] = "{\"k\":[1,2.5,\"\xc3\xa9\"]}";
			na_article_add_extra(a, "zz", zz, sizeof zz - 1);
		}
		na_output_mem_reset(o);
		na_article_to_json(o, a);
		size_t len, dl;
		const char *want = na_output_data(o, &len);
		const char *got = na_json_dump(ar, na_article_record(ar, a), &dl);
		assert_int(dl, len);
		if (dl != len || memcmp(want, got, len))
			test_fail(__FILE__, __LINE__, "record differs:\n  %.*s\n  %s", (int)len, want, got);
		n++;
	}
	assert_true(n >= 3);
	na_arena_free(ar);
	na_output_abort(o);
	na_article_free(a);
	na_reader_close(r);
	na_input_close(in);
}

/* Random patterns and subjects: compiling either succeeds or explains why,
 * and searching terminates without touching memory it does not own (the
 * ASan build runs this too). */
DEFINE_TEST(test_validate_regex_random)
{
	static const char alphabet[] = "aaaabbbb01..||**++?(?)(())[]{},^$\\-dws:<=!\xc3\xa9";
	unsigned seed = 12345;
	int compiled = 0;
	for (int i = 0; i < 20000; i++) {
		char pat[24], subj[40];
		size_t pn = (seed = seed * 1103515245u + 12345u) % sizeof pat;
		for (size_t k = 0; k < pn; k++)
			pat[k] = alphabet[(seed = seed * 1103515245u + 12345u) % (sizeof alphabet - 1)];
		size_t sn = (seed = seed * 1103515245u + 12345u) % sizeof subj;
		for (size_t k = 0; k < sn; k++)
			subj[k] = "ab01 -\xc3\xa9\n"[(seed = seed * 1103515245u + 12345u) % 9];
		char err[160];
		err[0] = 0;
		struct na_regex *re = na_regex_compile(pat, pn, err, sizeof err);
		if (!re) {
			assert_true(err[0] != 0);
			continue;
		}
		compiled++;
		int m = na_regex_search(re, subj, sn);
		assert_true(m == 0 || m == 1);
		na_regex_free(re);
	}
	if (compiled < 300)
		test_fail(__FILE__, __LINE__, "only %d of 20000 random patterns compiled", compiled);
	na_regex_release_scratch();
}
