#!/bin/bash
# newsarc unpack never writes outside DIR (issue 5): one hostile archive per
# case, crafted here with python3 tarfile/zipfile: "../" entries, absolute
# paths, symlinks and hardlinks pointing outside, device files, duplicate
# names (tar and zip).  Each refusal is reported; exit status is 5.
set -u
fail=0
top=$PWD
mkdir sandbox
cd sandbox
python3 -W ignore - "$top" <<'PY'
import io, sys, tarfile, zipfile
top = sys.argv[1]
def tar(name, members):
    with tarfile.open(name, "w", format=tarfile.PAX_FORMAT) as t:
        for m, data in members:
            if data is not None:
                m.size = len(data)
                t.addfile(m, io.BytesIO(data))
            else:
                t.addfile(m)
def reg(name):
    return tarfile.TarInfo(name)
def link(name, target, kind):
    m = tarfile.TarInfo(name); m.type = kind; m.linkname = target; return m
ok = (reg("ok.txt"), b"fine\n")
tar("dotdot.tar", [ok, (reg("../evil1.txt"), b"x"), (reg("a/../../evil2.txt"), b"x")])
tar("absolute.tar", [ok, (reg(top + "/sandbox/evil3.txt"), b"x"), (reg("/tmp/newsarc-evil4-test.txt"), b"x")])
tar("symlink.tar", [ok, (link("up", "..", tarfile.SYMTYPE), None),
                    (reg("up/evil5.txt"), b"x"),
                    (link("abs", top + "/sandbox", tarfile.SYMTYPE), None),
                    (reg("abs/evil6.txt"), b"x")])
tar("hardlink.tar", [ok, (link("hl", "../evil7.txt", tarfile.LNKTYPE), None),
                     (link("hl2", top + "/sandbox/victim.txt", tarfile.LNKTYPE), None)])
dev = tarfile.TarInfo("null"); dev.type = tarfile.CHRTYPE; dev.devmajor = 1; dev.devminor = 3
blk = tarfile.TarInfo("disk"); blk.type = tarfile.BLKTYPE; blk.devmajor = 8; blk.devminor = 0
fifo = tarfile.TarInfo("fifo"); fifo.type = tarfile.FIFOTYPE
tar("device.tar", [ok, (dev, None), (blk, None), (fifo, None)])
tar("duplicate.tar", [(reg("dup.txt"), b"first\n"), (reg("./dup.txt"), b"second\n"), (reg("dup.txt"), b"third\n")])
with zipfile.ZipFile("dotdot.zip", "w") as z:
    z.writestr("ok.txt", "fine\n")
    z.writestr("../evil8.txt", "x")
    z.writestr("/tmp/newsarc-evil9-test.txt", "x")
    z.writestr("dup.txt", "first\n")
    z.writestr("dup.txt", "second\n")
PY
[ $? = 0 ] || { echo "python3 could not craft the archives"; exit 1; }
echo victim > victim.txt
before=$(cd "$top" && find ./sandbox -path ./sandbox/out -prune -o -print | sort)

check() { # archive, expected refusals (regex), count
	local a=$1 pat=$2 n=$3
	rm -rf out
	newsarc unpack "$a" out 2> "$top/err.txt"
	local rc=$?
	if [ $rc != 5 ]; then echo "$a: exit $rc, expected 5"; cat "$top/err.txt"; fail=1; fi
	local got
	got=$(grep -c "refused: " "$top/err.txt")
	if [ "$got" != "$n" ]; then echo "$a: $got refusals reported, expected $n"; cat "$top/err.txt"; fail=1; fi
	if ! grep -Eq "$pat" "$top/err.txt"; then echo "$a: no message matching '$pat'"; cat "$top/err.txt"; fail=1; fi
	if ! grep -q "^$a!" "$top/err.txt"; then echo "$a: refusals do not name the entry as $a!ENTRY"; cat "$top/err.txt"; fail=1; fi
	local after
	after=$(cd "$top" && find ./sandbox -path ./sandbox/out -prune -o -print | sort)
	if [ "$after" != "$before" ]; then echo "$a: something was written outside DIR:"; diff <(echo "$before") <(echo "$after"); fail=1; fi
	if [ -e /tmp/newsarc-evil4-test.txt ] || [ -e /tmp/newsarc-evil9-test.txt ]; then echo "$a: wrote into /tmp"; fail=1; fi
	if [ "$(cat victim.txt)" != victim ]; then echo "$a: victim.txt modified"; fail=1; fi
}

check dotdot.tar "'\.\.' component" 2
[ -f out/ok.txt ] || { echo "dotdot.tar: the good entry was not extracted"; fail=1; }
check absolute.tar "absolute path" 2
check symlink.tar "symbolic link" 2
# the files under the refused links must not escape either (they land inside out/ or are refused)
[ -L out/up ] && { echo "symlink.tar: symlink created"; fail=1; }
check hardlink.tar "hard link" 2
check device.tar "device file" 3
grep -q "FIFO" "$top/err.txt" || { echo "device.tar: FIFO not named"; fail=1; }
[ -e out/null ] || [ -e out/disk ] || [ -e out/fifo ] && { echo "device.tar: special file created"; fail=1; }
check duplicate.tar "duplicate name" 2
[ "$(cat out/dup.txt 2>/dev/null)" = first ] || { echo "duplicate.tar: dup.txt is not the first entry's content"; fail=1; }
check dotdot.zip "'\.\.' component" 3
grep -q "absolute path" "$top/err.txt" || { echo "dotdot.zip: absolute path not reported"; fail=1; }
grep -q "duplicate name" "$top/err.txt" || { echo "dotdot.zip: duplicate not reported"; fail=1; }
exit $fail
