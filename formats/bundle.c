/* bundle.c - article bundles: tar (POSIX.1-2001 pax, ustar and GNU tar
 * read), optionally compressed with gzip, zstd, xz or bzip2, and zip
 * (APPNOTE 6.3, deflate or stored; read as a stream, so stored entries
 * with a data descriptor are not supported), through libarchive 3.6.
 *
 * Reading: every regular entry is read into memory (up to --max-record),
 * probed through the format registry by its name and bytes, and handed to
 * the winning format's reader on a memory input named "bundle!entry", so
 * diagnostics name the entry.  Bundles nested one level deep are read;
 * entries no format claims are skipped and counted.  Nothing touches the
 * disk.  Our own manifest.json (first entry) is not an article source.
 *
 * Writing: one entry per article in the entry format (-O
 * bundle:entry-format=FMT, default newsml) named YYYY/MM/DD/<id>.<ext>, or
 * one articles.jsonl member (-O bundle:single=1), after a manifest.json
 * listing every entry with its article id and SHA-256.  Entries are spooled
 * to a temporary file so the manifest can come first while memory stays
 * bounded.  Output is reproducible: input order, mtimes from the article
 * date (else 2000-01-01T00:00:00Z), uid/gid 0, no user or group names, gzip
 * headers without time or name.  docs/bundle.md has the details. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "format.h"
#include "bundle/bundle.h"

extern const struct na_format na_format_bundle;

/* 2000-01-01T00:00:00Z: the mtime of entries without a usable date */
#define FIXED_EPOCH 946684800LL
#define MAX_ID_BYTES 100


/* Written to the spool file as raw bytes: the padding is an explicit field
 * so that no uninitialised byte reaches write() (valgrind, issue 9). */
struct spool_head {
	uint32_t name_len;
	uint32_t pad;               /* always 0 */
	int64_t mtime;
	uint64_t size;
};
_Static_assert(sizeof(struct spool_head) == 24, "struct spool_head has no implicit padding");

struct bundle {
	/* reader */
	struct na_bundle_src src;
	int nested;                 /* this bundle is itself an entry */
	struct na_buf entry;
	struct na_input *child_in;
	struct na_reader *child;
	long expect;                /* entries our manifest lists; -1 unknown */
	unsigned long members;      /* regular entries after the manifest */
	struct na_buf mhead;        /* start of the manifest */
	/* writer */
	const struct na_format *ef;
	int single;
	FILE *spool, *index;
	struct na_output *mem;
	struct na_writer *single_w;
	struct na_sha256 single_sha;
	uint64_t single_size;
	unsigned long entries, articles;
	uint64_t *set;              /* open-addressing set of entry-name hashes */
	size_t set_cap, set_n;
};

static int bundle_probe(const struct na_probe *p)
{
	int s = na_bundle_magic(p->buf, p->len, p->filename);
	if (s)
		return s;
	/* a .zip or .tar name without the signature: let the reader say why */
	return na_probe_ext_score(&na_format_bundle, p) ? NA_PROBE_GUESS : 0;
}

/* ---- reading ----------------------------------------------------------- */

static int bundle_read_open(struct na_reader *r)
{
	struct bundle *b = r->priv;
	b->nested = na_bundle_opening_nested;
	b->expect = -1;
	if (na_bundle_src_open(&b->src, r->ctx, r->in) != 0)
		return NA_FATAL;
	return NA_OK;
}

static void close_child(struct bundle *b)
{
	na_reader_close(b->child);
	na_input_close(b->child_in);
	b->child = NULL;
	b->child_in = NULL;
}

static void skipped(struct na_reader *r, const char *why)
{
	struct bundle *b = r->priv;
	r->skipped++;
	if (r->ctx->verbose) {
		struct na_pos pos = {b->src.display, 0, 0, -1};
		na_report(r->ctx, NA_SEV_NOTE, &pos, NULL, "skipped: %s", why);
	}
}

static int keep_head(void *u, const void *p, size_t n)
{
	struct na_buf *h = u;
	if (h->len < 4096)
		na_buf_add(h, p, n < 4096 - h->len ? n : 4096 - h->len);
	return 0;
}

