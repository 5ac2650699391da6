/* xsd.c - XML Schema 1.0 validation of whole XML documents with libxml2
 * (xmlschemas), for `newsarc validate --xsd` on NewsML-G2 input and for
 * the NewsML-G2 helper's tests.
 *
 * No network, ever: the external-entity loader is libxml2's
 * xmlNoNetExternalEntityLoader, which resolves through the XML catalogs
 * (XML_CATALOG_FILES, the catalog given, or a catalog.xml beside the XSD)
 * and refuses http/ftp.  Documents are parsed with XML_PARSE_NONET and
 * without entity substitution or DTD loading.  Every libxml2 message goes to
 * the caller with its line, never to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <libxml/xmlversion.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include "validate/validate.h"

struct na_xsd {
	xmlSchemaPtr schema;
};

struct sink {
	struct na_ctx *c;               /* load: report here */
	const char *name;
	na_violation_cb cb;             /* validate: or here */
	void *user;
	long count;
};

static void on_error(void *user, const xmlError *e)
{
	struct sink *s = user;
	if (!e || e->level == XML_ERR_NONE)
		return;
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = 0;
	struct na_pos pos = {e->file ? e->file : s->name, e->line, e->int2 > 0 ? e->int2 : 0, -1};
	if (s->name && (!e->file || !strcmp(e->file, s->name) || s->cb))
		pos.file = s->name;
	int warning = e->level == XML_ERR_WARNING;
	if (s->cb) {
		if (warning)
			return;
		s->count++;
		struct na_violation v = {pos, "", "xsd", msg};
		s->cb(s->user, &v);
	} else if (s->c) {
		if (!warning)
			s->count++;
		na_report_rule(s->c, warning ? NA_SEV_WARNING : NA_SEV_ERROR, &pos, NULL, "xsd", "%s", msg);
	}
}

/* libxml2 2.12 made the handler's parameter const */
#if LIBXML_VERSION >= 21200
static void on_error_compat(void *user, const xmlError *e) { on_error(user, e); }
#else
static void on_error_compat(void *user, xmlErrorPtr e) { on_error(user, e); }
#endif

static int loaded_catalog;

struct na_xsd *na_xsd_load(struct na_ctx *c, const char *path, const char *catalog)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
	if (!loaded_catalog) {
		char beside[4096];
		const char *slash = strrchr(path, '/');
		if (!catalog && !getenv("XML_CATALOG_FILES")) {
			snprintf(beside, sizeof beside, "%.*scatalog.xml", slash ? (int)(slash - path + 1) : 0, path);
			if (access(beside, R_OK) == 0)
				catalog = beside;
		}
		if (catalog && xmlLoadCatalog(catalog) != 0) {
			struct na_pos pos = {catalog, 0, 0, -1};
			na_report(c, NA_SEV_ERROR, &pos, NULL, "cannot load the XML catalog");
			return NULL;
		}
		loaded_catalog = 1;
	}
	if (access(path, R_OK) != 0) {
		struct na_pos pos = {path, 0, 0, -1};
		na_report(c, NA_SEV_ERROR, &pos, NULL, "cannot open the XSD");
		return NULL;
	}
	struct sink s = {c, path, NULL, NULL, 0};
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
	if (!pc)
		return NULL;
	xmlSchemaSetParserStructuredErrors(pc, on_error_compat, &s);
	xmlSetStructuredErrorFunc(&s, on_error_compat);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSchemaFreeParserCtxt(pc);
	if (!schema || s.count) {
		if (schema)
			xmlSchemaFree(schema);
		if (!s.count) {
			struct na_pos pos = {path, 0, 0, -1};
			na_report(c, NA_SEV_ERROR, &pos, NULL, "the XSD could not be compiled");
		}
		return NULL;
	}
	struct na_xsd *x = na_xcalloc(1, sizeof *x);
	x->schema = schema;
	return x;
}

long na_xsd_validate(struct na_xsd *x, const char *name, const char *buf, size_t len, na_violation_cb cb,
                     void *user)
{
	struct sink s = {NULL, name, cb, user, 0};
	xmlSetStructuredErrorFunc(&s, on_error_compat);
	xmlParserCtxtPtr pctx = xmlNewParserCtxt();
	xmlDocPtr doc = NULL;
	if (pctx) {
		doc = xmlCtxtReadMemory(pctx, buf, (int)(len > 0x7fffffff ? 0x7fffffff : len), name, NULL,
		                        XML_PARSE_NONET | XML_PARSE_NOWARNING);
	}
	long rc;
	if (!doc) {
		if (!s.count) {
			struct na_violation v = {{name, 0, 0, -1}, "", "xsd", "document is not well-formed XML"};
			cb(user, &v);
		}
		rc = -1;
	} else {
		xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(x->schema);
		xmlSchemaSetValidStructuredErrors(vc, on_error_compat, &s);
		xmlSchemaValidateDoc(vc, doc);
		xmlSchemaFreeValidCtxt(vc);
		xmlFreeDoc(doc);
		rc = s.count;
	}
	if (pctx)
		xmlFreeParserCtxt(pctx);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return rc;
}

void na_xsd_free(struct na_xsd *x)
{
	if (!x)
		return;
	xmlSchemaFree(x->schema);
	free(x);
}
