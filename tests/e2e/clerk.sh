#!/usr/bin/env bash
# The folders a clerk really has, with names made on the fly that cannot be committed as files:
# names in NFD (copied from a Mac), in GBK bytes (unzipped from a Windows zip), odd but valid
# names; init --update on them; and the property that a manifest init writes always passes
# check's parser, for every evidence tree the tests have.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
F=$TESTDATA/files
nfd() { "$PY" -c 'import sys, unicodedata; print(unicodedata.normalize("NFD", sys.argv[1]), end="")' "$1"; }
gbk() { printf '%s' "$1" | iconv -f UTF-8 -t GBK; }
# fill MANIFEST: the blanks init leaves, filled as a clerk would (title, organization, roster, none).
fill() {
  sed -i -e 's/^title = ""/title = "某某联盟考核材料"/' -e 's/^organization = ""/organization = "某某联盟"/' \
    -e 's/^name = ""/name = "甲公司"/' -e 's/^none = ""/none = "无"/' "$1"
}
# codes MANIFEST: the finding codes check gives, one per line.
codes() {
  "$EVPACK" check -q --json "$1" 2>/dev/null | "$PY" -c 'import json, sys; [print(d["code"]) for d in json.load(sys.stdin)["diagnostics"]]' || true
}

# --- A name in NFD on disk: init writes it NFC, check binds the file that is there.
mkdir -p "$work/nfd/evidence/1" && cd "$work/nfd"
cp "$F/contract.pdf" "evidence/1/$(nfd '会议纪要-é.pdf')"
cp "$F/minutes.pdf" "evidence/1/$(nfd 'Ünterlagen 2.pdf')"
"$EVPACK" init --form shanxi-2025 --evidence evidence -o evpack.toml 2>/dev/null
fill evpack.toml
expect_contains "init writes the NFD name in NFC" "$(cat evpack.toml)" 'file = "evidence/1/会议纪要-é.pdf"'
expect_eq "the manifest holds no NFD" "$(cat evpack.toml)" "$("$PY" -c 'import sys, unicodedata; print(unicodedata.normalize("NFC", open(sys.argv[1]).read()), end="")' evpack.toml)"
rc=0; out=$("$EVPACK" check -q evpack.toml 2>&1) || rc=$?
expect_eq "check binds NFD files under their NFC names" 0 "$rc"
expect_contains "both are counted" "$out" "2 files, 4 pages; 0 errors"
rc=0; "$EVPACK" build -q evpack.toml -o out > /dev/null 2>&1 || rc=$?
expect_eq "build binds them" 0 "$rc"
expect_eq "the appendix has their pages (cover, TOC, 9 dividers, 3 + 1)" "Pages:           15" "$(pdfinfo out/appendix.pdf | grep '^Pages:')"
expect_contains "the package names them in NFC" "$(unzip -Z1 out/*.zip)" "evidence/1/02-会议纪要-é.pdf"
# Two names on disk that normalise alike stay an error: which one was meant cannot be told.
cp "$F/twelve.pdf" "evidence/1/会议纪要-é.pdf"
rc=0; err=$("$EVPACK" check -q evpack.toml 2>&1 >/dev/null) || rc=$?
expect_eq "names alike on disk: exit status" 1 "$rc"
expect_contains "names alike on disk: the message" "$err" \
  "evpack.toml:21:10: error: 'evidence/1/会议纪要-é.pdf' could be 'evidence/1/"
expect_contains "names alike on disk: the advice" "$err" "names that look the same but are stored differently (one was probably copied from a Mac); rename one [file-name-ambiguous]"
"$EVPACK" init --form shanxi-2025 --evidence evidence -o again.toml 2> err
expect_contains "init lists neither of two names alike: says so" "$(cat err)" \
  "have names that look the same but are stored differently (one was probably copied from a Mac); rename one; not listed"
expect_eq "init lists neither of two names alike" "" "$(grep 'file = .*会议纪要' again.toml)"

# --- A name in GBK bytes: never written into the manifest; the advice renames it.
mkdir -p "$work/gbk/evidence/9-会议纪要" && cd "$work/gbk"
cp "$F/contract.pdf" "evidence/9-会议纪要/$(gbk '理事会纪要.pdf')"
cp "$F/minutes.pdf" "evidence/9-会议纪要/年会纪要.pdf"
rc=0; "$EVPACK" init --form shanxi-2025 --evidence evidence -o evpack.toml 2> err || rc=$?
expect_eq "init with a GBK name: exit status" 0 "$rc"
expect_eq "init with a GBK name: the warning" \
  "evpack init: warning: 'evidence/9-会议纪要/\xC0\xED\xCA\xC2\xBB\xE1\xBC\xCD\xD2\xAA.pdf' has a name that is not UTF-8 (in GBK it reads 'evidence/9-会议纪要/理事会纪要.pdf'); rename it to UTF-8 with: convmv -f gbk -t utf8 -r --notest 'evidence'; not listed" \
  "$(grep warning err)"
