/* convert.c - the streaming pipeline: inputs -> probe (or --from) -> reader
 * -> [check] -> writer, one article in memory at a time.
 *
 * Counting invariant, tested: read = written + rejected.  Outputs go through
 * na_output's temporary file and are committed only when the run did not
 * fail as a whole (exit 0, 5 or 6); on usage, format or I/O failure, and on
 * any error with --fail-fast, the previous output stays untouched.
 *
 * With jobs > 1, worker threads run the readers (where the time goes: page
 * extraction, JSON parsing) over "units" - whole files, or chunks of a large
 * plain file whose format can cut it (struct na_format's split: JSONL at
 * newlines, a NewsML-G2 newsMessage between items) - and queue what they
 * produce (articles, rejected records, diagnostics) per unit.  With one job
 * the main thread reads the units itself; a format whose reader is faster on
 * chunks (split_one_job) is cut then too, and each chunk event goes through
 * the same apply() as a worker's.  The main thread drains the units
 * strictly in input order and does all writing, so output and diagnostics are
 * byte-identical to a single job.  Each unit's queue is bounded, and at most
 * `jobs` units are in flight, so memory stays bounded. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "formats/format.h"
#include "records.h"

/* A worker hands its events over in batches: one lock and one wake-up per
 * batch rather than per record (with cheap records, JSONL or validation,
 * per-record hand-over cost more than the work).  A unit's queue holds at
 * most QUEUE_BATCHES batches, so memory stays bounded. */
#define BATCH_MAX 64                    /* events per batch */
#define BATCH_BYTES (256 << 10)         /* or this much input read */
#define QUEUE_BATCHES 8                 /* batches waiting per unit */
/* Formats cut large plain files into chunks small enough that a worker
 * reads a whole chunk into its unit's queue and goes on to the next while
 * the main thread is still writing an earlier one (JSONL: about 1 MB,
 * newsml: 256 KB).  A file is offered to its format's splitter from
 * SPLIT_MIN bytes, with its first SPLIT_HEAD bytes.  Workers claim units at
 * most LOOKAHEAD(jobs) units ahead of the one being drained, so one slow
 * unit (a large page) does not idle the others; memory stays bounded by
 * EVENT_BUDGET events queued in all the units after the one being drained,
 * plus QUEUE_BATCHES batches in it. */
#define SPLIT_HEAD (64u << 10)
#define SPLIT_MIN (4 * SPLIT_HEAD)
#define LOOKAHEAD(jobs) (8 * (size_t)(jobs) + 8)
#define EVENT_BUDGET 512                /* events queued beyond the unit drained */
/* id-only events (validate) hold no article: more of them may wait, so a
 * worker ahead is not held back while the other ends the unit drained
 * (validate -j 2 on 210 MB: 0.210 -> 0.203 s) */
#define EVENT_BUDGET_ID_ONLY 4096

/* ---- directory walking, lazily, in byte order ------------------------- */

struct frame {
	char *dir;
	char **names;
	size_t n, i;
};

struct walker {
	char *const *inputs;
	size_t ninputs, next_input;
	struct frame *stack;
	size_t depth, cap;
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push_dir(struct walker *w, struct na_ctx *c, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		struct na_pos pos = {dir, 0, 0, -1};
		na_report(c, NA_SEV_ERROR, &pos, NULL, "cannot open directory: %s", strerror(errno));
		return -1;
	}
	struct frame f = {na_xstrdup(dir), NULL, 0, 0};
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue; /* hidden files and . .. */
		if (f.n == cap) {
			cap = cap ? cap * 2 : 64;
			f.names = na_xrealloc(f.names, cap * sizeof *f.names);
		}
		f.names[f.n++] = na_xstrdup(e->d_name);
	}
	closedir(d);
	/* byte order, not the locale's: the same tree gives the same output anywhere */
	qsort(f.names, f.n, sizeof *f.names, cmp_names);
	if (w->depth == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->stack = na_xrealloc(w->stack, w->cap * sizeof *w->stack);
	}
	w->stack[w->depth++] = f;
	return 0;
}

static void pop_dir(struct walker *w)
{
	struct frame *f = &w->stack[--w->depth];
	for (size_t i = 0; i < f->n; i++)
		free(f->names[i]);
	free(f->names);
	free(f->dir);
}

/* Next file to convert (malloc'd), NULL at the end; *walked tells whether it
 * came from a directory (then files nobody claims are skipped, not errors).
 * *io_error is set when a directory could not be read. */
static char *walk_next(struct walker *w, struct na_ctx *c, int *walked, int *io_error)
{
	for (;;) {
		if (w->depth) {
			struct frame *f = &w->stack[w->depth - 1];
			if (f->i == f->n) {
				pop_dir(w);
				continue;
			}
			struct na_buf p = {0};
			size_t dl = strlen(f->dir);
			na_buf_printf(&p, "%s%s%s", f->dir, dl && f->dir[dl - 1] == '/' ? "" : "/", f->names[f->i++]);
			struct stat st;
			if (stat(p.p, &st) == 0 && S_ISDIR(st.st_mode)) {
				if (push_dir(w, c, p.p))
					*io_error = 1;
				na_buf_free(&p);
				continue;
			}
			if (!S_ISREG(st.st_mode)) {
				na_buf_free(&p);
				continue;
			}
			*walked = 1;
			return p.p;
		}
		if (w->next_input == w->ninputs)
			return NULL;
		const char *in = w->inputs[w->next_input++];
		struct stat st;
		if (strcmp(in, "-") != 0 && stat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (push_dir(w, c, in))
				*io_error = 1;
			continue;
		}
		*walked = 0;
		return na_xstrdup(in);
	}
}

/* ---- the run ------------------------------------------------------------ */

