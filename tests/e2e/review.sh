#!/usr/bin/env bash
# The reviewer's desk: a season's packages verified at once (table, JSON, CSV), an HTML report
# read in a real browser (Chromium), and safe extraction. Every verdict is checked against what
# each package is; the report with Chromium's DOM, screenshot and network log; extraction with
# sha256sum -c and the file system itself.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
tamper=$SOURCE_ROOT/tests/e2e/tamper.py
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"
# Everything evpack prints in this test, to look for raw control characters at the end.
out=$work/printed
mkdir "$out"
n=0
run() { # run ARGS...: evpack with stdout and stderr kept; sets rc
  n=$((n + 1)); rc=0
  "$EVPACK" "$@" >"$out/$n.stdout" 2>"$out/$n.stderr" || rc=$?
}

# --- a season's packages: 4 good ones, 4 tampered, 5 hostile or not archives at all
"$EVPACK" keygen --out "$work/keys" --name "某某产业技术创新联盟" >/dev/null
"$EVPACK" keygen --out "$work/other" --name "其他联盟" >/dev/null
sign=(--key "$work/keys/key.pem" --cert "$work/keys/cert.pem")
trust=(--trust "$work/keys/cert.pem")
in=$work/in
mkdir "$in"
cp -a "$SOURCE_ROOT/manifest/examples/guangzhou" "$work/gz"
cp -a "$SOURCE_ROOT/manifest/examples/shanxi" "$work/sx"
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/b" "${sign[@]}" --name 01-guangzhou >/dev/null 2>&1
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/b" "${sign[@]}" --name 02-guangzhou --format tar >/dev/null 2>&1
"$EVPACK" build -q "$work/sx/evpack.toml" -o "$work/b" "${sign[@]}" --name 03-shanxi >/dev/null 2>&1
# A package with self-scores and summaries, hostile titles, and evidence named with '%', '#',
# spaces and Chinese: what a reviewer must see as text, and BagIt validators must accept.
$PY - "$work/gz" <<'PY'
import os, re, sys
d = sys.argv[1]
m = open(f'{d}/evpack.toml', encoding='utf-8').read()
m = re.sub(r'^(score|summary) = .*\n', '', m, flags=re.M)  # the example's own: these replace them
os.rename(f'{d}/evidence/10/联合攻关合同 2020.pdf', f'{d}/evidence/10/50%进度 #1 合同.pdf')
os.rename(f'{d}/evidence/02/council-rules.pdf', f'{d}/evidence/02/<i>rules.pdf')
m = m.replace('evidence/10/联合攻关合同 2020.pdf', 'evidence/10/50%进度 #1 合同.pdf')
m = m.replace('evidence/02/council-rules.pdf', 'evidence/02/<i>rules.pdf')
m = m.replace('organization = "某某产业技术创新联盟"', 'organization = "=HYPERLINK(\\"http://x\\")联盟"')
m = m.replace('title = "办公场所租赁合同"', 'title = "<script>alert(1)</script>合同"')
m = m.replace('title = "理事会决策机制及日常议事规则"', 'title = "<img src=x onerror=alert(2)>规则"')
m = m.replace('id = "1"\n', 'id = "1"\nscore = 2\nsummary = "<a href=\\"http://127.0.0.1:9/\\">办公场所</a>已落实"\n', 1)
m = m.replace('id = "10"\n', 'id = "10"\nscore = 7.5\n', 1)
m = m.replace('id = "3"\n', 'id = "3"\nscore = 0\n', 1)
open(f'{d}/evpack.toml', 'w', encoding='utf-8').write(m)
PY
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/b" "${sign[@]}" --name 04-scored >/dev/null 2>&1
cp "$work"/b/0[1-4]-* "$in/"
good=$in/01-guangzhou.zip
$tamper flip "$good" "$in/05-flipped.zip" data/appendix.pdf
$tamper remove "$good" "$in/06-removed.zip" data/evidence/13/01-lab-certificates.tif
$tamper resign "$good" "$in/07-untrusted.zip" "$work/other/key.pem" "$work/other/cert.pem"
cp -a "$SOURCE_ROOT/manifest/examples/guangzhou" "$work/gz2"
"$EVPACK" build -q "$work/gz2/evpack.toml" -o "$work/u" --name 08-unsigned >/dev/null 2>&1
cp "$work/u/08-unsigned.zip" "$in/"
$tamper dotdot x "$in/09-dotdot.zip"
$tamper symlink x "$in/10-symlink.tar"
$tamper not-archive x "$in/11-not-an-archive.zip"
$tamper truncated "$good" "$in/12-truncated.zip"
$PY - "$in/13-escape.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr(zipfile.ZipInfo('bag/data/\x1b[2J\x1b[31mred\u202e.pdf', (2021, 1, 1, 0, 0, 0)), 'x')
PY
expect_eq "13 packages in the season" 13 "$(ls "$in" | wc -l)"

