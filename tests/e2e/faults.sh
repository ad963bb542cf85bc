#!/usr/bin/env bash
# Faults during build: a full disk, an output folder that cannot be written, evidence deleted or
# changed after check or while build runs, an interrupt. Each gives a clear error naming the
# file, no partial output, no temporary file, and the previous outputs untouched.
source "$(dirname "$0")/lib.bash"
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"
mounts=()
trap 'for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done; rm -rf "$work"' EXIT

# The shipped example, and a copy whose binding takes long enough (an RGBA noise PNG is decoded
# and re-compressed) for a file to change while build runs.
cp -a "$SOURCE_ROOT/manifest/examples/guangzhou" "$work/gz"
cp -a "$SOURCE_ROOT/manifest/examples/guangzhou" "$work/slow"
rm "$work/slow/evidence/04/forum-photo.jpg"
"$PY" -c '
import os, sys
from PIL import Image
Image.frombytes("RGBA", (3000, 3000), os.urandom(3000 * 3000 * 4)).save(sys.argv[1], compress_level=0)
' "$work/slow/evidence/04/forum-photo.png"
sed -i 's|evidence/04/forum-photo.jpg|evidence/04/forum-photo.png|' "$work/slow/evpack.toml"

# Contents of a folder as "name sha256" lines; what must not change.
snapshot() { (cd "$1" && find . -type f -exec sha256sum {} + | LC_ALL=C sort); }
no_temp_files() {
  expect_eq "$1: no temporary file beside the outputs" "" "$(find "$2" -name '*.tmp.*' 2>/dev/null)"
  expect_eq "$1: nothing left in TMPDIR" "" "$(ls -A "$TMPDIR")"
}
# [file_limit=KiB] build_fails WHAT OUT EXPECTED_RC TEXT [evpack build options...]: runs build into OUT, which
# already holds an earlier build, and asserts that it failed and left OUT as it was.
build_fails() {
  local what=$1 out=$2 rc_expected=$3 text=$4 rc=0
  shift 4
  local before
  before=$(snapshot "$out")
  # file_limit=KiB: run under ulimit -f, the way a full disk looks to a process.
  SOURCE_DATE_EPOCH=1640995200 bash -c 'ulimit -f "$0"; exec "$@"' "${file_limit:-unlimited}" \
    "$EVPACK" build -q "$@" -o "$out" > "$work/stdout" 2> "$work/stderr" || rc=$?
  expect_eq "$what: exit code" "$rc_expected" "$rc"
  expect_contains "$what: names the file" "$(cat "$work/stderr")" "$text"
  expect_eq "$what: previous outputs untouched" "$before" "$(snapshot "$out")"
  no_temp_files "$what" "$out"
}
first_build() { SOURCE_DATE_EPOCH=1609459200 "$EVPACK" build -q "$1" -o "$2" > /dev/null 2>&1 || fail "first build into $2"; }

# --- disk full: a file-size limit (any machine), and a small tmpfs where we may mount one
first_build "$work/gz/evpack.toml" "$work/out-limit"
# 150 KiB: smaller than the CJK font face build extracts to TMPDIR, or than the outputs.
file_limit=150 build_fails "file-size limit" "$work/out-limit" 2 "File too large" "$work/gz/evpack.toml"
can_mount=false
mkdir -p "$work/full"
if mount -t tmpfs -o size=480k tmpfs "$work/full" 2>/dev/null; then
  can_mount=true
  mounts+=("$work/full")
  first_build "$work/gz/evpack.toml" "$work/full/out"
  # The earlier outputs take ~320 KB of 480: the new ones cannot both be written.
  build_fails "disk full" "$work/full/out" 2 "$work/full/out/" "$work/gz/evpack.toml"
  expect_contains "disk full: says why" "$(cat "$work/stderr")" "No space left on device"
  # keygen on a disk with room for the key but not its certificate: neither is left (keygen
  # refuses to overwrite a key, so a lone one would block the next try).
  mkdir -p "$work/tiny"
  if mount -t tmpfs -o size=4k tmpfs "$work/tiny" 2>/dev/null; then
    mounts+=("$work/tiny")
    rc=0; "$EVPACK" keygen --out "$work/tiny" --name x > /dev/null 2> "$work/stderr" || rc=$?
    expect_eq "keygen on a full disk: exit code" 2 "$rc"
    expect_contains "keygen on a full disk: says why" "$(cat "$work/stderr")" "No space left on device"
    expect_eq "keygen on a full disk: nothing left" "" "$(ls -A "$work/tiny")"
  fi
fi