struct run {
	struct na_ctx *c;
	const struct na_convert_opts *o;
	struct na_convert_stats *st;
	const struct na_format *from;
	struct na_writer *w;
	struct na_output *out, *rej;
	int exit;
	volatile int stop;
	long long bytes_done;   /* raw bytes of finished units */
	long line_base;         /* lines before the chunk being drained */
	char *col_path;         /* col_shift's last answer: columns at col_at on its line */
	size_t col_at;
	long col_cols;
	long long total;        /* sum of input sizes, -1 when unknown */
	int pending_fail;       /* a chunk failed at its end: the file fails at its own */
	const struct na_records_ops *ops; /* na_records_run: records go to these */
};

static void worsen(struct run *r, int code)
{
	r->exit = na_exit_worse(r->exit, code);
}

static void progress(struct run *r, long long unit_bytes)
{
	if (r->o->progress)
		r->o->progress(r->o->progress_user, r->st, r->bytes_done + unit_bytes, r->total);
}

/* What a reader produces, applied in input order by the main thread. */
static void on_reject(struct run *r, const char *raw, size_t len)
{
	r->st->read++;
	r->st->rejected++;
	worsen(r, NA_EXIT_REJECTED);
	if (r->rej && raw) {
		na_output_write(r->rej, raw, len);
		na_output_write(r->rej, "\n", 1);
	}
	if (r->o->fail_fast)
		r->stop = 1;
}

static void on_article(struct run *r, const struct na_article *a, const char *raw, size_t len)
{
	if (r->o->check && r->o->check(r->o->check_user, r->c, a) != 0) {
		/* a record the check refused has no raw bytes: keep its JSON record */
		if (r->rej && !raw && na_article_to_json(r->rej, a) == NA_OK)
			na_output_write(r->rej, "\n", 1);
		on_reject(r, raw, len);
		return;
	}
	r->st->read++;
	int wrc = na_writer_article(r->w, a);
	if (wrc == NA_FATAL) {
		worsen(r, NA_EXIT_IO);
		r->stop = 1;
		return;
	}
	if (wrc == NA_FAILED) {
		r->st->read--; /* on_reject counts it */
		on_reject(r, raw, len);
		return;
	}
	r->st->written++;
}

/* ---- units -------------------------------------------------------------- */

enum ev_kind { EV_ARTICLE, EV_REJECT, EV_DIAG, EV_FAIL, EV_INPUT, EV_SKIPPED, EV_EOF };

struct home;

struct event {
	struct event *next;
	struct home *home;          /* the worker whose event it is, to reuse it */
	struct na_article *art;     /* kept across reuses (its arena too) */
	enum ev_kind kind;
	struct na_article *a;
	/* ops->id_only: the record's id and positions instead of an article
	 * (file names owned by the unit) */
	int id_only;
	char *id;                   /* kept across reuses, like art */
	size_t idcap;
	int has_id;
	struct na_pos pos, idpos;
	char *raw;                  /* rejected record, or the raw line of an article */
	size_t rawlen;
	struct na_diag d;           /* EV_DIAG; strings owned */
	int in_record;              /* EV_DIAG: said while a record was read */
	int code;                   /* EV_FAIL: exit code */
	unsigned long n;            /* EV_SKIPPED; EV_FAIL: the reader failed at its input's end */
	long long bytes;            /* raw bytes of the unit consumed so far */
};

struct unit {
	char *path;
	int walked;
	/* a chunk of a plain file, as its format's split hook gave it (the unit
	 * owns its prefix and suffix) */
	int chunk;
	struct na_chunk piece;
	const struct na_format *fmt;
	char *buf;                  /* prefix, chunk, suffix, while its worker reads it */
	int col_known;              /* col_shift worked out (main thread, when first needed) */
	long col_shift;
	int dropped;                /* an earlier chunk stopped the file: not read (pool lock) */
	long lines;                 /* newlines in the chunk, counted by its worker */
	int first_chunk, last_chunk;
	char **names;               /* file names of id-only events, freed with the unit */
	size_t nnames;
	unsigned long seq;          /* its place in the run */
	long long size;
	/* queue */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct event *head, *tail;
	size_t queued;              /* batches */
	size_t nqueued;             /* events in them */
	int done;
	struct unit *next;          /* chunks of one file, in order */
	struct unit *todo_next;     /* the workers' list */
	struct unit *order_next;    /* the main thread's list */
};

struct pool {
	struct run *r;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct unit *todo;          /* units not yet claimed, in order */
	int closed;                 /* no more units will be added */
	unsigned long drained;      /* units drained so far: the next one's seq */
	unsigned long lookahead;    /* claim units below drained + lookahead */
	size_t inflight;            /* events queued in units after that one */
};

/* A worker's events come back to it once the main thread has applied them,
 * articles and all: no malloc and free per record across threads (glibc's
 * per-thread arenas then trim and fault pages again and again). */
struct home {
	pthread_mutex_t mu;
	struct event *returned;     /* given back by the main thread */
	struct event *cache;        /* the worker's own, ready for use */
};

/* Where a unit's reader sends things: straight to the run, or to a queue. */
struct sink {
	struct run *r;
	struct unit *u;             /* NULL: direct */
	struct na_ctx ctx;          /* per worker, diagnostics queued */
	int in_record;              /* a record is being read */
	void *tls;                  /* ops->thread_init's state */
	struct home *home;
	struct pool *pool;
	struct event *bh, *bt;      /* the batch being filled */
	size_t bn;
	long long bfrom;            /* input bytes read when it was started */
	const char *lastname;       /* the unit's copy of the last file name seen */
	struct applying *ap;        /* no pool (one job, a chunk): events applied at once */
};

struct applying;
static void apply(struct run *r, struct pool *p, struct applying *ap, struct event *e);

