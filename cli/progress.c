/* progress.c - progress bar and SIGUSR1 status for long runs (issue 10).
 *
 * The library calls the progress callback after every record; everything
 * here is cheap when there is nothing to draw (one flag test), and one
 * clock read per record when a bar is shown.  The signal handler only sets
 * a flag: printing happens in the callback, outside the handler. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include "progress.h"

#define REDRAW_INTERVAL 0.1     /* seconds: at most ten frames a second */

static volatile sig_atomic_t usr1_pending;
static struct cli_progress *active;     /* the bar the diagnostics hook erases */

static void on_usr1(int sig)
{
	(void)sig;
	usr1_pending = 1;
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int term_width(void)
{
	struct winsize ws;
	if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	const char *c = getenv("COLUMNS");
	int n = c ? atoi(c) : 0;
	return n >= 20 ? n : 80;
}

/* 1234567 -> "1,234,567" */
static void fmt_count(unsigned long long v, char *out, size_t size)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof tmp, "%llu", v);
	size_t j = 0;
	for (int i = 0; i < n && j + 1 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0 && j + 2 < size)
			out[j++] = ',';
		out[j++] = tmp[i];
	}
	out[j] = 0;
}

static void fmt_bytes(double v, char *out, size_t size)
{
	static const char *const unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	int u = 0;
	while (v >= 1024 && u < 4)
		v /= 1024, u++;
	if (u == 0)
		snprintf(out, size, "%.0f B", v);
	else
		snprintf(out, size, "%.1f %s", v, unit[u]);
}

static void fmt_duration(double s, char *out, size_t size)
{
	if (s < 0)
		s = 0;
	if (s > 359999)
		s = 359999;  /* 99:59:59 */
	long t = (long)(s + 0.5);
	if (t >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(out, size, "%ld:%02ld", t / 60, t % 60);
}

size_t cli_progress_status(const struct cli_progress *p, double now, int compact, char *buf, size_t size)
{
	char a[48], b[48];
	double el = now - p->start;
	const char *sep = compact ? "  " : ", ";
	size_t n = 0;
#define ADD(...) do { int k_ = snprintf(buf + n, n < size ? size - n : 0, __VA_ARGS__); \
                      if (k_ > 0) n += (size_t)k_; } while (0)
	if (compact && p->total > 0) {
		double pct = 100.0 * (double)p->bytes / (double)p->total;
		ADD("%3.0f%%  ", pct > 100 ? 100 : pct);
	}
	fmt_count(p->read, a, sizeof a);
	ADD("%s record%s", a, p->read == 1 ? "" : "s");
	if (p->rejected) {
		fmt_count(p->rejected, a, sizeof a);
		ADD(" (%s rejected)", a);
	}
	if (p->bytes > 0 || p->total > 0) {
		fmt_bytes((double)p->bytes, a, sizeof a);
		if (p->total > 0 && compact) {
			fmt_bytes((double)p->total, b, sizeof b);
			ADD("%s%s / %s", sep, a, b);
		} else if (p->total > 0) {
			fmt_bytes((double)p->total, b, sizeof b);
			double pct = 100.0 * (double)p->bytes / (double)p->total;
			ADD("%s%s of %s (%.0f%%)", sep, a, b, pct > 100 ? 100 : pct);
		} else
			ADD("%s%s", sep, a);
	}
	/* ETA before the rates: when the terminal is narrow the end is cut */
	if (el >= 0.05 && p->total > 0 && p->bytes > 0 && p->bytes < p->total) {
		fmt_duration((double)(p->total - p->bytes) / ((double)p->bytes / el), a, sizeof a);
		ADD("%sETA %s", sep, a);
	}
	if (el >= 0.05) {
		if (p->bytes > 0) {
			fmt_bytes((double)p->bytes / el, a, sizeof a);
			ADD("%s%s/s", sep, a);
		}
		fmt_count((unsigned long long)((double)p->read / el + 0.5), a, sizeof a);
		ADD("%s%s rec/s", sep, a);
	}
	if (!compact || p->total <= 0) {
		fmt_duration(el, a, sizeof a);
		ADD("%selapsed %s", sep, a);
	}
#undef ADD
	if (size && n >= size)
		n = size - 1;
	return n;
}

