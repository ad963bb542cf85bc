#!/usr/bin/env bash
# RFC 8493 as other BagIt implementations write it: what the RFC allows, verify reads (the
# package then passes every check); what evpack's profile adds (SHA-256 manifests, Payload-Oxum,
# no fetch.txt) or the RFC forbids (a BOM in bagit.txt) is a finding that says so. Each variant
# is a real signed package whose tag files tamper.py rewrites, recomputes and re-signs.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
tamper=$SOURCE_ROOT/tests/e2e/tamper.py
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"
"$EVPACK" keygen --out "$work/keys" --name "某某产业技术创新联盟" >/dev/null
cp -a "$SOURCE_ROOT/manifest/examples/guangzhou" "$work/gz"
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/out" --key "$work/keys/key.pem" --cert "$work/keys/cert.pem" --name p >/dev/null 2>&1
pkg=$work/out/p.zip
variant() { # variant NAME: the variant's package; its verify output in $text, exit code in $rc
  $tamper variant "$pkg" "$work/$1.zip" "$1" "$work/keys/key.pem" "$work/keys/cert.pem"
  rc=0; text=$("$EVPACK" verify -q "$work/$1.zip" --trust "$work/keys/cert.pem" 2>&1) || rc=$?
}
passes() { # passes NAME WHAT [EXPECTED-TEXT]
  variant "$1"
  expect_eq "$2: passes" 0 "$rc"
  [ -z "${3:-}" ] || expect_contains "$2: says" "$text" "$3"
}
fails() { # fails NAME WHAT EXPECTED-TEXT
  variant "$1"
  expect_eq "$2: fails" 1 "$rc"
  expect_contains "$2: says why" "$text" "$3"
}
passes upper-hex "uppercase hex checksums"
passes tabs "tabs between checksum and path"
passes cr-lines "CR-only line ends in every tag file"
passes label-case "reserved labels in lower case (payload-oxum)"
passes tab-after-colon "a tab after the label's colon"
passes sha512-tagmanifest "a second tag manifest" "tagmanifest-sha512.txt checked too"
expect_eq "the second tag manifest is not 'added'" "" "$(grep 'added' <<<"$text" | grep -v 'nothing added' || true)"
passes sha512-manifest "a second payload manifest" "manifest-sha512.txt lists the same files"
passes v097 "BagIt-Version 0.97" "✓ structure: BagIt 0.97 bag"
fails fetch "fetch.txt" "✗ structure: fetch.txt asks for 2 files: '../../../etc/passwd' from http://example.org/passwd"
expect_contains "fetch.txt: evpack never fetches" "$text" "evpack never fetches"
fails bom "a byte-order mark in bagit.txt" "✗ structure: bagit.txt begins with a byte-order mark (EF BB BF), which RFC 8493 forbids"
fails no-oxum "no Payload-Oxum" "✗ structure: bag-info.txt has no Payload-Oxum: RFC 8493 makes it optional, evpack's profile requires it"
fails only-sha512 "SHA-512 manifests only" "✗ integrity: manifest-sha256.txt is missing: evpack's profile requires SHA-256 manifests (the bag has manifest-sha512.txt)"
expect_eq "only-sha512: one finding, not one per file" 1 "$(grep -c '✗ integrity' <<<"$text")"

# A second tag manifest is checked: a changed tag file fails it, even with the SHA-256 ones right.
$PY - "$work/sha512-tagmanifest.zip" "$work/t512.zip" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w')
for i in src.infolist():
    data = src.read(i)
    if i.filename.endswith('/tagmanifest-sha512.txt'):
        data = data.replace(b'a', b'b', 1)
    dst.writestr(i, data)
dst.close()
PY
rc=0; text=$("$EVPACK" verify -q "$work/t512.zip" --trust "$work/keys/cert.pem" 2>&1) || rc=$?
expect_eq "a wrong second tag manifest fails" 1 "$rc"
expect_contains "and says which" "$text" "sha512 does not match tagmanifest-sha512.txt"

# The same gaps in --json: one document whatever happens.
for f in "$work/fetch.zip" "$work/bom.zip"; do
  "$EVPACK" verify -q --json "$f" --trust "$work/keys/cert.pem" > "$work/v.json" || true
  expect_eq "--json of $(basename "$f") is one JSON document" ok "$($PY -c 'import json,sys; json.load(open(sys.argv[1])); print("ok")' "$work/v.json")"
done
finish
