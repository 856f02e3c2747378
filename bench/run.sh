#!/usr/bin/env bash
# Generates histories of each shape and size into a temporary folder and
# prints four tables: the whole-history commands (their size, the parse
# floor (every file parsed into a toml::Table, one after another, on one
# thread), and the median wall time and peak memory of orgctl's commands
# on them), the questions about one person, the SQLite export, and issue
# 12's targets with the measured values and PASS or MISS.
#
#   bench/run.sh                            # every shape, S, M and L (long on 2 cores)
#   SIZES="S M" bench/run.sh                # skip L
#   SHAPES="default hr" bench/run.sh        # only those shapes
#   SHAPES="default hr news@S,M deep@M" ... # a shape@SIZES runs at those sizes only
#   RUNS_L=5 bench/run.sh                   # more runs (defaults: S 10, M 5, L 3)
#   TIMEOUT=60 bench/run.sh                 # a run slower than 60 s fails (default 600)
#
# Shapes (the generator's --shape): default, hr (an HR system's export),
# news (a newsroom's record of a few people), deep (a chain of units as
# deep as the people, at most 50,000). A shape without @SIZES runs at every
# size of SIZES; the default SHAPES is "default hr news@S,M deep@L" (the
# deep chain at one size, the news shape where it is cheap).
#
# Times are medians from hyperfine (installed from Debian packages if
# missing; without it, the median of /usr/bin/time runs). Peak memory is
# the largest maximum resident set size of those runs. A command that
# fails, or runs longer than TIMEOUT seconds, prints `fail` in its cell;
# the run goes on. A benchmark, not a
# test: nothing here fails on a slow run.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"S M L"}
SHAPES=${SHAPES:-"default hr news@S,M deep@L"}
TIMEOUT=${TIMEOUT:-600}
DAY=2024-12-31
FROM=2024-01-01

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $1..." >&2
    (apt-get update -qq && apt-get install -y -qq "$1") >/dev/null 2>&1 || true
  fi
}
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine
[ -x /usr/bin/time ] || apt_install time
command -v sqlite3 >/dev/null 2>&1 || apt_install sqlite3
[ -x /usr/bin/time ] || { echo "bench/run.sh needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }

echo "building..." >&2
cargo build --release --quiet --bin orgctl --bin gen --example parse_floor
TARGET=$(realpath "${CARGO_TARGET_DIR:-target}")/release
ORGCTL=$TARGET/orgctl
GEN=$TARGET/gen
FLOOR=$TARGET/examples/parse_floor

TMP=$(mktemp -d "${TMPDIR:-/tmp}/orgctl-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# The cache of replayed histories, if this orgctl has one, goes here too.
export XDG_CACHE_HOME=$TMP/cache
NOCACHE=()
if "$ORGCTL" --no-cache --version >/dev/null 2>&1; then NOCACHE=(--no-cache); fi

# The documented who-reports-to query (docs/sqlite.md), for sqlite3.
SQL_WRT=$TMP/reports_to_person.sql
awk '/^-- name: reports_to_person$/ { on = 1 } on && /^```/ { exit } on' docs/sqlite.md >"$SQL_WRT"

# measure NAME RUNS CMD...: prints "median_seconds peak_kb", or "fail" when
# a run of the command fails.
measure() {
  local name=$1 runs=$2
  shift 2
  local mem=$TMP/$name.mem median
  : >"$mem"
  local timed=(/usr/bin/time -a -o "$mem" -f "%e %M %x" timeout "$TIMEOUT" "$@")
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --style none --warmup 0 --runs "$runs" --export-csv "$TMP/$name.csv" \
      --command-name "$name" "$(printf '%q ' "${timed[@]}") >/dev/null" >/dev/null 2>&1 || { echo fail; return 0; }
    median=$(awk -F, 'NR == 2 { print $4 }' "$TMP/$name.csv")
  else
    for _ in $(seq "$runs"); do "${timed[@]}" >/dev/null 2>&1 || true; done
    median=$(awk 'NF == 3 { print $1 }' "$mem" | sort -n | awk '{ a[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? a[m] : (a[m] + a[m + 1]) / 2 }')
  fi
  if awk 'NF == 3 && $3 != 0 { bad = 1 } END { exit !bad }' "$mem" || [ -z "$median" ]; then
    echo fail
    return 0
  fi
  peak=$(awk 'NF == 3 && $2 > m { m = $2 } END { print m + 0 }' "$mem")
  echo "$median $peak"
}

fmt_time() { awk -v s="$1" 'BEGIN { if (s < 0.01) printf "%.1f ms", s * 1000; else if (s < 1) printf "%.0f ms", s * 1000; else printf "%.2f s", s }'; }
fmt_mem() { awk -v k="$1" 'BEGIN { if (k < 1024 * 1024) printf "%.0f MB", k / 1024; else printf "%.2f GB", k / 1024 / 1024 }'; }
fmt_bytes() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
# cell "SECONDS KB" | fail | -: a table cell.
cell() {
  case $1 in
    fail | -) echo "$1" ;;
    *) read -r t m <<<"$1"; echo "$(fmt_time "$t"), $(fmt_mem "$m")" ;;
  esac
}
# secs and kb of a "SECONDS KB" result (empty for fail).
secs() { case $1 in fail | -) ;; *) echo "${1%% *}" ;; esac; }
kb() { case $1 in fail | -) ;; *) echo "${1##* }" ;; esac; }
fig_name() {
  case $1 in
    wrt) echo "who-reports-to P" ;; wrtall) echo "who-reports-to P --all" ;;
    chain | show | history) echo "$1 P" ;; wrtceo) echo "who-reports-to ceo --all" ;;
    warm) echo "at, cached" ;; export) echo "export sqlite" ;; *) echo "$1" ;;
  esac
}
size_rank() { case $1 in XS) echo 0 ;; S) echo 1 ;; M) echo 2 ;; L) echo 3 ;; *) echo 9 ;; esac; }

