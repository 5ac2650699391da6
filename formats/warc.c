/* warc.c - Web ARChive, ISO 28500: WARC/1.0 and WARC/1.1 (also 0.x headers),
 * and the legacy Internet Archive ARC v1/v2 format; our own parser over zlib.
 * Reader: response records (application/http responses, 2xx) and resource
 * records whose payload is HTML go through the html READER with the target
 * URI as url and WARC-Date (ARC date) as the date when the page has none; the
 * HTTP Content-Type charset is handed on as the transport charset; chunked
 * transfer encoding and gzip/deflate content encoding are undone.  warcinfo,
 * request, metadata, revisit, conversion, continuation and non-HTML records
 * are skipped and counted.  Files are read raw: a per-record gzip WARC is
 * inflated member by member by this file, so a corrupt member is reported
 * with its byte offset and reading goes on at the next member; a damaged
 * record (truncated, Content-Length that does not end at the record end) is
 * reported with its offset and reading resumes at the next "WARC/" line.
 * Only payloads handed to the html reader are held in memory (up to
 * --max-record); everything else streams through a bounded window.
 * Writer: WARC/1.1, a warcinfo record, then one resource record per article
 * holding it as a small HTML page (our own markup, every field escaped),
 * with WARC-Block-Digest (sha1, base32); an output named *.gz gets one gzip
 * member per record (the output's whole-stream gzip is turned off). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include "format.h"
#include "formats/nitf/nitf.h"
#include "formats/warc/warc.h"

extern const struct na_format na_format_warc;

static int warc_probe(const struct na_probe *p)
{
	const unsigned char *b = p->buf;
	if (p->len >= 8 && !memcmp(b, "WARC/", 5) && b[5] >= '0' && b[5] <= '9' && b[6] == '.')
		return NA_PROBE_MAX;
	if (p->len >= 11 && !memcmp(b, "filedesc://", 11))
		return NA_PROBE_MAX; /* ARC */
	int e = na_probe_ext_score(&na_format_warc, p);
	return e;
}

/* ---- byte source: raw file with our own gzip, or the input --------------- */

#define RAW_CHUNK (256u << 10)
#define MAX_HEADER (64u << 10)

struct boundary {
	long long dec;          /* decoded offset where a gzip member starts */
	long long file;         /* its offset in the file */
};

struct src {
	struct na_ctx *ctx;
	const char *name;
	int fd;                 /* raw mode: our own descriptor; -1: use in */
	struct na_input *in;
	int gz;
	z_stream zs;
	int zinit, at_member_start;
	unsigned char *raw;
	size_t raw_len;         /* bytes in raw */
	long long raw_base;     /* file offset of raw[0] */
	int raw_eof;
	long long member_file;  /* file offset of the member being inflated */
	unsigned char *buf;     /* decoded window buf[start..end) */
	size_t start, end, cap, limit;
	long long dec_base;     /* decoded offset of buf[0] */
	int eof, failed;
	int damaged;            /* a corrupt member ended the data: hard boundary */
	long long damage_dec;   /* decoded offset where the corrupt member began */
	struct boundary *bd;    /* recent member starts, oldest first */
	size_t nbd, capbd;
};

