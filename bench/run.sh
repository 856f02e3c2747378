#!/usr/bin/env bash
# Generates the standard histories S, M and L into a temporary folder and
# prints one table: their size, the parse floor (every file parsed into a
# toml::Table, one after another, on one thread), and the median wall time
# and peak memory of orgctl's commands on them.
#
#   bench/run.sh                 # S, M and L (a few minutes on 2 cores)
#   SIZES="S M" bench/run.sh     # skip L
#   RUNS_L=5 bench/run.sh        # more runs (defaults: S 10, M 5, L 3)
#
# Times are medians from hyperfine (installed from Debian packages if
# missing; without it, the median of /usr/bin/time runs). Peak memory is
# the largest maximum resident set size of those runs. A benchmark, not a
# test: nothing here fails on a slow run.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"S M L"}
DAY=2024-12-31
FROM=2024-01-01

if ! command -v hyperfine >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing hyperfine..." >&2
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 || true
fi
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq time) >/dev/null 2>&1 || true
fi
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

# measure NAME RUNS CMD...: prints "median_seconds peak_kb".
measure() {
  local name=$1 runs=$2
  shift 2
  local mem=$TMP/$name.mem
  : >"$mem"
  local timed=(/usr/bin/time -a -o "$mem" -f "%e %M" "$@")
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --style none --warmup 0 --runs "$runs" --export-csv "$TMP/$name.csv" \
      --command-name "$name" "$(printf '%q ' "${timed[@]}") >/dev/null" >/dev/null 2>&1
    median=$(awk -F, 'NR == 2 { print $4 }' "$TMP/$name.csv")
  else
    for _ in $(seq "$runs"); do "${timed[@]}" >/dev/null 2>&1; done
    median=$(awk '{ print $1 }' "$mem" | sort -n | awk '{ a[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? a[m] : (a[m] + a[m + 1]) / 2 }')
  fi
  peak=$(awk '$2 > m { m = $2 } END { print m + 0 }' "$mem")
  echo "$median $peak"
}

fmt_time() { awk -v s="$1" 'BEGIN { if (s < 0.01) printf "%.1f ms", s * 1000; else if (s < 1) printf "%.0f ms", s * 1000; else printf "%.2f s", s }'; }
fmt_mem() { awk -v k="$1" 'BEGIN { if (k < 1024 * 1024) printf "%.0f MB", k / 1024; else printf "%.2f GB", k / 1024 / 1024 }'; }
fmt_bytes() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }

declare -A ROW
echo "| size | events | data | parse floor | check | at | diff (a year) | who-reports-to --all | at, cached |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for size in $SIZES; do
  case $size in
    S) runs=${RUNS_S:-10} ;;
    M) runs=${RUNS_M:-5} ;;
    *) runs=${RUNS_L:-3} ;;
  esac
  dir=$TMP/$size
  echo "generating $size..." >&2
  line=$("$GEN" --size "$size" --out "$dir")
  events=$(sed -E 's/.* ([0-9]+) events.*/\1/' <<<"$line")
  bytes=$(sed -E 's/.* ([0-9]+) bytes.*/\1/' <<<"$line")
  echo "measuring $size ($runs runs each)..." >&2
  ROW[floor]=$(measure "$size-floor" "$runs" "$FLOOR" "$dir")
  ROW[check]=$(measure "$size-check" "$runs" "$ORGCTL" "${NOCACHE[@]}" --data "$dir" check)
  ROW[at]=$(measure "$size-at" "$runs" "$ORGCTL" "${NOCACHE[@]}" --data "$dir" at "$DAY")
  ROW[diff]=$(measure "$size-diff" "$runs" "$ORGCTL" "${NOCACHE[@]}" --data "$dir" diff "$FROM" "$DAY")
  ROW[wrt]=$(measure "$size-wrt" "$runs" "$ORGCTL" "${NOCACHE[@]}" --data "$dir" who-reports-to ceo --at "$DAY" --all)
  if [ ${#NOCACHE[@]} -gt 0 ]; then
    # A second query on unchanged data: the first run fills the cache.
    "$ORGCTL" --data "$dir" at "$DAY" >/dev/null 2>&1 || true
    ROW[warm]=$(measure "$size-warm" "$runs" "$ORGCTL" --data "$dir" at "$DAY")
  else
    ROW[warm]="-"
  fi
  cells=""
  for k in floor check at diff wrt warm; do
    if [ "${ROW[$k]}" = - ]; then
      cells="$cells | -"
      continue
    fi
    read -r t m <<<"${ROW[$k]}"
    cells="$cells | $(fmt_time "$t"), $(fmt_mem "$m")"
  done
  printf '| %s | %s | %s%s |\n' "$size" "$events" "$(fmt_bytes "$bytes")" "$cells"
done

echo
echo "Small data (the bundled Alibaba set), median of 50 runs:"
version=$(measure small-version 50 "$ORGCTL" --version)
at=$(measure small-at 50 "$ORGCTL" --data data at 2023-05-10)
read -r tv _ <<<"$version"
read -r ta _ <<<"$at"
echo "orgctl --version: $(fmt_time "$tv"); orgctl at 2023-05-10: $(fmt_time "$ta")"
awk -v a="$ta" -v v="$tv" 'BEGIN { if (v > 0) printf "ratio at / --version: %.2f\n", a / v }'
