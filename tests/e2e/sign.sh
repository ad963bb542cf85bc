#!/usr/bin/env bash
# The appendix's PDF signature and the seal: independent readers (pdfsig, openssl cms, qpdf,
# pdftoppm) agree with us, the unsigned appendix stays an identical prefix, tampering is named,
# and --tsa time-stamps both signatures through a local TSA made here with `openssl ts`.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
tamper=$SOURCE_ROOT/tests/e2e/tamper.py
seal=$TESTDATA/seal/seal.png
jpeg_seal=$TESTDATA/seal/seal-on-white.jpg
tsa_pid=
# (Every command here may fail harmlessly: under set -e a failing one would set the exit status.)
trap 'if [ -n "$tsa_pid" ]; then kill "$tsa_pid" 2>/dev/null || true; fi; umount "$work/full" 2>/dev/null || true; rm -rf "$work"' EXIT

"$EVPACK" keygen --out "$work/keys" --name "某某产业技术创新联盟" >/dev/null
"$EVPACK" keygen --out "$work/other" --name "其他联盟" >/dev/null
key=(--key "$work/keys/key.pem" --cert "$work/keys/cert.pem")
# The example, plus an evidence PDF that holds PoDoFo's signature marker as text.
cp -a "$SOURCE_ROOT/manifest/examples/guangzhou" "$work/gz"
cp "$TESTDATA/files/signature-marker.pdf" "$work/gz/marker.pdf"
$PY - "$work/gz/evpack.toml" <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding='utf-8').read()
t = t.replace('date = 2020-03-01\n', 'date = 2020-03-01\n\n  [[indicator.evidence]]\n  file = "marker.pdf"\n  title = "含签名占位文字的文件"\n', 1)
open(p, 'w', encoding='utf-8').write(t)
PY

# sig.py PDF RANGES CMS: the signed bytes and the CMS, cut out by /ByteRange (not by evpack);
# prints the unsigned size (where the first revision's %%EOF ends) and the slot [b, c).
cat > "$work/sig.py" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
a, b, c, d = map(int, list(re.finditer(rb'/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]', data))[-1].groups())
open(sys.argv[2], 'wb').write(data[a:a + b] + data[c:c + d])
raw = bytes.fromhex(data[b + 1:c - 1].decode())
n, h = raw[1], 2
if n & 0x80:
    h += n & 0x7f
    n = int.from_bytes(raw[2:h], 'big')
open(sys.argv[3], 'wb').write(raw[:h + n])
prev = int(list(re.finditer(rb'/Prev (\d+)', data))[-1].group(1))
end = data.index(b'%%EOF', prev) + 5
end += 1 if data[end:end + 1] == b'\n' else 0
print(end, b, c, c + d == len(data), data[b:b + 1] == b'<' and data[c - 1:c] == b'>')
PY
# red.py PNG X0 Y0 X1 Y1: how many clearly red pixels in that part (fractions of the page).
cat > "$work/red.py" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert('RGB')
w, h = im.size
x0, y0, x1, y1 = (float(v) for v in sys.argv[2:6])
box = im.crop((int(x0 * w), int(y0 * h), int(x1 * w), int(y1 * h)))
print(sum(1 for r, g, b in box.getdata() if r > 150 and g < 100 and b < 100))
PY

# --- a signed, sealed build
out=$("$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/out" "${key[@]}" --seal "$seal" 2>"$work/err")
expect_contains "build says the appendix is signed" "$out" "appendix.pdf: signed"
pdf=$work/out/appendix.pdf
s=$(pdfsig "$pdf")
expect_contains "pdfsig: valid" "$s" "Signature Validation: Signature is Valid."
expect_contains "pdfsig: the whole file" "$s" "Total document signed"
expect_contains "pdfsig: PAdES" "$s" "Signature Type: ETSI.CAdES.detached"
expect_contains "pdfsig: SHA-256" "$s" "Signing Hash Algorithm: SHA-256"
expect_contains "pdfsig: signer" "$s" "Signer Certificate Common Name: 某某产业技术创新联盟"
expect_contains "pdfsig: signing time from /M = SOURCE_DATE_EPOCH" "$s" "Signing Time: Jan 01 2021 00:00:00"
read -r unsigned slot_start slot_end whole slot_ok < <($PY "$work/sig.py" "$pdf" "$work/ranges" "$work/sig.der")
expect_eq "the byte range ends at the end of the file" True "$whole"
expect_eq "the byte range leaves out exactly the hex string" True "$slot_ok"
rc=0; openssl cms -verify -binary -inform DER -in "$work/sig.der" -content "$work/ranges" -CAfile "$work/keys/cert.pem" \
  >/dev/null 2>"$work/err" || rc=$?