static void src_report(struct src *s, long long off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void src_report(struct src *s, long long off, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct na_pos pos = {s->name, 0, 0, off};
	na_report(s->ctx, NA_SEV_ERROR, &pos, NULL, "%s", msg);
}

static long raw_read(struct src *s, unsigned char *dst, size_t n)
{
	for (;;) {
		ssize_t k = read(s->fd, dst, n);
		if (k >= 0)
			return (long)k;
		if (errno != EINTR) {
			src_report(s, -1, "read error: %s", strerror(errno));
			s->failed = 1;
			return -1;
		}
	}
}

/* Refill raw[] keeping the unread input; returns bytes added, 0 at end. */
static long raw_more(struct src *s)
{
	size_t used = s->zs.next_in ? (size_t)(s->zs.next_in - s->raw) : s->raw_len;
	size_t left = s->raw_len - used;
	memmove(s->raw, s->raw + used, left);
	s->raw_base += (long long)used;
	s->raw_len = left;
	long k = raw_read(s, s->raw + left, RAW_CHUNK - left);
	if (k <= 0) {
		s->raw_eof = 1;
		k = k < 0 ? -1 : 0;
	} else
		s->raw_len += (size_t)k;
	s->zs.next_in = s->raw;
	s->zs.avail_in = (uInt)s->raw_len;
	return k;
}

static long long next_in_offset(struct src *s)
{
	return s->raw_base + (long long)(s->zs.next_in - s->raw);
}

/* After a corrupt member: skip to the next gzip magic (1f 8b 08). */
static int resync_member(struct src *s)
{
	if (s->zs.avail_in)
		s->zs.next_in++, s->zs.avail_in--;
	for (;;) {
		while (s->zs.avail_in >= 3) {
			if (s->zs.next_in[0] == 0x1f && s->zs.next_in[1] == 0x8b && s->zs.next_in[2] == 8)
				return 1;
			s->zs.next_in++;
			s->zs.avail_in--;
		}
		if (s->raw_eof)
			return 0;
		if (raw_more(s) < 0)
			return 0;
		if (s->raw_eof && s->zs.avail_in < 3)
			return 0;
	}
}

static void push_boundary(struct src *s, long long dec, long long file)
{
	if (s->nbd == s->capbd) {
		/* drop boundaries the reader has passed */
		size_t keep = 0;
		long long cur = s->dec_base + (long long)s->start;
		for (size_t i = 0; i < s->nbd; i++)
			if (i + 1 == s->nbd || s->bd[i + 1].dec > cur)
				s->bd[keep++] = s->bd[i];
		s->nbd = keep;
		if (s->nbd == s->capbd) {
			s->capbd = s->capbd ? s->capbd * 2 : 16;
			s->bd = na_xrealloc(s->bd, s->capbd * sizeof *s->bd);
		}
	}
	s->bd[s->nbd++] = (struct boundary){dec, file};
}

/* File offset to report for a record starting at decoded offset dec: the
 * member's offset when the record starts a member (per-record gzip), the
 * decoded offset for plain files, -1 when inside a bigger member. */
static long long file_offset(struct src *s, long long dec)
{
	if (!s->gz)
		return dec;
	for (size_t i = s->nbd; i-- > 0;)
		if (s->bd[i].dec <= dec)
			return s->bd[i].dec == dec ? s->bd[i].file : -1;
	return -1;
}

/* Append decoded bytes: >0 added, 0 end, -1 failed, -2 window full, -3
 * damage boundary (a corrupt gzip member; call src_clear_damage). */
static long src_fill(struct src *s)
{
	if (s->damaged)
		return -3;
	if (s->eof || s->failed)
		return 0;
	if (s->start > 0 && (s->start == s->end || s->start > s->cap / 2 || s->end == s->cap)) {
		memmove(s->buf, s->buf + s->start, s->end - s->start);
		s->dec_base += (long long)s->start;
		s->end -= s->start;
		s->start = 0;
	}
	if (s->end == s->cap) {
		if (s->cap >= s->limit)
			return -2;
		s->cap *= 2;
		s->buf = na_xrealloc(s->buf, s->cap + 1);
	}
	if (s->fd < 0) {
		long k = na_input_read(s->in, s->buf + s->end, s->cap - s->end);
		if (k < 0) {
			s->failed = 1;
			return -1;
		}
		if (k == 0)
			s->eof = 1;
		s->end += (size_t)k;
		return k;
	}
	if (!s->gz) {
		long k = raw_read(s, s->buf + s->end, s->cap - s->end);
		if (k < 0)
			return -1;
		if (k == 0)
			s->eof = 1;
		s->end += (size_t)k;
		return k;
	}
	for (;;) {
		if (s->zs.avail_in < 16 && !s->raw_eof && raw_more(s) < 0)
			return -1;
		if (s->zs.avail_in == 0) {
			if (!s->at_member_start) {
				src_report(s, s->member_file, "gzip member truncated (unexpected end of file)");
				s->damaged = 1;
				s->eof = 1;
				return -3;
			}
			s->eof = 1;
			return 0;
		}
		if (s->at_member_start) {
			if (s->zs.avail_in < 3 || s->zs.next_in[0] != 0x1f || s->zs.next_in[1] != 0x8b) {
				long long off = next_in_offset(s);
				src_report(s, off, "bytes that are not a gzip member; skipped to the next member");
				if (!resync_member(s)) {
					s->eof = 1;
					return 0;
				}
			}
			s->member_file = next_in_offset(s);
			push_boundary(s, s->dec_base + (long long)s->end, s->member_file);
			s->at_member_start = 0;
		}
		s->zs.next_out = s->buf + s->end;
		s->zs.avail_out = (uInt)(s->cap - s->end);
		int rc = inflate(&s->zs, Z_NO_FLUSH);
		size_t got = (s->cap - s->end) - s->zs.avail_out;
		s->end += got;
		if (rc == Z_STREAM_END) {
			inflateReset(&s->zs);
			s->at_member_start = 1;
		} else if (rc == Z_BUF_ERROR && s->raw_eof && s->zs.avail_in == 0) {
			continue; /* reported as truncated above */
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			src_report(s, s->member_file, "corrupt gzip member: %s; skipped to the next member",
			           s->zs.msg ? s->zs.msg : "inflate error");
			s->damaged = 1;
			s->damage_dec = -1;
			for (size_t i = s->nbd; i-- > 0;)
				if (s->bd[i].file == s->member_file) {
					s->damage_dec = s->bd[i].dec;
					break;
				}
			inflateReset(&s->zs);
			s->at_member_start = 1;
			if (!resync_member(s))
				s->zs.avail_in = 0;
			return got ? (long)got : -3;
		}
		if (got)
			return (long)got;
	}
}

/* Forget the bytes of a corrupt member and go on with the next one. */
static void src_clear_damage(struct src *s)
{
	s->start = s->end;
	s->damaged = 0;
}

static long long src_pos(struct src *s)
{
	return s->dec_base + (long long)s->start;
}

/* Make n bytes available; returns what is there (may be less at end). */
static size_t src_want(struct src *s, size_t n, long *why)
{
	*why = 1;
	while (s->end - s->start < n) {
		long k = src_fill(s);
		if (k <= 0 && k != -2) {
			*why = k;
			break;
		}
		if (k == -2) {
			*why = -2;
			break;
		}
	}
	return s->end - s->start;
}

/* One line (without CR LF); 1 ok, 0 end, -3 damage, -2 over MAX_HEADER. */
static int src_line(struct src *s, const char **line, size_t *len)
{
	size_t scan = 0;
	for (;;) {
		unsigned char *nl = memchr(s->buf + s->start + scan, '\n', s->end - s->start - scan);
		if (nl) {
			size_t n = (size_t)(nl - (s->buf + s->start));
			*line = (const char *)s->buf + s->start;
			s->start += n + 1;
			if (n && (*line)[n - 1] == '\r')
				n--;
			*len = n;
			return 1;
		}
		scan = s->end - s->start;
		if (scan > MAX_HEADER)
			return -2;
		long k = src_fill(s);
		if (k == -3)
			return -3;
		if (k <= 0) {
			if (s->end == s->start)
				return 0;
			*line = (const char *)s->buf + s->start;
			*len = s->end - s->start;
			s->start = s->end;
			return 1;
		}
	}
}

/* ---- reader ------------------------------------------------------------ */

struct rec {
	long long dec, off;     /* decoded start, offset to report */
	char type[32];
	char *uri, *date, *ctype, *id;
	char *meta;             /* Newsarc-Metadata: our writer's JSON record */
	long long length;
	int arc;
};

struct warc {
	struct src s;
	int arc;                /* ARC file (first record filedesc://) */
	int started;
	struct na_buf payload, scratch, rej;
	struct rec rec;
	/* writer */
	int gzip;
	unsigned long written;
	char now[32];
};

static int warc_read_open(struct na_reader *r)
{
	struct warc *w = r->priv;
	struct src *s = &w->s;
	s->ctx = r->ctx;
	s->name = na_input_name(r->in);
	s->in = r->in;
	s->fd = -1;
	s->limit = r->ctx->limits.max_record + (1u << 20);
	s->cap = RAW_CHUNK;
	s->buf = na_xmalloc(s->cap + 1);
	/* a gzip file read raw, so each member is checked on its own */
	struct stat st;
	int fd = strcmp(s->name, "<stdin>") ? open(s->name, O_RDONLY | O_CLOEXEC) : -1;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		unsigned char m[2];
		if (pread(fd, m, 2, 0) == 2 && m[0] == 0x1f && m[1] == 0x8b) {
			s->fd = fd;
			s->gz = 1;
			s->raw = na_xmalloc(RAW_CHUNK);
			if (inflateInit2(&s->zs, 16 + MAX_WBITS) != Z_OK) {
				struct na_pos pos = {s->name, 0, 0, -1};
				na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "cannot initialize zlib");
				return NA_FATAL;
			}
			s->zinit = 1;
			s->at_member_start = 1;
			return NA_OK;
		}
	}
	if (fd >= 0)
		close(fd);
	return NA_OK;
}

