#!/usr/bin/env bash
# Office files as evidence, with the real LibreOffice and real files nobody here made
# (tests/data/fetch-office): every format bound through its rendering, checked with tools that are
# not ours (pdftotext finds each document's words, pdffonts the CJK faces the 宋体/黑体/楷体 names
# were mapped to, pdftoppm renders the page), the second build starts no LibreOffice and is
# byte-identical, two fresh conversions are byte-identical, verify passes and fails swapped
# renderings and originals, and without LibreOffice check says how to install it.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
command -v soffice >/dev/null || { fail "LibreOffice is not installed (scripts/test installs it)"; finish; }
data=$(dirname "$TESTDATA")/officedata
"$SOURCE_ROOT/tests/data/fetch-office" "$data" || { fail "cannot fetch the Office files"; finish; }
export XDG_CACHE_HOME=$work/cache
# LibreOffice's profiles are made under TMPDIR: a process whose command line names it is ours
# (other tests may run LibreOffice at the same time).
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"
ours() { pgrep -f "$TMPDIR" || true; }
# Every soffice start is counted: a wrapper in PATH in front of the real one.
mkdir -p "$work/bin"
cat > "$work/bin/soffice" <<SH
#!/bin/sh
case "\$*" in *--convert-to*) echo run >> "$work/soffice-runs";; esac
exec $(readlink -f "$(command -v soffice)") "\$@"
SH
chmod +x "$work/bin/soffice"
export PATH=$work/bin:$PATH
runs() { [ -f "$work/soffice-runs" ] && wc -l < "$work/soffice-runs" || echo 0; }

# document  indicator  words pdftotext must find in the appendix
docs="
real/tlm-lt-example.ppt         1  Loosely Timed
real/mimetype.pptx              1  asdasdasddd
real/hello.odp                  1  Hello World
real/libre-writer.doc           2  Simple doc from Libre Writer
real/mimetype.docx              2  asdasdasdasd
real/font-comparison.odt        2  ZenKai
made/reference-zh.docx          3  学习一个计算机系统
made/reference-zh.rtf           3  Unix操作系统
made/songti.docx                3  黑体标题
real/datasets.xls               4  Sepal
real/deaths.xlsx                4  Lots of people simply cannot resist
real/example-spreadsheet.xlsx   4  this is an example spreadsheet
real/hello.ods                  4  Hello World
"
mkdir -p "$work/o/files"
{
  printf 'form = "shanxi-2025"\ntitle = "Office 文档"\norganization = "测试联盟"\n'
  for i in 1 2 3 4; do
    printf '[[indicator]]\nid = "%s"\n' "$i"
    while read -r f ind words; do
      [ "$ind" = "$i" ] || continue
      cp "$data/$f" "$work/o/files/"
      printf '  [[indicator.evidence]]\n  file = "files/%s"\n  title = "%s"\n' "$(basename "$f")" "$(basename "$f")"
    done <<<"$docs"
  done
  for i in 5 6 7 8 9; do printf '[[indicator]]\nid = "%s"\nnone = "无"\n' "$i"; done
} > "$work/o/evpack.toml"
count=$(grep -c . <<<"$docs")

# --- check renders them all, one run per import filter, and reports their pages
start=$(date +%s%N)
out=$("$EVPACK" check "$work/o/evpack.toml" 2>"$work/check.err") || { fail "check: $(cat "$work/check.err")"; finish; }
echo "first check (conversions): $(( ($(date +%s%N) - start) / 1000000 )) ms, $(runs) LibreOffice runs" >&2
# The 97 formats and RTF: a run per import filter (ppt, doc, rtf, xls); OOXML and OpenDocument
# (9 files): one run per core.
expected=$((4 + $(nproc)))
expect_eq "a run per filter for the 97 formats and RTF, a run per core for the rest, not one per file" "$expected" "$(runs)"
expect_contains "check counts the files" "$out" "$count files"
pages_ind1=$(awk '$1 == "1" { print $(NF-1) }' <<<"$out")
[ "${pages_ind1:-0}" -ge 14 ] && pass || fail "indicator 1's pages (12 slides and more): '$pages_ind1' in: $out"
expect_eq "no LibreOffice left running" "" "$(ours)"
expect_eq "the cache holds a PDF per file" "$count" "$(ls "$XDG_CACHE_HOME"/evpack/renderings/*.pdf | wc -l)"