expect_eq "openssl cms -verify over the /ByteRange bytes" 0 "$rc"
attrs=$(openssl cms -cmsout -print -inform DER -in "$work/sig.der")
expect_contains "signingCertificateV2" "$attrs" "id-smime-aa-signingCertificateV2"
expect_contains "messageDigest" "$attrs" "messageDigest"
[[ "$attrs" != *signingTime* ]] && pass || fail "PAdES baseline: the CMS must not carry signingTime"
[[ "$attrs" != *timeStampToken* ]] && pass || fail "without --tsa there is no time-stamp"
rc=0; qpdf --check "$pdf" >/dev/null 2>&1 || rc=$?
expect_eq "qpdf --check" 0 "$rc"
# The unsigned appendix is a PDF of its own, and a prefix of the signed one.
head -c "$unsigned" "$pdf" > "$work/unsigned.pdf"
pages=$(qpdf --show-npages "$work/unsigned.pdf")
expect_eq "pages as before signing" "$pages" "$(qpdf --show-npages "$pdf")"
expect_eq "the unsigned prefix passes qpdf --check" 0 "$(qpdf --check "$work/unsigned.pdf" >/dev/null 2>&1; echo $?)"
expect_contains "the unsigned prefix is unsigned" "$(pdfsig "$work/unsigned.pdf" 2>&1)" "does not contain any signatures"
# The seal shows on the cover, lower right (the widget's appearance), and only in the signed file.
pdftoppm -r 50 -f 1 -l 1 -png "$pdf" "$work/signed"
pdftoppm -r 50 -f 1 -l 1 -png "$work/unsigned.pdf" "$work/plain"
red=$($PY "$work/red.py" "$work/signed-01.png" 0.55 0.65 1 1)
[ "$red" -gt 300 ] && pass || fail "the seal should show at the cover's lower right: $red red pixels"
expect_eq "no seal on the unsigned cover" 0 "$($PY "$work/red.py" "$work/plain-01.png" 0 0 1 1)"
expect_eq "no seal elsewhere on the cover" 0 "$($PY "$work/red.py" "$work/signed-01.png" 0 0 1 0.6)"
v=$("$EVPACK" verify -q "$work"/out/*.zip --trust "$work/keys/cert.pem")
expect_contains "verify: the appendix signature" "$v" "✓ appendix signature: signed by O=某某产业技术创新联盟,CN=某某产业技术创新联盟 (the package's signer) at 2021-01-01 00:00:00 UTC (ETSI.CAdES.detached), over the whole file"
expect_contains "verify: the signed appendix still carries the evidence" "$v" "✓ appendix: $pages pages"
json=$("$EVPACK" verify -q --json "$work"/out/*.zip --trust "$work/keys/cert.pem")
expect_contains "verify --json: signing time" "$json" '"signing_time": "2021-01-01 00:00:00 UTC"'
# The package holds the signed appendix.
mkdir "$work/x" && (cd "$work/x" && unzip -q "$work"/out/*.zip)
expect_eq "the package holds the signed appendix" same "$(cmp -s "$pdf" "$work"/x/*/data/appendix.pdf && echo same)"

# --- two builds: the unsigned prefix is byte-identical, and the signed files differ only in /Contents
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/out2" "${key[@]}" --seal "$seal" >/dev/null 2>&1
read -r unsigned2 slot_start2 slot_end2 _ _ < <($PY "$work/sig.py" "$work/out2/appendix.pdf" "$work/ranges2" "$work/sig2.der")
expect_eq "unsigned prefix of the same length" "$unsigned" "$unsigned2"
expect_eq "unsigned prefix byte-identical (cmp -n)" 0 "$(cmp -n "$unsigned" "$pdf" "$work/out2/appendix.pdf" >/dev/null; echo $?)"
expect_eq "signed bytes identical: only /Contents differs" same "$(cmp -s "$work/ranges" "$work/ranges2" && echo same)"
expect_eq "the slot at the same place" "$slot_start $slot_end" "$slot_start2 $slot_end2"

