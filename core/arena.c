/* arena.c - bump allocator: one record's strings are freed at once, which is
 * what makes the streaming readers cheap (no per-string free). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"

struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[];
};

struct na_arena {
	struct chunk *head;
	size_t min;             /* smallest chunk */
};

#define CHUNK_MIN (64u << 10)

struct na_arena *na_arena_new(void)
{
	return na_arena_new_min(CHUNK_MIN);
}

struct na_arena *na_arena_new_min(size_t min)
{
	struct na_arena *a = na_xcalloc(1, sizeof(struct na_arena));
	a->min = min;
	return a;
}

void na_arena_free(struct na_arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *n = c->next;
		free(c);
		c = n;
	}
	free(a);
}

void na_arena_reset(struct na_arena *a)
{
	struct chunk *c = a->head;
	if (!c)
		return;
	/* keep the last (first allocated, usually the only) chunk for reuse */
	while (c->next) {
		struct chunk *n = c->next;
		free(c);
		c = n;
	}
	c->used = 0;
	a->head = c;
}

void *na_arena_alloc(struct na_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > a->min ? n : a->min;
		if (c && c->used == 0 && c->next == NULL) {
			/* an empty first chunk too small: replace it */
			free(c);
			a->head = c = NULL;
		}
		struct chunk *nc = na_xmalloc(sizeof *nc + size);
		nc->size = size;
		nc->used = 0;
		/* big blocks go behind the head so the head keeps serving small ones */
		if (c && size > a->min) {
			nc->next = c->next;
			c->next = nc;
			nc->used = n;
			return (char *)nc->data;
		}
		nc->next = c;
		a->head = c = nc;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

char *na_arena_strndup(struct na_arena *a, const char *s, size_t n)
{
	char *p = na_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *na_arena_strdup(struct na_arena *a, const char *s)
{
	return na_arena_strndup(a, s, strlen(s));
}

char *na_arena_printf(struct na_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = na_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
