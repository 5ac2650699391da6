/* cmd_unpack.c - newsarc unpack: extract a bundle into a directory, safely.
 * Nothing is ever written outside DIR: libarchive's ARCHIVE_EXTRACT_SECURE_*
 * checks run, and before them our own: entries with an absolute path or a
 * ".." component, symbolic and hard links, devices, FIFOs and sockets, and
 * a second entry with a name already extracted are refused and reported.
 * Only regular files (mode 0644) and directories (0755) are created. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "formats/bundle/bundle.h"

struct seen {
	char **v;
	size_t n, cap;
};

/* "a//b/./c" -> "a/b/c"; NULL for absolute paths and ".." components. */
static char *clean_path(const char *p, const char **why)
{
	if (p[0] == '/') {
		*why = "absolute path";
		return NULL;
	}
	struct na_buf b = {0};
	for (const char *s = p; *s;) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			*why = "path with a '..' component";
			na_buf_free(&b);
			return NULL;
		}
		if (n && !(n == 1 && s[0] == '.')) {
			if (b.len)
				na_buf_addc(&b, '/');
			na_buf_add(&b, s, n);
		}
		s += n;
		while (*s == '/')
			s++;
	}
	for (size_t i = 0; i < b.len; i++)
		if ((unsigned char)b.p[i] < 0x20 || b.p[i] == 0x7f) {
			*why = "control character in the name";
			na_buf_free(&b);
			return NULL;
		}
	if (!b.len) {
		*why = "empty name";
		na_buf_free(&b);
		return NULL;
	}
	return b.p;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Record NAME (copied); 0 when it was there already. */
static int seen_add(struct seen *s, const char *name)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 1024;
		char **v = na_xcalloc(cap, sizeof *v);
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i]) {
				size_t j = hash(s->v[i]) & (cap - 1);
				while (v[j])
					j = (j + 1) & (cap - 1);
				v[j] = s->v[i];
			}
		free(s->v);
		s->v = v;
		s->cap = cap;
	}
	size_t j = hash(name) & (s->cap - 1);
	for (; s->v[j]; j = (j + 1) & (s->cap - 1))
		if (!strcmp(s->v[j], name))
			return 0;
	s->v[j] = na_xstrdup(name);
	s->n++;
	return 1;
}

static int write_chunk(void *u, const void *p, size_t n)
{
	return archive_write_data(u, p, n) == (la_ssize_t)n ? 0 : -1;
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
	struct cli c;
	cli_init(&c, "newsarc unpack");
	int rc;
	if (cli_parse(&c, argc, argv, CLI_COMMON_SHORT, longopts, NULL, NULL))
		return NA_EXIT_USAGE;
	if (argc - optind != 2)
		return cli_usage_error(&c, "expected BUNDLE DIR");
	const char *path = argv[optind], *dir = argv[optind + 1];
	struct na_input *in = na_input_open_file(&c.ctx, path);
	if (!in) {
		cli_free(&c);
		return NA_EXIT_IO;
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "newsarc unpack: %s: cannot create: %s\n", dir, strerror(errno));
		na_input_close(in);
		cli_free(&c);
		return NA_EXIT_IO;
	}
	/* the input is open already, so its relative path no longer matters */
	if (chdir(dir) != 0) {
		fprintf(stderr, "newsarc unpack: %s: %s\n", dir, strerror(errno));
		na_input_close(in);
		cli_free(&c);
		return NA_EXIT_IO;
	}
	struct archive *disk = archive_write_disk_new();
	archive_write_disk_set_options(disk, ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS |
	                                     ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS | ARCHIVE_EXTRACT_TIME);
	struct na_bundle_src s;
	struct seen seen = {0};
	unsigned long extracted = 0, refused = 0;
	int exit_code = NA_EXIT_OK;
	if (na_bundle_src_open(&s, &c.ctx, in) != 0) {
		exit_code = NA_EXIT_PARSE;
		goto out;
	}
	while ((rc = na_bundle_src_next(&s)) > 0) {
		mode_t t = archive_entry_filetype(s.e);
		const char *why = NULL;
		char *name = clean_path(s.path, &why);
		if (name && archive_entry_hardlink(s.e))
			why = "hard link";
		else if (name && t == AE_IFLNK)
			why = "symbolic link";
		else if (name && (t == AE_IFCHR || t == AE_IFBLK))
			why = "device file";
		else if (name && t != AE_IFREG && t != AE_IFDIR)
			why = "FIFO, socket or other special file";
		else if (name && t == AE_IFREG && !seen_add(&seen, name))
			why = "duplicate name (the first entry is kept)";
		if (why) {
			na_bundle_src_error(&s, "refused: %s; not extracted", why);
			refused++;
			free(name);
			if (na_bundle_src_stream(&s, NULL, NULL) == -1)
				break;
			continue;
		}
		struct archive_entry *e = archive_entry_clone(s.e);
		archive_entry_set_pathname(e, name);
		archive_entry_set_perm(e, t == AE_IFDIR ? 0755 : 0644);
		free(name);
		int wrc = archive_write_header(disk, e);
		if (wrc < ARCHIVE_WARN) {
			na_bundle_src_error(&s, "refused: %s; not extracted", archive_error_string(disk));
			refused++;
			archive_entry_free(e);
			if (na_bundle_src_stream(&s, NULL, NULL) == -1)
				break;
			continue;
		}
		int src = t == AE_IFREG ? na_bundle_src_stream(&s, write_chunk, disk) : 0;
		archive_write_finish_entry(disk);
		if (src != 0 && t == AE_IFREG) {
			unlink(archive_entry_pathname(e)); /* no partial files */
			refused++;
			archive_entry_free(e);
			if (s.failed)
				break;
			continue;
		}
		archive_entry_free(e);
		extracted++;
	}
	if (rc < 0 || s.failed)
		exit_code = NA_EXIT_PARSE;
	if (refused && exit_code == NA_EXIT_OK)
		exit_code = NA_EXIT_PARSE;
	if (!c.quiet)
		fprintf(stderr, "newsarc: extracted %lu, refused %lu\n", extracted, refused);
out:
	archive_write_free(disk);
	for (size_t i = 0; i < seen.cap; i++)
		free(seen.v[i]);
	free(seen.v);
	na_bundle_src_close(&s);
	na_input_close(in);
	cli_free(&c);
	return exit_code;
}

const struct na_cmd na_cmd_unpack = {
	.name = "unpack",
	.summary = "extract a bundle into a directory, safely",
	.usage =
		"usage: newsarc unpack [OPTIONS] BUNDLE DIR\n\n"
		"Extract BUNDLE into DIR (created when missing).  Nothing is written outside DIR:\n"
		"entries with an absolute path or '..', symbolic and hard links, devices, FIFOs,\n"
		"sockets and repeated names are refused and reported; only regular files (0644)\n"
		"and directories (0755) are created.  The limits below apply.\n\n"
		CLI_COMMON_HELP
		"\nExit status: 0 everything extracted; 2 usage error; 4 cannot open BUNDLE or DIR;\n"
		"5 some entry refused, a limit exceeded, or the archive damaged (the entries\n"
		"before the damage are extracted).\n",
	.run = run,
};
