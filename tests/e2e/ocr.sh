#!/usr/bin/env bash
# build --ocr on scans made from real documents that nobody here made (tests/data/fetch-real-pdfs:
# a page of the Debian Reference in Chinese as a 300-dpi PNG scan; a page of "An Introduction to
# R" as a JPEG turned on its side with an EXIF orientation, as a WebP, and as a PDF page stored on
# its side with /Rotate 90; two Debian Reference
# pages rasterised by Ghostscript into an image-only PDF), bound beside the text PDF of those same
# two pages. Checked with tools that are not ours: pdftotext finds the pages' words, pdftotext
# -bbox puts the image-only pages' words where the text PDF has them, pdftoppm sees not one pixel
# changed, verify passes; text pages are left alone; a rebuild reads nothing again and is
# byte-identical; missing language data is a clear error that leaves nothing behind.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
export EVPACK_CACHE_DIR=$work/cache
real=$(dirname "$TESTDATA")/realdata
"$SOURCE_ROOT/tests/data/fetch-real-pdfs" "$real" || { fail "cannot fetch the real PDFs"; finish; }

f=$work/o/files
mkdir -p "$f"
zh=$real/debian-reference-zh-cn.pdf
pdftoppm -f 30 -l 30 -r 300 -gray -png -singlefile "$zh" "$f/zh-scan"
qpdf --empty --pages "$zh" 31-32 -- "$f/text-pages.pdf"
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfimage8 -r300 -sOutputFile="$f/image-only.pdf" "$f/text-pages.pdf"
pdftoppm -f 9 -l 9 -r 200 -gray -png -singlefile "$real/R-intro.pdf" "$work/en"
$PY - "$work/en.png" "$f" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert('L')
# Stored turned a quarter counter-clockwise; EXIF orientation 6: "turn it clockwise to show it".
exif = Image.Exif()
exif[0x0112] = 6
im.transpose(Image.Transpose.ROTATE_90).save(sys.argv[2] + '/en-turned.jpg', quality=90, exif=exif.tobytes())
im.save(sys.argv[2] + '/en.webp', quality=90)
PY
# The turned JPEG as a PDF page that says /Rotate 90: shown upright, read upright.
$PY - "$f/en-turned.jpg" "$f/turned-page.pdf" <<'PY'
import sys, pikepdf
from PIL import Image
w, h = Image.open(sys.argv[1]).size
pdf = pikepdf.new()
img = pikepdf.Stream(pdf, open(sys.argv[1], 'rb').read(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                     Width=w, Height=h, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                     Filter=pikepdf.Name.DCTDecode)
pw, ph = w * 72 / 200, h * 72 / 200
page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, pw, ph], Rotate=90,
                          Contents=pikepdf.Stream(pdf, f'q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q'.encode()),
                          Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=img)))
pdf.pages.append(pikepdf.Page(page))
pdf.save(sys.argv[2])
PY
{
  printf 'form = "shanxi-2025"\ntitle = "扫描件"\norganization = "测试联盟"\n[[indicator]]\nid = "1"\n'
  for d in zh-scan.png:中文扫描件 en-turned.jpg:"Turned scan" en.webp:"WebP scan" turned-page.pdf:"Turned PDF page" image-only.pdf:只有图像的PDF text-pages.pdf:文字PDF; do
    printf '  [[indicator.evidence]]\n  file = "files/%s"\n  title = "%s"\n' "${d%%:*}" "${d#*:}"
  done
  for i in 2 3 4 5 6 7 8 9; do printf '[[indicator]]\nid = "%s"\nnone = "无"\n' "$i"; done
} > "$work/o/evpack.toml"
# Appendix pages: cover, 目录, divider 1, then zh 4, turned JPEG 5, WebP 6, turned PDF page 7,
# image-only 8-9, text 10-11.
"$EVPACK" keygen --out "$work/key" --name "测试联盟" >/dev/null 2>&1