static void free_rec(struct rec *rc)
{
	free(rc->uri);
	free(rc->date);
	free(rc->ctype);
	free(rc->id);
	free(rc->meta);
	memset(rc, 0, sizeof *rc);
}

static void warc_read_close(struct na_reader *r)
{
	struct warc *w = r->priv;
	struct src *s = &w->s;
	if (s->zinit)
		inflateEnd(&s->zs);
	if (s->fd >= 0)
		close(s->fd);
	free(s->raw);
	free(s->buf);
	free(s->bd);
	free_rec(&w->rec);
	na_buf_free(&w->payload);
	na_buf_free(&w->scratch);
	na_buf_free(&w->rej);
}

static char *dupn(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char *d = na_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

/* A header value that reaches the model (URI, date, content type, record
 * id): trimmed like dupn(), with every byte that is not part of a valid
 * UTF-8 sequence percent-encoded ("%F2"), as RFC 3987 maps an IRI to a URI.
 * Headers are raw bytes; the model holds UTF-8 only (found by
 * fuzz_reader_warc: tests/hostile/fuzz/warc/invalid-utf8-header.b64). */
static char *dupv(const char *s, size_t n)
{
	char *t = dupn(s, n);
	n = strlen(t);
	if (na_utf8_valid(t, n))
		return t;
	struct na_buf b = {0};
	na_buf_add_utf8_mended(&b, t, n, 1);
	free(t);
	char *d = na_xmalloc(b.len + 1);
	memcpy(d, b.len ? b.p : "", b.len);
	d[b.len] = 0;
	na_buf_free(&b);
	return d;
}

static void report(struct na_reader *r, enum na_severity sev, long long off, long long dec, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void report(struct na_reader *r, enum na_severity sev, long long off, long long dec, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct na_pos pos = {na_input_name(r->in), 0, 0, off};
	if (off < 0)
		na_report(r->ctx, sev, &pos, NULL, "%s (decompressed offset %lld)", msg, dec);
	else
		na_report(r->ctx, sev, &pos, NULL, "%s", msg);
}

/* Skip n bytes of block; 1 ok, 0 end of input first, -3 damage. */
static int skip_bytes(struct src *s, long long n)
{
	while (n > 0) {
		size_t have = s->end - s->start;
		if (have) {
			size_t k = have < (unsigned long long)n ? have : (size_t)n;
			s->start += k;
			n -= (long long)k;
			continue;
		}
		long k = src_fill(s);
		if (k == -3)
			return -3;
		if (k <= 0)
			return 0;
	}
	return 1;
}

/* Resync: drop lines until one starts a record ("WARC/" or, in ARC, a URL
 * line); the window is left at that line. */
static int resync(struct warc *w)
{
	struct src *s = &w->s;
	for (;;) {
		long why;
		size_t have = src_want(s, 6, &why);
		if (have >= 5 && !memcmp(s->buf + s->start, "WARC/", 5))
			return 1;
		if (why == -3) {
			src_clear_damage(s);
			continue;
		}
		const char *line;
		size_t len;
		int k = src_line(s, &line, &len);
		if (k == -3) {
			src_clear_damage(s);
			continue;
		}
		if (k == -2) {
			s->start = s->end; /* a long run without newline: drop it */
			continue;
		}
		if (k <= 0)
			return 0;
		if (w->arc && len > 7 && (!strncmp(line, "http", 4) || !strncmp(line, "dns:", 4))) {
			/* give the line back: it starts the next ARC record */
			s->start -= (size_t)(s->buf + s->start - (const unsigned char *)line);
			return 1;
		}
	}
}

/* Read the header of the next record into w->rec.  1 ok, 0 end, -1 bad header
 * (reported; resynced), -3 damage. */
static int read_header(struct na_reader *r, struct warc *w)
{
	struct src *s = &w->s;
	struct rec *rc = &w->rec;
	free_rec(rc);
	const char *line;
	size_t len;
	int k;
	/* blank lines between records */
	for (;;) {
		rc->dec = src_pos(s);
		k = src_line(s, &line, &len);
		if (k != 1)
			break;
		size_t i = 0;
		while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
			i++;
		if (i < len)
			break;
	}
	if (k == 0)
		return 0;
	if (k == -3)
		return -3;
	rc->off = file_offset(s, rc->dec);
	if (k == -2) {
		report(r, NA_SEV_ERROR, rc->off, rc->dec, "record header line longer than %u bytes; skipped", MAX_HEADER);
		s->start = s->end;
		resync(w);
		return -1;
	}
	if (!w->started && len >= 11 && !memcmp(line, "filedesc://", 11))
		w->arc = 1;
	w->started = 1;
	if (w->arc && !(len >= 5 && !memcmp(line, "WARC/", 5))) {
		/* ARC: URL IP DATE MIME [more v2 fields] LENGTH */
		char *l = dupn(line, len);
		char *f[12];
		int nf = 0;
		for (char *t = strtok(l, " "); t && nf < 12; t = strtok(NULL, " "))
			f[nf++] = t;
		char *end = NULL;
		long long n = nf >= 5 ? strtoll(f[nf - 1], &end, 10) : -1;
		if (nf < 5 || !end || *end || n < 0) {
			for (char *q = l; *q; q++)
				if ((unsigned char)*q < 0x20 || (unsigned char)*q >= 0x7f)
					*q = '?';
			report(r, NA_SEV_ERROR, rc->off, rc->dec, "not an ARC record header: \"%.60s\"; skipped", l);
			free(l);
			resync(w);
			return -1;
		}
		rc->arc = 1;
		rc->uri = dupv(f[0], strlen(f[0]));
		rc->date = dupv(f[2], strlen(f[2]));
		/* ARC dates are 14-digit GMT stamps */
		if (strlen(f[2]) == 14 && strspn(f[2], "0123456789") == 14) {
			free(rc->date);
			rc->date = na_xmalloc(32);
			snprintf(rc->date, 32, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", f[2], f[2] + 4, f[2] + 6, f[2] + 8,
			         f[2] + 10, f[2] + 12);
		}
		rc->ctype = dupv(f[3], strlen(f[3]));
		rc->length = n;
		snprintf(rc->type, sizeof rc->type, "%s", !strncmp(f[0], "filedesc:", 9) ? "warcinfo" : "response");
		free(l);
		return 1;
	}
	if (len < 5 || memcmp(line, "WARC/", 5) != 0) {
		/* quote the line printable: it may be binary */
		char shown[48];
		size_t k = 0;
		for (; k < len && k < 40; k++)
			shown[k] = (line[k] >= 0x20 && line[k] < 0x7f) ? line[k] : '?';
		shown[k] = 0;
		report(r, NA_SEV_ERROR, rc->off, rc->dec, "not a WARC record: \"%s\"; skipped to the next record", shown);
		resync(w);
		return -1;
	}
	size_t total = 0;
	rc->length = -1;
	for (;;) {
		k = src_line(s, &line, &len);
		if (k == -3)
			return -3;
		if (k != 1) {
			report(r, NA_SEV_ERROR, rc->off, rc->dec, "truncated record header");
			return -1; /* counted as rejected; the next call meets the end */
		}
		if (len == 0)
			break;
		total += len;
		if (total > MAX_HEADER) {
			report(r, NA_SEV_ERROR, rc->off, rc->dec, "record header longer than %u bytes; skipped", MAX_HEADER);
			resync(w);
			return -1;
		}
		const char *colon = memchr(line, ':', len);
		if (!colon)
			continue;
		size_t nl = (size_t)(colon - line);
		const char *v = colon + 1;
		size_t vl = len - nl - 1;
#define IS(name) (nl == sizeof(name) - 1 && na_strncaseeq(line, name, nl))
		if (IS("WARC-Type")) {
			char *t = dupv(v, vl);
			snprintf(rc->type, sizeof rc->type, "%s", t);
			free(t);
		} else if (IS("WARC-Target-URI") && !rc->uri) {
			rc->uri = dupv(v, vl);
			/* WARC/1.0 examples wrap the URI in <...> */
			size_t n = strlen(rc->uri);
			if (n >= 2 && rc->uri[0] == '<' && rc->uri[n - 1] == '>') {
				memmove(rc->uri, rc->uri + 1, n - 2);
				rc->uri[n - 2] = 0;
			}
		} else if (IS("WARC-Date") && !rc->date)
			rc->date = dupv(v, vl);
		else if (IS("Content-Type") && !rc->ctype)
			rc->ctype = dupv(v, vl);
		else if (IS("Newsarc-Metadata") && !rc->meta)
			rc->meta = dupn(v, vl);
		else if (IS("WARC-Record-ID") && !rc->id)
			rc->id = dupv(v, vl);
		else if (IS("Content-Length")) {
			char *t = dupn(v, vl), *end;
			errno = 0;
			long long n = strtoll(t, &end, 10);
			rc->length = (*t && !*end && n >= 0 && !errno) ? n : -2;
			free(t);
		}
#undef IS
	}
	if (rc->length < 0) {
		report(r, NA_SEV_ERROR, rc->off, rc->dec, "%s record without a valid Content-Length; skipped",
		       rc->type[0] ? rc->type : "WARC");
		resync(w);
		return -1;
	}
	return 1;
}

/* ---- HTTP payload ------------------------------------------------------ */

struct http {
	int status;
	char ctype[256];
	int chunked;
	char encoding[32];
	size_t body;            /* offset of the body in the block */
};

static int find_chunked(const char *v, size_t n)
{
	for (size_t i = 0; i + 7 <= n; i++)
		if (na_strncaseeq(v + i, "chunked", 7))
			return 1;
	return 0;
}

static int parse_http(const char *b, size_t n, struct http *h)
{
	memset(h, 0, sizeof *h);
	const char *p = b, *e = b + n;
	const char *nl = memchr(p, '\n', (size_t)(e - p));
	if (!nl || n < 12 || memcmp(p, "HTTP/", 5) != 0)
		return -1;
	const char *sp = memchr(p, ' ', (size_t)(nl - p));
	h->status = sp ? atoi(sp + 1) : 0;
	p = nl + 1;
	while (p < e) {
		nl = memchr(p, '\n', (size_t)(e - p));
		const char *le = nl ? nl : e;
		size_t len = (size_t)(le - p);
		if (len && p[len - 1] == '\r')
			len--;
		if (!len) {
			h->body = (size_t)((nl ? nl + 1 : e) - b);
			return 0;
		}
		const char *colon = memchr(p, ':', len);
		if (colon) {
			size_t nlen = (size_t)(colon - p);
			const char *v = colon + 1;
			size_t vl = len - nlen - 1;
			while (vl && (*v == ' ' || *v == '\t'))
				v++, vl--;
			if (nlen == 12 && na_strncaseeq(p, "Content-Type", 12))
				snprintf(h->ctype, sizeof h->ctype, "%.*s", (int)vl, v);
			else if (nlen == 17 && na_strncaseeq(p, "Transfer-Encoding", 17))
				h->chunked = vl >= 7 && find_chunked(v, vl);
			else if (nlen == 16 && na_strncaseeq(p, "Content-Encoding", 16))
				snprintf(h->encoding, sizeof h->encoding, "%.*s", (int)vl, v);
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	h->body = n; /* headers only */
	return 0;
}

/* Undo chunked transfer coding into out; -1 when the chunks are malformed. */
static int dechunk(const char *b, size_t n, struct na_buf *out)
{
	size_t i = 0;
	out->len = 0;
	for (;;) {
		size_t j = i;
		while (j < n && b[j] != '\n')
			j++;
		if (j >= n)
			return -1;
		char *end;
		unsigned long long k = strtoull(b + i, &end, 16);
		if (end == b + i || (*end != '\r' && *end != '\n' && *end != ';' && *end != ' '))
			return -1;
		i = j + 1;
		if (k == 0)
			return 0;
		if (k > n - i)
			return -1;
		na_buf_add(out, b + i, (size_t)k);
		i += (size_t)k;
		if (i < n && b[i] == '\r')
			i++;
		if (i < n && b[i] == '\n')
			i++;
		else if (i < n)
			return -1;
	}
}

/* gzip or deflate (zlib or raw) content coding; 0 complete, 1 truncated but
 * some output, -1 failed. */
static int inflate_body(const char *b, size_t n, int gzip, struct na_buf *out, size_t limit)
{
	int tries[2] = {gzip ? 16 + MAX_WBITS : MAX_WBITS, -MAX_WBITS};
	for (int t = 0; t < (gzip ? 1 : 2); t++) {
		z_stream zs;
		memset(&zs, 0, sizeof zs);
		if (inflateInit2(&zs, tries[t]) != Z_OK)
			return -1;
		out->len = 0;
		zs.next_in = (unsigned char *)b;
		zs.avail_in = (uInt)n;
		int rc;
		do {
			na_buf_reserve(out, 64 << 10);
			zs.next_out = (unsigned char *)out->p + out->len;
			zs.avail_out = (uInt)(out->cap - out->len - 1);
			rc = inflate(&zs, Z_NO_FLUSH);
			out->len = (size_t)((char *)zs.next_out - out->p);
			if (out->len > limit) {
				inflateEnd(&zs);
				return -1;
			}
		} while (rc == Z_OK);
		inflateEnd(&zs);
		if (rc == Z_STREAM_END)
			return 0;
		if (rc == Z_BUF_ERROR && zs.avail_in == 0 && out->len)
			return 1;
	}
	return -1;
}

/* "text/html; charset=UTF-8" -> mime "text/html", charset "UTF-8". */
static void split_ctype(const char *ct, char *mime, size_t mcap, char *cs, size_t ccap)
{
	mime[0] = cs[0] = 0;
	if (!ct)
		return;
	size_t n = strcspn(ct, ";");
	while (n && ct[n - 1] == ' ')
		n--;
	snprintf(mime, mcap, "%.*s", (int)n, ct);
	for (char *q = mime; *q; q++)
		*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
	const char *c = strcasestr(ct, "charset=");
	if (c) {
		c += 8;
		if (*c == '"' || *c == '\'')
			c++;
		size_t k = strcspn(c, "\"'; ");
		snprintf(cs, ccap, "%.*s", (int)k, c);
	}
}

static int looks_html(const char *b, size_t n)
{
	size_t k = n < 1024 ? n : 1024;
	const char *tags[] = {"<!doctype html", "<html", "<head", "<body"};
	for (size_t i = 0; i < 4; i++)
		for (size_t j = 0; j + strlen(tags[i]) <= k; j++)
			if (na_strncaseeq(b + j, tags[i], strlen(tags[i])))
				return 1;
	return 0;
}

/* Our writer's records carry the article's fields (all but the body) as the
 * Newsarc-Metadata JSON: they are the record, the page is its rendering, so
 * they replace what the html reader inferred (a publisher taken as author,
 * say); the body stays the page's.  Unparseable metadata is ignored. */
static int merge_meta(struct na_reader *r, struct na_article *a, const char *json)
{
	struct na_arena *tmp = na_arena_new();
	struct na_json_error err;
	struct na_json *v = na_json_parse(tmp, json, strlen(json), r->ctx->limits.max_depth, 1, &err);
	struct na_article *m = na_article_new();
	struct na_ctx quiet;
	na_ctx_init(&quiet);
	struct na_pos pos = {na_input_name(r->in), 0, 0, -1};
	if (v && v->type == NA_JSON_OBJECT && na_article_from_json(&quiet, m, v, &pos) != NA_FAILED) {
		/* keep the page's body, take every other field from the record */
		struct na_block *body = a->body;
		size_t nbody = a->nbody;
		struct na_article *keep = na_article_new();
		for (size_t i = 0; i < nbody; i++)
			na_article_add_block(keep, body[i].type, body[i].text, strlen(body[i].text));
		char *cs = a->charset ? na_xstrdup(a->charset) : NULL;
		char *cso = a->charset_origin ? na_xstrdup(a->charset_origin) : NULL;
		na_article_copy(a, m); /* clears a: positions are set again by the caller */
		a->nbody = 0;
		for (size_t i = 0; i < keep->nbody; i++)
			na_article_add_block(a, keep->body[i].type, keep->body[i].text, strlen(keep->body[i].text));
		a->charset = cs ? na_arena_strdup(a->arena, cs) : NULL;
		a->charset_origin = cso ? na_arena_strdup(a->arena, cso) : NULL;
		free(cs);
		free(cso);
		na_article_free(keep);
		na_article_free(m);
		na_arena_free(tmp);
		return 1;
	}
	na_article_free(m);
	na_arena_free(tmp);
	return 0;
}

/* Hand an HTML payload to the html reader. */
static int read_html(struct na_reader *r, struct warc *w, struct na_article *a, const char *page, size_t n,
                     const char *mime, const char *charset)
{
	struct rec *rc = &w->rec;
	const struct na_format *html = na_format_find("html");
	if (!html) {
		report(r, NA_SEV_ERROR, rc->off, rc->dec,
		       "HTML record %s: the html reader is not in this build; record not converted",
		       rc->uri ? rc->uri : "");
		return NA_FAILED;
	}
	char *name = na_arena_printf(a->arena, "%s@%lld!%s", na_input_name(r->in), rc->off >= 0 ? rc->off : rc->dec,
	                             rc->uri ? rc->uri : "");
	struct na_input *in = na_input_open_mem(r->ctx, name, page, n);
	na_input_set_transport(in, mime[0] ? mime : "text/html", charset[0] ? charset : NULL);
	struct na_reader *hr = na_reader_open(html, in, r->ctx);
	int st = NA_FAILED;
	if (hr) {
		st = na_reader_next(hr, a);
		if (st == NA_EOF) {
			report(r, NA_SEV_ERROR, rc->off, rc->dec, "HTML record %s: no article", rc->uri ? rc->uri : "");
			st = NA_FAILED;
		}
		na_reader_close(hr);
	}
	na_input_close(in);
	if (st != NA_OK && st != NA_WARN) {
		a->pos = (struct na_pos){na_input_name(r->in), 0, 0, rc->off};
		memset(a->fpos, 0, sizeof a->fpos);
		return st == NA_FATAL ? NA_FAILED : st;
	}
	int ours = rc->meta && merge_meta(r, a, rc->meta);
	/* positions must not point into the closed input */
	name = na_arena_printf(a->arena, "%s@%lld!%s", na_input_name(r->in), rc->off >= 0 ? rc->off : rc->dec,
	                       rc->uri ? rc->uri : "");
	for (size_t i = 0; i < NA_F__COUNT; i++)
		if (a->fpos[i].file)
			a->fpos[i].file = name;
	a->pos = (struct na_pos){name, 0, 0, rc->off};
	if (ours)
		return st; /* our own record: its fields are complete as written */
	if (rc->uri && strncmp(rc->uri, "urn:newsarc:", 12) != 0) {
		if (a->url && strcmp(a->url, rc->uri) != 0) {
			struct na_buf b = {0};
			na_buf_json_string(&b, a->url, strlen(a->url));
			na_article_add_extra(a, "canonical_url", b.p, b.len);
			na_buf_free(&b);
		}
		a->url = na_arena_strdup(a->arena, rc->uri);
		if (!a->id)
			a->id = a->url; /* as the html reader does with a canonical URL */
	}
	if (!a->published.value && !a->published.raw && rc->date)
		na_article_set_date(a, &a->published, rc->date, strlen(rc->date));
	return st;
}

/* The block of an HTML-capable record, decoded; NA_OK with page, or skip. */
static int process(struct na_reader *r, struct warc *w, struct na_article *a, const char *blk, size_t n)
{
	struct rec *rc = &w->rec;
	char mime[128], cs[64];
	const char *page = blk;
	size_t plen = n;
	split_ctype(rc->ctype, mime, sizeof mime, cs, sizeof cs);
	int http = !strcmp(rc->type, "response") && (rc->arc ? n >= 5 && !memcmp(blk, "HTTP/", 5)
	                                                     : !strcmp(mime, "application/http"));
	if (!strcmp(rc->type, "response") && !http) {
		r->skipped++; /* dns:, whois, ... */
		return NA_EOF;
	}
	if (http) {
		struct http h;
		if (parse_http(blk, n, &h) != 0) {
			report(r, NA_SEV_ERROR, rc->off, rc->dec, "response %s: not an HTTP response", rc->uri ? rc->uri : "");
			return NA_FAILED;
		}
		if (h.status < 200 || h.status > 299) {
			r->skipped++; /* redirects, errors: no page */
			return NA_EOF;
		}
		split_ctype(h.ctype[0] ? h.ctype : NULL, mime, sizeof mime, cs, sizeof cs);
		page = blk + h.body;
		plen = n - h.body;
		if (mime[0] && strcmp(mime, "text/html") && strcmp(mime, "application/xhtml+xml")) {
			r->skipped++;
			return NA_EOF;
		}
		if (!mime[0] && !looks_html(page, plen)) {
			r->skipped++;
			return NA_EOF;
		}
		if (h.chunked) {
			if (dechunk(page, plen, &w->scratch) == 0) {
				w->payload.len = 0;
				na_buf_add(&w->payload, w->scratch.p ? w->scratch.p : "", w->scratch.len);
				page = w->payload.p ? w->payload.p : "";
				plen = w->payload.len;
			} else
				report(r, NA_SEV_WARNING, rc->off, rc->dec,
				       "response %s: malformed chunked encoding; body used as it is", rc->uri ? rc->uri : "");
		}
		if (h.encoding[0] && strcasecmp(h.encoding, "identity")) {
			int gz = !strcasecmp(h.encoding, "gzip") || !strcasecmp(h.encoding, "x-gzip");
			if (!gz && strcasecmp(h.encoding, "deflate")) {
				report(r, NA_SEV_ERROR, rc->off, rc->dec, "response %s: content encoding \"%s\" not supported",
				       rc->uri ? rc->uri : "", h.encoding);
				return NA_FAILED;
			}
			int k = inflate_body(page, plen, gz, &w->scratch, r->ctx->limits.max_record);
			if (k < 0) {
				report(r, NA_SEV_ERROR, rc->off, rc->dec, "response %s: %s content encoding is corrupt",
				       rc->uri ? rc->uri : "", h.encoding);
				return NA_FAILED;
			}
			if (k == 1)
				report(r, NA_SEV_WARNING, rc->off, rc->dec, "response %s: %s body truncated; kept what decoded",
				       rc->uri ? rc->uri : "", h.encoding);
			w->payload.len = 0;
			na_buf_add(&w->payload, w->scratch.p ? w->scratch.p : "", w->scratch.len);
			page = w->payload.p ? w->payload.p : "";
			plen = w->payload.len;
		}
	} else {
		/* resource */
		int htmlish = !strcmp(mime, "text/html") || !strcmp(mime, "application/xhtml+xml") ||
		              (!mime[0] && looks_html(blk, n));
		if (!htmlish) {
			r->skipped++;
			return NA_EOF;
		}
	}
	return read_html(r, w, a, page, plen, mime, cs);
}

static int wants_block(const struct rec *rc)
{
	return !strcmp(rc->type, "response") || !strcmp(rc->type, "resource");
}

static int warc_read_next(struct na_reader *r, struct na_article *a)
{
	struct warc *w = r->priv;
	struct src *s = &w->s;
	for (;;) {
		int k = read_header(r, w);
		if (k == 0)
			return s->failed ? NA_FATAL : NA_EOF;
		if (k == -3) {
			/* a record lost in a corrupt member (reported by the source) */
			src_clear_damage(s);
			return NA_FAILED;
		}
		if (k < 0) {
			r->rejected = NULL;
			return NA_FAILED;
		}
		struct rec *rc = &w->rec;
		if (!wants_block(rc)) {
			int sk = skip_bytes(s, rc->length);
			if (sk == -3) {
				report(r, NA_SEV_ERROR, rc->off, rc->dec, "%s record lies in a corrupt gzip member; skipped",
				       rc->type[0] ? rc->type : "WARC");
				src_clear_damage(s);
				return NA_FAILED;
			}
			if (sk == 0) {
				report(r, NA_SEV_ERROR, rc->off, rc->dec, "truncated %s record: Content-Length %lld runs past the end",
				       rc->type[0] ? rc->type : "WARC", rc->length);
				return NA_FAILED;
			}
			r->skipped++;
		} else {
			if ((unsigned long long)rc->length > r->ctx->limits.max_record) {
				report(r, NA_SEV_ERROR, rc->off, rc->dec,
				       "%s record %s larger than the record limit (%lld bytes, --max-record); skipped", rc->type,
				       rc->uri ? rc->uri : "", rc->length);
				if (skip_bytes(s, rc->length) == -3)
					src_clear_damage(s);
				return NA_FAILED;
			}
			long why;
			size_t have = src_want(s, (size_t)rc->length, &why);
			if (have < (size_t)rc->length) {
				if (why == -3) {
					report(r, NA_SEV_ERROR, rc->off, rc->dec, "%s record %s lies in a corrupt gzip member; skipped",
					       rc->type, rc->uri ? rc->uri : "");
					src_clear_damage(s);
				} else
					report(r, NA_SEV_ERROR, rc->off, rc->dec,
					       "truncated %s record %s: Content-Length %lld, %zu bytes present", rc->type,
					       rc->uri ? rc->uri : "", rc->length, have);
				w->rej.len = 0;
				na_buf_add(&w->rej, s->buf + s->start, have);
				s->start = s->end;
				r->rejected = w->rej.p;
				r->rejected_len = w->rej.len;
				return NA_FAILED;
			}
			if (s->damaged && s->damage_dec >= 0 && rc->dec >= s->damage_dec) {
				report(r, NA_SEV_ERROR, rc->off, rc->dec, "%s record %s lies in a corrupt gzip member; skipped",
				       rc->type, rc->uri ? rc->uri : "");
				src_clear_damage(s);
				return NA_FAILED;
			}
			/* the block moves to our own buffer: the window may move */
			w->rej.len = 0;
			na_buf_add(&w->rej, s->buf + s->start, (size_t)rc->length);
			s->start += (size_t)rc->length;
		}
		/* the record ends with CR LF CR LF (ARC: one LF) */
		long why;
		size_t have = src_want(s, 4, &why);
		const unsigned char *t = s->buf + s->start;
		if (rc->arc) {
			if (have && t[0] == '\n')
				s->start++;
		} else if (have >= 4 && !memcmp(t, "\r\n\r\n", 4))
			s->start += 4;
		else if (have >= 2 && !memcmp(t, "\n\n", 2))
			s->start += 2;
		else if (have || why != 0) {
			if (why == -3)
				src_clear_damage(s);
			else {
				report(r, NA_SEV_WARNING, rc->off, rc->dec,
				       "%s record %s: Content-Length %lld does not end at the record end (wrong Content-Length?); "
				       "resuming at the next record",
				       rc->type[0] ? rc->type : "WARC", rc->uri ? rc->uri : "", rc->length);
				resync(w);
			}
		}
		if (!wants_block(rc))
			continue;
		int st = process(r, w, a, w->rej.p ? w->rej.p : "", (size_t)rc->length);
		if (st == NA_EOF)
			continue;
		if (st == NA_FAILED) {
			r->rejected = w->rej.p;
			r->rejected_len = (size_t)rc->length;
		}
		return st;
	}
}

/* ---- writer ------------------------------------------------------------ */

/* WARC-Date: UTC, second precision. */
static void warc_date(const char *value, char *out, size_t cap)
{
	long long t = value ? na_date_epoch(value) : -1;
	if (t < 0) {
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		t = sde ? atoll(sde) : (long long)time(NULL);
	}
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A name-based record id (SHA-1 of what the record holds), so the same
 * articles give the same file. */
static void record_id(const char *block, size_t n, unsigned long seq, char out[64])
{
	struct na_sha1 h;
	unsigned char d[20];
	na_sha1_init(&h);
	na_sha1_update(&h, &seq, sizeof seq);
	na_sha1_update(&h, block, n);
	na_sha1_final(&h, d);
	d[6] = (unsigned char)((d[6] & 0x0F) | 0x50); /* version 5 */
	d[8] = (unsigned char)((d[8] & 0x3F) | 0x80);
	snprintf(out, 64, "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>", d[0], d[1],
	         d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

static int emit(struct na_writer *wr, struct warc *w, const char *head, size_t hn, const char *block, size_t bn)
{
	if (!w->gzip) {
		na_output_write(wr->out, head, hn);
		na_output_write(wr->out, block, bn);
		return na_output_write(wr->out, "\r\n\r\n", 4);
	}
	/* one gzip member per record: readers can seek to a record and a bad
	 * member costs one record */
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NA_FATAL;
	const char *parts[3] = {head, block, "\r\n\r\n"};
	size_t lens[3] = {hn, bn, 4};
	unsigned char out[64 << 10];
	for (int i = 0; i < 3; i++) {
		zs.next_in = (unsigned char *)parts[i];
		zs.avail_in = (uInt)lens[i];
		int flush = i == 2 ? Z_FINISH : Z_NO_FLUSH;
		int rc;
		do {
			zs.next_out = out;
			zs.avail_out = sizeof out;
			rc = deflate(&zs, flush);
			na_output_write(wr->out, out, sizeof out - zs.avail_out);
		} while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
	}
	deflateEnd(&zs);
	return na_output_flush_maybe(wr->out);
}

static int write_record(struct na_writer *wr, struct warc *w, const char *type, const char *uri, const char *date,
                        const char *ctype, const char *meta, const char *block, size_t bn)
{
	struct na_sha1 h;
	unsigned char d[20];
	char b32[33], id[64];
	na_sha1_init(&h);
	na_sha1_update(&h, block, bn);
	na_sha1_final(&h, d);
	na_base32_20(d, b32);
	record_id(block, bn, w->written++, id);
	struct na_buf hd = {0};
	na_buf_printf(&hd, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n", type, id, date);
	if (uri) {
		/* header values are one line: control characters cannot pass */
		na_buf_adds(&hd, "WARC-Target-URI: ");
		for (const char *p = uri; *p; p++)
			na_buf_addc(&hd, (unsigned char)*p < 0x20 || *p == 0x7f ? '_' : *p);
		na_buf_adds(&hd, "\r\n");
	}
	if (meta) {
		/* an extension field (ISO 28500 allows them): the record's own
		 * fields as minified JSON, one line since JSON escapes newlines */
		na_buf_adds(&hd, "Newsarc-Metadata: ");
		na_buf_adds(&hd, meta);
		na_buf_adds(&hd, "\r\n");
	}
	na_buf_printf(&hd, "Content-Type: %s\r\nWARC-Block-Digest: sha1:%s\r\nContent-Length: %zu\r\n\r\n", ctype, b32, bn);
	int rc = emit(wr, w, hd.p, hd.len, block, bn);
	na_buf_free(&hd);
	return rc;
}

static int warc_write_open(struct na_writer *wr)
{
	struct warc *w = wr->priv;
	/* a .gz output: we gzip each record ourselves, not the whole stream */
	w->gzip = na_output_gzip_off(wr->out);
	warc_date(NULL, w->now, sizeof w->now);
	static const char info[] = "software: newsarc/" NA_VERSION "\r\nformat: WARC File Format 1.1\r\n"
	                           "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
	                           "warc-format/warc-1.1/\r\n";
	return write_record(wr, w, "warcinfo", NULL, w->now, "application/warc-fields", NULL, info, sizeof info - 1);
}

static void esc(struct na_buf *b, const char *s)
{
	na_nitf_escape(b, s ? s : "");
}

/* JSON for a <script> element: '<' escaped so "</script>" and "<!--" cannot occur. */
static void json_str(struct na_buf *b, const char *s)
{
	struct na_buf t = {0};
	na_buf_json_string(&t, s, strlen(s));
	for (size_t i = 0; i < t.len; i++) {
		if (t.p[i] == '<')
			na_buf_adds(b, "\\u003c");
		else if (t.p[i] == '>')
			na_buf_adds(b, "\\u003e");
		else if (t.p[i] == '&')
			na_buf_adds(b, "\\u0026");
		else
			na_buf_addc(b, t.p[i]);
	}
	na_buf_free(&t);
}

static int safe_url(const char *u)
{
	return u && (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8));
}

static void html_page(struct na_buf *b, const struct na_article *a)
{
	na_buf_adds(b, "<!DOCTYPE html>\n<html");
	if (a->language) {
		na_buf_adds(b, " lang=\"");
		esc(b, a->language);
		na_buf_addc(b, '"');
	}
	na_buf_adds(b, ">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	esc(b, a->headline);
	na_buf_adds(b, "</title>\n");
	if (safe_url(a->url)) {
		na_buf_adds(b, "<link rel=\"canonical\" href=\"");
		esc(b, a->url);
		na_buf_adds(b, "\">\n");
	}
	struct {
		const char *attr, *name, *value;
	} metas[] = {{"property", "og:title", a->headline}, {"property", "og:site_name", a->source},
	             {"property", "article:published_time", a->published.value},
	             {"property", "article:modified_time", a->modified.value},
	             {"property", "article:section", a->section}, {"name", "description", a->subheadline}};
	for (size_t i = 0; i < NA_ARRAY_SIZE(metas); i++) {
		if (!metas[i].value)
			continue;
		na_buf_printf(b, "<meta %s=\"%s\" content=\"", metas[i].attr, metas[i].name);
		esc(b, metas[i].value);
		na_buf_adds(b, "\">\n");
	}
	for (size_t i = 0; i < a->byline.n; i++) {
		na_buf_adds(b, "<meta name=\"author\" content=\"");
		esc(b, a->byline.v[i]);
		na_buf_adds(b, "\">\n");
	}
	if (a->keywords.n) {
		na_buf_adds(b, "<meta name=\"keywords\" content=\"");
		for (size_t i = 0; i < a->keywords.n; i++) {
			if (i)
				na_buf_adds(b, ", ");
			esc(b, a->keywords.v[i]);
		}
		na_buf_adds(b, "\">\n");
	}
	/* JSON-LD: the strongest evidence for an html reader */
	na_buf_adds(b, "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\"");
	struct {
		const char *k, *v;
	} ld[] = {{"identifier", a->id}, {"headline", a->headline}, {"alternativeHeadline", a->subheadline},
	          {"datePublished", a->published.value}, {"dateModified", a->modified.value},
	          {"inLanguage", a->language}, {"url", safe_url(a->url) ? a->url : NULL},
	          {"articleSection", a->section}, {"dateline", a->dateline}};
	for (size_t i = 0; i < NA_ARRAY_SIZE(ld); i++)
		if (ld[i].v) {
			na_buf_printf(b, ",\"%s\":", ld[i].k);
			json_str(b, ld[i].v);
		}
	if (a->byline.n) {
		na_buf_adds(b, ",\"author\":[");
		for (size_t i = 0; i < a->byline.n; i++) {
			na_buf_adds(b, i ? ",{\"@type\":\"Person\",\"name\":" : "{\"@type\":\"Person\",\"name\":");
			json_str(b, a->byline.v[i]);
			na_buf_addc(b, '}');
		}
		na_buf_addc(b, ']');
	}
	if (a->source) {
		na_buf_adds(b, ",\"publisher\":{\"@type\":\"Organization\",\"name\":");
		json_str(b, a->source);
		na_buf_addc(b, '}');
	}
	if (a->keywords.n) {
		na_buf_adds(b, ",\"keywords\":[");
		for (size_t i = 0; i < a->keywords.n; i++) {
			if (i)
				na_buf_addc(b, ',');
			json_str(b, a->keywords.v[i]);
		}
		na_buf_addc(b, ']');
	}
	if (a->subjects.n) {
		na_buf_adds(b, ",\"about\":[");
		for (size_t i = 0; i < a->subjects.n; i++) {
			if (i)
				na_buf_addc(b, ',');
			json_str(b, a->subjects.v[i]);
		}
		na_buf_addc(b, ']');
	}
	na_buf_adds(b, "}</script>\n</head>\n<body>\n<article>\n");
	if (a->headline) {
		na_buf_adds(b, "<h1>");
		esc(b, a->headline);
		na_buf_adds(b, "</h1>\n");
	}
	if (a->byline.n) {
		na_buf_adds(b, "<p class=\"byline\">By ");
		for (size_t i = 0; i < a->byline.n; i++) {
			if (i)
				na_buf_adds(b, ", ");
			esc(b, a->byline.v[i]);
		}
		na_buf_adds(b, "</p>\n");
	}
	for (size_t i = 0; i < a->nbody; i++) {
		const struct na_block *k = &a->body[i];
		const char *open = "<p>", *close = "</p>\n";
		if (k->type == NA_BLOCK_HEADING)
			open = "<h2>", close = "</h2>\n";
		else if (k->type == NA_BLOCK_QUOTE)
			open = "<blockquote><p>", close = "</p></blockquote>\n";
		else if (k->type == NA_BLOCK_LIST_ITEM) {
			open = (i == 0 || a->body[i - 1].type != NA_BLOCK_LIST_ITEM) ? "<ul>\n<li>" : "<li>";
			close = (i + 1 == a->nbody || a->body[i + 1].type != NA_BLOCK_LIST_ITEM) ? "</li>\n</ul>\n" : "</li>\n";
		}
		na_buf_adds(b, open);
		esc(b, k->text);
		na_buf_adds(b, close);
	}
	na_buf_adds(b, "</article>\n</body>\n</html>\n");
}

static int warc_write_article(struct na_writer *wr, const struct na_article *a)
{
	struct warc *w = wr->priv;
	struct na_buf page = {0};
	html_page(&page, a);
	char date[40];
	warc_date(a->published.value, date, sizeof date);
	char *uri;
	if (safe_url(a->url))
		uri = na_xstrdup(a->url);
	else {
		/* a target URI is required; ours is recognised and not taken as url */
		struct na_buf u = {0};
		na_buf_printf(&u, "urn:newsarc:article:%lu", wr->count + 1);
		uri = u.p;
	}
	/* the fields an HTML page cannot carry, for our reader (body excluded) */
	struct na_article *m = na_article_new();
	na_article_copy(m, a);
	m->nbody = 0;
	struct na_output *mo = na_output_open_mem(wr->ctx);
	na_article_to_json(mo, m);
	size_t mlen;
	const char *mj = na_output_data(mo, &mlen);
	char *meta = mlen < MAX_HEADER / 2 ? na_xstrdup(mj) : NULL;
	na_output_abort(mo);
	na_article_free(m);
	int rc = write_record(wr, w, "resource", uri, date, "text/html; charset=utf-8", meta, page.p, page.len);
	free(meta);
	free(uri);
	na_buf_free(&page);
	return rc;
}

const struct na_format na_format_warc = {
	.name = "warc",
	.aliases = "arc",
	.description = "Web ARChive WARC/1.0-1.1 and ARC crawls: HTML pages through the html reader",
	.extensions = "warc,warc.gz,arc,arc.gz",
	.mime = "application/warc",
	.priv_size = sizeof(struct warc),
	.probe = warc_probe,
	.read_open = warc_read_open,
	.read_next = warc_read_next,
	.read_close = warc_read_close,
	.write_open = warc_write_open,
	.write_article = warc_write_article,
};