static void flush_batch(struct sink *s)
{
	struct unit *u = s->u;
	struct pool *p = s->pool;
	if (!s->bh)
		return;
	/* units after the one being drained share a budget of events; that one
	 * is exempt (its worker must go on for anything to be drained) */
	pthread_mutex_lock(&p->mu);
	size_t budget = p->r->ops && p->r->ops->id_only ? EVENT_BUDGET_ID_ONLY : EVENT_BUDGET;
	while (u->seq != p->drained && p->inflight >= budget)
		pthread_cond_wait(&p->cv, &p->mu);
	if (u->seq != p->drained)
		p->inflight += s->bn;
	else
		s->bn = 0;              /* not counted: nothing to give back */
	pthread_mutex_unlock(&p->mu);
	pthread_mutex_lock(&u->mu);
	while (u->queued >= QUEUE_BATCHES)
		pthread_cond_wait(&u->cv, &u->mu);
	if (u->tail)
		u->tail->next = s->bh;
	else
		u->head = s->bh;
	u->tail = s->bt;
	u->queued++;
	u->nqueued += s->bn;
	pthread_cond_broadcast(&u->cv);
	pthread_mutex_unlock(&u->mu);
	s->bh = s->bt = NULL;
	s->bn = 0;
}

static void push(struct sink *s, struct event *e)
{
	if (!s->pool) {
		apply(s->r, NULL, s->ap, e);
		e->next = s->home->cache;
		s->home->cache = e;
		return;
	}
	if (s->bt)
		s->bt->next = e;
	else
		s->bh = e;
	s->bt = e;
	s->bn++;
	if (s->bn >= BATCH_MAX || (e->bytes && e->bytes - s->bfrom >= BATCH_BYTES)) {
		if (e->bytes)
			s->bfrom = e->bytes;
		flush_batch(s);
	}
}

static char *dup_or_null(const char *s)
{
	return s ? na_xstrdup(s) : NULL;
}

static struct event *new_event(struct sink *s)
{
	struct home *h = s->home;
	if (!h->cache) {
		pthread_mutex_lock(&h->mu);
		h->cache = h->returned;
		h->returned = NULL;
		pthread_mutex_unlock(&h->mu);
	}
	struct event *e = h->cache;
	if (e) {
		h->cache = e->next;
		struct na_article *art = e->art;
		char *id = e->id;
		size_t idcap = e->idcap;
		memset(e, 0, sizeof *e);
		e->art = art;
		e->id = id;
		e->idcap = idcap;
	} else
		e = na_xcalloc(1, sizeof *e);
	e->home = h;
	return e;
}

/* What an event owns besides its article. */
static void clear_event(struct event *e)
{
	free(e->raw);
	free((char *)e->d.pos.file);
	free((char *)e->d.field);
	free((char *)e->d.rule);
	free((char *)e->d.message);
	e->raw = NULL;
	memset(&e->d, 0, sizeof e->d);
}

static void free_events(struct event *e)
{
	while (e) {
		struct event *n = e->next;
		clear_event(e);
		na_article_free(e->art);
		free(e->id);
		free(e);
		e = n;
	}
}

static void queue_diag(const struct na_diag *d, void *user)
{
	struct sink *s = user;
	struct event *e = new_event(s);
	e->kind = EV_DIAG;
	e->in_record = s->in_record;
	e->d = *d;
	e->d.pos.file = dup_or_null(d->pos.file);
	e->d.field = dup_or_null(d->field);
	e->d.rule = dup_or_null(d->rule);
	e->d.message = dup_or_null(d->message);
	push(s, e);
}

/* One job with ops: the reader's diagnostics go straight to ops->diag. */
static void direct_diag(const struct na_diag *d, void *user)
{
	struct sink *s = user;
	s->r->ops->diag(s->r->ops->user, d, s->in_record);
}

/* What the main thread does with an event for na_records_run. */
static void deliver(struct run *r, enum ev_kind kind, const struct na_article *a, int code)
{
	const struct na_records_ops *ops = r->ops;
	switch (kind) {
	case EV_ARTICLE:
	case EV_REJECT:
		if (ops->record(ops->user, a, kind == EV_ARTICLE ? NA_OK : NA_FAILED))
			r->stop = 1;
		break;
	case EV_FAIL: ops->fail(ops->user, code); break;
	case EV_EOF: ops->end_input(ops->user); break;
	default: break;
	}
}

/* The unit's copy of a file name, for id-only events (a record's file name
 * may die with its reader before the main thread looks at it). */
static const char *unit_name(struct sink *s, const char *name)
{
	if (!name)
		return NULL;
	if (s->lastname && !strcmp(s->lastname, name))
		return s->lastname;
	struct unit *u = s->u;
	u->names = na_xrealloc(u->names, (u->nnames + 1) * sizeof *u->names);
	u->names[u->nnames++] = na_xstrdup(name);
	return s->lastname = u->names[u->nnames - 1];
}

