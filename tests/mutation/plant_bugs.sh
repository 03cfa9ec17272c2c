#!/bin/bash
# plant_bugs.sh N: plant bug N (1-5) of issue 16 in a fresh `git archive HEAD` copy under /tmp and run
# tests/unit/test_planted_bugs.py there: the test named for the bug must fail. Not part of the default pytest run.
set -e
D=/tmp/plant$1; rm -rf $D; mkdir -p $D; cd "$(dirname "$0")/../.."; REPO=$PWD; git archive HEAD | tar -x -C $D
cp "$REPO"/tests/unit/test_planted_bugs.py $D/tests/unit/
cd $D
case $1 in
1) python - <<'P'
import re,pathlib;p=pathlib.Path("src/cleantext/decide.py");s=p.read_text()
old="            if end > prev.span[1]:  # type: ignore[index]\n"
assert old in s; s=s.replace(old,"            if False:\n");p.write_text(s)
P
;;
2) python - <<'P'
import pathlib;p=pathlib.Path("src/cleantext/decide.py");s=p.read_text()
old="    if len(slogans) > len(taken):\n        return []\n"
assert old in s; s=s.replace(old,"");p.write_text(s)
P
;;
3) sed -i 's/not (5 <= len(v) <= 11)/not (5 <= len(v))/' src/cleantext/extract.py; grep -n "5 <= len(v))" src/cleantext/extract.py;;
4) python - <<'P'
import pathlib;p=pathlib.Path("src/cleantext/audit.py");s=p.read_text()
old="        if source[start:end] != text:\n"
assert old in s; s=s.replace(old,"        if False:\n");p.write_text(s)
P
;;
5) sed -i 's/for j in range(1, len(found))/for j in range(2, len(found))/' src/cleantext/evidence/keyscan.py; grep -n "range(2, len(found))" src/cleantext/evidence/keyscan.py;;
esac
# a plant that no longer applies (the code it targets was rewritten) must not pass for a caught bug
if diff -rq "$REPO/src" src > /dev/null; then echo "bug $1 was not planted: the code it targets has changed" >&2; exit 3; fi
PYTHONPATH=$D/src python -c "import cleantext,sys;print(cleantext.__file__)"
PYTHONPATH=$D/src python -m pytest -q -p no:cacheprovider -o addopts= --import-mode=importlib tests/unit/test_planted_bugs.py 2>&1 | grep -E "FAILED|passed|failed"
