#!/usr/bin/env bash
# evpack build, checked with tools that are not ours: qpdf, pdfinfo, pdftotext, pdftoppm.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200

# --- the shipped Guangzhou example
cp -a "$SOURCE_ROOT/manifest/examples/guangzhou" "$work/gz"
out=$("$EVPACK" build "$work/gz/evpack.toml" -o "$work/gz/out" 2>"$work/err") || { cat "$work/err" >&2; fail "build of the example"; finish; }
expect_contains "build reports the file" "$out" "appendix.pdf: 41 pages, 7 documents"
pdf=$work/gz/out/appendix.pdf
expect_eq "qpdf --check" 0 "$(qpdf --check "$pdf" >/dev/null 2>&1; echo $?)"
info=$(pdfinfo "$pdf")
expect_contains "page count" "$info" "Pages:           41"
expect_contains "title metadata (UTF-16)" "$info" "Title:           某某产业技术创新联盟 2020 年度自评材料 · 证明材料"
expect_contains "author metadata" "$info" "Author:          某某产业技术创新联盟"
expect_contains "creation date from SOURCE_DATE_EPOCH" "$info" "CreationDate:    Fri Jan  1 00:00:00 2021 UTC"

# The TOC names every indicator with its page range; the divider of each is on that page.
toc=$(pdftotext -f 2 -l 4 -layout "$pdf" -)
for i in $(seq 1 25); do
  expect_contains "TOC names indicator $i" "$toc" "指标 $i "