static void emit(struct sink *s, enum ev_kind kind, const struct na_article *a, const char *raw,
                 size_t rawlen, int code, unsigned long n, long long bytes)
{
	if (!s->u) {
		struct run *r = s->r;
		if (r->ops) {
			deliver(r, kind, a, code);
			return;
		}
		switch (kind) {
		case EV_ARTICLE: on_article(r, a, raw, rawlen); progress(r, bytes); break;
		case EV_REJECT: on_reject(r, raw, rawlen); progress(r, bytes); break;
		case EV_FAIL: worsen(r, code); if (r->o->fail_fast && code == NA_EXIT_PARSE) r->stop = 1; break;
		case EV_INPUT: r->st->inputs++; break;
		case EV_SKIPPED: r->st->skipped += n; break;
		case EV_DIAG: case EV_EOF: break;
		}
		return;
	}
	struct event *e = new_event(s);
	e->kind = kind;
	e->code = code;
	e->n = n;
	e->bytes = bytes;
	if (a && s->r->ops && s->r->ops->id_only) {
		e->id_only = 1;
		if ((e->has_id = a->id != NULL)) {
			size_t n = strlen(a->id) + 1;
			if (n > e->idcap) {
				free(e->id);
				e->idcap = n < 64 ? 64 : n;
				e->id = na_xmalloc(e->idcap);
			}
			memcpy(e->id, a->id, n);
		}
		e->pos = a->pos;
		e->pos.file = unit_name(s, a->pos.file);
		e->idpos = a->fpos[NA_F_ID];
		e->idpos.file = unit_name(s, e->idpos.file);
	} else if (a) {
		if (!e->art)
			e->art = na_article_new_min(8u << 10);
		na_article_copy(e->art, a);
		e->a = e->art;
	}
	if (raw) {
		e->raw = na_xmalloc(rawlen + 1);
		memcpy(e->raw, raw, rawlen);
		e->rawlen = rawlen;
	}
	push(s, e);
}

/* Read one unit, sending what it yields to the sink. */
static void read_unit(struct sink *s, const struct unit *u)
{
	struct run *r = s->r;
	struct na_ctx *c = s->u || r->ops ? &s->ctx : r->c;
	size_t len = u->piece.prefix_len + u->piece.end - u->piece.start + u->piece.suffix_len;
	struct na_input *in = u->chunk ? u->buf ? na_input_open_mem(c, u->path, u->buf, len) : NULL
	                               : na_input_open_file(c, u->path);
	if (!in) {
		emit(s, EV_FAIL, NULL, NULL, 0, NA_EXIT_IO, 0, 0);
		return;
	}
	struct na_input *orig = in;
	if (r->ops && r->ops->open && !s->u && !u->chunk)
		in = r->ops->open(r->ops->user, c, in, u->path);
	if (!u->chunk)
		emit(s, EV_INPUT, NULL, NULL, 0, 0, 0, 0);
	const struct na_format *f = u->fmt ? u->fmt : r->from;
	if (!f) {
		int score;
		const char *why;
		if (u->walked) {
			/* inside a directory walk, files nobody claims are skipped */
			size_t n;
			const unsigned char *buf = na_input_peek(in, NA_PROBE_SIZE, &n);
			int tie;
			na_format_probe_buf(u->path, NULL, buf, n > NA_PROBE_SIZE ? NA_PROBE_SIZE : n, &f, &score, &tie);
			if (!f || score <= NA_PROBE_GUESS) {
				if (c->verbose) {
					struct na_pos pos = {u->path, 0, 0, -1};
					na_report(c, NA_SEV_NOTE, &pos, NULL, "skipped: no format claims this file");
				}
				emit(s, EV_SKIPPED, NULL, NULL, 0, 0, 1, 0);
				goto out;
			}
		}
		if (!f)
			f = na_format_probe(in, &score, &why);
		if (!f) {
			emit(s, EV_FAIL, NULL, NULL, 0, NA_EXIT_FORMAT, 0, 0);
			goto out;
		}
	}
	struct na_reader *rd = na_reader_open(f, in, c);
	if (!rd) {
		emit(s, EV_FAIL, NULL, NULL, 0, NA_EXIT_PARSE, 0, 0);
		goto out;
	}
	struct na_article *a = na_article_new();
	while (!r->stop) {
		s->in_record = 1;
		int rc = na_reader_next(rd, a);
		if (rc == NA_EOF || rc == NA_FATAL) {
			s->in_record = 0;
			if (rc == NA_FATAL)
				emit(s, EV_FAIL, NULL, NULL, 0, NA_EXIT_PARSE, rd->fatal_at_end ? 1 : 0, 0);
			else if (!u->chunk || u->last_chunk)
				emit(s, EV_EOF, NULL, NULL, 0, 0, 0, 0);
			break;
		}
		if (r->ops && r->ops->after_read)
			r->ops->after_read(r->ops->user, s->tls, c, a, rc);
		s->in_record = 0;
		size_t len;
		const char *raw = na_reader_rejected(rd, &len);
		long long bytes = na_input_consumed(in);
		if (rc == NA_FAILED)
			emit(s, EV_REJECT, r->ops ? a : NULL, raw, len, 0, 0, bytes);
		else
			emit(s, EV_ARTICLE, a, NULL, 0, 0, 0, bytes);
	}
	unsigned long skipped = na_reader_skipped(rd);
	if (skipped)
		emit(s, EV_SKIPPED, NULL, NULL, 0, 0, skipped, 0);
	na_article_free(a);
	na_reader_close(rd);
out:
	if (in != orig)
		na_input_close(in);
	na_input_close(orig);
}

/* What a worker keeps from chunk to chunk: the buffer (a fresh megabyte per
 * chunk cost page faults on every one) and the file open (an open and a
 * close per chunk were 600 pairs of system calls on 200 MB). */
struct chunk_buf {
	char *buf;
	size_t cap;
	int fd;
	char *path;
};

static void chunk_buf_close(struct chunk_buf *cb)
{
	if (cb->fd >= 0)
		close(cb->fd);
	cb->fd = -1;
	free(cb->path);
	cb->path = NULL;
}

/* A chunk's bytes between its prefix and suffix, in cb->buf; 0, or -1 with
 * errno set. */