# --- the batch: one line per package and a total; exit 1 since some fail
run verify "$in" "${trust[@]}" --csv "$work/season.csv" --report "$work/report"
expect_eq "a batch with failures exits 1" 1 "$rc"
table=$(cat "$out/$n.stdout")
expect_eq "nothing on stderr" "" "$(cat "$out/$n.stderr")"
expect_eq "one line per package, a header, a blank line and a total" 16 "$(wc -l < "$out/$n.stdout")"
expect_contains "the total" "$table" "13 packages: 4 OK, 9 FAILED"
verdict_of() { grep -F " $1" <<<"$table" | awk '{print $1}'; }
for p in 01-guangzhou.zip 02-guangzhou.tar 03-shanxi.zip 04-scored.zip; do expect_eq "row $p" OK "$(verdict_of "$p")"; done
for p in 05-flipped.zip 06-removed.zip 07-untrusted.zip 08-unsigned.zip 09-dotdot.zip 10-symlink.tar 11-not-an-archive.zip \
  12-truncated.zip 13-escape.zip; do expect_eq "row $p" FAILED "$(verdict_of "$p")"; done
expect_contains "row of a good package: alliance, form, signer, evidence/无/missing, pages" \
  "$(grep -F 01-guangzhou.zip <<<"$table" | tr -s ' ')" "01-guangzhou.zip 某某产业技术创新联盟 guangzhou-2020 某某产业技术创新联盟 7/18/0 41"
expect_contains "row of the shanxi package" "$(grep -F 03-shanxi.zip <<<"$table" | tr -s ' ')" "shanxi-2025"
expect_contains "row with self-scores: total and the form's points" "$(grep -F 04-scored.zip <<<"$table" | tr -s ' ')" " 9.5/150"
expect_contains "flipped: what failed" "$(grep -F 05-flipped <<<"$table")" "integrity"
expect_contains "untrusted: what failed" "$(grep -F 07-untrusted <<<"$table")" "signature"
expect_contains "dotdot: refused, why" "$(grep -F 09-dotdot <<<"$table")" "refused: entry 'bag/../../evpack-owned' climbs out"
expect_contains "symlink: refused, why" "$(grep -F 10-symlink <<<"$table")" "symbolic link"
expect_contains "not an archive: refused, why" "$(grep -F 11-not-an <<<"$table")" "not a readable zip or tar archive"
expect_contains "truncated: refused" "$(grep -F 12-truncated <<<"$table")" "refused:"
expect_contains "escape in a name: shown escaped" "$(grep -F 13-escape <<<"$table")" 'bag/data/\x1b[2J\x1b[31mred\u202e.pdf'

