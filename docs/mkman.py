#!/usr/bin/env python3
"""Write newsarc.1 from the binary's own --help texts, so the man page never
disagrees with the options the program accepts (help2man's idea, for our
help layout).  Usage: mkman.py BIN > newsarc.1"""
import re, subprocess, sys


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def roff(s):
    s = s.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", s, flags=re.M)


def main():
    binary = sys.argv[1]
    top = run(binary, "--help")
    version = run(binary, "--version").split()[-1]
    cmds = re.findall(r"^  ([a-z]+)\s{2,}(.*)$", top.split("Commands:")[1].split("Options:")[0], re.M)
    exits = re.findall(r"^  (\d+)\s+(.*)$", top.split("Exit status:")[1], re.M)
    out = [f'.TH NEWSARC 1 "{version}" "newsarc {version}" "User Commands"',
           ".SH NAME", "newsarc \\- convert, validate and pack news articles",
           ".SH SYNOPSIS"]
    helps = {}
    for name, _ in cmds:
        helps[name] = run(binary, name, "--help")
        usage = helps[name].splitlines()[0].removeprefix("usage: newsarc ").strip()
        out += [f".B newsarc {name}", roff(usage.removeprefix(name).strip()), ".br"]
    out += [".SH DESCRIPTION",
            "newsarc reads articles in any supported format into one article model and writes,",
            "validates, packs or counts them.  Inputs are files, directories (walked in sorted",
            "order), bundles, gzip files or standard input.  Every error names its place:",
            "\\fIfile\\fR:\\fIline\\fR:\\fIcolumn\\fR: error: \\fIfield\\fR: \\fImessage\\fR.",
            "Outputs are written to a temporary file and renamed into place when the run ends.",
            "\\fBnewsarc formats\\fR lists the formats; docs/ in the source tree has one page per topic.",
            ".SH COMMANDS"]
    for name, what in cmds:
        out += [f".SS {name}", roff(what) + ".", ".PP", ".nf"]
        out += [roff(line) for line in helps[name].splitlines()[1:]]
        out += [".fi"]
    out += [".SH EXIT STATUS"]
    for code, what in exits:
        out += [".TP", code, roff(what)]
    out += [".SH ENVIRONMENT", ".B NO_COLOR",
            "turns off coloured diagnostics (they are only coloured on a terminal).",
            ".SH SEE ALSO", "xmllint(1), jq(1), tar(1), parallel(1)"]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