# Missing language data: a usage error naming the packages; nothing is written.
out=$(TESSDATA_PREFIX=$work/no-tessdata "$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/none" --ocr 2>&1) && st=0 || st=$?
expect_eq "missing language data: exit 2" 2 "$st"
expect_contains "missing language data: what to install" "$out" "apt-get install tesseract-ocr-chi-sim tesseract-ocr-eng"
expect_eq "missing language data: nothing written" "" "$(ls "$work/o/none" 2>/dev/null)"

start=$(date +%s.%N)
out=$("$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/ocr" --ocr 2>"$work/err") || { fail "build --ocr: $(cat "$work/err")"; finish; }
first=$($PY -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
echo "build --ocr of 6 scanned pages (and 2 text pages): ${first} s" >&2
expect_contains "6 scanned pages read, the text PDF's 2 pages left alone" "$out" \
  "OCR: 6 pages scanned (6 read now, 0 from the cache), text found on 6; 2 pages had text of their own"
expect_eq "no warnings (but that it is unsigned)" "" "$(grep -v 'the package is unsigned' "$work/err" || true)"
pdf=$work/o/ocr/appendix.pdf
"$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/plain" >/dev/null 2>&1 || fail "build without --ocr"
expect_eq "qpdf --check" 0 "$(qpdf --check "$pdf" >/dev/null 2>&1; echo $?)"
expect_eq "MuPDF draws it without a complaint" "" "$(mutool draw -o /dev/null "$pdf" 2>&1 | grep -v -e "^page " -e "ICC support" || true)"

# The words of each scan, as pdftotext reads them from the appendix, against the source's text.
for spec in "4 $zh 30" "5 $real/R-intro.pdf 9" "6 $real/R-intro.pdf 9" "7 $real/R-intro.pdf 9" "8 $zh 31" "9 $zh 32"; do
  set -- $spec
  pdftotext -f "$1" -l "$1" "$pdf" "$work/got.txt"
  pdftotext -f "$3" -l "$3" "$2" "$work/want.txt"
  score=$($PY - "$work/want.txt" "$work/got.txt" <<'PY'
import re, sys
from collections import Counter
want, got = (open(p, encoding='utf-8').read() for p in sys.argv[1:3])
def units(s):  # Chinese characters one by one, Latin words whole
    return Counter(re.findall(r'[\u4e00-\u9fff]|[A-Za-z]{2,}', s))
w, g = units(want), units(got)
print(f'{sum((w & g).values()) / max(1, sum(w.values())):.2f}')
PY
)
  echo "appendix page $1: $score of the source's words found" >&2
  # Page 9 (the Debian Reference's page 32) ends in a table on shaded rows, which Tesseract reads
  # worst; the others are plain text.
  expect_eq "page $1: at least 80% of the source's words are searchable" 1 "$($PY -c "print(int($score >= 0.8))")"
  total=$($PY -c "print(${total:-0} + $score)")
done
expect_eq "the scans: at least 95% of the source's words on average" 1 "$($PY -c "print(int($total / 6 >= 0.95))")"
p4=$(pdftotext -f 4 -l 4 "$pdf" -)
expect_contains "a Chinese phrase on the PNG scan" "$p4" "现在，你就在 shell 下。"
p5=$(pdftotext -f 5 -l 5 "$pdf" -)
expect_contains "an English sentence on the turned JPEG, read upright" "$p5" "Most classical statistics and much of the latest methodology"
expect_contains "the turned PDF page, read upright" "$(pdftotext -f 7 -l 7 "$pdf" -)" "Most classical statistics"
expect_contains "a Chinese heading on the image-only PDF" "$(pdftotext -f 8 -l 8 "$pdf" -)" "虚拟控制台"

# Where the words are: each word of an image-only page sits where the same word is on the text
# PDF's page bound after it (the same page, placed the same way): on its line, and along it
# within a few points (a run's characters are spread over its box by their kind).
geometry=$($PY - "$pdf" <<'PY'
import re, subprocess, sys, statistics
def words(page):
    html = subprocess.run(['pdftotext', '-f', str(page), '-l', str(page), '-bbox', sys.argv[1], '-'],
                          capture_output=True, text=True, check=True).stdout
    out = {}
    for x0, y0, x1, y1, w in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html):
        if re.fullmatch(r'[A-Za-z0-9().:/-]{3,}', w):
            out.setdefault(w, []).append(((float(x0) + float(x1)) / 2, (float(y0) + float(y1)) / 2))
    return out
dx, dy = [], []
for scan, text in ((8, 10), (9, 11)):
    a, b = words(scan), words(text)
    for w in a:
        if len(a[w]) == 1 and len(b.get(w, [])) == 1:
            dx.append(abs(a[w][0][0] - b[w][0][0]))
            dy.append(abs(a[w][0][1] - b[w][0][1]))
print(len(dx), f'{statistics.median(dx):.1f}', f'{statistics.median(dy):.1f}')
PY
)
echo "image-only pages: words matched, median distance across and down (pt): $geometry" >&2
set -- $geometry
expect_eq "image-only pages: enough words to compare" 1 "$([ "$1" -ge 20 ] && echo 1 || echo 0)"
expect_eq "image-only pages: words on their line (median within 1.5 pt)" 1 "$($PY -c "print(int($3 <= 1.5))")"
expect_eq "image-only pages: words along their line (median within 2 pt)" 1 "$($PY -c "print(int($2 <= 2))")"

