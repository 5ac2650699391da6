/* validate.h - JSON Schema validation of article records (issue 6); private
 * to libnewsarc and the newsarc command. */
#ifndef NA_VALIDATE_H
#define NA_VALIDATE_H

#include "newsarc.h"
#include "core/internal.h"

/* ---- regular expressions (regex.c) ------------------------------------ */

struct na_regex;
/* Compile an ECMA-262 pattern (subset: see regex.c).  NULL with err filled
 * when the pattern is invalid or uses something unsupported. */
struct na_regex *na_regex_compile(const char *pat, size_t len, char *err, size_t errsize);
/* 1 when the pattern matches somewhere in s[0..n) (unanchored, like RegExp.test). */
int na_regex_search(const struct na_regex *re, const char *s, size_t n);
void na_regex_free(struct na_regex *re);
void na_regex_release_scratch(void);

/* ---- formats (format.c) ------------------------------------------------ */

enum na_fmt { NA_FMT_NONE, NA_FMT_DATE_TIME, NA_FMT_DATE, NA_FMT_TIME, NA_FMT_URI, NA_FMT_EMAIL };
/* 1 when s[0..n) is valid for the format (ajv-formats "full" semantics). */
int na_format_check(enum na_fmt f, const char *s, size_t n);

/* ---- schemas (schema.c) ------------------------------------------------ */

struct na_schema;

/* One violation, as the validator finds it. */
struct na_verror {
	const struct na_json *where;    /* the instance value (its line/col) */
	const char *pointer;            /* JSON pointer of the instance ("" = root) */
	const char *keyword;            /* the rule: "required", "type", ... */
	const char *schema_path;        /* "#/properties/headline/type" */
	const char *message;
};
typedef void (*na_verror_cb)(void *user, const struct na_verror *e);

/* Compile a schema from JSON text.  Every problem (bad JSON, unknown or
 * unsupported keyword, bad value, dangling $ref) is reported through c
 * with name as the file; returns NULL when there was any. */
struct na_schema *na_schema_compile(struct na_ctx *c, const char *name, const char *text, size_t len);
/* The shipped schemas/article.schema.json, embedded at build time. */
struct na_schema *na_schema_default(struct na_ctx *c);
const char *na_schema_default_text(size_t *len);
void na_schema_free(struct na_schema *s);
/* Validate v; calls cb for every violation (up to max_errors when > 0).
 * Returns the number of violations found. */
unsigned long na_schema_validate(const struct na_schema *s, const struct na_json *v,
                                 na_verror_cb cb, void *user, unsigned long max_errors);

/* ---- article records (record.c) ---------------------------------------- */

/* The JSON record of a, exactly as na_article_to_json writes it, built as a
 * tree in arena without printing and parsing (strings are shared with a).
 * Values carry the line/col of the field in the source when the reader
 * recorded one (a->fpos), else the record's. */
struct na_json *na_article_record(struct na_arena *arena, const struct na_article *a);

/* ---- the validator: schema + extra checks (validator.c) ---------------- */

enum na_check {
	NA_CHECK_DUPLICATE_ID, NA_CHECK_MODIFIED_BEFORE_PUBLISHED, NA_CHECK_FUTURE_DATE,
	NA_CHECK_EMPTY_PARAGRAPH, NA_CHECK_HEADLINE_IS_SITE_NAME, NA_CHECK__COUNT
};
const char *na_check_name(enum na_check k);
int na_check_from_name(const char *s, enum na_check *out);

/* One violation of one record, schema or extra check. */
struct na_violation {
	struct na_pos pos;
	const char *pointer;    /* "/headline"; "" for the record */
	const char *rule;
	const char *message;
};
typedef void (*na_violation_cb)(void *user, const struct na_violation *v);

struct na_validator;
struct na_validator *na_validator_new(struct na_schema *schema /* owned */);
void na_validator_free(struct na_validator *v);
void na_validator_set_check(struct na_validator *v, enum na_check k, int on);
/* Dates later than now + tolerance seconds are "future-date" (default 86400). */
void na_validator_set_future(struct na_validator *v, long long now, long long tolerance);
/* Validate one article; cb gets every violation.  Returns their number. */
unsigned long na_validator_check(struct na_validator *v, const struct na_article *a,
                                 na_violation_cb cb, void *user);
/* na_validator_check in two halves, for validating in worker threads: all
 * that looks at one record alone (the schema, the costly part, and the
 * extra checks but one; thread-safe across validators that share one
 * schema), then duplicate-id, which remembers every id and so runs on one
 * validator, in input order, and reads only a->id and the positions. */
unsigned long na_validator_check_record(struct na_validator *v, const struct na_article *a,
                                        na_violation_cb cb, void *user);
unsigned long na_validator_check_ids(struct na_validator *v, const struct na_article *a,
                                     na_violation_cb cb, void *user);
/* A validator using owner's schema and settings (owner must outlive it). */
struct na_validator *na_validator_new_shared(const struct na_validator *owner);
/* The na_convert_opts.check hook: reports violations through c as errors
 * with their rule; returns non-zero when a is invalid. */
int na_validator_convert_check(void *validator, struct na_ctx *c, const struct na_article *a);

/* ---- XSD (xsd.c) --------------------------------------------------------- */

struct na_xsd;
/* Load an XSD with no network access; imports resolve through the XML
 * catalog named by $XML_CATALOG_FILES or catalog (may be NULL).  Errors are
 * reported through c; NULL on failure. */
struct na_xsd *na_xsd_load(struct na_ctx *c, const char *path, const char *catalog);
/* Validate the XML document buf[0..len) named name; every XSD error goes to
 * cb as a violation with its line.  Returns the number of errors, or -1 when
 * the document is not well-formed (reported the same way). */
long na_xsd_validate(struct na_xsd *x, const char *name, const char *buf, size_t len,
                     na_violation_cb cb, void *user);
void na_xsd_free(struct na_xsd *x);

#endif