expect_eq "the manifest is UTF-8" 0 "$(iconv -f UTF-8 -t UTF-8 evpack.toml > /dev/null 2>&1; echo $?)"
fill evpack.toml
expect_eq "check of init's manifest: only the name it could not list" "file-unlisted" "$(codes evpack.toml)"
err=$("$EVPACK" check -q evpack.toml 2>&1 >/dev/null)
expect_contains "check points at the GBK name in the indicator's folder" "$err" \
  "warning: the folder of indicator 9 holds a file the manifest cannot list: 'evidence/9-会议纪要/\xC0\xED\xCA\xC2\xBB\xE1\xBC\xCD\xD2\xAA.pdf' has a name that is not UTF-8"
# The advice works: run the command the warning gives, word for word.
advice=$(grep -o "convmv .*'evidence'" err)
(eval "$advice") > /dev/null 2>&1
[ -f "evidence/9-会议纪要/理事会纪要.pdf" ] && pass || fail "'$advice' did not rename the file"
"$EVPACK" init --update -o evpack.toml 2> err
expect_contains "after convmv, init --update lists it" "$(cat evpack.toml)" 'file = "evidence/9-会议纪要/理事会纪要.pdf"'
expect_eq "and check is clean" "" "$(codes evpack.toml)"

# A folder above the evidence with a GBK name: what init would write is not UTF-8, so not listed.
mkdir -p "$work/gbk2/$(gbk '材料')/evidence/1" && cd "$work/gbk2"
cp "$F/contract.pdf" "$(gbk '材料')/evidence/1/a.pdf"
rc=0; "$EVPACK" init --form shanxi-2025 --evidence "$(gbk '材料')/evidence" -o evpack.toml 2> err || rc=$?
expect_eq "init under a GBK folder: exit status" 0 "$rc"
expect_contains "init under a GBK folder: says why the file is left out" "$(cat err)" \
  "'\xB2\xC4\xC1\xCF/evidence/1/a.pdf' is not UTF-8 on its way from the manifest's folder"
expect_eq "init under a GBK folder: the manifest is UTF-8" 0 "$(iconv -f UTF-8 -t UTF-8 evpack.toml > /dev/null 2>&1; echo $?)"

