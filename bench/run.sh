#!/usr/bin/env bash
# Generates histories of each shape and size into a temporary folder and
# prints, for each shape, one table of every figure at every size (the
# parse floor (every file parsed into a toml::Table, one after another, on
# one thread); the median wall time and peak memory of orgctl's commands,
# cold and warm; the questions about one person; the SQLite export and
# sqlite3's answer from it) and one of issue 12's targets, measured value
# and PASS or MISS; then the bundled data's figures and target.
#
#   bench/run.sh                            # every shape, S, M and L (long on 2 cores)
#   SIZES="S M" bench/run.sh                # skip L
#   SHAPES="default hr" bench/run.sh        # only those shapes
#   SHAPES="default hr news@S,M deep@M" ... # a shape@SIZES runs at those sizes only
#   RUNS_L=5 bench/run.sh                   # more runs (defaults: S 10, M 5, L 3)
#   RUNS_WARM=20 bench/run.sh               # runs of each warm figure (default 10, after one unmeasured)
#   TIMEOUT=60 bench/run.sh                 # a run slower than 60 s fails (default 600)
#
# Shapes (the generator's --shape): default, hr (an HR system's export),
# news (a newsroom's record of a few people), deep (a chain of units as
# deep as the people, at most 50,000), wide (as many teams side by side as
# people, reorganised in one day). A shape without @SIZES runs at every
# size of SIZES; the default SHAPES is "default hr news@S,M deep@L wide@L"
# (the deep chain and the wide teams at one size, the news shape where it
# is cheap).
#
# The cold figures (the floor, check, at, diff, who-reports-to, export)
# are run in turns, one of each per round, so that a slow spell of a
# shared machine falls on each alike and their ratios hold (the cold
# commands of the size before run again in the rounds of the next, and
# their growth is taken from those pairs); the warm ones
# are medians from hyperfine (installed from Debian packages if missing;
# without it, the median of /usr/bin/time runs). Times are medians; peak
# memory is the largest maximum resident set size of the runs. A command that
# fails, or runs longer than TIMEOUT seconds, prints `fail` in its cell;
# the run goes on. A benchmark, not a
# test: nothing here fails on a slow run.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"S M L"}
SHAPES=${SHAPES:-"default hr news@S,M deep@L wide@L"}
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
# a run of the command fails. WARMUP=1 runs it once first, unmeasured.
measure() {
  local name=$1 runs=$2
  shift 2
  local mem=$TMP/$name.mem
  : >"$mem"
  local timed=(/usr/bin/time -a -o "$mem" -f "%e %M %x" timeout "$TIMEOUT" "$@")
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --style none --warmup "${WARMUP:-0}" --runs "$runs" --export-csv "$TMP/$name.csv" \
      --command-name "$name" "$(printf '%q ' "${timed[@]}") >/dev/null" >/dev/null 2>&1 || { echo fail; return 0; }
    with_peak "$mem" "$(awk -F, 'NR == 2 { print $4 }' "$TMP/$name.csv")"
  else
    for _ in $(seq "$runs"); do "${timed[@]}" >/dev/null 2>&1 || true; done
    summary "$mem"
  fi
}

# summary FILE: "median_seconds peak_kb" of the "%e %M %x" lines of FILE,
# or "fail" when a run failed or none ran.
summary() {
  local median
  median=$(awk 'NF == 3 { print $1 }' "$1" | sort -n |
    awk '{ a[NR] = $1 } END { m = int((NR + 1) / 2); if (NR) print (NR % 2) ? a[m] : (a[m] + a[m + 1]) / 2 }')
  with_peak "$1" "$median"
}

# with_peak FILE MEDIAN: "MEDIAN peak_kb" of the runs in FILE, or "fail"
# when one failed or there is no median.
with_peak() {
  if [ -z "$2" ] || awk 'NF == 3 && $3 != 0 { bad = 1 } END { exit !bad }' "$1"; then
    echo fail
    return 0
  fi
  echo "$2 $(awk 'NF == 3 && $2 > m { m = $2 } END { print m + 0 }' "$1")"
}

