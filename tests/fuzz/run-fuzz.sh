#!/bin/sh
# run-fuzz.sh FUZZER DIR SECONDS — every input that ever crashed the readers
# (DIR/regressions) must now pass; then the fuzzer runs from the seed corpus
# (DIR/corpus) for SECONDS. A new crash fails the test and is kept in the
# build directory, to be added to DIR/regressions with its fix.
set -u
fuzzer=$1
dir=$2
seconds=${3:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$dir/corpus" "$work/corpus"

set -- "$dir"/regressions/*
if [ -e "$1" ]; then
  echo "regressions: $#"
  "$fuzzer" -rss_limit_mb=2048 "$@" > "$work/regressions.log" 2>&1 || {
    cat "$work/regressions.log"
    echo "an input of $dir/regressions fails again"
    exit 1
  }
fi

"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$work/" -print_final_stats=1 "$work/corpus" > "$work/fuzz.log" 2>&1
status=$?
tail -n 25 "$work/fuzz.log"
if [ $status -ne 0 ]; then
  mkdir -p crashes
  cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* crashes/ 2>/dev/null
  echo "the fuzzer found a failure; the input is in $(pwd)/crashes"
fi
exit $status