# --json: one valid document with an array, the same verdicts; the hostile ones with a reason
run verify "$in" "${trust[@]}" --json -j 2
expect_eq "--json batch exits 1" 1 "$rc"
json_check=$($PY - "$out/$n.stdout" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
r = {x['package'].rsplit('/', 1)[1]: x for x in d['results']}
problems = []
want_ok = {'01-guangzhou.zip', '02-guangzhou.tar', '03-shanxi.zip', '04-scored.zip'}
if (d['packages'], d['passed'], d['failed'], d['ok']) != (13, 4, 9, False): problems.append(f"totals {d['packages']} {d['passed']} {d['failed']}")
for name, x in r.items():
    if x['ok'] != (name in want_ok): problems.append(f'{name} ok={x["ok"]}')
    refused = name[:2] in ('09', '10', '11', '12', '13')
    if (x['refused'] is not None) != refused: problems.append(f'{name} refused={x["refused"]}')
    if refused and x['checks']: problems.append(f'{name} has checks')
c = r['04-scored.zip']['contents']
if c['score'] != 9.5 or c['points'] != 150: problems.append(f"score {c['score']} {c['points']}")
i1 = c['indicators'][0]
if (i1['id'], i1['score'], i1['documents'][0]['number'], i1['documents'][0]['title']) != ('1', 2, '1-1', '<script>alert(1)</script>合同'):
    problems.append(f'indicator 1: {i1}')
if [x['id'] for x in c['indicators']] != [str(k) for k in range(1, 26)]: problems.append('indicator ids')
if r['01-guangzhou.zip']['signer']['trusted'] is not True: problems.append('signer')
print('; '.join(problems) or 'ok')
PY
)
expect_eq "batch JSON: verdicts, reasons, contents" ok "$json_check"

# --csv: UTF-8 with a byte-order mark, a header and a row per package, formulas defused
expect_eq "CSV starts with a UTF-8 byte-order mark" efbbbf "$(head -c 3 "$work/season.csv" | od -An -tx1 | tr -d ' \n')"
csv_check=$($PY - "$work/season.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
problems = []
if rows[0][:5] != ['verdict', 'package', 'alliance', 'form', 'signer']: problems.append(f'header {rows[0]}')
body = {r[1]: r for r in rows[1:]}
if len(body) != 13: problems.append(f'{len(body)} rows')
if any(len(r) != len(rows[0]) for r in rows): problems.append('ragged rows')
ok = sorted(n for n, r in body.items() if r[0] == 'OK')
if ok != ['01-guangzhou.zip', '02-guangzhou.tar', '03-shanxi.zip', '04-scored.zip']: problems.append(f'OK rows {ok}')
if body['01-guangzhou.zip'][2:9] != ['某某产业技术创新联盟', 'guangzhou-2020', '某某产业技术创新联盟', '7', '18', '0', '41']: problems.append(str(body['01-guangzhou.zip']))
if not body['04-scored.zip'][2].startswith("'=HYPERLINK"): problems.append('formula not defused: ' + body['04-scored.zip'][2])
if not body['09-dotdot.zip'][11].startswith('refused: '): problems.append('dotdot reason')
print('; '.join(problems) or 'ok')
PY
)
expect_eq "CSV: header, rows, verdicts" ok "$csv_check"

# Only good packages: exit 0. A package that is not there is a failed row, not the end.
run verify "$in/01-guangzhou.zip" "$in/02-guangzhou.tar" "$in/03-shanxi.zip" "$in/04-scored.zip" "${trust[@]}"
expect_eq "a batch of good packages exits 0" 0 "$rc"
expect_contains "all OK" "$(cat "$out/$n.stdout")" "4 packages: 4 OK, 0 FAILED"
run verify "$in/01-guangzhou.zip" "$work/nowhere.zip" "${trust[@]}"
expect_eq "a missing package in a batch: exit 1" 1 "$rc"
expect_contains "a missing package is a failed row" "$(grep nowhere "$out/$n.stdout")" "FAILED"
expect_contains "and the other is verified" "$(grep 01-guangzhou "$out/$n.stdout")" "OK"
run verify "$in" --trust "$work/nowhere.pem"
expect_eq "an unreadable --trust file is a usage error, said once" 2 "$rc"
expect_eq "one line" 1 "$(wc -l < "$out/$n.stderr")"