# in_turns RUNS KEY NAME...: runs the commands CMD[NAME] (quoted strings)
# one after another, RUNS rounds, and sets R[KEY/NAME] for each. The wall
# time is the shell's clock (to the microsecond; /usr/bin/time's is to the
# hundredth), the memory and exit status /usr/bin/time's.
declare -A CMD
in_turns() {
  local runs=$1 key=$2 name t0 t1
  shift 2
  for name in "$@"; do : >"$TMP/turns-$name.mem"; done
  for _ in $(seq "$runs"); do
    for name in "$@"; do
      t0=$EPOCHREALTIME
      eval "/usr/bin/time -o $(printf %q "$TMP/turn") -f '%M %x' timeout $TIMEOUT ${CMD[$name]}" >/dev/null 2>&1 || true
      t1=$EPOCHREALTIME
      echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') $(tail -n 1 "$TMP/turn")" >>"$TMP/turns-$name.mem"
    done
  done
  for name in "$@"; do R[$key/$name]=$(summary "$TMP/turns-$name.mem"); done
}

fmt_time() { awk -v s="$1" 'BEGIN { if (s < 0.01) printf "%.1f ms", s * 1000; else if (s < 1) printf "%.0f ms", s * 1000; else printf "%.2f s", s }'; }
# Memory is measured in KiB (time's %M) and shown in MB of 10^6 bytes, as
# the data's size is, so that the two compare as the ratio does.
fmt_mem() { awk -v k="$1" 'BEGIN { b = k * 1024; if (b < 1e9) printf "%.0f MB", b / 1e6; else printf "%.2f GB", b / 1e9 }'; }
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
declare -A KEPT    # KEPT[shape] = the history of the size before, kept
COLD="check at diff wrtceo export"
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
  # A shape done: its last history is no longer needed.
  for other in "${!KEPT[@]}"; do
    [ "$other" = "$shape" ] || { rm -rf "${KEPT[$other]}"; unset "KEPT[$other]"; }
  done
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
  db=$TMP/$n.sqlite
  o="$(printf %q "$ORGCTL") ${NOCACHE[*]} --data $(printf %q "$dir")"
  CMD[floor]="$(printf %q "$FLOOR") $(printf %q "$dir")"
  CMD[check]="$o check"
  CMD[at]="$o at $DAY"
  CMD[diff]="$o diff $FROM $DAY"
  CMD[wrtceo]="$o who-reports-to ceo --at $DAY --all"
  CMD[export]="$o export sqlite $(printf %q "$db") --force"
  # The size before's cold commands again, in the same rounds: the growth
  # from it compares runs of one spell of the machine, not two.
  paired=()
  if [ -n "${KEPT[$shape]:-}" ]; then
    p="$(printf %q "$ORGCTL") ${NOCACHE[*]} --data $(printf %q "${KEPT[$shape]}")"
    CMD[pcheck]="$p check"
    CMD[pat]="$p at $DAY"
    CMD[pdiff]="$p diff $FROM $DAY"
    CMD[pwrtceo]="$p who-reports-to ceo --at $DAY --all"
    CMD[pexport]="$p export sqlite $(printf %q "$TMP/$n-before.sqlite") --force"
    paired=(pcheck pat pdiff pwrtceo pexport)
  fi
  in_turns "$runs" "$k" floor check at diff wrtceo export "${paired[@]}"
  INFO[$k/db]=$(stat -c %s "$db" 2>/dev/null || echo 0)
  # A second query on unchanged data: the first run fills the cache. The
  # warm figures take a fraction of a second each: more runs of them.
  "$ORGCTL" --data "$dir" at "$DAY" >/dev/null 2>&1 || true
  warm=${RUNS_WARM:-10}
  export WARMUP=1
  R[$k/warm]=$(measure "$n-warm" "$warm" "$ORGCTL" --data "$dir" at "$DAY")
  for fig in $PERSON_FIGS; do R[$k/$fig]=fail; done
  if [ -n "$person" ]; then
    R[$k/wrt]=$(measure "$n-wrt" "$warm" "$ORGCTL" --data "$dir" who-reports-to "$person" --at "$DAY")
    R[$k/wrtall]=$(measure "$n-wrtall" "$warm" "$ORGCTL" --data "$dir" who-reports-to "$person" --at "$DAY" --all)
    R[$k/chain]=$(measure "$n-chain" "$warm" "$ORGCTL" --data "$dir" chain "$person" --at "$DAY")
    R[$k/show]=$(measure "$n-show" "$warm" "$ORGCTL" --data "$dir" show "$person" --at "$DAY")
    R[$k/history]=$(measure "$n-history" "$warm" "$ORGCTL" --data "$dir" history "$person")
  fi
  R[$k/sqlite]=-
  if command -v sqlite3 >/dev/null 2>&1 && [ -s "$db" ] && [ -s "$SQL_WRT" ] && [ -n "$person" ]; then
    sed -e "s/:person/'$person'/g" -e "s/:day/'$DAY'/g" "$SQL_WRT" >"$TMP/$n.sql"
    R[$k/sqlite]=$(measure "$n-sqlite" "$runs" sqlite3 -bail "$db" ".read $TMP/$n.sql")
  fi
  rm -rf "${KEPT[$shape]:-}" "$db" "$TMP/$n-before.sqlite" "$XDG_CACHE_HOME"
  KEPT[$shape]=$dir