done
expect_contains "TOC range of indicator 1" "$toc" "5–7"
expect_contains "TOC marks 3-member joint work" "$toc" "★3 家成员联合"
expect_contains "TOC shows 无 with its reason" "$toc" "无：本年度无风投创投融资"
range=$(echo "$toc" | grep -E '指标 10 ' | grep -oE '[0-9]+–[0-9]+' | head -1)
first=${range%–*}
expect_contains "indicator 10's divider is on page $first" "$(pdftotext -f "$first" -l "$first" "$pdf" -)" "指标 10"
# Documents are numbered; one cited from another indicator (see) is not bound twice but listed
# with the pages of the original; scores add up on the cover and in the 目录.
expect_contains "TOC numbers documents" "$(echo "$toc" | tr -s " ")" "10-1 某关键材料联合攻关项目合同"
cited=$(echo "$toc" | grep -E '^ *10-1 ' | grep -oE '[0-9]+–[0-9]+' | head -1)
expect_contains "TOC lists the citation with the cited pages" "$(echo "$toc" | grep '见 10-1')" "$cited"
expect_contains "TOC shows the total self-score" "$toc" "自评总分：46 / 150 分"
expect_contains "TOC shows a group's self-score" "$toc" "日常运作情况（35 分，自评 16 分）"
cover=$(pdftotext -f 1 -l 1 "$pdf" -)
expect_contains "cover shows the total self-score" "$cover" "自评总分：46 / 150 分"
expect_contains "cover shows each group's" "$cover" "创新活动及创新绩效情况：28 / 75 分"
d11=$(echo "$toc" | grep -E '指标 11 ' | grep -oE '[0-9]+–[0-9]+' | head -1)
divider=$(pdftotext -f "${d11%–*}" -l "${d11%–*}" "$pdf" -)
expect_contains "divider prints the 简要说明" "$divider" "联合申报市科技计划项目 1 项并获立项"
expect_contains "divider prints the self-score" "$divider" "自评分：8 / 10 分"
expect_contains "divider lists the citation" "$(echo "$divider" | tr -s " ")" "见 10-1 某关键材料联合攻关项目合同"
expect_contains "divider prints a document's note" "$divider" "立项项目的联合攻关合同"
links=$($PY -c 'import sys, pikepdf
p = pikepdf.open(sys.argv[1]); target = p.pages[int(sys.argv[2]) - 1].objgen
print(sum(1 for pg in p.pages for a in pg.obj.get("/Annots", []) if "/Dest" in a and a.Dest[0].objgen == target))' "$pdf" "${cited%–*}")
expect_eq "目录 and dividers link to 10-1 (its row and the citation, on both)" 4 "$links"
photo=$(echo "$toc" | grep -E '^ *4-1 ' | grep -oE '[0-9]+$' | head -1)
expect_contains "a photo's note is its caption" "$(pdftotext -f "$photo" -l "$photo" "$pdf" -)" "论坛现场：联盟理事长致辞"
# Page numbers and running marks are real text.
expect_contains "page number stamp" "$(pdftotext -f 6 -l 6 "$pdf" -)" "第 6 页 / 共 41 页"
expect_contains "running mark: document number, page of pages" "$(pdftotext -f 6 -l 6 "$pdf" -)" "证明材料 1-1 · 1/2"
expect_contains "imported page keeps its text" "$(pdftotext -f 6 -l 6 "$pdf" -)" "Office lease, page 1"
expect_eq "cover carries no page number" "" "$(pdftotext -f 1 -l 1 "$pdf" - | grep -c '第 1 页' | sed 's/^0$//')"

# Bookmarks: cover, TOC, groups → indicators → documents → the source's own bookmarks.
outline=$(qpdf --json --json-key=outlines "$pdf" | $PY -c '
import json, sys
def walk(items, depth):
    for it in items:
        print("  " * depth + it["title"] + " -> " + str(it["destpageposfrom1"]))
        walk(it["kids"], depth + 1)
walk(json.load(sys.stdin)["outlines"], 0)')
expect_contains "outline: cover" "$outline" "封面 -> 1"
expect_contains "outline: TOC" "$outline" "目录 -> 2"
expect_contains "outline: group" "$outline" "三 创新活动及创新绩效情况 -> $first"
expect_contains "outline: numbered document" "$outline" "    1-1 办公场所租赁合同 -> 6"
expect_contains "outline: source bookmarks kept" "$outline" "      Meetings -> 10"

# The generated pages use an embedded subset CJK font, not the whole font.
fonts=$(pdffonts "$pdf")
expect_contains "CJK font embedded as a subset" "$fonts" "+WenQuanYiMicroHei"
size=$(stat -c %s "$pdf")
[ "$size" -lt 600000 ] && pass || fail "appendix is $size bytes: the font was not subset"

# A generated page renders to something that is not blank.
pdftoppm -r 30 -gray -f 2 -l 2 "$pdf" "$work/toc"
ink=$($PY -c 'import sys; from PIL import Image; im=Image.open(sys.argv[1]); print(sum(1 for p in im.getdata() if p < 128))' "$work"/toc*.pgm)
[ "$ink" -gt 500 ] && pass || fail "TOC page renders blank ($ink dark pixels)"

# Same inputs, same SOURCE_DATE_EPOCH: byte-identical.
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/gz/out2" >/dev/null 2>&1
expect_eq "reproducible" "same" "$(cmp -s "$pdf" "$work/gz/out2/appendix.pdf" && echo same || echo differ)"

# --- every awkward kind of input the generator makes
setup_case all
cat > "$work/all/evpack.toml" <<'TOML'
form = "shanxi-2025"
title = "全部样例"
organization = "测试"
[[indicator]]
id = "1"
  [[indicator.evidence]]
  file = "files/mixed.pdf"
  title = "混合页面"
  [[indicator.evidence]]
  file = "files/rotated-exif.jpg"
  title = "EXIF 旋转"
  [[indicator.evidence]]
  file = "files/alpha.png"
  title = "透明 PNG"
  [[indicator.evidence]]
  file = "files/palette.png"
  title = "调色板 PNG"
  [[indicator.evidence]]
  file = "files/scans-g4.tif"
  title = "G4 TIFF"
  [[indicator.evidence]]
  file = "files/damaged-xref.pdf"
  title = "损坏"
  [[indicator.evidence]]
  file = "files/owner-only.pdf"
  title = "所有者密码"
  [[indicator.evidence]]
  file = "files/g4-strips.tif"
  title = "多条带 G4"
TOML
for i in 2 3 4 5 6 7 8 9; do printf '[[indicator]]\nid = "%s"\nnone = "无"\n' $i >> "$work/all/evpack.toml"; done
"$EVPACK" build -q "$work/all/evpack.toml" -o "$work/all/out" >/dev/null 2>"$work/all/err" || fail "build of awkward inputs: $(cat "$work/all/err")"
pdf=$work/all/out/appendix.pdf
expect_contains "repaired input is reported" "$(cat "$work/all/err")" "pdf-repaired"
expect_eq "qpdf --check on awkward inputs" 0 "$(qpdf --check "$pdf" >/dev/null 2>&1; echo $?)"
sizes=$(pdfinfo -f 4 -l 20 "$pdf" | grep -E 'Page +[0-9]+ (size|rot)')
# mixed.pdf is pages 4-9: A4, Letter, A4 landscape, rotated 90, inherited box, offset origin.
# Each is placed on an A4 sheet of its shape.
expect_contains "Letter page on an A4 sheet" "$sizes" "Page    5 size:  595.276 x 841.89 pts (A4)"
expect_contains "landscape page on a landscape sheet" "$sizes" "Page    6 size:  841.89 x 595.276 pts (A4)"
expect_contains "rotation kept" "$sizes" "Page    7 rot:   90"
expect_contains "inherited MediaBox made explicit" "$sizes" "Page    8 size:  595.276 x 841.89 pts (A4)"
expect_contains "offset origin page keeps its text" "$(pdftotext -f 9 -l 9 "$pdf" -)" "Offset origin"
expect_contains "EXIF orientation 6 gives a portrait page" "$sizes" "Page   10 size:  595.276 x 841.89 pts (A4)"
expect_contains "landscape image on a landscape page" "$sizes" "Page   11 size:  841.89 x 595.276 pts (A4)"
expect_contains "every TIFF frame is a page" "$sizes" "Page   15 size:  841.89 x 595.276 pts (A4)"
expect_contains "rotated page's stamp reads upright" "$(pdftotext -f 7 -l 7 "$pdf" -)" "第 7 页 / 共"
images=$(pdfimages -list "$pdf")
expect_contains "JPEG embedded as DCT, not re-encoded" "$images" "jpeg"
expect_contains "alpha becomes a soft mask" "$images" "smask"
# Bilevel TIFF stays G4: one-strip frames passed through, the multi-strip scan re-encoded to one
# strip. Extracted again, every G4 image must equal its source frame pixel for pixel.
expect_eq "four G4 images in the appendix" 4 "$(grep -c ' ccitt ' <<<"$images")"
mkdir -p "$work/all/g4"
for page in $(awk '$9 == "ccitt" { print $1 }' <<<"$images"); do
  pdfimages -f "$page" -l "$page" -png "$pdf" "$work/all/g4/p$page"
done
same=$(/usr/bin/python3 - "$work/all/g4" "$work/all/files/scans-g4.tif" "$work/all/files/g4-strips.tif" <<'PY'
import sys, glob
from PIL import Image, ImageChops
frames = []
for path in sys.argv[2:]:
    im = Image.open(path)
    for i in range(getattr(im, 'n_frames', 1)):
        im.seek(i); frames.append(im.convert('L'))
got = [Image.open(p).convert('L') for p in sorted(glob.glob(sys.argv[1] + '/*.png'))]
print(sum(1 for a, b in zip(frames, got) if a.size == b.size and ImageChops.difference(a, b).getbbox() is None), 'of', len(frames))
PY
)
expect_eq "G4 images decode to their source frames" "4 of 4" "$same"

# --- TIFFs read through libtiff's RGBA reader, band by band: each page's image must equal its
# source as shown (palette in colour, 16-bit's high byte, the bottom-up scan turned upright, tiles).
setup_case rgba
{ printf 'form = "shanxi-2025"\ntitle = "t"\norganization = "o"\n[[indicator]]\nid = "1"\n'
  for f in palette gray16 cmyk bottom-up tiled; do printf '  [[indicator.evidence]]\n  file = "files/%s.tif"\n  title = "%s"\n' $f $f; done
  for i in 2 3 4 5 6 7 8 9; do printf '[[indicator]]\nid = "%s"\nnone = "无"\n' $i; done
} > "$work/rgba/evpack.toml"
"$EVPACK" build -q "$work/rgba/evpack.toml" -o "$work/rgba/out" >/dev/null 2>"$work/rgba/err" || fail "build of RGBA-path TIFFs: $(cat "$work/rgba/err")"
pdfimages -png "$work/rgba/out/appendix.pdf" "$work/rgba/img"
same=$(/usr/bin/python3 - "$work/rgba" <<'PY'
import sys, glob
from PIL import Image, ImageChops
d = sys.argv[1]
got = [Image.open(p) for p in sorted(glob.glob(d + '/img-*.png'))]
if len(got) != 5:
    print('images:', len(got)); sys.exit()
src = lambda name: Image.open(f'{d}/files/{name}.tif')
want = [src('palette').convert('RGB'), src('gray16').convert('I').point(lambda v: v / 257).convert('L'), None,
        Image.open(f'{d}/files/bottom-up-upright.png'), Image.open(f'{d}/files/bottom-up-upright.png')]
out = []
for name, w, g in zip(['palette', 'gray16', 'cmyk', 'bottom-up', 'tiled'], want, got):
    if w is None:  # CMYK: libtiff's and PIL's conversions to RGB differ; size and colour only
        ok = g.mode == 'RGB' and g.size == src(name).size
    else:
        ok = g.mode == w.mode and g.size == w.size and ImageChops.difference(g, w).getbbox() is None
    out.append(name + (' ok' if ok else ' differs'))
print(', '.join(out))
PY
)
expect_eq "RGBA-path TIFFs decode to their sources" "palette ok, gray16 ok, cmyk ok, bottom-up ok, tiled ok" "$same"

# --- 600+ pages: PoDoFo's page cache frees PdfPage objects as pages are added (this crashed once)
setup_case many
{ printf 'form = "shanxi-2025"\ntitle = "t"\norganization = "o"\n[[indicator]]\nid = "1"\n'
  for i in $(seq 1 50); do
    cp "$work/many/files/twelve.pdf" "$work/many/files/t$i.pdf"; printf '%% copy %d\n' "$i" >> "$work/many/files/t$i.pdf"
    printf '  [[indicator.evidence]]\n  file = "files/t%d.pdf"\n  title = "t%d"\n' "$i" "$i"
  done
  for i in 2 3 4 5 6 7 8 9; do printf '[[indicator]]\nid = "%s"\nnone = "无"\n' "$i"; done; } > "$work/many/evpack.toml"
rc=0; "$EVPACK" build -q "$work/many/evpack.toml" -o "$work/many/out" >/dev/null 2>&1 || rc=$?
expect_eq "a 600-page appendix builds" 0 "$rc"
# cover + 目录 (it continues: "目录（续）") + 9 dividers + 600 evidence pages
toc_pages=1
while pdftotext -f $((toc_pages + 2)) -l $((toc_pages + 2)) "$work/many/out/appendix.pdf" - | grep -q '目录（续）'; do
  toc_pages=$((toc_pages + 1))
done
expect_eq "the 目录 continues onto a second page" 2 "$toc_pages"
counts=$($PY - "$work/many/out/appendix.pdf" <<'PY'
import re, subprocess, sys
pages = subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, text=True).stdout.split("\f")[:-1]
evidence = sum(1 for p in pages if re.search(r"证明材料 1-\d+ · \d+/12", p))
continued = sum(1 for p in pages if "印证材料 1（续）" in p)
print(len(pages), evidence, continued)
PY
)
read -r total evidence continued <<<"$counts"
expect_eq "every evidence page is bound, with its running mark" 600 "$evidence"
expect_eq "the divider listing 50 documents continues on a second page" 1 "$continued"
expect_eq "and nothing else: cover, 目录, 9 dividers (one continued)" $((600 + 1 + toc_pages + 9 + continued)) "$total"

# --- failures leave nothing behind
setup_case fail
cat > "$work/fail/evpack.toml" <<'TOML'
form = "shanxi-2025"
title = "t"
organization = "o"
[[indicator]]
id = "1"
  [[indicator.evidence]]
  file = "files/truncated.pdf"
  title = "坏"
TOML
rc=0; "$EVPACK" build -q "$work/fail/evpack.toml" -o "$work/fail/out" >/dev/null 2>"$work/fail/err" || rc=$?
expect_eq "build stops on check errors" 1 "$rc"
expect_contains "and prints them" "$(cat "$work/fail/err")" "evpack.toml:7:10: error:"
[ ! -e "$work/fail/out" ] && pass || fail "output folder left behind after check errors"

# An evidence file changed between check and build: no partial file, previous output untouched.
mkdir -p "$work/gz/prev" && echo previous > "$work/gz/prev/appendix.pdf"
cp "$TESTDATA/files/garbage.pdf" "$work/gz/evidence/11/project-approval.pdf.new"
rc=0; "$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/gz/prev" >/dev/null 2>&1 || rc=$?
expect_eq "a healthy rebuild over a previous output" 0 "$rc"
chmod 000 "$work/gz/prev" 2>/dev/null
if [ "$(id -u)" -ne 0 ]; then
  rc=0; "$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/gz/prev" >/dev/null 2>"$work/err" || rc=$?
  expect_eq "unwritable output folder is an I/O error" 2 "$rc"
fi
chmod 755 "$work/gz/prev"
rc=0; "$EVPACK" build -q "$work/gz/evpack.toml" -o /proc/evpack-cannot-be-here >/dev/null 2>"$work/err" || rc=$?
expect_eq "uncreatable output folder is an I/O error" 2 "$rc"
expect_contains "naming the folder" "$(cat "$work/err")" "/proc/evpack-cannot-be-here"

# Progress: drawn on a terminal (script(1) gives the command one), never into a file or with -q.
script -qec "stty cols 200; '$EVPACK' build '$work/gz/evpack.toml' -o '$work/gz/tty'" /dev/null > "$work/tty.txt" 2>&1
tty=$(tr '\r' '\n' < "$work/tty.txt")
expect_contains "build progress counts files on a terminal" "$tty" "/7 files"
expect_contains "package progress counts megabytes" "$tty" "package ["
expect_contains "package progress unit" "$tty" " MB"
script -qec "'$EVPACK' build -q '$work/gz/evpack.toml' -o '$work/gz/tty'" /dev/null > "$work/tty.txt" 2>&1
expect_eq "no progress with -q" 0 "$(grep -c 'files' "$work/tty.txt")"
expect_eq "no progress when stderr is a file" 0 "$(grep -c 'files\|package \[' "$work/err")"

finish
