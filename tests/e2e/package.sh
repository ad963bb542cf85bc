#!/usr/bin/env bash
# The signed package and evpack verify: standard tools agree with us, and every tampering and
# every hostile archive is caught, named, and costs nothing on disk.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
tamper=$SOURCE_ROOT/tests/e2e/tamper.py
# verify copies the appendix and evidence PDFs to a private temporary folder to parse them
# with bounded memory; it must leave nothing there, whatever the outcome.
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"

# --- keys
"$EVPACK" keygen --out "$work/keys" --name "某某产业技术创新联盟" >/dev/null
expect_eq "private key is readable by its owner only" 600 "$(stat -c %a "$work/keys/key.pem")"
expect_contains "certificate names the organization" "$(openssl x509 -in "$work/keys/cert.pem" -noout -subject -nameopt utf8)" "CN=某某产业技术创新联盟"
expect_contains "ECDSA P-256 by default" "$(openssl pkey -in "$work/keys/key.pem" -noout -text)" "prime256v1"
"$EVPACK" keygen --out "$work/rsa" --name "其他联盟" --type rsa >/dev/null
expect_contains "RSA-3072 on request" "$(openssl pkey -in "$work/rsa/key.pem" -noout -text)" "3072 bit"
rc=0; "$EVPACK" keygen --out "$work/keys" --name x >/dev/null 2>"$work/err" || rc=$?
expect_eq "keygen refuses to overwrite a key" 2 "$rc"

