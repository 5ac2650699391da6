#!/bin/bash
# make install puts the binary, header, libraries, pkg-config file and man
# page under DESTDIR/PREFIX, and a program builds against the installed
# library with pkg-config (issue 2).
set -eu
D="$PWD/stage"
make -s -C "$ROOT" install PREFIX=/usr/local DESTDIR="$D" >/dev/null
for f in bin/newsarc include/newsarc.h lib/libnewsarc.a lib/libnewsarc.so.0 lib/libnewsarc.so \
         lib/pkgconfig/newsarc.pc share/man/man1/newsarc.1; do
	[ -e "$D/usr/local/$f" ] || { echo "missing $f"; exit 1; }
done
"$D/usr/local/bin/newsarc" --version | grep -q '^newsarc '
cat > t.c <<'C'
#include <newsarc.h>
#include <stdio.h>
int main(void) { char out[64]; unsigned f; return na_date_parse("15 Dec 2015", 11, out, &f) || printf("%s\n", out) < 0; }
C
export PKG_CONFIG_SYSROOT_DIR="$D" PKG_CONFIG_PATH="$D/usr/local/lib/pkgconfig"
cc t.c $(pkg-config --cflags newsarc) $(pkg-config --libs newsarc) -o t
[ "$(LD_LIBRARY_PATH="$D/usr/local/lib" ./t)" = "2015-12-15" ]
M="$D/usr/local/share/man/man1/newsarc.1"
grep -q '^.SH EXIT STATUS' "$M"
# the man page documents every command the program lists, with its options
for c in $("$D/usr/local/bin/newsarc" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
	grep -q "^.SS $c\$" "$M" || { echo "man page lacks $c"; exit 1; }
done
grep -q 'max\\-record' "$M"
if command -v man >/dev/null; then man -l "$M" 2>&1 >/dev/null | grep . && { echo "man warns"; exit 1; }; fi
echo ok