# --- init --update: new scans added where they belong, vanished ones dropped, everything typed
# kept, comments too; a second run changes nothing. Saved by Notepad: CRLF line breaks, GBK.
mkdir -p "$work/upd/evidence/1-年会" "$work/upd/evidence/4-项目" && cd "$work/upd"
cp "$F/contract.pdf" "evidence/1-年会/照片 1.pdf"
cp "$F/minutes.pdf" "evidence/1-年会/照片 3.pdf"
cp "$F/twelve.pdf" "evidence/1-年会/照片 9.pdf"
cp "$F/photo.jpg" "evidence/4-项目/任务书.jpg"
"$EVPACK" init --form shanxi-2025 --evidence evidence -o evpack.toml 2>/dev/null
fill evpack.toml
"$PY" - <<'PY'
s = open('evpack.toml', encoding='utf-8').read()
s = s.replace('title = "照片 1"', 'title = "2024 年联盟年会"  # 会场全景\n  date = 2024-04-20\n  kind = "photo"')
s = s.replace('title = "照片 3"', 'title = "年会签到表"')
s = s.replace('  [[indicator.evidence]]\n  file = "evidence/1-年会/照片 9.pdf"', '  # 这张以后换成清晰的\n  [[indicator.evidence]]\n  file = "evidence/1-年会/照片 9.pdf"')
s = s.replace('title = "任务书"', 'title = "省重点研发计划项目任务书"\n  members = ["甲公司", "乙大学"]')
s = s.replace('[[member]]\nname = "甲公司"\n', '[[member]]\nname = "甲公司"\n[[member]]\nname = "乙大学"  # 牵头单位\n')
# Indicator 9 keeps init's placeholder: its folder does not exist yet.
head, tail = s.split('id = "9"', 1)
s = head + 'id = "9"' + tail.replace('none = "无"  #', 'none = ""  #', 1)
open('evpack.toml', 'w', encoding='utf-8', newline='\r\n').write(s)
PY
iconv -f UTF-8 -t GBK evpack.toml > gbk.toml && mv gbk.toml evpack.toml
cp evpack.toml typed.toml
cp "$F/scan-gray.png" "evidence/1-年会/照片 2.png"
cp "$F/screenshot.png" "evidence/1-年会/照片 10.png"
rm "evidence/1-年会/照片 3.pdf"
mkdir -p "evidence/9-会议纪要" && cp "$F/g4-strips.tif" "evidence/9-会议纪要/理事会纪要.tif"
printf 'x' > "evidence/1-年会/Thumbs.db"
rc=0; "$EVPACK" init --update -o evpack.toml 2> err || rc=$?
expect_eq "update: exit status" 0 "$rc"
expect_eq "update: what it says" "added 'evidence/1-年会/照片 2.png'
added 'evidence/1-年会/照片 10.png'
added 'evidence/9-会议纪要/理事会纪要.tif'
dropped 'evidence/1-年会/照片 3.pdf' ('年会签到表'): the file is gone
updated evpack.toml from evidence: 3 added, 1 dropped; converted from GBK to UTF-8" "$(cat err)"
expect_eq "update writes UTF-8" 0 "$(iconv -f UTF-8 -t UTF-8 evpack.toml > /dev/null 2>&1; echo $?)"
expect_eq "update keeps CRLF line breaks, on every line" "$(wc -l < evpack.toml)" "$(grep -c $'\r$' evpack.toml)"
tr -d '\r' < evpack.toml > lf.toml
expect_eq "indicator 1 in natural order, typed fields and comments kept" '
  [[indicator.evidence]]
  file = "evidence/1-年会/照片 1.pdf"
  title = "2024 年联盟年会"  # 会场全景
  date = 2024-04-20
  kind = "photo"

  [[indicator.evidence]]
  file = "evidence/1-年会/照片 2.png"
  title = "照片 2"

  # 这张以后换成清晰的
  [[indicator.evidence]]
  file = "evidence/1-年会/照片 9.pdf"
  title = "照片 9"

  [[indicator.evidence]]
  file = "evidence/1-年会/照片 10.png"
  title = "照片 10"' "$(sed -n '/^id = "1"/,/^\[\[indicator\]\]$/p' lf.toml | sed '1d;$d')"
expect_contains "the roster and its comment kept" "$(cat lf.toml)" 'name = "乙大学"  # 牵头单位'
expect_contains "members typed kept" "$(cat lf.toml)" 'members = ["甲公司", "乙大学"]'
expect_contains "the placeholder of indicator 9 gives way to its file" "$(sed -n '/^id = "9"/,$p' lf.toml)" '
  [[indicator.evidence]]
  file = "evidence/9-会议纪要/理事会纪要.tif"
  title = "理事会纪要"'
expect_eq "no none left for 9" "" "$(sed -n '/^id = "9"/,$p' lf.toml | grep '^none')"
# Every other line is still there, in its order: the edit removed and added only these.
expect_eq "only the changed entries' lines differ" "removed: file = \"evidence/1-年会/照片 3.pdf\" | title = \"年会签到表\" | none = \"\"  # list evidence below, or say why there is none (无)
added: file = \"evidence/1-年会/照片 2.png\" | title = \"照片 2\" | file = \"evidence/1-年会/照片 10.png\" | title = \"照片 10\" | file = \"evidence/9-会议纪要/理事会纪要.tif\" | title = \"理事会纪要\"
rest in order: True" "$("$PY" - typed.toml lf.toml <<'PY'
import sys
def lines(text):  # what a clerk types: not the blank lines and entry headers an edit moves
    return [l.strip() for l in text.replace('\r', '').splitlines() if l.strip() and l.strip() != '[[indicator.evidence]]']
old = lines(open(sys.argv[1], encoding='gbk').read())
new = lines(open(sys.argv[2], encoding='utf-8').read())
removed = [l for l in old if l not in new]
added = [l for l in new if l not in old]
print('removed: ' + ' | '.join(removed))
print('added: ' + ' | '.join(added))
print('rest in order: ' + str([l for l in old if l in new] == [l for l in new if l in old]))
PY
)"
cp evpack.toml once.toml
rc=0; "$EVPACK" init --update -o evpack.toml 2> err || rc=$?
expect_eq "update again: exit status" 0 "$rc"
expect_eq "update again: nothing to do" "evpack.toml is up to date with evidence" "$(cat err)"
expect_eq "update again: the file is unchanged" same "$(cmp -s once.toml evpack.toml && echo same)"
# check agrees: nothing unlisted, the manifest passes.
expect_eq "check after update" "" "$(codes evpack.toml | grep -v -e joint -e member)"
# Everything gone from an indicator: its placeholder comes back; a file check would call unlisted
# before the update is not unlisted after.
rm "evidence/4-项目/任务书.jpg"
cp "$F/outlined.pdf" "evidence/1-年会/照片 11.pdf"
expect_contains "check sees the new scan first" "$(codes evpack.toml)" "file-unlisted"
"$EVPACK" init --update -o evpack.toml 2>/dev/null
expect_contains "indicator 4 without files gets none = \"\"" "$(sed -n '/^id = "4"/,/^\[\[indicator\]\]/p' evpack.toml | tr -d '\r')" \
  'none = ""  # list evidence below, or say why there is none (无)'
