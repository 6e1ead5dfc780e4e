#!/bin/sh
# Runs every fuzz target for SECONDS (default 300) each, on the stable toolchain
# (RUSTC_BOOTSTRAP=1 lets cargo fuzz pass its -Z flags; -s none: no sanitizer runtime needed).
# Corpora start from the repository's real and broken files; crashes land in fuzz/artifacts/.
#   sh fuzz/run.sh [SECONDS] [TARGET…]
set -eu
cd "$(dirname "$0")"
SECS=${1:-300}
shift 2>/dev/null || true
TARGETS=${*:-"read_table school_directory tickets ics offers_json offers_csv inventory"}
DATA=../tests/data
seed() { # seed TARGET FILES…
  t=$1; shift
  mkdir -p "corpus/$t"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/$t/" ; done
  return 0
}
# A 40-line head of the NRW directory keeps seeds small.
mkdir -p corpus
head -40 "$DATA/nrw/schulverzeichnis_2024_25_mit_sozialindex.csv" > corpus/nrw_head.csv
seed read_table corpus/nrw_head.csv "$DATA"/bad/* "$DATA"/tickets/*
seed school_directory corpus/nrw_head.csv "$DATA"/bad/*
mkdir -p corpus/tickets
i=0
for f in "$DATA"/tickets/*; do
  # First byte picks the declared source (see fuzz_targets/tickets.rs).
  { printf "\\$(printf '%03o' $i)"; cat "$f"; } > "corpus/tickets/$(basename "$f")"
  i=$((i + 1))
done
seed ics seeds/ics/*
seed offers_json ../docs/examples/*.json
seed offers_csv ../docs/examples/*.csv
mkdir -p corpus/inventory
for f in seeds/inventory/*; do
  # First byte picks the options (see fuzz_targets/inventory.rs).
  { printf '\000'; cat "$f"; } > "corpus/inventory/$(basename "$f")"
done
for t in $TARGETS; do
  echo "== $t ($SECS s)"
  DICT=""; [ -f "dicts/$t.dict" ] && DICT="-dict=dicts/$t.dict"
  # shellcheck disable=SC2086
  RUSTC_BOOTSTRAP=1 nice cargo fuzz run --fuzz-dir "$PWD" "$t" -s none "corpus/$t" -- $DICT \
    -max_total_time="$SECS" -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 2>&1 |
    grep -E "^#[0-9]+.*(DONE|pulse)|stat::|SUMMARY|panicked|ERROR|Test unit written" | tail -12
done