done

# The sizes each shape ran at (its history generated), in order.
declare -A RAN LARGEST PREV
for run in "${RUNS_LIST[@]}"; do
  read -r shape size <<<"$run"
  [ "${INFO[$shape/$size/events]}" = fail ] && continue
  RAN[$shape]="${RAN[$shape]:-} $size"
  [ -n "${LARGEST[$shape]:-}" ] && PREV[$shape]=${LARGEST[$shape]}
  LARGEST[$shape]=$size
done
# figure_row SHAPE LABEL FN [ARG]: a row of `FN SHAPE/SIZE ARG` at each
# size SHAPE ran.
figure_row() {
  local size line="| $2 |"
  for size in ${RAN[$1]}; do line="$line $($3 "$1/$size" "${4:-}") |"; done
  echo "$line"
}
# f_cell KEY FIGURE: the table cell of FIGURE's result.
f_cell() { cell "${R[$1/$2]}"; }
f_events() { echo "${INFO[$1/events]}"; }
f_data() { fmt_bytes "${INFO[$1/bytes]}"; }
f_person() { echo "\`${INFO[$1/person]:-none}\`"; }
f_db() { fmt_bytes "${INFO[$1/db]}"; }
f_ratio() { awk -v e="$(secs "${R[$1/export]}")" -v a="$(secs "${R[$1/at]}")" 'BEGIN { if (e != "" && a > 0) printf "%.2f×", e / a; else print "-" }'; }
verdict() { if [ "$1" = 1 ]; then echo PASS; else echo MISS; fi; }
row() { printf '| %s | %s | %s |\n' "$@"; }

