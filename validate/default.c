/* default.c - schemas/article.schema.json, embedded at build time (the
 * GNUmakefile turns it into build/article_schema.h) so an installed newsarc
 * validates without any file beside it. */
#include "validate/validate.h"
#include "article_schema.h" /* generated: na_article_schema[] */

const char *na_schema_default_text(size_t *len)
{
	*len = sizeof na_article_schema - 1;
	return (const char *)na_article_schema;
}

struct na_schema *na_schema_default(struct na_ctx *c)
{
	size_t len;
	const char *text = na_schema_default_text(&len);
	return na_schema_compile(c, "schemas/article.schema.json (built in)", text, len);
}
