#!/bin/bash
# Hostile inputs (issue 9): every case of tests/hostile/cases.txt runs
# without crash, hang or writes outside its directory, with its expected
# exit code and diagnostic; cases for formats not in this build are skipped
# (listed) and run once the format lands.
cd "$(dirname "$0")/../hostile" || exit 1
python3 run.py