static void erase(struct cli_progress *p)
{
	if (!p->shown)
		return;
	/* spaces, not "\033[K": works on any terminal, even with NO_COLOR's
	 * spirit of writing no escape sequences at all */
	char line[512];
	size_t n = p->shown < sizeof line - 3 ? p->shown : sizeof line - 3;
	line[0] = '\r';
	memset(line + 1, ' ', n);
	line[n + 1] = '\r';
	fwrite(line, 1, n + 2, stderr);
	fflush(stderr);
	p->shown = 0;
}

static void draw(struct cli_progress *p, double now)
{
	int width = term_width() - 1;  /* never touch the last column: no wrap */
	if (width > 400)
		width = 400;
	char status[400], line[1024];
	cli_progress_status(p, now, 1, status, sizeof status);
	size_t n = 0, visible = 0;
	if (p->total > 0) {
		/* from the terminal width only, so the text does not jump about */
		int BAR = width >= 130 ? 30 : width >= 110 ? 20 : 10;
		double f = (double)p->bytes / (double)p->total;
		int full = f >= 1 ? BAR : (int)(f * BAR);
		line[n++] = '[';
		if (p->color)
			n += (size_t)sprintf(line + n, "\033[32m");
		memset(line + n, '#', (size_t)full);
		n += (size_t)full;
		if (p->color)
			n += (size_t)sprintf(line + n, "\033[0m");
		memset(line + n, '.', (size_t)(BAR - full));
		n += (size_t)(BAR - full);
		line[n++] = ']';
		line[n++] = ' ';
		visible = (size_t)BAR + 3;
	}
	/* status is ASCII: bytes are columns */
	size_t room = (size_t)width > visible ? (size_t)width - visible : 0;
	size_t sl = strlen(status);
	if (sl > room)
		sl = room;
	memcpy(line + n, status, sl);
	n += sl;
	visible += sl;
	/* pad over what the previous frame left */
	size_t pad = p->shown > visible ? p->shown - visible : 0;
	fputc('\r', stderr);
	fwrite(line, 1, n, stderr);
	for (size_t i = 0; i < pad; i++)
		fputc(' ', stderr);
	fflush(stderr);
	p->shown = visible;
	p->last = now;
}

static void diag_hook(void)
{
	if (active)
		erase(active);
}

void cli_progress_start(struct cli_progress *p, const struct cli *c)
{
	memset(p, 0, sizeof *p);
	p->prog = c->prog;
	p->total = -1;
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	p->bar = !c->quiet && isatty(2);
	p->color = p->bar && !(nc && *nc) && term && strcmp(term, "dumb") != 0;
	p->start = p->last = now_sec();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	active = p;
	cli_diag_hook = diag_hook;
}

void cli_progress_update(void *user, const struct na_convert_stats *st, long long bytes,
                         long long total)
{
	struct cli_progress *p = user;
	p->read = st->read;
	p->rejected = st->rejected;
	p->bytes = bytes;
	p->total = total;
	if (usr1_pending) {
		usr1_pending = 0;
		char status[512];
		cli_progress_status(p, now_sec(), 0, status, sizeof status);
		erase(p);
		fprintf(stderr, "%s: %s\n", p->prog, status);
		fflush(stderr);
	}
	if (!p->bar)
		return;
	double now = now_sec();
	if (now - p->last >= REDRAW_INTERVAL)
		draw(p, now);
}

void cli_progress_stop(struct cli_progress *p)
{
	erase(p);
	if (active == p) {
		active = NULL;
		cli_diag_hook = NULL;
	}
	p->bar = 0;
}