# The runs: "shape size" pairs, sizes in increasing order per shape.
RUNS_LIST=()
for spec in $SHAPES; do
  shape=${spec%%@*}
  if [ "$spec" != "$shape" ]; then sizes=${spec#*@}; sizes=${sizes//,/ }; else sizes=$SIZES; fi
  for size in $(for s in $sizes; do echo "$(size_rank "$s") $s"; done | sort -n | awk '{ print $2 }'); do
    RUNS_LIST+=("$shape $size")
  done
done

declare -A R       # R[shape/size/figure] = "seconds kb" | fail | -
declare -A INFO    # INFO[shape/size/...] = events, bytes, person, db bytes
PERSON_FIGS="wrt wrtall chain show history"
for run in "${RUNS_LIST[@]}"; do
  read -r shape size <<<"$run"
  case $size in
    S) runs=${RUNS_S:-10} ;;
    M) runs=${RUNS_M:-5} ;;
    *) runs=${RUNS_L:-3} ;;
  esac
  k=$shape/$size
  dir=$TMP/$shape-$size
  echo "generating $shape $size..." >&2
  if ! line=$("$GEN" --size "$size" --shape "$shape" --out "$dir"); then
    echo "gen --size $size --shape $shape failed" >&2
    INFO[$k/events]=fail
    continue
  fi
  INFO[$k/events]=$(sed -E 's/.* ([0-9]+) events.*/\1/' <<<"$line")
  INFO[$k/bytes]=$(sed -E 's/.* ([0-9]+) bytes.*/\1/' <<<"$line")
  person=$(sed -nE 's/.*a person to ask about: ([^ ]+)$/\1/p' <<<"$line")
  INFO[$k/person]=$person
  echo "measuring $shape $size ($runs runs each)..." >&2
  n=$shape-$size
  R[$k/floor]=$(measure "$n-floor" "$runs" "$FLOOR" "$dir")
  R[$k/check]=$(measure "$n-check" "$runs" "$ORGCTL" "${NOCACHE[@]}" --data "$dir" check)
  R[$k/at]=$(measure "$n-at" "$runs" "$ORGCTL" "${NOCACHE[@]}" --data "$dir" at "$DAY")
  R[$k/diff]=$(measure "$n-diff" "$runs" "$ORGCTL" "${NOCACHE[@]}" --data "$dir" diff "$FROM" "$DAY")
  R[$k/wrtceo]=$(measure "$n-wrtceo" "$runs" "$ORGCTL" "${NOCACHE[@]}" --data "$dir" who-reports-to ceo --at "$DAY" --all)
  # A second query on unchanged data: the first run fills the cache.
  "$ORGCTL" --data "$dir" at "$DAY" >/dev/null 2>&1 || true
  R[$k/warm]=$(measure "$n-warm" "$runs" "$ORGCTL" --data "$dir" at "$DAY")
  for fig in $PERSON_FIGS; do R[$k/$fig]=fail; done
  if [ -n "$person" ]; then
    R[$k/wrt]=$(measure "$n-wrt" "$runs" "$ORGCTL" --data "$dir" who-reports-to "$person" --at "$DAY")
    R[$k/wrtall]=$(measure "$n-wrtall" "$runs" "$ORGCTL" --data "$dir" who-reports-to "$person" --at "$DAY" --all)
    R[$k/chain]=$(measure "$n-chain" "$runs" "$ORGCTL" --data "$dir" chain "$person" --at "$DAY")
    R[$k/show]=$(measure "$n-show" "$runs" "$ORGCTL" --data "$dir" show "$person" --at "$DAY")
    R[$k/history]=$(measure "$n-history" "$runs" "$ORGCTL" --data "$dir" history "$person")
  fi
  db=$TMP/$n.sqlite
  R[$k/export]=$(measure "$n-export" "$runs" "$ORGCTL" "${NOCACHE[@]}" --data "$dir" export sqlite "$db" --force)
  INFO[$k/db]=$(stat -c %s "$db" 2>/dev/null || echo 0)
  R[$k/sqlite]=-
  if command -v sqlite3 >/dev/null 2>&1 && [ -s "$db" ] && [ -s "$SQL_WRT" ] && [ -n "$person" ]; then
    sed -e "s/:person/'$person'/g" -e "s/:day/'$DAY'/g" "$SQL_WRT" >"$TMP/$n.sql"
    R[$k/sqlite]=$(measure "$n-sqlite" "$runs" sqlite3 -bail "$db" ".read $TMP/$n.sql")
  fi
  rm -rf "$dir" "$db" "$XDG_CACHE_HOME"