static int read_chunk(const struct unit *u, struct chunk_buf *cb)
{
	if (cb->fd < 0 || strcmp(cb->path, u->path) != 0) {
		chunk_buf_close(cb);
		if ((cb->fd = open(u->path, O_RDONLY | O_CLOEXEC)) < 0)
			return -1;
		cb->path = na_xstrdup(u->path);
	}
	size_t start = u->piece.start, end = u->piece.end, need = u->piece.prefix_len + end - start + u->piece.suffix_len + 1;
	if (cb->cap < need) {
		free(cb->buf);
		cb->cap = need;
		cb->buf = na_xmalloc(cb->cap);
	}
	if (u->piece.prefix_len)
		memcpy(cb->buf, u->piece.prefix, u->piece.prefix_len);
	char *bytes = cb->buf + u->piece.prefix_len;
	size_t got = 0;
	while (got < end - start) {
		ssize_t n = pread(cb->fd, bytes + got, end - start - got, (off_t)(start + got));
		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n == 0)
				errno = EIO;
			return -1;
		}
		got += (size_t)n;
	}
	if (u->piece.suffix_len)
		memcpy(bytes + got, u->piece.suffix, u->piece.suffix_len);
	bytes[got + u->piece.suffix_len] = 0;
	return 0;
}

/* Read a unit (unless dropped), its events to the sink. */
static void read_any(struct sink *s, struct unit *u, struct chunk_buf *cb, int dropped)
{
	if (dropped) {
		/* nothing: the main thread drops this chunk */
	} else if (u->chunk && read_chunk(u, cb) == 0) {
		u->buf = cb->buf;
	} else if (u->chunk) {
		struct na_pos pos = {u->path, 0, 0, (long long)u->piece.start};
		na_report(&s->ctx, NA_SEV_ERROR, &pos, NULL, "cannot read: %s", strerror(errno));
	}
	if (!s->r->stop && !dropped)
		read_unit(s, u);
	flush_batch(s);
	/* chunks are read with line numbers from 1; the lines of the chunks
	 * before are added when the events are applied */
	const char *bytes = u->buf ? u->buf + u->piece.prefix_len : NULL;
	for (const char *q = bytes; q && (q = memchr(q, '\n', (size_t)(bytes + u->piece.end - u->piece.start - q))); q++)
		u->lines++;
	u->buf = NULL;
}

/* ---- parallel driver ---------------------------------------------------- */

static void *worker(void *arg)
{
	struct pool *p = arg;
	const struct na_records_ops *ops = p->r->ops;
	void *tls = ops && ops->thread_init ? ops->thread_init(ops->user) : NULL;
	struct home home = {.returned = NULL};
	pthread_mutex_init(&home.mu, NULL);
	struct chunk_buf cb = {.fd = -1};
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->todo ? p->todo->seq >= p->drained + p->lookahead : !p->closed)
			pthread_cond_wait(&p->cv, &p->mu);
		struct unit *u = p->todo;
		int dropped = 0;
		if (u) {
			p->todo = u->todo_next;
			dropped = u->dropped;
		}
		pthread_mutex_unlock(&p->mu);
		if (!u) {
			if (ops && ops->thread_fini)
				ops->thread_fini(ops->user, tls);
			/* every unit has been drained: all its events are back */
			free_events(home.cache);
			free_events(home.returned);
			pthread_mutex_destroy(&home.mu);
			chunk_buf_close(&cb);
			free(cb.buf);
			return NULL;
		}
		struct sink s = {.r = p->r, .u = u, .tls = tls, .home = &home, .pool = p};
		s.ctx = *p->r->c;           /* same limits, options and verbosity */
		s.ctx.cb = queue_diag;
		s.ctx.cb_user = &s;
		read_any(&s, u, &cb, dropped);
		pthread_mutex_lock(&u->mu);
		u->done = 1;
		pthread_cond_broadcast(&u->cv);
		pthread_mutex_unlock(&u->mu);
	}
}

/* Give a list of applied events back to their worker (one unit's events
 * all come from one worker). */
static void give_back(struct event *head, struct event *tail)
{
	if (!head)
		return;
	struct home *h = head->home;
	pthread_mutex_lock(&h->mu);
	tail->next = h->returned;
	h->returned = head;
	pthread_mutex_unlock(&h->mu);
}

/* Columns of p[0..n): UTF-8 characters (libxml2's count) or bytes. */
static long columns(const char *p, size_t n, int chars)
{
	return (long)(chars ? na_utf8_length(p, n) : n);
}

/* Columns before a chunk's start on its line, less its prefix's: read back
 * from the file only when a position on a chunk's first line needs it (a
 * chunk most often starts a line, and then only the prefix counts).  The
 * run remembers the last answer, so on a file of one long line each byte is
 * read back once, not once per chunk after it. */
static long col_shift(struct run *r, struct unit *u)
{
	if (u->col_known)
		return u->col_shift;
	u->col_known = 1;
	long cols = 0;
	int fd = u->piece.start && !u->piece.line_start ? open(u->path, O_RDONLY | O_CLOEXEC) : -1;
	int memo = r->col_path && !strcmp(r->col_path, u->path) && r->col_at <= u->piece.start;
	char buf[16384];
	for (size_t end = u->piece.start; fd >= 0 && end > 0;) {
		size_t floor = memo ? r->col_at : 0;
		if (end == floor) {
			cols += r->col_cols; /* the line goes on from the last answer */
			break;
		}
		size_t from = end - floor > sizeof buf ? end - sizeof buf : floor;
		if (pread(fd, buf, end - from, (off_t)from) != (ssize_t)(end - from))
			break;
		const char *nl = memrchr(buf, '\n', end - from);
		const char *q = nl ? nl + 1 : buf;
		cols += columns(q, (size_t)(buf + (end - from) - q), u->piece.col_chars);
		if (nl)
			break;
		end = from;
	}
	if (fd >= 0) {
		close(fd);
		free(r->col_path);
		r->col_path = na_xstrdup(u->path);
		r->col_at = u->piece.start;
		r->col_cols = cols;
	}
	u->col_shift = cols - columns(u->piece.prefix, u->piece.prefix_len, u->piece.col_chars);
	return u->col_shift;
}