# --- no seal: an invisible signature; a JPEG seal: white made transparent, with a note
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/plain" "${key[@]}" >/dev/null 2>&1
expect_contains "no seal: pdfsig valid" "$(pdfsig "$work/plain/appendix.pdf")" "Signature is Valid."
expect_contains "no seal: verify passes" "$("$EVPACK" verify -q "$work"/plain/*.zip --trust "$work/keys/cert.pem")" "✓ appendix signature"
# qpdf's reading of the signature field: a widget of no area, no appearance.
widget=$(qpdf --json "$work/plain/appendix.pdf" | $PY -c '
import json, sys
objects = json.load(sys.stdin)["qpdf"][1]
for o in objects.values():
    v = o.get("value")
    if isinstance(v, dict) and v.get("/FT") == "/Sig":
        print(v.get("/Rect"), "/AP" in v)')
expect_eq "no seal: an invisible widget" "[0.0, 0.0, 0.0, 0.0] False" "$widget"
expect_eq "no seal: no image but the evidence's" "" "$(pdfimages -list "$work/plain/appendix.pdf" | awk '$1 == 1')"
pdftoppm -r 50 -f 1 -l 1 -png "$work/plain/appendix.pdf" "$work/invisible"
expect_eq "no seal: nothing red on the cover" 0 "$($PY "$work/red.py" "$work/invisible-01.png" 0 0 1 1)"
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/jpeg" "${key[@]}" --seal "$jpeg_seal" >/dev/null 2>"$work/err"
expect_contains "a JPEG seal gets a note" "$(cat "$work/err")" "seal-on-white.jpg: the seal has no transparency; its white was made transparent"
expect_contains "the JPEG seal has a soft mask" "$(pdfimages -list "$work/jpeg/appendix.pdf" | awk '$1 == 1' )" "smask"
pdftoppm -r 50 -f 1 -l 1 -png "$work/jpeg/appendix.pdf" "$work/jpeg"
red=$($PY "$work/red.py" "$work/jpeg-01.png" 0.55 0.65 1 1)
[ "$red" -gt 300 ] && pass || fail "the JPEG seal should show: $red red pixels"
# The seal named in the manifest works the same way, relative to the manifest.
cp "$seal" "$work/gz/公章.png"
printf 'seal = "公章.png"\n' | cat - "$work/gz/evpack.toml" > "$work/gz/sealed.toml"
"$EVPACK" build -q "$work/gz/sealed.toml" -o "$work/manifest-seal" "${key[@]}" >/dev/null 2>&1
expect_contains "seal from the manifest: on the cover" "$(pdfimages -list "$work/manifest-seal/appendix.pdf" | awk '$1 == 1')" "smask"
expect_eq "the packaged manifest names no seal" "" "$(unzip -p "$work"/manifest-seal/*.zip '*/data/evpack.toml' | grep '^seal' || true)"

# --- refused: a seal without a key (nothing written), a seal that is not an image
rc=0; "$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/nokey" --seal "$seal" >/dev/null 2>"$work/err" || rc=$?
expect_eq "seal without a key: usage error" 2 "$rc"
expect_contains "seal without a key: why" "$(cat "$work/err")" "a seal needs a signing key"
[ ! -e "$work/nokey" ] && pass || fail "a refused build left $work/nokey"
rc=0; EVPACK_KEY= EVPACK_CERT= "$EVPACK" build -q "$work/gz/sealed.toml" -o "$work/nokey" >/dev/null 2>"$work/err" || rc=$?
expect_contains "manifest seal without a key: names the manifest line" "$(cat "$work/err")" "sealed.toml:1:8:"
rc=0; "$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/badseal" "${key[@]}" --seal "$work/gz/evpack.toml" >/dev/null 2>"$work/err" || rc=$?
expect_eq "a seal that is no image: exit code" 1 "$rc"
expect_contains "a seal that is no image: names it" "$(cat "$work/err")" "evpack.toml: the seal must be a PNG"
[ ! -e "$work/badseal/appendix.pdf" ] && pass || fail "a refused build wrote an appendix"

# --- a disk that fills up while the signature is appended: nothing is left, the error names it
full=$work/full
mkdir "$full"
if mount -t tmpfs -o size=$(( (unsigned / 4096 + 2) * 4 ))k tmpfs "$full" 2>/dev/null; then
  # Room for the unsigned appendix and a little more, not for the seal and the signature's slot.
  rc=0; "$EVPACK" build -q "$work/gz/evpack.toml" -o "$full/out" "${key[@]}" --seal "$seal" >/dev/null 2>"$work/err" || rc=$?
  expect_eq "disk full while signing: exit code" 2 "$rc"
  expect_contains "disk full while signing: says where and why" "$(cat "$work/err")" "appendix to sign it: No space left on device"
  expect_eq "disk full while signing: nothing left" "" "$(ls -A "$full")"
  umount "$full"
fi

# --- tampering with the signed appendix; each time the package is made whole again and re-signed
# with the right key, so that only the appendix signature can tell
verify_fails() { # WHAT PACKAGE EXPECTED-TEXT [TRUST...]
  local rc=0 text what=$1 p=$2 expected=$3
  shift 3
  text=$("$EVPACK" verify -q "$p" --trust "$work/keys/cert.pem" "$@" 2>&1) || rc=$?
  expect_eq "$what: exit code" 1 "$rc"
  expect_contains "$what: passes the package signature" "$text" "✓ signature"
  expect_contains "$what: message" "$text" "$expected"
}
pkg=$(ls "$work"/out/*.zip)
t=$work/t.zip
$tamper pdf-flip "$pkg" "$t" "${key[1]}" "${key[3]}"
verify_fails "one byte changed" "$t" "✗ appendix signature: data/appendix.pdf: the signature is not valid: the signed bytes have changed"
$tamper pdf-append "$pkg" "$t" "${key[1]}" "${key[3]}"
verify_fails "bytes appended" "$t" "✗ appendix signature: data/appendix.pdf: 31 bytes were appended after the signed part"
$tamper pdf-truncate "$pkg" "$t" "${key[1]}" "${key[3]}"
verify_fails "truncated" "$t" "✗ appendix signature: data/appendix.pdf: truncated: its signature covers"
$tamper pdf-resign "$pkg" "$t" "$work/other/key.pem" "$work/other/cert.pem" "${key[1]}" "${key[3]}"
unzip -p "$t" '*/data/appendix.pdf' > "$work/resigned.pdf"
expect_contains "re-signed: pdfsig finds a valid signature by the other key" "$(pdfsig "$work/resigned.pdf")" "Signer Certificate Common Name: 其他联盟"
verify_fails "re-signed by another key" "$t" "✗ appendix signature: data/appendix.pdf: signed by O=其他联盟,CN=其他联盟"

# --- --tsa: a local TSA (openssl ts behind a minimal HTTP responder), its certificate for time-stamping only
tsa=$work/tsa
mkdir "$tsa"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tsa/tsa.key" -out "$tsa/tsa.pem" \
  -subj "/CN=evpack test TSA" -days 30 -addext "extendedKeyUsage=critical,timeStamping" \
  -addext "keyUsage=critical,digitalSignature" 2>/dev/null
echo 01 > "$tsa/serial"
cat > "$tsa/ts.cnf" <<'CNF'
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = ./serial
crypto_device = builtin
signer_cert = ./tsa.pem
certs = ./tsa.pem
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
$PY "$SOURCE_ROOT/tests/e2e/tsa_server.py" "$tsa" "$tsa/port" &
tsa_pid=$!
for _ in $(seq 100); do [ -s "$tsa/port" ] && break; sleep 0.1; done
url=http://127.0.0.1:$(cat "$tsa/port")/
out=$("$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/ts" "${key[@]}" --seal "$seal" --tsa "$url" 2>"$work/err")
expect_contains "build --tsa" "$out" "appendix.pdf: signed, time-stamped"
expect_contains "--tsa: pdfsig still valid" "$(pdfsig "$work/ts/appendix.pdf")" "Signature is Valid."
$PY "$work/sig.py" "$work/ts/appendix.pdf" "$work/ts-ranges" "$work/ts-sig.der" >/dev/null
expect_contains "the token is in the PDF's CMS" "$(openssl cms -cmsout -print -inform DER -in "$work/ts-sig.der")" "id-smime-aa-timeStampToken"
expect_eq "--tsa: openssl cms -verify" 0 "$(openssl cms -verify -binary -inform DER -in "$work/ts-sig.der" -content "$work/ts-ranges" -CAfile "$work/keys/cert.pem" >/dev/null 2>&1; echo $?)"
# openssl ts -verify, on its own, agrees that each token dates its very signature value.
imprint=$($PY "$SOURCE_ROOT/tests/e2e/cms_token.py" "$work/ts-sig.der" "$work/token.der")
expect_contains "openssl ts -verify: the PDF's token" \
  "$(openssl ts -verify -digest "$imprint" -in "$work/token.der" -token_in -CAfile "$tsa/tsa.pem" 2>&1)" "Verification: OK"
unzip -p "$work"/ts/*.zip '*/signature.p7s' > "$work/ts-p7s.der"
imprint=$($PY "$SOURCE_ROOT/tests/e2e/cms_token.py" "$work/ts-p7s.der" "$work/p7s-token.der")
expect_contains "openssl ts -verify: signature.p7s's token" \
  "$(openssl ts -verify -digest "$imprint" -in "$work/p7s-token.der" -token_in -CAfile "$tsa/tsa.pem" 2>&1)" "Verification: OK"
expect_contains "the token's time" "$(openssl ts -reply -in "$work/token.der" -token_in -text 2>/dev/null)" "Time stamp: "
v=$("$EVPACK" verify -q "$work"/ts/*.zip --trust "$work/keys/cert.pem" --trust "$tsa/tsa.pem")
expect_contains "verify: the package's time-stamp" "$v" "trusted; time-stamped "
expect_contains "verify: the appendix's time-stamp, TSA trusted" "$v" "by CN=evpack test TSA (trusted)"
expect_eq "verify: both time-stamps reported" 2 "$(grep -c 'by CN=evpack test TSA (trusted)' <<<"$v")"
v=$("$EVPACK" verify -q "$work"/ts/*.zip --trust "$work/keys/cert.pem")
expect_contains "verify: a TSA not trusted is reported" "$v" "by CN=evpack test TSA (TSA not trusted"
json=$("$EVPACK" verify -q --json "$work"/ts/*.zip --trust "$work/keys/cert.pem" --trust "$tsa/tsa.pem")
expect_contains "verify --json: the TSA" "$json" '"tsa": "CN=evpack test TSA"'
$tamper pdf-token-swap "$work"/ts/*.zip "$t" "${key[1]}" "${key[3]}"
verify_fails "a token swapped in from the package's signature" "$t" "its time-stamp is not valid: the time-stamp is for another signature" --trust "$tsa/tsa.pem"
rc=0; EVPACK_KEY= EVPACK_CERT= "$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/ts-nokey" --tsa "$url" >/dev/null 2>"$work/err" || rc=$?
expect_eq "--tsa without a key: usage error" 2 "$rc"
expect_contains "--tsa without a key: why" "$(cat "$work/err")" "--tsa time-stamps signatures: it needs a signing key"
rc=0; "$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/ts-down" "${key[@]}" --tsa http://127.0.0.1:1/ >/dev/null 2>"$work/err" || rc=$?
expect_eq "an unreachable TSA: I/O error" 2 "$rc"
expect_contains "an unreachable TSA: names it" "$(cat "$work/err")" "http://127.0.0.1:1/: cannot reach"
[ ! -e "$work/ts-down/appendix.pdf" ] && pass || fail "a failed time-stamp left an appendix"
kill "$tsa_pid"; wait "$tsa_pid" 2>/dev/null || true; tsa_pid=

finish