# --- build a signed package of the example
cp -a "$SOURCE_ROOT/manifest/examples/guangzhou" "$work/gz"
out=$("$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/out" --key "$work/keys/key.pem" --cert "$work/keys/cert.pem" 2>/dev/null)
pkg=$(ls "$work"/out/*.zip)
expect_contains "build says the package is signed" "$out" ".zip: signed"
expect_eq "package named after form and organization" "guangzhou-2020-某某产业技术创新联盟.zip" "$(basename "$pkg")"

# Standard tools agree: unzip, sha256sum -c, openssl cms -verify.
mkdir "$work/x" && (cd "$work/x" && unzip -q "$pkg")
bag=$work/x/guangzhou-2020-某某产业技术创新联盟
expect_eq "sha256sum -c manifest-sha256.txt" 0 "$(cd "$bag" && sha256sum --quiet -c manifest-sha256.txt >/dev/null 2>&1; echo $?)"
expect_eq "sha256sum -c tagmanifest-sha256.txt" 0 "$(cd "$bag" && sha256sum --quiet -c tagmanifest-sha256.txt >/dev/null 2>&1; echo $?)"
expect_eq "openssl cms -verify" 0 "$(cd "$bag" && openssl cms -verify -binary -inform DER -in signature.p7s -content tagmanifest-sha256.txt -CAfile "$work/keys/cert.pem" >/dev/null 2>&1; echo $?)"
expect_contains "bagit.txt" "$(cat "$bag/bagit.txt")" "BagIt-Version: 1.0"
expect_contains "bag-info names the organization" "$(cat "$bag/bag-info.txt")" "Source-Organization: 某某产业技术创新联盟"
expect_contains "bag-info has the form" "$(cat "$bag/bag-info.txt")" "Evpack-Form-Id: guangzhou-2020"
expect_eq "evidence byte for byte" same "$(cmp -s "$bag/data/evidence/1/01-办公场所租赁合同.pdf" "$work/gz/evidence/01/办公场所租赁合同.pdf" && echo same)"
expect_contains "packaged manifest records hashes" "$(cat "$bag/data/evpack.toml")" "sha256 = \""
expect_contains "packaged manifest points at the packaged form" "$(cat "$bag/data/evpack.toml")" 'form = "form.toml"'
expect_eq "the extracted bag passes check" 0 "$(cd "$bag/data" && "$EVPACK" check -q evpack.toml >/dev/null 2>&1; echo $?)"
flags=$($PY -c 'import sys, zipfile; print(all(i.flag_bits & 0x800 for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$pkg")
expect_eq "zip names flagged UTF-8" True "$flags"
expect_contains "no padding after the zip's end" "$(unzip -Z -v "$pkg" | head -8)" "Actual end-cent-dir record offset:        $(( $(stat -c %s "$pkg") - 22 ))"
expect_contains "PDFs stored" "$(unzip -v "$pkg" | grep appendix.pdf)" "Stored"
expect_contains "text deflated" "$(unzip -v "$pkg" | grep 'data/form.toml')" "Defl"
expect_contains "fixed timestamps" "$(unzip -v "$pkg" | grep appendix.pdf)" "2021-01-01 00:00"

# Two builds: every entry identical but the (randomised ECDSA) signatures: signature.p7s, the
# appendix's /Contents (the hex string its /ByteRange leaves out), and so the appendix's line in
# manifest-sha256.txt and that file's line in tagmanifest-sha256.txt.
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/out2" --key "$work/keys/key.pem" --cert "$work/keys/cert.pem" >/dev/null 2>&1
same=$($PY - "$pkg" "$work/out2/$(basename "$pkg")" <<'PY'
import re, sys, zipfile
a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
signed = ('appendix.pdf', 'manifest-sha256.txt')
def entries(z):
    return [(i.filename, i.date_time, i.compress_type) + (() if i.filename.endswith(signed) else (i.CRC,))
            for i in z.infolist() if not i.filename.endswith('signature.p7s')]
def unsigned(name, data):
    if name.endswith('appendix.pdf'):
        _, x, y, _ = map(int, re.findall(rb'/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)', data)[-1])
        return data[:x] + data[y:]
    if name.endswith('manifest-sha256.txt'):
        return [l for l in data.split(b'\n') if not l.endswith((b' data/appendix.pdf', b' manifest-sha256.txt'))]
    return data
same = entries(a) == entries(b) and all(unsigned(n, a.read(n)) == unsigned(n, b.read(n)) for n, *_ in entries(a))
print('same' if same else 'differ')
PY
)
expect_eq "reproducible entries" same "$same"

# --- verify the good package
rc=0; v=$("$EVPACK" verify "$pkg" --trust "$work/keys/cert.pem") || rc=$?
expect_eq "verify passes a good package" 0 "$rc"
for check in structure integrity signature completeness appendix; do expect_contains "✓ $check" "$v" "✓ $check"; done
expect_contains "signer shown" "$v" "CN=某某产业技术创新联盟"
json=$("$EVPACK" verify --json "$pkg" --trust "$work/keys/cert.pem")
expect_contains "verify --json" "$json" '"ok": true'
# tar works the same way, and bsdtar can read it.
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/tar" --format tar --key "$work/keys/key.pem" --cert "$work/keys/cert.pem" >/dev/null 2>&1
tarpkg=$(ls "$work"/tar/*.tar)
expect_contains "bsdtar reads the tar" "$(bsdtar -tf "$tarpkg")" "/data/appendix.pdf"
expect_eq "verify passes the tar" 0 "$("$EVPACK" verify -q "$tarpkg" --trust "$work/keys/cert.pem" >/dev/null; echo $?)"

# The signing time comes from SOURCE_DATE_EPOCH.
expect_contains "signing time from SOURCE_DATE_EPOCH" \
  "$(openssl cms -cmsout -print -inform DER -in "$bag/signature.p7s" | grep -A3 signingTime)" "Jan  1 00:00:00 2021 GMT"

# A CA-issued certificate with its chain, given through the environment, works the same way.
ca=$work/ca
mkdir "$ca"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$ca/root.key" -out "$ca/root.pem" \
  -subj "/CN=Test Root CA" -days 30 -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$ca/sub.key" -out "$ca/sub.pem" \
  -CA "$ca/root.pem" -CAkey "$ca/root.key" -subj "/CN=Test Issuing CA" -days 30 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$ca/leaf.key" -out "$ca/leaf.pem" \
  -CA "$ca/sub.pem" -CAkey "$ca/sub.key" -utf8 -subj "/CN=某某产业技术创新联盟/O=某某产业技术创新联盟" -days 30 \
  -addext "keyUsage=critical,digitalSignature" 2>/dev/null
cat "$ca/leaf.pem" "$ca/sub.pem" > "$ca/chain.pem"
EVPACK_KEY=$ca/leaf.key EVPACK_CERT=$ca/chain.pem "$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/ca-out" >/dev/null 2>&1
capkg=$(ls "$work"/ca-out/*.zip)
rc=0; v=$("$EVPACK" verify -q "$capkg" --trust "$ca/root.pem") || rc=$?
expect_eq "CA-issued chain verifies against the root" 0 "$rc"
expect_contains "signer shown for a CA-issued certificate" "$v" "CN=某某产业技术创新联盟"
rc=0; "$EVPACK" verify -q "$capkg" --trust "$work/keys/cert.pem" >/dev/null || rc=$?
expect_eq "the same package fails against another trust anchor" 1 "$rc"

# --- failures the reviewer must see: exit 1, naming what is wrong
verify_fails() { # WHAT PACKAGE EXPECTED-TEXT [TRUST]
  local rc=0 text
  text=$("$EVPACK" verify -q "$2" --trust "${4:-$work/keys/cert.pem}" 2>&1) || rc=$?
  expect_eq "$1: exit code" 1 "$rc"
  expect_contains "$1: message" "$text" "$3"
}
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/unsigned" >/dev/null 2>&1
verify_fails "unsigned package" "$(ls "$work"/unsigned/*.zip)" "not signed"
verify_fails "untrusted signer" "$pkg" "NOT trusted" "$work/rsa/cert.pem"
rc=0; "$EVPACK" verify -q "$pkg" >/dev/null 2>&1 || rc=$?
expect_eq "no --trust at all fails" 1 "$rc"

t=$work/t.zip
$tamper flip "$pkg" "$t" data/appendix.pdf;      verify_fails "byte flipped in the appendix" "$t" "data/appendix.pdf: SHA-256 does not match"
$tamper flip "$pkg" "$t" "data/evidence/10/01-联合攻关合同 2020.pdf"; verify_fails "byte flipped in evidence" "$t" "data/evidence/10/01-联合攻关合同 2020.pdf: SHA-256 does not match"
$tamper flip "$pkg" "$t" bag-info.txt;           verify_fails "byte flipped in bag-info.txt" "$t" "bag-info.txt: SHA-256 does not match tagmanifest"
$tamper flip "$pkg" "$t" manifest-sha256.txt;    verify_fails "byte flipped in manifest-sha256.txt" "$t" "manifest-sha256.txt"
$tamper flip "$pkg" "$t" tagmanifest-sha256.txt; verify_fails "byte flipped in tagmanifest-sha256.txt" "$t" "✗ signature"
$tamper flip "$pkg" "$t" data/evpack.toml;       verify_fails "byte flipped in the packaged manifest" "$t" "data/evpack.toml: SHA-256 does not match"
$tamper remove "$pkg" "$t" data/evidence/13/01-lab-certificates.tif; verify_fails "file removed" "$t" "data/evidence/13/01-lab-certificates.tif: missing"
$tamper add "$pkg" "$t" data/evidence/13/02-extra.pdf; verify_fails "file added" "$t" "data/evidence/13/02-extra.pdf: present but not listed"
$tamper rename "$pkg" "$t" data/evidence/4/01-forum-photo.jpg data/evidence/4/01-other.jpg; verify_fails "file renamed" "$t" "data/evidence/4/01-forum-photo.jpg: missing"
$tamper resign "$pkg" "$t" "$work/rsa/key.pem" "$work/rsa/cert.pem"; verify_fails "signature from another key" "$t" "NOT trusted"
$tamper edit-form "$pkg" "$t" "$work/keys/key.pem" "$work/keys/cert.pem"
verify_fails "form inside differs from the built-in one" "$t" "data/form.toml differs from the built-in form 'guangzhou-2020': indicator 1's title differs"
$tamper edit-manifest "$pkg" "$t" 'see = "10-1"' 'see = "10-7"' "$work/keys/key.pem" "$work/keys/cert.pem"
verify_fails "a see that cites no document, re-signed" "$t" 'see = "10-7" names no document'
$tamper swap-pages "$pkg" "$t" 6 9 "$work/keys/key.pem" "$work/keys/cert.pem"
rc=0; text=$("$EVPACK" verify -q "$t" --trust "$work/keys/cert.pem") || rc=$?
expect_eq "pages swapped and everything re-signed: exit code" 1 "$rc"
expect_contains "re-signed swap passes integrity" "$text" "✓ integrity"
expect_contains "re-signed swap passes the signature" "$text" "✓ signature"
expect_contains "but the appendix check names the page" "$text" "page 6 does not carry page 1 of data/evidence/1/01-办公场所租赁合同.pdf"

# --- hostile archives: rejected, named, nothing written anywhere
mkdir "$work/cwd"
for kind in absolute dotdot backslash drive nul duplicate casefold symlink hardlink device bomb truncated not-archive empty; do
  h=$work/hostile-$kind
  $tamper "$kind" "$pkg" "$h"
  rc=0
  start=$(date +%s%N)
  text=$(cd "$work/cwd" && /usr/bin/time -f 'maxrss=%M' "$EVPACK" verify -q "$h" --trust "$work/keys/cert.pem" 2>&1) || rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  expect_eq "hostile $kind: exit code" 1 "$rc"
  expect_contains "hostile $kind: names the package" "$text" "$h"
  [ "$ms" -lt $((20000 * slowdown)) ] && pass || fail "hostile $kind took ${ms} ms"
  rss=$(echo "$text" | grep -o 'maxrss=[0-9]*' | cut -d= -f2)
  [ "${rss:-0}" -lt 400000 ] && pass || fail "hostile $kind used ${rss} KiB"
done
expect_eq "nothing written while verifying" "" "$(ls -A "$work/cwd")"
[ ! -e /etc/evpack-owned ] && [ ! -e "$work/../evpack-owned" ] && pass || fail "a hostile entry was written"
text=$("$EVPACK" verify -q "$work/hostile-dotdot" 2>&1 || true)
expect_contains "dotdot message" "$text" "climbs out of the package"
text=$("$EVPACK" verify -q "$work/hostile-bomb" 2>&1 || true)
expect_contains "bomb message" "$text" "zip bomb"
text=$("$EVPACK" verify -q "$work/hostile-symlink" 2>&1 || true)
expect_contains "symlink message" "$text" "symbolic link"
rc=0; "$EVPACK" verify -q "$work/nowhere.zip" >/dev/null 2>&1 || rc=$?
expect_eq "missing package is an I/O error" 2 "$rc"
expect_eq "verify leaves no temporary files" "" "$(ls -A "$TMPDIR")"

finish