/* A position in a chunk, counted from the start of the chunk's document
 * (prefix included): made the file's. */
static void fix_pos(struct run *r, struct unit *u, long base, struct na_pos *ps)
{
	if (ps->line == 1 && ps->col > 0 && (u->piece.start || u->piece.prefix_len) && ps->col + col_shift(r, u) > 0)
		ps->col += col_shift(r, u);
	if (base && ps->line > 0)
		ps->line += base;
	if (ps->offset >= 0)
		ps->offset = (ps->offset < (long long)u->piece.prefix_len ? 0 : ps->offset - (long long)u->piece.prefix_len) +
		             (long long)u->piece.start;
}

/* A chunk's reader stopped for good: a single job would have read nothing
 * more of the file, so its later chunks are dropped unread. */
static void drop_rest(struct pool *p, struct unit *u)
{
	if (p)
		pthread_mutex_lock(&p->mu);
	for (struct unit *x = u->next; x; x = x->next)
		x->dropped = 1;
	if (p)
		pthread_mutex_unlock(&p->mu);
}

/* Where the events of the unit being applied stand. */
struct applying {
	struct unit *u;
	long base;                  /* lines of the file's chunks before it */
	long long last;             /* its input bytes consumed so far */
	int discard;
};

static void applying_start(struct run *r, struct pool *p, struct applying *ap, struct unit *u)
{
	if (p)
		pthread_mutex_lock(&p->mu);
	ap->discard = r->stop || u->dropped;
	if (p)
		pthread_mutex_unlock(&p->mu);
	if (u->first_chunk) {
		r->line_base = 0;
		r->pending_fail = 0;
	}
	ap->u = u;
	ap->base = u->chunk ? r->line_base : 0;
	ap->last = 0;
}

/* Apply one event of a unit, in input order.  After a stop (--fail-fast,
 * write error) events are dropped, as a single reading would not have read
 * them. */
static void apply(struct run *r, struct pool *p, struct applying *ap, struct event *e)
{
	struct unit *u = ap->u;
	if (ap->discard || (r->ops && r->stop))
		goto done;
	if (u->chunk) {
		fix_pos(r, u, ap->base, &e->d.pos);
		if (e->id_only) {
			fix_pos(r, u, ap->base, &e->pos);
			fix_pos(r, u, ap->base, &e->idpos);
		}
		if (e->a) {
			fix_pos(r, u, ap->base, &e->a->pos);
			for (int i = 0; i < NA_F__COUNT; i++)
				fix_pos(r, u, ap->base, &e->a->fpos[i]);
		}
		/* one failure per file, where a whole reading would have had it */
		if (e->kind == EV_FAIL && e->n && !u->last_chunk) {
			r->pending_fail = e->code;
			goto done;
		}
		if (e->kind == EV_FAIL) {
			r->pending_fail = 0;
			if (!u->last_chunk)
				drop_rest(p, u);
		} else if (e->kind == EV_EOF && r->pending_fail) {
			e->kind = EV_FAIL;
			e->code = r->pending_fail;
			r->pending_fail = 0;
		}
	}
	if (e->kind == EV_DIAG && r->ops) {
		r->ops->diag(r->ops->user, &e->d, e->in_record);
	} else if (e->kind == EV_DIAG) {
		if (r->c->cb)
			r->c->cb(&e->d, r->c->cb_user);
		if (e->d.severity == NA_SEV_ERROR)
			r->c->errors++;
		else if (e->d.severity == NA_SEV_WARNING)
			r->c->warnings++;
	} else if (!r->stop || e->kind != EV_ARTICLE) {
		if (e->bytes)
			ap->last = e->bytes;
		const struct na_article *a = e->a;
		struct na_article head;
		if (e->id_only) {
			memset(&head, 0, sizeof head);
			head.id = e->has_id ? e->id : NULL;
			head.pos = e->pos;
			head.fpos[NA_F_ID] = e->idpos;
			a = &head;
		}
		struct sink direct = {.r = r};
		emit(&direct, e->kind, a, e->raw, e->rawlen, e->code, e->n, ap->last);
	}
done:
	clear_event(e);
}

/* A unit's events are all applied. */
static void applying_end(struct run *r, struct unit *u)
{
	if (u->chunk) {
		r->line_base += u->lines;
		r->bytes_done += (long long)(u->piece.end - u->piece.start);
	}
	else if (u->size > 0)
		r->bytes_done += u->size;
	progress(r, 0);
}

/* Apply a unit's events in order as they arrive; returns when it is done. */
static void drain(struct run *r, struct pool *p, struct unit *u)
{
	struct applying ap;
	applying_start(r, p, &ap, u);
	struct event *list = NULL, *done_h = NULL, *done_t = NULL;
	for (;;) {
		if (!list) {
			give_back(done_h, done_t);
			done_h = done_t = NULL;
			/* take every batch queued at once */
			pthread_mutex_lock(&u->mu);
			while (!u->head && !u->done)
				pthread_cond_wait(&u->cv, &u->mu);
			list = u->head;
			u->head = u->tail = NULL;
			u->queued = 0;
			size_t n = u->nqueued;
			u->nqueued = 0;
			pthread_cond_broadcast(&u->cv);
			pthread_mutex_unlock(&u->mu);
			if (n) {
				pthread_mutex_lock(&p->mu);
				p->inflight -= n;
				pthread_cond_broadcast(&p->cv);
				pthread_mutex_unlock(&p->mu);
			}
			if (!list)
				break;
		}
		struct event *e = list;
		list = e->next;
		/* applied (or dropped), it goes back to its worker */
		e->next = NULL;
		if (done_t)
			done_t->next = e;
		else
			done_h = e;
		done_t = e;
		apply(r, p, &ap, e);
	}
	applying_end(r, u);
}

