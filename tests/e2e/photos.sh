#!/usr/bin/env bash
# Phone and chat photos (HEIC, WebP, GIF, BMP; tests/data/fetch-photos) bound as images, checked
# with tools that are not ours: each page's image, as pdfimages extracts it, has the pixels PIL
# decodes from the original (BMP including RLE8, WebP, GIF's first frame; HEIC against
# heif-convert's PNG), a WebP's EXIF orientation is honoured, check warns that only a GIF's first
# frame is bound, the originals are packaged as they are, verify passes, init picks the photos up
# from a folder, and damaged photos are errors at their manifest line.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
data=$(dirname "$TESTDATA")/photodata
"$SOURCE_ROOT/tests/data/fetch-photos" "$data" || { fail "cannot fetch the photos"; finish; }

photos="logo-rle8.bmp picture-24bit.bmp gradient-8bit.bmp mysha.webp mysha-rotated.webp loading-animated.gif obp.heic"
mkdir -p "$work/p/evidence/1"
for f in $photos; do cp "$data/$f" "$work/p/evidence/1/"; done
# init picks every photo up from the indicator's folder.
"$EVPACK" init --form shanxi-2025 --evidence "$work/p/evidence" -o "$work/p/evpack.toml" >/dev/null 2>"$work/init.err" \
  || { fail "init: $(cat "$work/init.err")"; finish; }
for f in $photos; do expect_contains "init lists $f" "$(cat "$work/p/evpack.toml")" "evidence/1/$f"; done
# The other indicators: 无.
/usr/bin/python3 - "$work/p/evpack.toml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding='utf-8').read()
s = re.sub(r'none = ""', 'none = "无"', s)
s = re.sub(r'^title = ""', 'title = "照片"', s, flags=re.M)
s = re.sub(r'^organization = ""', 'organization = "测试联盟"', s, flags=re.M)
s = s.replace('[[member]]\nname = ""\n', '')
open(p, 'w', encoding='utf-8').write(s)
PY
out=$("$EVPACK" check "$work/p/evpack.toml" 2>"$work/check.err") || { fail "check: $(cat "$work/check.err") $out"; finish; }
expect_contains "check says only the GIF's first frame is bound" "$(cat "$work/check.err")" \
  "'evidence/1/loading-animated.gif' is an animated GIF of 10 frames; only its first frame is bound [gif-first-frame]"
expect_contains "check reports a page per photo" "$out" "7 files, 7 pages"

"$EVPACK" build -q "$work/p/evpack.toml" -o "$work/p/out" >/dev/null 2>"$work/build.err" || { fail "build: $(cat "$work/build.err")"; finish; }
pdf=$work/p/out/appendix.pdf
pkg=$(ls "$work"/p/out/*.zip)
expect_eq "qpdf --check" 0 "$(qpdf --check "$pdf" >/dev/null 2>&1; echo $?)"
toml=$(unzip -p "$pkg" '*/data/evpack.toml')
# Each photo's page: its image, extracted by poppler, against PIL's decoding of the original.
heif-convert "$data/obp.heic" "$work/obp-ref.png" >/dev/null 2>&1 || fail "heif-convert could not decode obp.heic"
for f in $photos; do
  page=$(grep -A8 -- "-$f\"" <<<"$toml" | first_page)
  rm -f "$work"/img-*
  pdfimages -png -f "$page" -l "$page" "$pdf" "$work/img"
  ref=$data/$f
  [ "$f" = obp.heic ] && ref=$work/obp-ref.png
  result=$(/usr/bin/python3 - "$ref" "$work"/img-000.png "$f" <<'PY'
import sys
from PIL import Image, ImageChops, ImageOps
ref, got, name = sys.argv[1], Image.open(sys.argv[2]).convert('RGB'), sys.argv[3]
im = Image.open(ref)
im.seek(0)  # a GIF's first frame
if im.mode in ('RGBA', 'LA', 'P') and ('transparency' in im.info or im.mode != 'P'):
    im = im.convert('RGBA')
    white = Image.new('RGBA', im.size, (255, 255, 255, 255))
    im = Image.alpha_composite(white, im)
im = ImageOps.exif_transpose(im).convert('RGB')  # the orientation a viewer shows
if im.size != got.size:
    print(f'size {got.size} where the original shows {im.size}')
else:
    diff = ImageChops.difference(im, got)
    worst = max(b[1] for b in diff.getextrema())
    print('same' if worst <= 2 else f'differs by up to {worst}')
PY
)
  expect_eq "page $page carries $f's pixels" "same" "$result"
done
# The originals are packaged byte for byte.
for f in $photos; do
  sum=$(sha256sum "$data/$f" | cut -d' ' -f1)
  expect_contains "$f packaged as it is" "$(unzip -p "$pkg" '*/manifest-sha256.txt')" "$sum"
done
"$EVPACK" keygen --out "$work/key" --name "测试联盟" >/dev/null 2>&1 || { fail "keygen"; finish; }
"$EVPACK" build -q "$work/p/evpack.toml" -o "$work/p/signed" --key "$work/key/key.pem" --cert "$work/key/cert.pem" >/dev/null 2>&1 \
  || { fail "signed build"; finish; }
v=$("$EVPACK" verify "$(ls "$work"/p/signed/*.zip)" --trust "$work/key/cert.pem" 2>&1) && pass || fail "verify: $v"
expect_contains "verify accounts for the photos' pages" "$v" "(7 re-encoded images checked by checksum only)"

# Damaged photos: errors at their line, nothing built.
mkdir -p "$work/d/files"
cp "$data/damaged-park.heic" "$work/d/files/"
head -c 3000 "$data/mysha.webp" > "$work/d/files/cut.webp"
head -c 2000 "$data/loading-animated.gif" > "$work/d/files/cut.gif"
head -c 5000 "$data/picture-24bit.bmp" > "$work/d/files/cut.bmp"
{
  printf 'form = "shanxi-2025"\ntitle = "t"\norganization = "o"\n[[indicator]]\nid = "1"\n'
  for f in damaged-park.heic cut.webp cut.gif cut.bmp; do printf '  [[indicator.evidence]]\n  file = "files/%s"\n  title = "照片"\n' "$f"; done
  for i in 2 3 4 5 6 7 8 9; do printf '[[indicator]]\nid = "%s"\nnone = "无"\n' "$i"; done
} > "$work/d/evpack.toml"
err=$("$EVPACK" build -q "$work/d/evpack.toml" -o "$work/d/out" 2>&1) && fail "damaged photos built" || pass
expect_contains "a cut-short HEIC is named" "$err" "evpack.toml:7:10: error: 'files/damaged-park.heic': the HEIF image cannot be read"
expect_contains "a cut-short WebP is named" "$err" "evpack.toml:10:10: error: 'files/cut.webp': the WebP image is truncated"
expect_contains "a cut-short GIF is named" "$err" "evpack.toml:13:10: error: 'files/cut.gif': the GIF image is damaged"
expect_contains "a cut-short BMP is named" "$err" "evpack.toml:16:10: error: 'files/cut.bmp': the BMP image is truncated"
expect_eq "nothing built" "" "$(ls -A "$work/d/out" 2>/dev/null)"
finish