# --- the output folder cannot be written
touch "$work/a-file"
rc=0
"$EVPACK" build -q "$work/gz/evpack.toml" -o "$work/a-file/out" > /dev/null 2> "$work/stderr" || rc=$?
expect_eq "output under a file: exit code" 2 "$rc"
expect_contains "output under a file: names the folder" "$(cat "$work/stderr")" "$work/a-file/out"
if [ "$(id -u)" -ne 0 ]; then
  first_build "$work/gz/evpack.toml" "$work/out-ro"
  chmod 555 "$work/out-ro"
  build_fails "read-only output folder" "$work/out-ro" 2 "$work/out-ro/" "$work/gz/evpack.toml"
  chmod 755 "$work/out-ro"
elif $can_mount; then
  # root ignores permissions; a read-only file system it cannot.
  mkdir -p "$work/ro"
  mount -t tmpfs -o size=2m tmpfs "$work/ro" && mounts+=("$work/ro")
  first_build "$work/gz/evpack.toml" "$work/ro/out"
  mount -o remount,ro "$work/ro"
  build_fails "read-only output folder" "$work/ro/out" 2 "$work/ro/out/" "$work/gz/evpack.toml"
  expect_contains "read-only output folder: says why" "$(cat "$work/stderr")" "Read-only file system"
fi

# --- evidence deleted or changed after check
first_build "$work/gz/evpack.toml" "$work/out-gz"
"$EVPACK" check "$work/gz/evpack.toml" > /dev/null 2>&1 || fail "check of the example"
mv "$work/gz/evidence/02/council-rules.pdf" "$work/council-rules.pdf"
build_fails "evidence deleted after check" "$work/out-gz" 1 "evidence/02/council-rules.pdf" "$work/gz/evpack.toml"
cp "$work/council-rules.pdf" "$work/gz/evidence/02/council-rules.pdf"
head -c 300 "$work/council-rules.pdf" > "$work/gz/evidence/02/council-rules.pdf"
build_fails "evidence truncated after check" "$work/out-gz" 1 "evidence/02/council-rules.pdf" "$work/gz/evpack.toml"
mv "$work/council-rules.pdf" "$work/gz/evidence/02/council-rules.pdf"

# --- evidence deleted or changed while build runs: after build's own check, before packaging
# (build checks every file, binds the appendix, then packages each file against its checked hash).
first_build "$work/slow/evpack.toml" "$work/out-slow"
during_build() { # WHAT EXPECTED_RC EXPECTED_TEXT ACTION...
  local what=$1 rc_expected=$2 text=$3 before rc=0
  shift 3
  before=$(snapshot "$work/out-slow")
  SOURCE_DATE_EPOCH=1640995200 "$EVPACK" build -q "$work/slow/evpack.toml" -o "$work/out-slow" > /dev/null 2> "$work/stderr" &
  local pid=$!
  # The appendix's temporary file appears once check is done.
  for _ in $(seq 1 3000); do
    compgen -G "$work/out-slow/appendix.pdf.tmp.*" > /dev/null && break
    sleep 0.01
  done
  "$@"
  wait $pid || rc=$?
  expect_eq "$what: exit code" "$rc_expected" "$rc"
  expect_contains "$what: names the file" "$(cat "$work/stderr")" "$text"
  expect_eq "$what: previous outputs untouched" "$before" "$(snapshot "$work/out-slow")"
  no_temp_files "$what" "$work/out-slow"
}
cp "$work/slow/evidence/01/办公场所租赁合同.pdf" "$work/lease.pdf"
during_build "evidence changed during build" 1 "evidence/01/办公场所租赁合同.pdf" \
  sh -c 'echo "% changed" >> "$1"' - "$work/slow/evidence/01/办公场所租赁合同.pdf"
cp "$work/lease.pdf" "$work/slow/evidence/01/办公场所租赁合同.pdf"
# A file that vanishes under build cannot be read: an I/O error (2), as for any unreadable input.
during_build "evidence deleted during build" 2 "evidence/01/办公场所租赁合同.pdf" \
  rm "$work/slow/evidence/01/办公场所租赁合同.pdf"
cp "$work/lease.pdf" "$work/slow/evidence/01/办公场所租赁合同.pdf"

# --- interrupted (Ctrl-C) while binding: dies of the signal, removes what it was writing
before=$(snapshot "$work/out-slow")
SOURCE_DATE_EPOCH=1640995200 "$EVPACK" build -q "$work/slow/evpack.toml" -o "$work/out-slow" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  compgen -G "$work/out-slow/appendix.pdf.tmp.*" > /dev/null && break
  sleep 0.01
done
kill -INT $pid
rc=0
wait $pid || rc=$?
expect_eq "interrupted: dies of SIGINT" 130 "$rc"
expect_eq "interrupted: previous outputs untouched" "$before" "$(snapshot "$work/out-slow")"
no_temp_files "interrupted" "$work/out-slow"
finish
