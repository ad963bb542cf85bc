#!/usr/bin/env bash
# Evidence is never covered: full-bleed evidence (a gray scan, a Letter PDF page, a rotated page,
# a landscape photo with a caption) is bound, signed and sealed in both layouts and rendered
# (pdftoppm): inside the area the evidence occupies no pixel is anything but the evidence's own
# gray, and the marks (running mark, page number, caption, the 骑缝章's slice) are there, beside
# it. The slices at the outer edges of the pages, placed side by side, rebuild the seal.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
mkdir -p "$work/l/files"
$PY - "$work/l/files" <<'PY'
import sys, pikepdf
from PIL import Image
d = sys.argv[1]
gray = 128
Image.new("L", (2480, 3508), gray).save(f"{d}/scan.png")                  # A4 at 300 dpi, edge to edge
Image.new("RGB", (4000, 3000), (gray,) * 3).save(f"{d}/photo.jpg", quality=95)  # a landscape photo
Image.new("L", (612, 792), gray).save(f"{d}/letter.pdf", resolution=72)     # a Letter page, edge to edge
pdf = pikepdf.open(f"{d}/letter.pdf")
pdf.pages[0].obj.Rotate = 90
pdf.save(f"{d}/rotated.pdf")
PY
manifest() { # layout
  printf 'form = "shanxi-2025"\ntitle = "铺满的证据"\norganization = "测试"\nlayout = "%s"\n' "$1"
  for i in 1 2 3 4 5 6 7 8; do printf '[[indicator]]\nid = "%s"\nnone = "无"\n' "$i"; done
  printf '[[indicator]]\nid = "9"\n'
  printf '  [[indicator.evidence]]\n  file = "files/%s"\n  title = "%s"\n' scan.png 扫描件 letter.pdf Letter rotated.pdf 旋转
  printf '  [[indicator.evidence]]\n  file = "files/photo.jpg"\n  title = "活动照片"\n  note = "2020 年 6 月 18 日，产业技术论坛现场：联盟理事长致辞，成员单位代表参加"\n'
}
"$EVPACK" keygen --out "$work/key" --name 测试 >/dev/null 2>&1
seal=$TESTDATA/seal/seal.png
for layout in a4 original; do
  manifest "$layout" > "$work/l/$layout.toml"
  "$EVPACK" build -q "$work/l/$layout.toml" -o "$work/l/out-$layout" --key "$work/key/key.pem" --cert "$work/key/cert.pem" \
    --seal "$seal" >/dev/null 2>"$work/l/err" \
    || { fail "build ($layout): $(cat "$work/l/err")"; continue; }
  pdf=$work/l/out-$layout/appendix.pdf
  expect_eq "qpdf --check ($layout)" 0 "$(qpdf --check "$pdf" >/dev/null 2>&1; echo $?)"
  # The evidence pages are the last four: scan, Letter, rotated, photo.
  n=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  pdftoppm -r 72 -gray -f $((n - 3)) -l "$n" "$pdf" "$work/l/$layout"
  result=$($PY - "$work/l/$layout" <<'PY'
import glob, sys
from PIL import Image
out = []
for path in sorted(glob.glob(sys.argv[1] + "-*.pgm")):
    im = Image.open(path)
    w, h = im.size
    px = im.load()
    # The evidence is the rows and columns mostly of its gray (anti-aliased text has some gray
    # pixels too, but never most of a row); its box less a pixel of anti-aliasing at the edges.
    gray = lambda v: 120 <= v <= 136
    rows = [sum(1 for x in range(w) if gray(px[x, y])) for y in range(h)]
    cols = [sum(1 for y in range(h) if gray(px[x, y])) for x in range(w)]
    ys = [y for y in range(h) if rows[y] > max(rows) / 2]
    xs = [x for x in range(w) if cols[x] > max(cols) / 2]
    if not xs or not ys:
        out.append("no-evidence"); continue
    x0, x1, y0, y1 = min(xs) + 1, max(xs) - 1, min(ys) + 1, max(ys) - 1
    covered = sum(1 for x in range(x0, x1) for y in range(y0, y1) if not 120 <= px[x, y] <= 136)
    marks = sum(1 for x in range(w) for y in range(h) if px[x, y] < 100)   # the text of the marks
    out.append("%s:%dx%d:covered=%d:marks=%s" % ("landscape" if w > h else "portrait", x1 - x0, y1 - y0, covered, "yes" if marks > 50 else "no"))
print(" ".join(out))
PY
)
  echo "$layout: $result" >&2
  expect_eq "no pixel of the evidence painted over ($layout)" 4 "$(grep -o 'covered=0:marks=yes' <<<"$result" | wc -l)"
  text=$(pdftotext -f $((n - 3)) -l "$n" "$pdf" -)
  expect_contains "running mark beside the scan ($layout)" "$text" "证明材料 9-1 · 1/1"
  expect_contains "page number ($layout)" "$text" "第 $n 页 / 共 $n 页"
  expect_contains "the photo's note as its caption ($layout)" "$text" "2020 年 6 月 18 日，产业技术论坛现场"
  if [ "$layout" = a4 ]; then
    read -r scan letter rotated photo <<<"$result"
    expect_contains "the scan on an A4 portrait sheet" "$scan" "portrait"
    expect_contains "the rotated page shows landscape" "$rotated" "landscape"
    expect_contains "the photo on a landscape sheet" "$photo" "landscape"
    sizes=$(pdfinfo -f $((n - 3)) -l "$n" "$pdf" | sed 's/  */ /g')
    expect_contains "Letter page on an A4 sheet" "$sizes" "Page $((n - 2)) size: 595.276 x 841.89 pts (A4)"
    expect_contains "rotation kept" "$sizes" "Page $((n - 1)) rot: 90"
  else
    # The page keeps its size: the Letter page's evidence is 612 x 792 pt, the sheet is larger.
    read -r scan letter rotated photo <<<"$result"
    expect_contains "original layout keeps the Letter page's size" "$letter" "portrait:609x790:"
  fi