# --- the report, read by Chromium
rep=$work/report
expect_eq "a page per package and an index" 14 "$(ls "$rep" | wc -l)"
chrome() { # chrome OUT.html|OUT.png URL [NETLOG]: headless Chromium, a fresh profile each time
  local profile; profile=$(mktemp -d "$work/chrome-XXXXXX")
  local args=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
    --disable-component-update --disable-sync --user-data-dir="$profile")
  [ -n "${3:-}" ] && args+=(--log-net-log="$3")
  if [[ $1 == *.png ]]; then
    timeout 120 chromium "${args[@]}" --screenshot="$1" --window-size=1280,2000 "$2" >/dev/null 2>&1
  else
    timeout 120 chromium "${args[@]}" --dump-dom "$2" > "$1" 2>/dev/null
  fi
}
# Requests a page made, from Chromium's network log. Chromium's own (update checks and the
# like) are initiated by no origin; anything the page asks for carries the page's origin.
page_requests() {
  $PY - "$1" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
types = {v: k for k, v in log['constants']['logEventTypes'].items()}
urls = [e['params']['url'] for e in log['events'] if types[e['type']] == 'URL_REQUEST_START_JOB'
        and 'url' in e.get('params', {}) and e['params'].get('initiator') != 'not an origin']
print(len(urls), *urls)
PY
}
# The detector sees a page's request: a page of ours with an image from the network, CSP removed...
sed -e 's|<meta http-equiv="Content-Security-Policy"[^>]*>||' -e 's|<body>|<body><img src="http://127.0.0.1:9/canary.png">|' \
  "$rep/04-scored.zip.html" > "$work/control.html"
chrome "$work/control.dom" "file://$work/control.html" "$work/control.netlog"
expect_eq "control: the network log shows a page's request" "1 http://127.0.0.1:9/canary.png" "$(page_requests "$work/control.netlog")"
# ... and with our CSP in place the same image is never asked for.
sed -e 's|<body>|<body><img src="http://127.0.0.1:9/canary.png">|' "$rep/04-scored.zip.html" > "$work/csp.html"
chrome "$work/csp.dom" "file://$work/csp.html" "$work/csp.netlog"
expect_eq "the report's Content-Security-Policy blocks a request" "0" "$(page_requests "$work/csp.netlog")"

# The scored package's page: verdict first, every indicator, hostile strings as text, no request.
chrome "$work/scored.dom" "file://$rep/04-scored.zip.html" "$work/scored.netlog"
expect_eq "the report page makes no network request" "0" "$(page_requests "$work/scored.netlog")"
dom_check=$($PY - "$work/scored.dom" "$out/2.stdout" <<'PY'
import html.parser, json, sys
dom = open(sys.argv[1], encoding='utf-8').read()
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.chunks = []; self.tags = []; self.skip = False
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag); self.skip = tag in ('style', 'title', 'head')
    def handle_endtag(self, tag):
        self.skip = False if tag in ('style', 'title', 'head') else self.skip
    def handle_data(self, data):
        if not self.skip and data.strip(): self.chunks.append(data.strip())
p = Text(); p.feed(dom)
text = '\n'.join(p.chunks)
problems = []
if not p.chunks[0].startswith('✓ OK'): problems.append('first line: ' + p.chunks[0])
for bad in ('script', 'img', 'iframe', 'object', 'i'):
    if bad in p.tags: problems.append(f'a <{bad}> element came from the package')
if p.tags.count('a') != 1: problems.append('an <a> element came from the package') # ours: back to the index
for s in ('<script>alert(1)</script>合同', '<img src=x onerror=alert(2)>规则', '<a href="http://127.0.0.1:9/">办公场所</a>已落实',
          '=HYPERLINK("http://x")联盟', 'data/evidence/2/01-<i>rules.pdf', 'data/evidence/10/01-50％进度 #1 合同.pdf',
          '9.5'):
    if s not in text: problems.append('not shown as text: ' + s)
season = {x['package'].rsplit('/', 1)[1]: x for x in json.load(open(sys.argv[2], encoding='utf-8'))['results']}
for ind in season['04-scored.zip']['contents']['indicators']:
    if f'id="indicator-{ind["id"]}"' not in dom or ind['title'] not in text: problems.append('indicator ' + ind['id'])
    for d in ind['documents']:
        for v in (d['number'], d['title'], d['sha256']):
            if v not in text: problems.append(f'document {d["number"]}: {v}')
    if ind['none'] and ind['none'] not in text: problems.append('无 reason of ' + ind['id'])