# --- build from the cache: no LibreOffice at all
before=$(runs)
"$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/out" >/dev/null 2>"$work/build.err" || { fail "build: $(cat "$work/build.err")"; finish; }
expect_eq "build after check runs no LibreOffice" "$before" "$(runs)"
pdf=$work/o/out/appendix.pdf
pkg=$(ls "$work"/o/out/*.zip)
expect_eq "qpdf --check" 0 "$(qpdf --check "$pdf" >/dev/null 2>&1; echo $?)"
# Spreadsheet cells are words apart: read in layout order too.
text=$(pdftotext "$pdf" - | tr -d ' \n')$(pdftotext -layout "$pdf" - | tr -d ' \n')
while read -r f ind words; do
  [ -n "$f" ] || continue
  expect_contains "the appendix holds $(basename "$f")'s words" "$text" "$(tr -d ' ' <<<"$words")"
done <<<"$docs"

# The 宋体/黑体/楷体 document: its page shows the faces evpack's fontconfig maps them to.
toml=$(unzip -p "$pkg" '*/data/evpack.toml')
songti_pages=$(grep -A12 'songti.docx"' <<<"$toml" | first_page)
fonts=$(pdffonts -f "$songti_pages" -l "$songti_pages" "$pdf")
# (LibreOffice names the embedded face by the first PostScript name of the .ttc it comes from.)
expect_contains "宋体 is rendered in Noto Serif CJK" "$fonts" "NotoSerifCJK"
expect_contains "黑体 is rendered in Noto Sans CJK" "$fonts" "NotoSansCJK"
expect_contains "楷体 is rendered in AR PL UKai" "$fonts" "UKai"
pdftoppm -r 60 -png -f "$songti_pages" -l "$songti_pages" "$pdf" "$work/songti"
mkdir -p "$(dirname "$TESTDATA")/office-e2e" && cp "$work"/songti*.png "$(dirname "$TESTDATA")/office-e2e/songti-page.png"
echo "the 宋体 page, rendered: $(dirname "$TESTDATA")/office-e2e/songti-page.png (look at it)" >&2

# The package: each original as it is, its rendering beside it, both in the BagIt manifest, and the
# packaged manifest says which original each rendering came from and what made it.
listing=$(unzip -Z1 "$pkg")
expect_eq "every original packaged" "$count" "$(grep -c '/data/evidence/' <<<"$listing")"
expect_eq "every rendering packaged" "$count" "$(grep -c '/data/rendered/.*\.pdf$' <<<"$listing")"
expect_contains "rendering path" "$listing" "/data/rendered/3/03-songti.pdf"
manifest=$(unzip -p "$pkg" '*/manifest-sha256.txt')
expect_contains "the rendering is in the BagIt manifest" "$manifest" "data/rendered/3/03-songti.pdf"
expect_contains "the original is in the BagIt manifest" "$manifest" "data/evidence/3/03-songti.docx"
expect_contains "the manifest records the rendering" "$toml" 'rendering = "rendered/3/03-songti.pdf"'
expect_contains "the manifest records the converter" "$toml" 'converter = "LibreOffice 7.'
orig_sha=$(sha256sum "$work/o/files/songti.docx" | cut -d' ' -f1)
expect_contains "the original's SHA-256 beside its rendering" "$(grep -B2 -A8 "$orig_sha" <<<"$toml")" 'rendering = "rendered/3/03-songti.pdf"'
expect_eq "the original byte for byte" "$orig_sha" "$(unzip -p "$pkg" '*/data/evidence/3/03-songti.docx' | sha256sum | cut -d' ' -f1)"

# --- a second build starts no LibreOffice (soffice would fail and say so) and is byte-identical
cat > "$work/bin/no-soffice" <<SH
#!/bin/sh
echo called >> "$work/no-soffice-called"
exit 1
SH
chmod +x "$work/bin/no-soffice"
start=$(date +%s%N)
EVPACK_SOFFICE=$work/bin/no-soffice "$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/out2" >/dev/null 2>"$work/build2.err" \
  || fail "cached build: $(cat "$work/build2.err")"
echo "cached build: $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2
expect_eq "the cached build started no soffice" "no" "$([ -f "$work/no-soffice-called" ] && echo yes || echo no)"
expect_eq "the cached build is byte-identical" "" "$(cmp "$pkg" "$work"/o/out2/*.zip 2>&1)"
expect_eq "its appendix too" "" "$(cmp "$pdf" "$work/o/out2/appendix.pdf" 2>&1)"

# --- two fresh conversions of the same files give the same bytes (dates and /ID fixed)
XDG_CACHE_HOME=$work/cache2 "$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/out3" >/dev/null 2>"$work/build3.err" \
  || fail "fresh build: $(cat "$work/build3.err")"
expect_eq "a fresh conversion gives the same package" "" "$(cmp "$pkg" "$work"/o/out3/*.zip 2>&1)"
expect_eq "no LibreOffice left running" "" "$(ours)"

# --- verify binds the appendix to the renderings, and fails swapped ones
"$EVPACK" keygen --out "$work/key" --name "测试联盟" >/dev/null 2>"$work/keygen.err" || { fail "keygen: $(cat "$work/keygen.err")"; finish; }
"$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/signed" --key "$work/key/key.pem" --cert "$work/key/cert.pem" \
  >/dev/null 2>"$work/signed.err" || { fail "signed build: $(cat "$work/signed.err")"; finish; }
spkg=$(ls "$work"/o/signed/*.zip)
v=$("$EVPACK" verify "$spkg" --trust "$work/key/cert.pem" 2>&1) && pass || fail "verify of the Office package: $v"
expect_contains "appendix pages carry the renderings" "$v" "✓ appendix"
key=("$work/key/key.pem" "$work/key/cert.pem")
top=$(unzip -Z1 "$spkg" | sed -n 1p | cut -d/ -f1)
unzip -p "$spkg" "$top/data/rendered/2/02-mimetype.pdf" > "$work/other-rendering.pdf"
unzip -p "$spkg" "$top/data/evidence/2/02-mimetype.docx" > "$work/other-original.docx"
$PY "$SOURCE_ROOT/tests/e2e/tamper.py" replace "$spkg" "$work/t1.zip" data/rendered/3/03-songti.pdf "$work/other-rendering.pdf" "${key[@]}"
v=$("$EVPACK" verify "$work/t1.zip" --trust "$work/key/cert.pem" 2>&1) && fail "a swapped rendering passed" || pass
expect_contains "a swapped rendering is named" "$v" "data/rendered/3/03-songti.pdf is not the rendering of data/evidence/3/03-songti.docx"
expect_contains "its pages no longer match" "$v" "of data/rendered/3/03-songti.pdf"
$PY "$SOURCE_ROOT/tests/e2e/tamper.py" replace "$spkg" "$work/t2.zip" data/evidence/3/03-songti.docx "$work/other-original.docx" "${key[@]}"
v=$("$EVPACK" verify "$work/t2.zip" --trust "$work/key/cert.pem" 2>&1) && fail "a swapped original passed" || pass
expect_contains "a swapped original is named" "$v" "data/evidence/3/03-songti.docx is not the file that was bound"
$PY "$SOURCE_ROOT/tests/e2e/tamper.py" edit-manifest "$spkg" "$work/t3.zip" 'rendering = "rendered/3/03-songti.pdf"' '' "${key[@]}"
v=$("$EVPACK" verify "$work/t3.zip" --trust "$work/key/cert.pem" 2>&1) && fail "an Office original without rendering passed" || pass
expect_contains "an Office original without its rendering is named" "$v" "data/evidence/3/03-songti.docx is an Office file but data/evpack.toml names no rendering of it"

# ... also when the original's name does not say it is an Office file
$PY "$SOURCE_ROOT/tests/e2e/tamper.py" rename "$work/t3.zip" "$work/t4.zip" data/evidence/3/03-songti.docx data/evidence/3/03-songti.pdf
$PY "$SOURCE_ROOT/tests/e2e/tamper.py" edit-manifest "$work/t4.zip" "$work/t5.zip" 'evidence/3/03-songti.docx' 'evidence/3/03-songti.pdf' "${key[@]}"
v=$("$EVPACK" verify "$work/t5.zip" --trust "$work/key/cert.pem" 2>&1) && fail "an Office original named .pdf without rendering passed" || pass
expect_contains "an Office original named .pdf without its rendering is named" "$v" "data/evidence/3/03-songti.pdf is an Office file but data/evpack.toml names no rendering of it"

# --- Ctrl-C during a conversion: evpack dies of it, LibreOffice's whole group with it, and nothing
# is left in TMPDIR or the cache
rm -rf "$work/cache-int"
XDG_CACHE_HOME=$work/cache-int "$EVPACK" check "$work/o/evpack.toml" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do [ -n "$(pgrep -f "soffice.bin.*$TMPDIR" || true)" ] && break; sleep 0.1; done
[ -n "$(ours)" ] && pass || fail "LibreOffice did not start"
kill -INT "$pid"
rc=0; wait "$pid" || rc=$?
expect_eq "Ctrl-C ends check with the signal" 130 "$rc"
sleep 1
expect_eq "no LibreOffice left after Ctrl-C" "" "$(ours)"
expect_eq "no temporary folder left after Ctrl-C" "" "$(ls -A "$TMPDIR")"
expect_eq "nothing cached by the interrupted run" "0" "$(find "$work/cache-int" -type f 2>/dev/null | wc -l)"

# --- without LibreOffice: check names each Office file and says how to install it
err=$(XDG_CACHE_HOME=$work/empty-cache EVPACK_SOFFICE=$work/none "$EVPACK" check "$work/o/evpack.toml" 2>&1 >/dev/null) && fail "check without LibreOffice passed" || pass
expect_eq "each Office file is an error" "$count" "$(grep -c 'office-no-libreoffice' <<<"$err")"
expect_contains "at its line, with how to install it" "$err" "evpack.toml:7:10: error: 'files/tlm-lt-example.ppt' is a PowerPoint 97 presentation (.ppt/.dps); converting it to PDF needs LibreOffice, which is not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"
finish