done

# rows FN: FN SHAPE SIZE KEY for each run whose history was generated.
rows() {
  local run shape size
  for run in "${RUNS_LIST[@]}"; do
    read -r shape size <<<"$run"
    [ "${INFO[$shape/$size/events]}" = fail ] || "$1" "$shape" "$size" "$shape/$size"
  done
}
whole_row() {
  local cells="" f
  for f in floor check at diff wrtceo warm; do cells="$cells | $(cell "${R[$3/$f]}")"; done
  printf '| %s | %s | %s | %s%s |\n' "$1" "$2" "${INFO[$3/events]}" "$(fmt_bytes "${INFO[$3/bytes]}")" "$cells"
}
person_row() {
  local cells="" f
  for f in $PERSON_FIGS; do cells="$cells | $(cell "${R[$3/$f]}")"; done
  printf '| %s | %s | `%s`%s |\n' "$1" "$2" "${INFO[$3/person]:-none}" "$cells"
}
sqlite_row() {
  local ratio
  ratio=$(awk -v e="$(secs "${R[$3/export]}")" -v a="$(secs "${R[$3/at]}")" 'BEGIN { if (e != "" && a > 0) printf "%.2f×", e / a; else print "-" }')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$(cell "${R[$3/export]}")" "$ratio" \
    "$(fmt_bytes "${INFO[$3/db]}")" "$(cell "${R[$3/sqlite]}")"
}

echo "Whole history (cold, --no-cache, but the last column):"
echo
echo "| shape | size | events | data | parse floor | check | at | diff (a year) | who-reports-to ceo --all | at, cached |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
rows whole_row
echo
echo "One person, warm (the second query on unchanged data), on $DAY:"
echo
echo "| shape | size | person | who-reports-to | who-reports-to --all | chain | show | history |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
rows person_row
echo
echo "SQLite (export cold, --no-cache; sqlite3: the who-reports-to query of docs/sqlite.md):"
echo
echo "| shape | size | export sqlite | export / cold at | database | sqlite3 who-reports-to |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
rows sqlite_row

echo
echo "Small data (the bundled Alibaba set), median of 50 runs:"
version=$(measure small-version 50 "$ORGCTL" --version)
small=$(measure small-at 50 "$ORGCTL" --data data at 2023-05-10)
tv=$(secs "$version")
ta=$(secs "$small")
echo "orgctl --version: $(cell "$version"); orgctl at 2023-05-10: $(cell "$small")"
awk -v a="$ta" -v v="$tv" 'BEGIN { if (a != "" && v > 0) printf "ratio at / --version: %.2f\n", a / v }'

# The targets of issue 12, each at the largest size a shape ran (they are
# stated for L), growth from the size below it.
echo
echo "Issue 12's targets (stated for L on a 2-core machine; each shape at the largest size it ran):"
echo
echo "| shape | size | target | measured | verdict |"
echo "| --- | --- | --- | --- | --- |"
verdict() { if [ "$1" = 1 ]; then echo PASS; else echo MISS; fi; }
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
declare -A LARGEST PREV
for run in "${RUNS_LIST[@]}"; do
  read -r shape size <<<"$run"
  [ "${INFO[$shape/$size/events]}" = fail ] && continue
  [ -n "${LARGEST[$shape]:-}" ] && PREV[$shape]=${LARGEST[$shape]}
  LARGEST[$shape]=$size