expect_eq "the new scan is listed" "" "$(codes evpack.toml | grep file-unlisted)"
# A manifest with a syntax error is not touched.
cp evpack.toml good.toml
sed -i 's/^title = "某某联盟考核材料"/title = “某某联盟考核材料”/' evpack.toml
cp evpack.toml broken.toml
rc=0; err=$("$EVPACK" init --update -o evpack.toml 2>&1) || rc=$?
expect_eq "update of a broken manifest: exit status" 1 "$rc"
expect_contains "update of a broken manifest: says why" "$err" "curly-quote"
expect_eq "update of a broken manifest: untouched" same "$(cmp -s broken.toml evpack.toml && echo same)"

# --- The property: for every evidence tree of the tests, the manifest init writes passes check's
# parser and finds every file it lists. Trees: the shipped examples, every golden case's setup,
# the folders above, and one of names that are valid but awkward to quote.
mkdir -p "$work/odd/evidence/1 会议" && cd "$work/odd"
for name in 'say "hi".pdf' 'back\slash.pdf' 'tab	in name.pdf' 'hash # and = sign.pdf' "it's.pdf" ' leading space.pdf' \
            'trailing space .pdf' '全角（括号）＆符号.pdf' 'emoji 📎.pdf' $'new\nline.pdf' $'del\x7f.pdf' '[[indicator]].pdf'; do
  cp "$F/contract.pdf" "evidence/1 会议/$name"
done
trees=("$work/nfd/evidence" "$work/gbk/evidence" "$work/upd/evidence" "$work/odd/evidence")
for example in "$SOURCE_ROOT"/manifest/examples/*/; do
  mkdir -p "$work/examples" && cp -a "$example" "$work/examples/$(basename "$example")"
  trees+=("$work/examples/$(basename "$example")/evidence")
done
for setup in "$SOURCE_ROOT"/tests/cli/*/setup; do
  case_name=$(basename "$(dirname "$setup")")
  mkdir -p "$work/cases/$case_name" && cd "$work/cases/$case_name"
  cp -a "$TESTDATA/files" files
  bash "$setup" > /dev/null 2>&1
  [ -d evidence ] && trees+=("$work/cases/$case_name/evidence")
done
syntax_codes='^(toml-syntax|manifest-encoding|curly-quote|missing-quote|needs-quotes|path-backslash|backslash|date-format|full-width|header-brackets|wrong-type|unknown-key|missing-key|file-missing|file-name-ambiguous|file-not-evidence)$'
count=0
for tree in "${trees[@]}"; do
  for form in shanxi-2025 guangzhou-2020; do
    cd "$(dirname "$tree")"
    rm -f property.toml
    rc=0; "$EVPACK" init --form "$form" --evidence "$(basename "$tree")" -o property.toml 2>/dev/null || rc=$?
    expect_eq "init $form on $tree" 0 "$rc"
    expect_eq "init's manifest for $tree is UTF-8" 0 "$(iconv -f UTF-8 -t UTF-8 property.toml > /dev/null 2>&1; echo $?)"
    expect_eq "check of init's manifest ($form, $tree): no syntax, encoding or missing-file finding" "" \
      "$(codes property.toml | grep -E "$syntax_codes" | sort -u | tr '\n' ' ')"
    count=$((count + 1))
  done
done
[ "$count" -ge 20 ] && pass || fail "the property ran on only $count trees"
files=$(grep -c '^  file = ' "$work/odd/property.toml")
expect_eq "every odd name was listed" 12 "$files"
finish