for s in ('Checks', 'structure', 'integrity', 'signature', 'completeness', 'appendix', 'CN=某某产业技术创新联盟'):
    if s not in text: problems.append('missing: ' + s)
print('; '.join(problems) or 'ok')
PY
)
expect_eq "report page: verdict, checks, signer, every indicator and document, hostile strings as text" ok "$dom_check"
# A failing package's page says so in its first line; the index lists failures first, linked.
chrome "$work/flipped.dom" "file://$rep/05-flipped.zip.html"
first=$($PY -c '
import re, sys
body = open(sys.argv[1], encoding="utf-8").read().split("<body>", 1)[1]
print(next(l for l in re.sub("<[^>]+>", "\n", body).split("\n") if l.strip()).strip())' "$work/flipped.dom")
# The flipped byte is in the signed appendix: integrity and the appendix's signature both fail.
expect_contains "a failing package's page: FAILED in its first line" "$first" "✗ FAILED 未通过: 2 problems"
chrome "$work/index.dom" "file://$rep/index.html" "$work/index.netlog"
expect_eq "the index makes no network request" "0" "$(page_requests "$work/index.netlog")"
index_rows=$($PY - "$work/index.dom" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding='utf-8').read()
rows = re.findall(r'<tr class="(pass|fail)">.*?href="([^"]+)"', dom)
print(' '.join(f'{c}:{h}' for c, h in rows))
PY
)
expect_eq "index: failed first, then by alliance, each linked to its page" \
  "fail:09-dotdot.zip.html fail:10-symlink.tar.html fail:11-not-an-archive.zip.html fail:12-truncated.zip.html fail:13-escape.zip.html fail:05-flipped.zip.html fail:06-removed.zip.html fail:07-untrusted.zip.html fail:08-unsigned.zip.html pass:04-scored.zip.html pass:03-shanxi.zip.html pass:01-guangzhou.zip.html pass:02-guangzhou.tar.html" \
  "$index_rows"