done
for spec in $SHAPES; do
  shape=${spec%%@*}
  size=${LARGEST[$shape]:-}
  [ -n "$size" ] || continue
  k=$shape/$size
  sq=$(secs "${R[$k/sqlite]}")
  for f in $PERSON_FIGS; do
    what=$(fig_name "$f")
    r=${R[$k/$f]}
    if [ "$r" = fail ]; then row "$shape" "$size" "warm $what ≤ 30 ms, ≤ 60 MB, ≤ 2× sqlite3" fail MISS; continue; fi
    t=$(secs "$r") m=$(kb "$r")
    read -r measured ok <<<"$(awk -v t="$t" -v m="$m" -v q="$sq" 'BEGIN {
      ok = (t <= 0.030 && m <= 60 * 1024)
      s = sprintf("%.1f ms, %.0f MB", t * 1000, m / 1024)
      if (q != "" && q > 0) { s = s sprintf(", %.1f× sqlite3", t / q); ok = ok && t <= 2 * q }
      else { s = s ", no sqlite3 figure"; ok = 0 }
      gsub(/ /, "_", s); print s, ok }')"
    row "$shape" "$size" "warm $what ≤ 30 ms, ≤ 60 MB, ≤ 2× sqlite3" "${measured//_/ }" "$(verdict "$ok")"
  done
  r=${R[$k/warm]}
  if [ "$r" = fail ]; then row "$shape" "$size" "warm at ≤ 300 ms" fail MISS; else
    t=$(secs "$r")
    row "$shape" "$size" "warm at ≤ 300 ms" "$(fmt_time "$t")" "$(verdict "$(awk -v t="$t" 'BEGIN { print (t <= 0.3) }')")"
  fi
  a=$(secs "${R[$k/at]}") fl=$(secs "${R[$k/floor]}")
  if [ -n "$a" ] && [ -n "$fl" ]; then
    read -r x ok <<<"$(awk -v a="$a" -v f="$fl" 'BEGIN { printf "%.2f %d", a / f, (a <= 0.4 * f) }')"
    row "$shape" "$size" "cold at ≤ 0.4× the parse floor" "${x}× ($(fmt_time "$a") against $(fmt_time "$fl"))" "$(verdict "$ok")"
  else row "$shape" "$size" "cold at ≤ 0.4× the parse floor" fail MISS; fi
  m=$(kb "${R[$k/at]}") b=${INFO[$k/bytes]}
  if [ -n "$m" ]; then
    read -r x ok <<<"$(awk -v m="$m" -v b="$b" 'BEGIN { printf "%.2f %d", m * 1024 / b, (m * 1024 <= 2.5 * b) }')"
    row "$shape" "$size" "peak memory of a cold load (at) ≤ 2.5× the data" "${x}× ($(fmt_mem "$m") for $(fmt_bytes "$b"))" "$(verdict "$ok")"
  else row "$shape" "$size" "peak memory of a cold load (at) ≤ 2.5× the data" fail MISS; fi
  prev=${PREV[$shape]:-}
  if [ -n "$prev" ]; then
    worst="" wx=0 ok=1 failed=""
    for f in check at diff wrtceo warm $PERSON_FIGS export; do
      x=$(secs "${R[$k/$f]}") y=$(secs "${R[$shape/$prev/$f]}")
      if [ -z "$x" ] || [ -z "$y" ]; then ok=0; failed="$failed $(fig_name "$f")"; continue; fi
      x=$(awk -v a="$x" -v b="$y" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }')
      if awk -v x="$x" -v w="$wx" 'BEGIN { exit !(x > w) }'; then wx=$x worst=$(fig_name "$f"); fi
      if awk -v x="$x" 'BEGIN { exit !(x > 11) }'; then ok=0; fi
    done
    measured="at most ${wx}× ($worst)"
    [ -z "$failed" ] || measured="$measured; failed:$failed"
    row "$shape" "$size" "every command on $size ≤ 11× its time on $prev" "$measured" "$(verdict "$ok")"
  fi
  e=$(secs "${R[$k/export]}") a=$(secs "${R[$k/at]}")
  if [ -n "$e" ] && [ -n "$a" ]; then
    read -r x ok <<<"$(awk -v e="$e" -v a="$a" 'BEGIN { printf "%.2f %d", e / a, (e <= 2 * a) }')"
    row "$shape" "$size" "export sqlite ≤ 2× cold at" "${x}× ($(fmt_time "$e") against $(fmt_time "$a"))" "$(verdict "$ok")"
  else row "$shape" "$size" "export sqlite ≤ 2× cold at" fail MISS; fi
done
if [ -n "$ta" ] && [ -n "$tv" ]; then
  read -r x ok <<<"$(awk -v a="$ta" -v v="$tv" 'BEGIN { printf "%.2f %d", a / v, (a <= 2 * v) }')"
  row bundled - "at ≤ 2× orgctl --version" "${x}× ($(fmt_time "$ta") against $(fmt_time "$tv"))" "$(verdict "$ok")"
else row bundled - "at ≤ 2× orgctl --version" fail MISS; fi