/* Open the reader for the current entry; 1 opened, 0 skipped, or a status. */
static int open_entry(struct na_reader *r)
{
	struct bundle *b = r->priv;
	struct na_bundle_src *s = &b->src;
	mode_t type = archive_entry_filetype(s->e);
	if (type == AE_IFDIR) {
		na_bundle_src_stream(s, NULL, NULL);
		return 0;
	}
	if (type != AE_IFREG) {
		skipped(r, "not a regular file");
		return 0;
	}
	if (s->entries == 1 && !strcmp(s->path, NA_BUNDLE_MANIFEST)) {
		/* our manifest describes the articles; it is not one.  Its entry
		 * count lets a bundle cut at an entry boundary be told from a whole
		 * one (tar has no length of its own: libarchive takes such an end
		 * for the real one). */
		b->mhead.len = 0;
		int rc = na_bundle_src_stream(s, keep_head, &b->mhead);
		if (rc == -1)
			return NA_FATAL;
		const char *c = b->mhead.p ? strstr(b->mhead.p, "\"entry_count\":") : NULL;
		if (c && strstr(b->mhead.p, "\"format\":\"newsarc-bundle\""))
			b->expect = strtol(c + 14, NULL, 10);
		return 0;
	}
	b->members++;
	int rc = na_bundle_src_data(s, &b->entry);
	if (rc == -1)
		return NA_FATAL;
	if (rc == -2)
		return NA_FAILED;
	b->child_in = na_input_open_mem(r->ctx, s->display, b->entry.p, b->entry.len);
	int score;
	const struct na_format *f = na_bundle_probe_entry(b->child_in, s->path, &score);
	if (!f) {
		close_child(b);
		skipped(r, "no format claims this entry");
		return 0;
	}
	if (f == &na_format_bundle && b->nested) {
		close_child(b);
		skipped(r, "bundle nested more than one level deep");
		return 0;
	}
	na_bundle_opening_nested = f == &na_format_bundle;
	b->child = na_reader_open(f, b->child_in, r->ctx);
	na_bundle_opening_nested = 0;
	if (!b->child) {
		close_child(b);
		return NA_FAILED; /* reported by the entry's reader */
	}
	return 1;
}

static int bundle_read_next(struct na_reader *r, struct na_article *a)
{
	struct bundle *b = r->priv;
	for (;;) {
		if (b->child) {
			int rc = na_reader_next(b->child, a);
			if (rc == NA_OK || rc == NA_WARN)
				return rc;
			if (rc == NA_FAILED) {
				r->rejected = b->child->rejected;
				r->rejected_len = b->child->rejected_len;
				return rc;
			}
			r->skipped += b->child->skipped;
			close_child(b);
			if (rc == NA_FATAL)
				return NA_FAILED; /* this entry is lost (reported); the bundle goes on */
			continue;
		}
		int rc = na_bundle_src_next(&b->src);
		if (rc == 0 && b->expect >= 0 && b->members != (unsigned long)b->expect) {
			struct na_pos pos = {na_input_name(r->in), 0, 0, -1};
			na_report(r->ctx, NA_SEV_ERROR, &pos, NULL,
			          "bundle ends after %lu of the %ld entries its manifest lists (truncated?)",
			          b->members, b->expect);
			return NA_FATAL;
		}
		if (rc == 0)
			return NA_EOF;
		if (rc < 0)
			return NA_FATAL;
		rc = open_entry(r);
		if (rc == NA_FATAL || rc == NA_FAILED)
			return rc;
	}
}

static void bundle_read_close(struct na_reader *r)
{
	struct bundle *b = r->priv;
	close_child(b);
	na_bundle_src_close(&b->src);
	na_buf_free(&b->entry);
	na_buf_free(&b->mhead);
}

/* ---- writing ----------------------------------------------------------- */

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h | 1; /* 0 marks an empty slot */
}