# Not one pixel of any page changes: the layer is invisible.
pdftoppm -r 60 "$pdf" "$work/with"
pdftoppm -r 60 "$work/o/plain/appendix.pdf" "$work/without"
changed=0
for a in "$work"/with-*.ppm; do cmp -s "$a" "${a/with-/without-}" || changed=$((changed + 1)); done
expect_eq "no page looks different with the text layer" 0 "$changed"
expect_eq "the text PDF's pages are not given a second text" \
  "$(pdftotext -f 10 -l 11 "$work/o/plain/appendix.pdf" - | md5sum)" "$(pdftotext -f 10 -l 11 "$pdf" - | md5sum)"

# A rebuild reads nothing again, and gives the same bytes; a damaged cache entry is read again.
out=$("$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/again" --ocr 2>&1) || fail "rebuild: $out"
expect_contains "rebuild: every page from the cache" "$out" "(0 read now, 6 from the cache), text found on 6"
expect_eq "rebuild: byte-identical appendix" "$(sha256sum < "$pdf")" "$(sha256sum < "$work/o/again/appendix.pdf")"
entry=$(grep -l '^runs' "$work"/cache/*.ocr | head -1)
head -c 40 "$entry" > "$entry.cut" && mv "$entry.cut" "$entry"
out=$("$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/third" --ocr 2>&1) || fail "build after a damaged cache entry: $out"
expect_contains "a damaged cache entry is read again" "$out" "(1 read now, 5 from the cache), text found on 6"
expect_eq "... with the same result" "$(sha256sum < "$pdf")" "$(sha256sum < "$work/o/third/appendix.pdf")"

# Signed: verify binds every evidence page of the OCRed appendix as it does without a layer.
"$EVPACK" build -q "$work/o/evpack.toml" -o "$work/o/signed" --ocr --key "$work/key/key.pem" --cert "$work/key/cert.pem" \
  >/dev/null 2>"$work/err" || fail "signed build --ocr: $(cat "$work/err")"
out=$("$EVPACK" verify --trust "$work/key/cert.pem" "$work"/o/signed/*.zip 2>&1) || fail "verify: $out"
expect_contains "verify: every evidence page carries its original content" "$out" \
  "19 pages; bookmarks point at the recorded ranges; 7 evidence pages carry their original content (1 re-encoded image checked by checksum only)"
expect_contains "verify: OK" "$out" "is intact, signed by a trusted signer, and complete"
finish