DONE_SHAPES=""
for spec in $SHAPES; do
  shape=${spec%%@*}
  [ -n "${RAN[$shape]:-}" ] || continue
  case " $DONE_SHAPES " in *" $shape "*) continue ;; esac
  DONE_SHAPES="$DONE_SHAPES $shape"
  echo "### $shape"
  echo
  header="| $shape |" rule="| --- |"
  for size in ${RAN[$shape]}; do header="$header $size |" rule="$rule ---: |"; done
  echo "$header"
  echo "$rule"
  figure_row "$shape" "events" f_events
  figure_row "$shape" "data" f_data
  figure_row "$shape" "parse floor (toml::Table, one thread)" f_cell floor
  figure_row "$shape" "check, cold" f_cell check
  figure_row "$shape" "at, cold" f_cell at
  figure_row "$shape" "diff (a year), cold" f_cell diff
  figure_row "$shape" "who-reports-to ceo --all, cold" f_cell wrtceo
  figure_row "$shape" "at, cached" f_cell warm
  figure_row "$shape" "P, the person asked about" f_person
  for fig in $PERSON_FIGS; do figure_row "$shape" "$(fig_name "$fig"), warm" f_cell "$fig"; done
  figure_row "$shape" "export sqlite, cold" f_cell export
  figure_row "$shape" "export / cold at" f_ratio
  figure_row "$shape" "database" f_db
  figure_row "$shape" "sqlite3: who-reports-to P (docs/sqlite.md)" f_cell sqlite
  echo
  size=${LARGEST[$shape]}
  k=$shape/$size
  echo "Issue 12's targets for $shape (stated for L on a 2-core machine; here at $size):"
  echo
  echo "| target | measured | verdict |"
  echo "| --- | --- | --- |"
  sq=$(secs "${R[$k/sqlite]}")
  for f in $PERSON_FIGS; do
    what=$(fig_name "$f")
    r=${R[$k/$f]}
    if [ "$r" = fail ]; then row "warm $what ≤ 30 ms, ≤ 60 MB, ≤ 2× sqlite3" fail MISS; continue; fi
    t=$(secs "$r") m=$(kb "$r")
    read -r measured ok <<<"$(awk -v t="$t" -v m="$m" -v q="$sq" 'BEGIN {
      ok = (t <= 0.030 && m * 1024 <= 60e6)
      s = sprintf("%.1f ms, %.0f MB", t * 1000, m * 1024 / 1e6)
      if (q != "" && q > 0) { s = s sprintf(", %.1f× sqlite3", t / q); ok = ok && t <= 2 * q }
      else { s = s ", no sqlite3 figure"; ok = 0 }
      gsub(/ /, "_", s); print s, ok }')"
    row "warm $what ≤ 30 ms, ≤ 60 MB, ≤ 2× sqlite3" "${measured//_/ }" "$(verdict "$ok")"
  done
  r=${R[$k/warm]}
  if [ "$r" = fail ]; then row "warm at ≤ 300 ms" fail MISS; else
    t=$(secs "$r")
    row "warm at ≤ 300 ms" "$(fmt_time "$t")" "$(verdict "$(awk -v t="$t" 'BEGIN { print (t <= 0.3) }')")"
  fi
  a=$(secs "${R[$k/at]}") fl=$(secs "${R[$k/floor]}")
  if [ -n "$a" ] && [ -n "$fl" ]; then
    read -r x ok <<<"$(awk -v a="$a" -v f="$fl" 'BEGIN { printf "%.2f %d", a / f, (a <= 0.4 * f) }')"
    row "cold at ≤ 0.4× the parse floor" "${x}× ($(fmt_time "$a") against $(fmt_time "$fl"))" "$(verdict "$ok")"
  else row "cold at ≤ 0.4× the parse floor" fail MISS; fi
  m=$(kb "${R[$k/at]}") b=${INFO[$k/bytes]}
  if [ -n "$m" ]; then
    read -r x ok <<<"$(awk -v m="$m" -v b="$b" 'BEGIN { printf "%.2f %d", m * 1024 / b, (m * 1024 <= 2.5 * b) }')"
    row "peak memory of a cold load (at) ≤ 2.5× the data" "${x}× ($(fmt_mem "$m") for $(fmt_bytes "$b"))" "$(verdict "$ok")"
  else row "peak memory of a cold load (at) ≤ 2.5× the data" fail MISS; fi
  prev=${PREV[$shape]:-}
  if [ -n "$prev" ]; then
    worst="" wx=0 ok=1 failed=""
    for f in $COLD warm $PERSON_FIGS; do
      x=$(secs "${R[$k/$f]}") y=$(secs "${R[$shape/$prev/$f]}")
      # A cold command: its run at the size before in the same rounds.
      case " $COLD " in *" $f "*) y=$(secs "${R[$k/p$f]:-}") ;; esac
      if [ -z "$x" ] || [ -z "$y" ]; then ok=0; failed="$failed $(fig_name "$f")"; continue; fi
      x=$(awk -v a="$x" -v b="$y" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }')
      if awk -v x="$x" -v w="$wx" 'BEGIN { exit !(x > w) }'; then wx=$x worst=$(fig_name "$f"); fi
      if awk -v x="$x" 'BEGIN { exit !(x > 11) }'; then ok=0; fi
    done
    measured="at most ${wx}× ($worst)"
    [ -z "$failed" ] || measured="$measured; failed:$failed"
    row "every command on $size ≤ 11× its time on $prev" "$measured" "$(verdict "$ok")"
  fi
  e=$(secs "${R[$k/export]}") a=$(secs "${R[$k/at]}")
  if [ -n "$e" ] && [ -n "$a" ]; then
    read -r x ok <<<"$(awk -v e="$e" -v a="$a" 'BEGIN { printf "%.2f %d", e / a, (e <= 2 * a) }')"
    row "export sqlite ≤ 2× cold at" "${x}× ($(fmt_time "$e") against $(fmt_time "$a"))" "$(verdict "$ok")"
  else row "export sqlite ≤ 2× cold at" fail MISS; fi
  echo
done

echo "Small data (the bundled Alibaba set), median of 50 runs:"
version=$(measure small-version 50 "$ORGCTL" --version)
small=$(measure small-at 50 "$ORGCTL" --data data at 2023-05-10)
tv=$(secs "$version")
ta=$(secs "$small")
echo "orgctl --version: $(cell "$version"); orgctl at 2023-05-10: $(cell "$small")"
awk -v a="$ta" -v v="$tv" 'BEGIN { if (a != "" && v > 0) printf "ratio at / --version: %.2f\n", a / v }'

echo
echo "Issue 12's target for the bundled data:"
echo
echo "| target | measured | verdict |"
echo "| --- | --- | --- |"
if [ -n "$ta" ] && [ -n "$tv" ]; then
  read -r x ok <<<"$(awk -v a="$ta" -v v="$tv" 'BEGIN { printf "%.2f %d", a / v, (a <= 2 * v) }')"
  row "at ≤ 2× orgctl --version" "${x}× ($(fmt_time "$ta") against $(fmt_time "$tv"))" "$(verdict "$ok")"
else row "at ≤ 2× orgctl --version" fail MISS; fi