/* Insert; returns 0 when the name was already there. */
static int set_add(struct bundle *b, uint64_t h)
{
	if (2 * (b->set_n + 1) > b->set_cap) {
		size_t cap = b->set_cap ? 2 * b->set_cap : 1024;
		uint64_t *t = na_xcalloc(cap, sizeof *t);
		for (size_t i = 0; i < b->set_cap; i++)
			if (b->set[i]) {
				size_t j = b->set[i] & (cap - 1);
				while (t[j])
					j = (j + 1) & (cap - 1);
				t[j] = b->set[i];
			}
		free(b->set);
		b->set = t;
		b->set_cap = cap;
	}
	size_t j = h & (b->set_cap - 1);
	while (b->set[j]) {
		if (b->set[j] == h)
			return 0;
		j = (j + 1) & (b->set_cap - 1);
	}
	b->set[j] = h;
	b->set_n++;
	return 1;
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* YYYY/MM/DD/<id>.<ext> (undated/<id>.<ext> without a date); the id keeps
 * [A-Za-z0-9._-] only, never starts with '.', so no "..", "/" or control
 * character can reach a path; a taken name gets "-2", "-3"... */
static void entry_name(struct bundle *b, const struct na_article *a, struct na_buf *name)
{
	const char *d = a->published.value;
	struct na_buf base = {0};
	name->len = 0;
	if (d && strlen(d) >= 10 && digits(d, 4) && d[4] == '-' && digits(d + 5, 2) && d[7] == '-' && digits(d + 8, 2))
		na_buf_printf(name, "%.4s/%.2s/%.2s/", d, d + 5, d + 8);
	else
		na_buf_adds(name, "undated/");
	if (a->id)
		for (const char *p = a->id; *p && base.len < MAX_ID_BYTES; p++) {
			char c = *p;
			int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			         c == '-' || c == '_' || (c == '.' && base.len > 0);
			na_buf_addc(&base, ok ? c : '_');
		}
	if (!base.len)
		na_buf_printf(&base, "article-%06lu", b->entries + 1);
	const char *exts = b->ef->extensions ? b->ef->extensions : "txt";
	int elen = (int)strcspn(exts, ",");
	size_t dirlen = name->len;
	for (unsigned k = 1;; k++) {
		name->len = dirlen;
		if (k == 1)
			na_buf_printf(name, "%s.%.*s", base.p, elen, exts);
		else
			na_buf_printf(name, "%s-%u.%.*s", base.p, k, elen, exts);
		if (set_add(b, fnv1a(name->p, name->len)))
			break;
	}
	na_buf_free(&base);
}

static void sha_hex(const void *p, size_t n, char out[65])
{
	struct na_sha256 s;
	na_sha256_init(&s);
	na_sha256_update(&s, p, n);
	na_sha256_hex(&s, out);
}

static int spool_entry(struct na_writer *w, const char *name, size_t name_len, int64_t mtime,
                       const void *data, size_t size)
{
	struct bundle *b = w->priv;
	struct spool_head h = {(uint32_t)name_len, 0, mtime, size};
	if (fwrite(&h, sizeof h, 1, b->spool) != 1 || fwrite(name, 1, name_len, b->spool) != name_len ||
	    (size && fwrite(data, 1, size, b->spool) != size)) {
		struct na_pos pos = {na_output_name(w->out), 0, 0, -1};
		na_report(w->ctx, NA_SEV_ERROR, &pos, NULL, "cannot write the temporary spool file: %s", strerror(errno));
		return NA_FATAL;
	}
	return NA_OK;
}

/* An unlinked temporary file in $TMPDIR (tmpfile() ignores it), so a large
 * spool can be sent to a roomy disk and nothing is left behind on a crash. */
static FILE *spool_file(void)
{
	const char *dir = getenv("TMPDIR");
	struct na_buf path = {0};
	na_buf_printf(&path, "%s/newsarc-bundle-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path.p);
	FILE *f = NULL;
	if (fd >= 0) {
		unlink(path.p);
		if (!(f = fdopen(fd, "w+b")))
			close(fd);
	}
	na_buf_free(&path);
	return f;
}

static int bundle_write_open(struct na_writer *w)
{
	struct bundle *b = w->priv;
	struct na_pos pos = {na_output_name(w->out), 0, 0, -1};
	const char *single = na_ctx_option(w->ctx, "bundle", "single");
	b->single = single && strcmp(single, "0") && strcmp(single, "false") && strcmp(single, "no");
	const char *efname = na_ctx_option(w->ctx, "bundle", "entry-format");
	if (b->single) {
		if (efname && strcmp(efname, "jsonl"))
			na_report(w->ctx, NA_SEV_WARNING, &pos, NULL, "--single writes one JSONL member; entry format %s ignored", efname);
		efname = "jsonl";
	}
	if (!efname)
		efname = "newsml";
	b->ef = na_format_find(efname);
	if (!b->ef || !(na_format_caps(b->ef) & NA_CAN_WRITE) || b->ef == &na_format_bundle) {
		struct na_buf ok = {0};
		size_t it = 0;
		const struct na_format *f;
		while ((f = na_format_iterate(&it)))
			if ((na_format_caps(f) & NA_CAN_WRITE) && f != &na_format_bundle)
				na_buf_printf(&ok, "%s%s", ok.len ? ", " : "", f->name);
		na_report(w->ctx, NA_SEV_ERROR, &pos, NULL,
		          "entry format '%s' is not available in this build (use --entry-format with one of: %s)",
		          efname, ok.p ? ok.p : "none");
		na_buf_free(&ok);
		return NA_FATAL;
	}
	b->spool = spool_file();
	b->index = spool_file();
	if (!b->spool || !b->index) {
		na_report(w->ctx, NA_SEV_ERROR, &pos, NULL, "cannot create a temporary spool file: %s", strerror(errno));
		return NA_FATAL;
	}
	/* stdio's 4 KiB default costs a system call per small entry */
	setvbuf(b->spool, NULL, _IOFBF, 1u << 20);
	setvbuf(b->index, NULL, _IOFBF, 256u << 10);
	b->mem = na_output_open_mem(w->ctx);
	if (b->single) {
		b->single_w = na_writer_open(b->ef, b->mem, w->ctx);
		if (!b->single_w)
			return NA_FATAL;
		na_sha256_init(&b->single_sha);
		struct spool_head h = {0};
		fwrite(&h, sizeof h, 1, b->spool); /* rewritten by write_close */
	}
	return NA_OK;
}

/* --single: move what the JSONL writer produced into the spool. */
static int drain_single(struct na_writer *w)
{
	struct bundle *b = w->priv;
	size_t len;
	const char *p = na_output_data(b->mem, &len);
	if (!len)
		return NA_OK;
	na_sha256_update(&b->single_sha, p, len);
	b->single_size += len;
	int rc = fwrite(p, 1, len, b->spool) == len ? NA_OK : NA_FATAL;
	na_output_mem_reset(b->mem);
	return rc;
}

static int bundle_write_article(struct na_writer *w, const struct na_article *a)
{
	struct bundle *b = w->priv;
	if (b->single) {
		int rc = na_writer_article(b->single_w, a);
		if (rc >= NA_WARN)
			b->articles++;
		if (b->mem && drain_single(w) != NA_OK)
			return NA_FATAL;
		return rc;
	}
	na_output_mem_reset(b->mem);
	struct na_writer *ew = na_writer_open(b->ef, b->mem, w->ctx);
	if (!ew)
		return NA_FATAL;
	int rc = na_writer_article(ew, a);
	int crc = na_writer_close(ew);
	if (rc < NA_WARN)
		return rc;
	if (crc < NA_WARN)
		return crc;
	size_t len;
	const char *data = na_output_data(b->mem, &len);
	struct na_buf name = {0};
	entry_name(b, a, &name);
	char hex[65];
	sha_hex(data, len, hex);
	long long mtime = a->published.value ? na_date_epoch(a->published.value) : 0;
	if (mtime <= 0)
		mtime = FIXED_EPOCH;
	int st = spool_entry(w, name.p, name.len, mtime, data, len);
	if (st == NA_OK) {
		struct na_buf rec = {0};
		na_buf_adds(&rec, b->entries ? ",\n{\"name\":" : "\n{\"name\":");
		na_buf_json_string(&rec, name.p, name.len);
		na_buf_adds(&rec, ",\"id\":");
		if (a->id)
			na_buf_json_string(&rec, a->id, strlen(a->id));
		else
			na_buf_adds(&rec, "null");
		na_buf_printf(&rec, ",\"sha256\":\"%s\",\"size\":%zu}", hex, len);
		if (fwrite(rec.p, 1, rec.len, b->index) != rec.len)
			st = NA_FATAL;
		na_buf_free(&rec);
		b->entries++;
		b->articles++;
	}
	na_buf_free(&name);
	return st == NA_OK ? rc : st;
}

static la_ssize_t write_cb(struct archive *a, void *user, const void *buf, size_t n)
{
	struct na_writer *w = user;
	if (na_output_write(w->out, buf, n) != NA_OK) {
		archive_set_error(a, EIO, "write error");
		return -1;
	}
	return (la_ssize_t)n;
}

/* Container and compression from the output name; .gz is left to the
 * output layer, which gzips any name ending in .gz (header without time
 * or name). */
static int setup_archive(struct archive *a, const char *name)
{
	int rc = ARCHIVE_OK;
	if (na_has_suffix_ci(name, ".zip")) {
		rc = archive_write_set_format_zip(a);
		if (rc == ARCHIVE_OK)
			rc = archive_write_set_options(a, "zip:compression=deflate");
		return rc;
	}
	rc = archive_write_set_format_pax_restricted(a);
	if (rc != ARCHIVE_OK)
		return rc;
	if (na_has_suffix_ci(name, ".tgz")) {
		rc = archive_write_add_filter_gzip(a);
		if (rc == ARCHIVE_OK)
			rc = archive_write_set_filter_option(a, "gzip", "timestamp", NULL);
	} else if (na_has_suffix_ci(name, ".zst") || na_has_suffix_ci(name, ".tzst"))
		rc = archive_write_add_filter_zstd(a);
	else if (na_has_suffix_ci(name, ".xz") || na_has_suffix_ci(name, ".txz"))
		rc = archive_write_add_filter_xz(a);
	else if (na_has_suffix_ci(name, ".bz2") || na_has_suffix_ci(name, ".tbz2"))
		rc = archive_write_add_filter_bzip2(a);
	return rc;
}

static int put_header(struct archive *a, struct archive_entry *e, const char *name, int64_t mtime, uint64_t size)
{
	archive_entry_clear(e);
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)size);
	archive_entry_set_mtime(e, (time_t)mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	return archive_write_header(a, e);
}

/* Copy n bytes of f into the current entry. */
static int copy_file(struct archive *a, FILE *f, uint64_t n, char *buf)
{
	while (n) {
		size_t k = n < NA_BUNDLE_CHUNK ? (size_t)n : NA_BUNDLE_CHUNK;
		if (fread(buf, 1, k, f) != k)
			return -1;
		if (archive_write_data(a, buf, k) != (la_ssize_t)k)
			return -1;
		n -= k;
	}
	return 0;
}

static int write_archive(struct na_writer *w)
{
	struct bundle *b = w->priv;
	struct na_pos pos = {na_output_name(w->out), 0, 0, -1};
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	char *buf = na_xmalloc(NA_BUNDLE_CHUNK);
	struct na_buf head = {0}, name = {0};
	int rc = NA_OK;
	const char *oname = na_output_name(w->out);
	/* pad only an uncompressed tar to its 10240-byte records (as tar does);
	 * zeros after a compressed stream or a zip break other readers */
	int plain_tar = !na_has_suffix_ci(oname, ".zip") && (na_has_suffix_ci(oname, ".tar") ||
	                na_has_suffix_ci(oname, ".tar.gz") || !strchr(oname, '.'));
	if (!plain_tar)
		archive_write_set_bytes_in_last_block(a, 1);
	if (setup_archive(a, oname) != ARCHIVE_OK ||
	    archive_write_open(a, w, NULL, write_cb, NULL) != ARCHIVE_OK)
		goto fail;
	na_buf_adds(&head, "{\"format\":\"newsarc-bundle\",\"version\":1,\"tool\":\"newsarc " NA_VERSION "\",\"entry_format\":");
	na_buf_json_string(&head, b->ef->name, strlen(b->ef->name));
	na_buf_printf(&head, ",\"single\":%s,\"articles\":%lu,\"entry_count\":%lu,\"entries\":[",
	              b->single ? "true" : "false", b->articles, b->single ? 1ul : b->entries);
	if (b->single) {
		char hex[65];
		na_sha256_hex(&b->single_sha, hex);
		na_buf_printf(&head, "\n{\"name\":\"articles.jsonl\",\"id\":null,\"articles\":%lu,\"sha256\":\"%s\",\"size\":%llu}",
		              b->articles, hex, (unsigned long long)b->single_size);
	}
	static const char tail[] = "\n]}\n";
	long index_len = ftell(b->index);
	if (index_len < 0)
		goto fail;
	if (put_header(a, e, NA_BUNDLE_MANIFEST, FIXED_EPOCH, head.len + (uint64_t)index_len + strlen(tail)) != ARCHIVE_OK ||
	    archive_write_data(a, head.p, head.len) != (la_ssize_t)head.len)
		goto fail;
	rewind(b->index);
	if (copy_file(a, b->index, (uint64_t)index_len, buf) != 0 ||
	    archive_write_data(a, tail, strlen(tail)) != (la_ssize_t)strlen(tail))
		goto fail;
	fflush(b->spool);
	rewind(b->spool);
	if (b->single) {
		struct spool_head h;
		if (fread(&h, sizeof h, 1, b->spool) != 1 ||
		    put_header(a, e, "articles.jsonl", FIXED_EPOCH, b->single_size) != ARCHIVE_OK ||
		    copy_file(a, b->spool, b->single_size, buf) != 0)
			goto fail;
	} else {
		for (unsigned long i = 0; i < b->entries; i++) {
			struct spool_head h;
			if (fread(&h, sizeof h, 1, b->spool) != 1)
				goto fail;
			name.len = 0;
			na_buf_reserve(&name, h.name_len);
			if (fread(name.p, 1, h.name_len, b->spool) != h.name_len)
				goto fail;
			name.p[h.name_len] = 0;
			if (put_header(a, e, name.p, h.mtime, h.size) != ARCHIVE_OK || copy_file(a, b->spool, h.size, buf) != 0)
				goto fail;
		}
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		goto fail;
	goto done;
fail:
	na_report(w->ctx, NA_SEV_ERROR, &pos, NULL, "cannot write the bundle: %s",
	          archive_error_string(a) ? archive_error_string(a) : strerror(errno));
	rc = NA_FATAL;
done:
	archive_write_free(a);
	archive_entry_free(e);
	free(buf);
	na_buf_free(&head);
	na_buf_free(&name);
	return rc;
}

static int bundle_write_close(struct na_writer *w)
{
	struct bundle *b = w->priv;
	int rc = NA_OK;
	if (b->single_w) {
		if (na_writer_close(b->single_w) < NA_WARN)
			rc = NA_FATAL;
		b->single_w = NULL;
		if (drain_single(w) != NA_OK)
			rc = NA_FATAL;
	}
	if (b->spool && b->index && b->ef && rc == NA_OK)
		rc = write_archive(w);
	if (b->mem)
		na_output_abort(b->mem);
	if (b->spool)
		fclose(b->spool);
	if (b->index)
		fclose(b->index);
	free(b->set);
	return rc;
}

const struct na_format na_format_bundle = {
	.name = "bundle",
	.aliases = "tar,zip",
	.description = "tar/zip bundle (gz, zst, xz, bz2) of articles in any format, with a manifest",
	.extensions = "tar,tar.gz,tgz,tar.zst,tzst,tar.xz,txz,tar.bz2,tbz2,zip",
	.mime = "application/x-tar,application/zip",
	.priv_size = sizeof(struct bundle),
	.probe = bundle_probe,
	.read_open = bundle_read_open,
	.read_next = bundle_read_next,
	.read_close = bundle_read_close,
	.write_open = bundle_write_open,
	.write_article = bundle_write_article,
	.write_close = bundle_write_close,
	.options_help = "entry-format: format of each entry (default newsml); "
	                "single: 1 = one articles.jsonl member for the whole set",
};