# Screenshots: the verdict banner is red for a failing package, green for a good one.
chrome "$work/flipped.png" "file://$rep/05-flipped.zip.html"
chrome "$work/scored.png" "file://$rep/04-scored.zip.html"
banner() { $PY -c 'from PIL import Image; import sys; r, g, b = Image.open(sys.argv[1]).convert("RGB").getpixel((600, 40)); print("red" if r > g and r > b else "green" if g > r and g > b else f"{r},{g},{b}")' "$1"; }
expect_eq "screenshot: a failing package's banner is red" red "$(banner "$work/flipped.png")"
expect_eq "screenshot: a good package's banner is green" green "$(banner "$work/scored.png")"
[ -n "${EVPACK_KEEP_SCREENSHOTS:-}" ] && cp "$work"/*.png "$EVPACK_KEEP_SCREENSHOTS/"

# --- extract
x=$work/x
mkdir "$x"
run extract "$in/05-flipped.zip" -o "$x/flipped" "${trust[@]}"
expect_eq "extract refuses a tampered package" 1 "$rc"
expect_contains "and says what failed" "$(cat "$out/$n.stderr")" "✗ integrity"
expect_eq "and writes nothing" "" "$(ls -A "$x")"
run extract "$in/07-untrusted.zip" -o "$x/untrusted" "${trust[@]}"
expect_eq "extract refuses an untrusted signer" 1 "$rc"
expect_eq "and writes nothing" "" "$(ls -A "$x")"
(umask 077 && "$EVPACK" extract -q "$in/04-scored.zip" -o "$x/scored" "${trust[@]}" >"$out/x.stdout" 2>"$out/x.stderr") && rc=0 || rc=$?
expect_eq "extract writes a good package" 0 "$rc"
expect_contains "and says so" "$(cat "$out/x.stdout")" "verified and extracted 15 files"
expect_eq "sha256sum -c manifest-sha256.txt in the extracted bag" 0 "$(cd "$x/scored" && sha256sum --quiet -c manifest-sha256.txt >/dev/null 2>&1; echo $?)"
expect_eq "sha256sum -c tagmanifest-sha256.txt" 0 "$(cd "$x/scored" && sha256sum --quiet -c tagmanifest-sha256.txt >/dev/null 2>&1; echo $?)"
expect_eq "openssl cms -verify in the extracted bag" 0 "$(cd "$x/scored" && openssl cms -verify -binary -inform DER -in signature.p7s -content tagmanifest-sha256.txt -CAfile "$work/keys/cert.pem" >/dev/null 2>&1; echo $?)"
mkdir "$work/unzipped" && (cd "$work/unzipped" && unzip -q "$in/04-scored.zip")
expect_eq "byte for byte what unzip extracts" "" "$(diff -r "$work/unzipped/04-scored" "$x/scored" 2>&1)"
expect_eq "modes 0644 and 0755 whatever the umask" "644 755" "$(find "$x/scored" -type f -printf '%m\n' | sort -u | tr '\n' ' ')$(find "$x/scored" -type d -printf '%m\n' | sort -u)"
expect_eq "only files and folders" "" "$(find "$x/scored" ! -type f ! -type d)"
expect_contains "names as in the package: '%' packaged as the full-width '％'" "$(ls "$x/scored/data/evidence/10")" "01-50％进度 #1 合同.pdf"
expect_contains "the packaged manifest keeps the original name" "$(cat "$x/scored/data/evpack.toml")" 'original_name = "50%进度 #1 合同.pdf"'
expect_eq "the extracted manifest passes check" 0 "$(cd "$x/scored/data" && "$EVPACK" check -q evpack.toml >/dev/null 2>&1; echo $?)"
run extract "$in/01-guangzhou.zip" -o "$x/scored" "${trust[@]}"
expect_eq "extract never writes into an existing folder" 2 "$rc"
# --force: a failing package is extracted with UNVERIFIED.txt first, listing what failed.
run extract "$in/05-flipped.zip" -o "$x/forced" "${trust[@]}" --force
expect_eq "a forced extraction still exits 1" 1 "$rc"
# Written whole before anything else: its last change is older than every other file's.
expect_eq "UNVERIFIED.txt is the first file written" UNVERIFIED.txt "$(ls -tr --time=ctime "$x/forced" | head -1)"
expect_contains "UNVERIFIED.txt lists what failed" "$(cat "$x/forced/UNVERIFIED.txt")" "✗ integrity: data/appendix.pdf: SHA-256 does not match"
# Hostile archives are never extracted, forced or not, and nothing lands outside the folder.
mkdir "$work/cwd"
for h in 09-dotdot.zip 10-symlink.tar 12-truncated.zip 13-escape.zip; do
  rc=0; (cd "$work/cwd" && "$EVPACK" extract -q "$in/$h" -o "$x/hostile-$h" --force >"$out/h-$h.stdout" 2>"$out/h-$h.stderr") || rc=$?
  expect_eq "hostile $h: exit 1" 1 "$rc"
  expect_contains "hostile $h: nothing extracted" "$(cat "$out/h-$h.stderr")" "nothing was extracted"
  [ ! -e "$x/hostile-$h" ] && pass || fail "hostile $h: the folder was made"
done
for kind in absolute drive backslash; do
  $tamper "$kind" x "$work/$kind.zip"
  rc=0; (cd "$work/cwd" && "$EVPACK" extract -q "$work/$kind.zip" -o "$x/$kind" --force >/dev/null 2>&1) || rc=$?
  expect_eq "hostile $kind: exit 1" 1 "$rc"
done
expect_eq "nothing written in the working folder" "" "$(ls -A "$work/cwd")"
[ ! -e /etc/evpack-owned ] && [ ! -e "$work/evpack-owned" ] && [ ! -e "$x/evpack-owned" ] && pass || fail "a hostile entry was written outside"
expect_eq "no staging folder left behind" "" "$(ls -A "$x" | grep evpack || true)"

# --- nothing raw from a package reached a terminal: no ESC, C1 CSI or bidi override printed
raw=$(cat "$out"/* | LC_ALL=C grep -c -P '\x1b|\xc2\x9b|\xe2\x80\xae' || true)
expect_eq "no control character printed raw" 0 "$raw"
expect_eq "verify and extract leave no temporary files" "" "$(ls -A "$TMPDIR" | grep -v chrome || true)"
finish