/* Cut a large plain (not gzipped) file into chunks, when its format can:
 * the workers read them with pread (a mapping of the whole file kept pages
 * resident: the kernel maps page-cache folios larger than what was asked). */
static int cuts(const struct na_format *f, int jobs)
{
	return f && f->split && (jobs > 1 || f->split_one_job);
}

static struct unit *split_file(struct run *r, const char *path, int walked, int jobs)
{
	if (r->from && !cuts(r->from, jobs))
		return NULL;            /* not worth opening the file to ask */
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	static unsigned char head[SPLIT_HEAD];      /* main thread only */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size < SPLIT_MIN ||
	    pread(fd, head, sizeof head, 0) < (ssize_t)sizeof head || head[0] == 0x1f) {
		close(fd);
		return NULL;
	}
	const struct na_format *f = r->from;
	if (!f) {
		int score, tie;
		size_t n = NA_PROBE_SIZE < sizeof head ? NA_PROBE_SIZE : sizeof head;
		na_format_probe_buf(path, NULL, head, n, &f, &score, &tie);
		if (tie)
			f = NULL;
	}
	struct na_chunk *ch = NULL;
	size_t n = cuts(f, jobs) ? f->split(fd, (size_t)st.st_size, head, sizeof head, &ch) : 0;
	close(fd);
	struct unit *first = NULL, **tail = &first;
	for (size_t i = 0; i < n; i++) {
		struct unit *u = na_xcalloc(1, sizeof *u);
		u->path = na_xstrdup(path);
		u->walked = walked;
		u->chunk = 1;
		u->fmt = f;
		u->piece = ch[i];
		u->first_chunk = i == 0;
		u->last_chunk = i + 1 == n;
		*tail = u;
		tail = &u->next;
	}
	free(ch);
	return first;
}

static void free_unit(struct unit *u)
{
	for (size_t i = 0; i < u->nnames; i++)
		free(u->names[i]);
	free(u->names);
	pthread_mutex_destroy(&u->mu);
	pthread_cond_destroy(&u->cv);
	free(u->path);
	free(u->piece.prefix);
	free(u->piece.suffix);
	free(u);
}

/* Units for one path: chunks of a large plain file, or the whole file. */
static struct unit *make_units(struct run *r, char *path, int walked, int jobs)
{
	struct unit *units = NULL;
	/* ops->open wraps a whole file's input: such a run reads files whole */
	if (strcmp(path, "-") != 0 && !(r->ops && r->ops->open))
		units = split_file(r, path, walked, jobs);
	if (units) {
		r->st->inputs++;
	} else {
		units = na_xcalloc(1, sizeof *units);
		units->path = na_xstrdup(path);
		units->walked = walked;
		struct stat sb;
		units->size = (strcmp(path, "-") != 0 && stat(path, &sb) == 0) ? (long long)sb.st_size : -1;
	}
	for (struct unit *x = units; x; x = x->next) {
		pthread_mutex_init(&x->mu, NULL);
		pthread_cond_init(&x->cv, NULL);
	}
	return units;
}

/* One job: the main thread reads each unit itself; the events of a chunk
 * are applied as they come, as drain applies a worker's. */
static void run_sequential(struct run *r, struct walker *w, void *tls)
{
	int walked, io_error = 0;
	char *path;
	struct home home = {.returned = NULL};
	pthread_mutex_init(&home.mu, NULL);
	struct chunk_buf cb = {.fd = -1};
	while (!r->stop && (path = walk_next(w, r->c, &walked, &io_error))) {
		if (io_error) {
			worsen(r, NA_EXIT_IO);
			io_error = 0;
		}
		struct unit *next;
		for (struct unit *u = make_units(r, path, walked, 1); u; u = next) {
			next = u->next;
			if (u->chunk) {
				struct applying ap;
				applying_start(r, NULL, &ap, u);
				struct sink s = {.r = r, .u = u, .tls = tls, .home = &home, .ap = &ap};
				s.ctx = *r->c;
				s.ctx.cb = queue_diag;
				s.ctx.cb_user = &s;
				read_any(&s, u, &cb, u->dropped || r->stop);
				applying_end(r, u);
			} else {
				struct sink direct = {.r = r, .tls = tls};
				if (r->ops) {
					direct.ctx = *r->c;
					direct.ctx.cb = direct_diag;
					direct.ctx.cb_user = &direct;
				}
				read_unit(&direct, u);
				if (u->size > 0)
					r->bytes_done += u->size;
			}
			free_unit(u);
		}
		free(path);
	}
	if (io_error)
		worsen(r, NA_EXIT_IO);
	free_events(home.cache);
	pthread_mutex_destroy(&home.mu);
	chunk_buf_close(&cb);
	free(cb.buf);
}

