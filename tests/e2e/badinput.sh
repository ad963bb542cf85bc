#!/usr/bin/env bash
# Every hostile input of tests/badinput/make-corpus through the command that meets it: the
# expected exit code, a message naming the bad file, no crash or sanitizer report, bounded time
# and memory, nothing written outside the case's folder, no partial output.
source "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1609459200
export TMPDIR=$work/tmp
export XDG_CACHE_HOME=$work/cache
mkdir -p "$TMPDIR"
corpus=$work/corpus
"$PY" "$SOURCE_ROOT/tests/badinput/make-corpus" "$corpus" > /dev/null
count=0
while IFS=$'\t' read -r name command rc_expected text; do
  count=$((count + 1))
  dir=$corpus/$name
  case $command in
    check) args=(check evpack.toml) ;;
    build) args=(build -q evpack.toml -o out) ;;
    verify) args=(verify -q package) ;;
    init) args=(init --form shanxi-2025 --evidence evidence -o new.toml) ;;
  esac
  before=$(cd "$dir" && find . -path ./out -prune -o -print | LC_ALL=C sort)
  rc=0
  start=$(date +%s%N)
  (cd "$dir" && timeout 120 /usr/bin/time -o "$work/time.txt" -f '%M' "$EVPACK" "${args[@]}" > "$work/stdout" 2> "$work/stderr") || rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  output=$(cat "$work/stdout" "$work/stderr")
  expect_eq "$name: exit code" "$rc_expected" "$rc"
  expect_contains "$name: names the file" "$output" "$text"
  if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|terminate called|Segmentation' "$work/stderr"; then
    fail "$name: crashed or a sanitizer spoke: $(head -c 600 "$work/stderr")"
  else pass; fi
  # Generous bounds: this runs under ASan (2-3x slower, more memory) on a small CI machine.
  [ "$ms" -lt $((60000 * slowdown)) ] && pass || fail "$name: took ${ms} ms"
  rss=$(tail -1 "$work/time.txt")
  [ "${rss:-0}" -lt 1500000 ] && pass || fail "$name: peak RSS ${rss} KiB"
  after=$(cd "$dir" && find . -path ./out -prune -o -print | LC_ALL=C sort)
  [ "$command" = init ] && after=$(grep -v '^\./new\.toml$' <<<"$after")
  expect_eq "$name: nothing written beside the inputs" "$before" "$after"
  if [ "$command" = build ]; then
    if [ "$rc" -eq 0 ]; then
      [ -s "$dir/out/appendix.pdf" ] && ls "$dir"/out/*.zip > /dev/null 2>&1 && pass || fail "$name: build succeeded without both outputs"
      expect_eq "$name: the appendix is a valid PDF" 0 "$(qpdf --check "$dir/out/appendix.pdf" > /dev/null 2>&1; echo $?)"
    else
      expect_eq "$name: no partial output" "" "$(ls -A "$dir/out" 2>/dev/null)"
    fi
  fi
done < "$corpus/cases.tsv"
[ "$count" -ge 40 ] && pass || fail "only $count bad inputs"
[ ! -e /tmp/evpack-owned ] && [ ! -e "$work/evpack-owned" ] && [ ! -e "$corpus/evpack-owned" ] && pass || fail "a hostile entry was written"
expect_eq "no temporary files left" "" "$(ls -A "$TMPDIR")"
# LibreOffice's profiles are under TMPDIR: none of ours is left (other tests may run their own).
expect_eq "no LibreOffice left running" "" "$(pgrep -f "$TMPDIR" || true)"
# The one Office file that could be rendered is cached; of the others nothing was kept.
expect_eq "only whole renderings cached" "1" "$(find "$XDG_CACHE_HOME" -name '*.pdf' | wc -l)"
expect_eq "no partial cache entries" "" "$(find "$XDG_CACHE_HOME" -type f ! -name '*.pdf' ! -name '*.converter')"
finish