done
# The 骑缝章: every page after the cover has its slice at the outer (right) edge, on portrait,
# landscape and rotated sheets alike; the strips, joined in page order, are the seal. Groups of
# at most 14 pages (a 42 mm seal at 3 mm a slice), balanced, as the issue states them.
pdf=$work/l/out-a4/appendix.pdf
n=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
pdftoppm -r 200 -f 2 -l "$n" -png "$pdf" "$work/l/fan"
rebuilt=$($PY - "$work/l/fan" "$seal" $((n - 1)) <<'PY'
import glob, math, sys
from PIL import Image
pages = [Image.open(p).convert("RGB") for p in sorted(glob.glob(sys.argv[1] + "-*.png"))]
seal = Image.open(sys.argv[2]).convert("RGBA")
count = int(sys.argv[3])
dpi, d_mm = 200, 42
D = d_mm / 25.4 * dpi
groups = math.ceil(count / 14)
sizes = [count // groups + (1 if g < count % groups else 0) for g in range(groups)]
ink = lambda p: p[0] > 150 and p[1] < 110 and p[2] < 110
k = 0
scores = []
for size in sizes:
    d = min(D, size * 10 / 25.4 * dpi)           # a short group's smaller seal
    w = d / size
    strips = []
    for page in pages[k:k + size]:
        W, H = page.size
        top = round((H - d * seal.height / seal.width) / 2)
        strips.append(page.crop((round(W - w), top, W, top + round(d * seal.height / seal.width))))
        # nothing red left of the outer band: the slice stays in it
        band = round(10 / 25.4 * dpi)
        left = page.crop((0, 0, W - band - 2, H))
        if sum(1 for p in left.getdata() if ink(p)) > 0:
            scores.append(0.0)
    k += size
    joined = Image.new("RGB", (sum(s.width for s in strips), strips[0].height), "white")
    x = 0
    for s in strips:
        joined.paste(s, (x, 0)); x += s.width
    want = seal.resize(joined.size)
    a = [ink(p) for p in joined.getdata()]
    b = [p[3] > 128 and p[0] > 150 for p in want.getdata()]
    both = sum(1 for u, v in zip(a, b) if u and v)
    either = sum(1 for u, v in zip(a, b) if u or v)
    scores.append(both / either if either else 0.0)
print(" ".join("%.2f" % s for s in scores))
PY
)
echo "骑缝章 rebuilt from the page edges, overlap with the seal per group: $rebuilt" >&2
ok=$($PY -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print("yes" if v and min(v) >= 0.8 else "no")' $rebuilt)
expect_eq "the slices, side by side, rebuild the seal (and none leaves the outer band)" yes "$ok"
finish