static void run_parallel(struct run *r, struct walker *w, int jobs)
{
	struct pool p = {.r = r, .lookahead = LOOKAHEAD(jobs)};
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	pthread_t *th = na_xcalloc((size_t)jobs, sizeof *th);
	for (int i = 0; i < jobs; i++)
		pthread_create(&th[i], NULL, worker, &p);
	struct unit *order = NULL, *order_tail = NULL;
	size_t ahead = 0;
	unsigned long seq = 0;
	int walked, io_error = 0, ended = 0;
	for (;;) {
		/* keep units ahead of the one being drained for the workers */
		while (!ended && !r->stop && ahead < LOOKAHEAD(jobs)) {
			char *path = walk_next(w, r->c, &walked, &io_error);
			if (io_error) {
				worsen(r, NA_EXIT_IO);
				io_error = 0;
			}
			if (!path) {
				ended = 1;
				break;
			}
			struct unit *units = make_units(r, path, walked, jobs);
			free(path);
			pthread_mutex_lock(&p.mu);
			struct unit **t = &p.todo;
			while (*t)
				t = &(*t)->todo_next;
			for (struct unit *x = units; x; x = x->next) {
				x->seq = seq++;
				*t = x;
				t = &x->todo_next;
				if (order_tail)
					order_tail->order_next = x;
				else
					order = x;
				order_tail = x;
				ahead++;
			}
			pthread_cond_broadcast(&p.cv);
			pthread_mutex_unlock(&p.mu);
		}
		if (!order)
			break;
		struct unit *u = order;
		order = u->order_next;
		if (!order)
			order_tail = NULL;
		drain(r, &p, u);
		ahead--;
		free_unit(u);
		pthread_mutex_lock(&p.mu);
		p.drained++;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
	}
	pthread_mutex_lock(&p.mu);
	p.closed = 1;
	pthread_cond_broadcast(&p.cv);
	pthread_mutex_unlock(&p.mu);
	for (int i = 0; i < jobs; i++)
		pthread_join(th[i], NULL);
	free(th);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
}

int na_convert(struct na_ctx *c, const struct na_convert_opts *o, char *const *inputs, size_t ninputs,
               struct na_convert_stats *st)
{
	struct run r = {.c = c, .o = o, .st = st};
	memset(st, 0, sizeof *st);
	if (o->from && !(r.from = na_format_find(o->from))) {
		na_report(c, NA_SEV_ERROR, NULL, NULL, "unknown input format '%s' (see 'newsarc formats')", o->from);
		return NA_EXIT_FORMAT;
	}
	const struct na_format *to = NULL;
	int to_stdout = !o->output || !strcmp(o->output, "-");
	if (o->to)
		to = na_format_find(o->to);
	else if (!to_stdout)
		to = na_format_by_ext(o->output);
	else
		to = na_format_find("jsonl"); /* the pipe-friendly default */
	if (!to) {
		if (o->to)
			na_report(c, NA_SEV_ERROR, NULL, NULL, "unknown output format '%s' (see 'newsarc formats')", o->to);
		else
			na_report(c, NA_SEV_ERROR, NULL, NULL, "cannot tell the output format from '%s'; use --to", o->output);
		return NA_EXIT_FORMAT;
	}
	if (!(na_format_caps(to) & NA_CAN_WRITE)) {
		na_report(c, NA_SEV_ERROR, NULL, NULL, "format %s cannot be written", na_format_name(to));
		return NA_EXIT_FORMAT;
	}
	if (r.from && !(na_format_caps(r.from) & NA_CAN_READ)) {
		na_report(c, NA_SEV_ERROR, NULL, NULL, "format %s cannot be read", na_format_name(r.from));
		return NA_EXIT_FORMAT;
	}
	r.out = na_output_open_file(c, o->output);
	if (!r.out)
		return NA_EXIT_IO;
	if (o->rejects && !(r.rej = na_output_open_file(c, o->rejects))) {
		na_output_abort(r.out);
		return NA_EXIT_IO;
	}
	r.w = na_writer_open(to, r.out, c);
	if (!r.w) {
		na_output_abort(r.out);
		na_output_abort(r.rej);
		return NA_EXIT_IO;
	}
	static char *const stdin_only[] = {"-"};
	if (ninputs == 0) {
		inputs = stdin_only;
		ninputs = 1;
	}
	/* the total is known when every input is a regular file */
	for (size_t i = 0; i < ninputs && r.total >= 0; i++) {
		struct stat sb;
		if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) == 0 && S_ISREG(sb.st_mode))
			r.total += sb.st_size;
		else
			r.total = -1;
	}
	struct walker w = {inputs, ninputs, 0, NULL, 0, 0};
	if (o->jobs > 1)
		run_parallel(&r, &w, o->jobs);
	else
		run_sequential(&r, &w, NULL);
	while (w.depth)
		pop_dir(&w);
	free(w.stack);
	if (na_writer_close(r.w) == NA_FATAL)
		worsen(&r, NA_EXIT_IO);
	int keep = r.exit == NA_EXIT_OK || r.exit == NA_EXIT_REJECTED || r.exit == NA_EXIT_PARSE;
	if (o->fail_fast && r.exit != NA_EXIT_OK)
		keep = 0;
	if (keep) {
		if (na_output_commit(r.out) != NA_OK)
			worsen(&r, NA_EXIT_IO);
		if (r.rej && na_output_commit(r.rej) != NA_OK)
			worsen(&r, NA_EXIT_IO);
	} else {
		na_output_abort(r.out);
		na_output_abort(r.rej);
	}
	free(r.col_path);
	return r.exit;
}

int na_records_run(struct na_ctx *c, const struct na_format *from, const struct na_records_ops *ops, int jobs,
                   char *const *inputs, size_t ninputs)
{
	static const struct na_convert_opts none;
	struct na_convert_stats st;
	struct run r = {.c = c, .o = &none, .st = &st, .from = from, .ops = ops, .total = -1};
	memset(&st, 0, sizeof st);
	static char *const stdin_only[] = {"-"};
	if (ninputs == 0) {
		inputs = stdin_only;
		ninputs = 1;
	}
	struct walker w = {inputs, ninputs, 0, NULL, 0, 0};
	if (jobs > 1 && !ops->open)
		run_parallel(&r, &w, jobs);
	else {
		void *tls = ops->thread_init ? ops->thread_init(ops->user) : NULL;
		run_sequential(&r, &w, tls);
		if (ops->thread_fini)
			ops->thread_fini(ops->user, tls);
	}
	while (w.depth)
		pop_dir(&w);
	free(w.stack);
	free(r.col_path);
	return r.exit == NA_EXIT_IO ? NA_EXIT_IO : NA_EXIT_OK;
}
