#!/usr/bin/env bash
# Real PDFs that nobody here made (Debian's manuals: pdfTeX, XeTeX, dvipdfm, texinfo, Ghostscript
# and LibreOffice output), bound and checked with tools that are not ours: every source bookmark
# keeps its title and points at its page of the appendix (pikepdf), every internal link still
# resolves (MuPDF), verify compares the bookmarks with the originals, and the marks never cover
# the evidence (pdftoppm).
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
real=$(dirname "$TESTDATA")/realdata
"$SOURCE_ROOT/tests/data/fetch-real-pdfs" "$real" || { fail "cannot fetch the real PDFs"; finish; }

mkdir -p "$work/real/files"
cp "$real"/*.pdf "$work/real/files/"
# Owner-password copies (no password to open, restrictions to drop), bound last: verify must
# account for every page of them (it once left one page over).
qpdf --encrypt "" owner 256 -- "$real/R-data.pdf" "$work/real/files/zz-owner-aes.pdf"
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- "$real/R-data.pdf" "$work/real/files/zz-owner-rc4.pdf"
docs=$(cd "$work/real/files" && ls *.pdf)
{
  printf 'form = "shanxi-2025"\ntitle = "真实文档"\norganization = "测试联盟"\n[[indicator]]\nid = "1"\n'
  for f in $docs; do printf '  [[indicator.evidence]]\n  file = "files/%s"\n  title = "%s"\n' "$f" "${f%.pdf}"; done
  for i in 2 3 4 5 6 7 8 9; do printf '[[indicator]]\nid = "%s"\nnone = "无"\n' "$i"; done
} > "$work/real/evpack.toml"
"$EVPACK" keygen --out "$work/key" --name "测试联盟" >/dev/null 2>&1
"$EVPACK" build -q "$work/real/evpack.toml" -o "$work/real/out" --key "$work/key/key.pem" --cert "$work/key/cert.pem" \
  >/dev/null 2>"$work/real/err" || { fail "build of real PDFs: $(cat "$work/real/err")"; finish; }
pdf=$work/real/out/appendix.pdf
expect_eq "qpdf --check" 0 "$(qpdf --check "$pdf" >/dev/null 2>&1; echo $?)"

# Every source bookmark, by pikepdf: same title, same tree, pointing at the page of the appendix
# that holds its target page of the source.
report=$($PY - "$pdf" "$work/real/files" $docs <<'PY'
import sys, pikepdf
appendix = pikepdf.open(sys.argv[1])
page_no = {p.objgen: k + 1 for k, p in enumerate(appendix.pages)}

def target(pdf, item, pages):
    dest = item.destination
    if dest is None and item.action is not None and item.action.get("/S") == "/GoTo":
        dest = item.action.D
    # pikepdf resolves neither names nor /D dictionaries: do it here, independently of evpack.
    for _ in range(4):
        if isinstance(dest, (pikepdf.String, pikepdf.Name)):
            key = str(dest)
            dest = None
            if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
                dest = pikepdf.NameTree(pdf.Root.Names.Dests).get(key)
            if dest is None and "/Dests" in pdf.Root:
                dest = pdf.Root.Dests.get("/" + key.lstrip("/"))
        elif isinstance(dest, pikepdf.Dictionary):
            dest = dest.get("/D")
        else:
            break
    if isinstance(dest, pikepdf.Array) and len(dest) and isinstance(dest[0], pikepdf.Dictionary):
        return pages.get(dest[0].objgen)
    return None

def tree(pdf, pages):
    with pdf.open_outline() as o:
        def walk(items):
            return [(i.title, target(pdf, i, pages), walk(i.children)) for i in items]
        return walk(o.root)

with appendix.open_outline() as o:
    groups = [(g.title, [(i.title, [(d.title, d) for d in i.children]) for i in g.children]) for g in o.root]
    doc_nodes = {}
    for g in o.root:
        for ind in g.children:
            for d in ind.children:
                doc_nodes[d.title] = d
    def walk_app(items):
        return [(i.title, page_no.get(i.destination[0].objgen) if i.destination is not None else None, walk_app(i.children)) for i in items]
    app_docs = {title: (page_no[d.destination[0].objgen], walk_app(d.children)) for title, d in doc_nodes.items()}

total = same = 0
problems = []
for n, name in enumerate(sys.argv[3:], start=1):
    src = pikepdf.open(sys.argv[2] + "/" + name)
    pages = {p.objgen: k for k, p in enumerate(src.pages)}
    want = tree(src, pages)
    title = "1-%d %s" % (n, name[:-4])
    first, got = app_docs[title]
    def compare(w, g, parent):
        global total, same
        for k, (wt, wp, wc) in enumerate(w):
            total += 1
            expected = first + wp if wp is not None else parent
            if k < len(g) and g[k][0] == wt and g[k][1] == expected:
                same += 1
            elif len(problems) < 5:
                problems.append("%s: %r -> %s, want %r -> %s" % (name, g[k][0] if k < len(g) else None, g[k][1] if k < len(g) else None, wt, expected))
            compare(wc, g[k][2] if k < len(g) else [], expected)
    compare(want, got, first)
print(total, same)
for p in problems:
    print(p)
PY
)
read -r total same <<<"$(head -1 <<<"$report")"
echo "source bookmarks: $same of $total kept with their titles and pages" >&2
[ "$total" -gt 1500 ] && pass || fail "expected the real PDFs' 1,500+ bookmarks, found $total"
[ $((same * 100)) -ge $((total * 99)) ] && pass || fail "only $same of $total source bookmarks survive: $(tail -n +2 <<<"$report")"
expect_eq "every source bookmark survives unchanged" "$total" "$same"
cjk=$($PY -c 'import sys,pikepdf
p=pikepdf.open(sys.argv[1])
with p.open_outline() as o:
    n=[0]
    def w(items):
        for i in items:
            if "\u00a0" in i.title and any(ord(c) > 0x2e80 for c in i.title): n[0]+=1
            w(i.children)
    w(o.root)
print(n[0])' "$pdf")
[ "$cjk" -gt 50 ] && pass || fail "UTF-16 titles with CJK text and U+00A0 (LibreOffice's) lost: $cjk kept"

# Internal links: MuPDF resolves every one (the sources alone give no warning either).
undefined=$(mutool draw -F txt -o /dev/null "$pdf" 2>&1 | grep -c "undefined link destination" || true)
expect_eq "MuPDF finds no undefined link destination" 0 "$undefined"
links=$($PY -c 'import sys,pikepdf
p=pikepdf.open(sys.argv[1]); n=0
for pg in p.pages:
    for a in pg.obj.get("/Annots", []):
        if a.get("/Subtype") == "/Link" and "/Dest" in a and isinstance(a.Dest, pikepdf.Array): n+=1
print(n)' "$pdf")
[ "$links" -gt 1000 ] && pass || fail "the sources' internal links were lost: $links explicit link destinations"

# verify compares the bookmarks under each document with its original.
pkg=$(ls "$work/real/out"/*.zip)
out=$("$EVPACK" verify -q "$pkg" --trust "$work/key/cert.pem" 2>&1) && rc=0 || rc=$?
expect_eq "verify passes the real package" 0 "$rc"
expect_contains "verify compared the source bookmarks" "$out" "source bookmarks match their originals"

# A source bookmark renamed, or pointed at another page, in a re-signed package: verify fails.
for how in rename retarget; do
  $PY "$SOURCE_ROOT/tests/e2e/tamper.py" "outline-$how" "$pkg" "$work/tampered-$how.zip" "$work/key/key.pem" "$work/key/cert.pem"
  out=$("$EVPACK" verify -q "$work/tampered-$how.zip" --trust "$work/key/cert.pem" 2>&1) && rc=0 || rc=$?
  expect_eq "verify fails a re-signed package whose bookmark was ${how}d" 1 "$rc"
  case $how in
    rename) expect_contains "and says which bookmark" "$out" "is 'Copyright' in the original" ;;
    retarget) expect_contains "and says where it points" "$out" "points at page" ;;
  esac
done

finish
