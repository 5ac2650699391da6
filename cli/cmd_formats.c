/* cmd_formats.c - newsarc formats: the registry, printed from the registry. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static void json_str(const char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

static int run(int argc, char **argv)
{
	int json = 0, longf = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!strcmp(argv[i], "--long"))
			longf = 1;
		else {
			fprintf(stderr, "newsarc formats: unknown argument '%s'\n", argv[i]);
			return NA_EXIT_USAGE;
		}
	}
	size_t it = 0;
	const struct na_format *f;
	if (json)
		printf("[");
	int first = 1;
	while ((f = na_format_iterate(&it))) {
		unsigned caps = na_format_caps(f);
		if (json) {
			printf("%s\n{\"name\":", first ? "" : ",");
			json_str(na_format_name(f));
			printf(",\"aliases\":");
			json_str(na_format_aliases(f) ? na_format_aliases(f) : "");
			printf(",\"read\":%s,\"write\":%s,\"probe\":%s,\"extensions\":", caps & NA_CAN_READ ? "true" : "false",
			       caps & NA_CAN_WRITE ? "true" : "false", caps & NA_CAN_PROBE ? "true" : "false");
			json_str(na_format_extensions(f) ? na_format_extensions(f) : "");
			printf(",\"mime\":");
			json_str(na_format_mime(f) ? na_format_mime(f) : "");
			printf(",\"description\":");
			json_str(na_format_description(f));
			printf(",\"options\":");
			json_str(na_format_options_help(f) ? na_format_options_help(f) : "");
			printf("}");
		} else {
			printf("%-10s %c%c%c  %-24s %s\n", na_format_name(f), caps & NA_CAN_READ ? 'r' : '-',
			       caps & NA_CAN_WRITE ? 'w' : '-', caps & NA_CAN_PROBE ? 'p' : '-',
			       na_format_extensions(f) ? na_format_extensions(f) : "", na_format_description(f));
			if (longf && na_format_aliases(f))
				printf("%14saliases: %s\n", "", na_format_aliases(f));
			if (longf && na_format_options_help(f))
				printf("%14soptions: %s\n", "", na_format_options_help(f));
		}
		first = 0;
	}
	if (json)
		printf("\n]\n");
	return 0;
}

const struct na_cmd na_cmd_formats = {
	.name = "formats",
	.summary = "list the formats: read (r), write (w), content probe (p)",
	.usage = "usage: newsarc formats [--long] [--json]\n\n"
	         "List every registered format: name, capabilities (r read, w write, p probed\n"
	         "from content; without p only the extension is recognised), extensions, description.\n"
	         "  --long   aliases and -O options too\n  --json   as a JSON array\n",
	.run = run,
};
