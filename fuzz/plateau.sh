#!/bin/sh
# Runs one fuzz target in rounds of ROUND seconds on its growing corpus until its coverage has
# reached a plateau, or for MAX seconds. Each round re-reads the whole corpus, so the coverage at
# its end is that of everything found so far. Plateau: over the last doubling of all executions
# on this corpus the coverage (libFuzzer's `cov`, edges) grew by less than PCT per mille
# (default 10 = 1 %). The executions add up over runs in fuzz/logs/TARGET.hist ("executions cov"
# per round), which lives as long as the corpus does.
# One line per round: round, seconds, executions so far (all runs), cov, features, corpus files.
#   sh fuzz/plateau.sh TARGET [ROUND=300] [MAX=3600] [PCT=10]
# Seed the corpus first with `sh fuzz/run.sh 1 TARGET`. Uses dicts/TARGET.dict when there is
# one. Logs: fuzz/logs/TARGET-ROUND.log.
set -eu
cd "$(dirname "$0")"
T=$1
ROUND=${2:-300}
MAX=${3:-3600}
PERMILLE=${4:-10}
mkdir -p "corpus/$T" artifacts logs
DICT=""
[ -f "dicts/$T.dict" ] && DICT="-dict=dicts/$T.dict"
hist="logs/$T.hist"
touch "$hist"
elapsed=0 round=0
execs=$(awk 'END { print ($1 == "" ? 0 : $1) }' "$hist")
printf 'round\tseconds\texecutions\tcov\tft\tcorpus\n'
while [ "$elapsed" -lt "$MAX" ]; do
  round=$((round + 1))
  log="logs/$T-$round.log"
  # shellcheck disable=SC2086
  if ! RUSTC_BOOTSTRAP=1 nice cargo fuzz run --fuzz-dir "$PWD" "$T" -s none "corpus/$T" -- \
    -max_total_time="$ROUND" -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 $DICT \
    >"$log" 2>&1; then
    echo "round $round failed (a crash?), see fuzz/$log"
    grep -E "panicked|ERROR|Test unit written" "$log" | head
    exit 1
  fi
  elapsed=$((elapsed + ROUND))
  n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  execs=$((execs + ${n:-0}))
  last=$(grep -E "^#[0-9]+" "$log" | tail -1)
  cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$elapsed" "$execs" "$cov" "$ft" "$(ls "corpus/$T" | wc -l)"
  echo "$execs $cov" >>"$hist"
  # Coverage when the executions were at most half of now (the last doubling).
  then=$(awk -v half=$((execs / 2)) '$1 <= half { c = $2 } END { print c }' "$hist")
  if [ -n "$then" ] && [ $(((cov - then) * 1000)) -lt $((then * PERMILLE)) ]; then
    echo "plateau: cov $then -> $cov over the last doubling of executions (< $PERMILLE per mille)"
    exit 0
  fi
done
echo "no plateau within $MAX s (cov $cov)"
