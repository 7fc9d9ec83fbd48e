#!/usr/bin/env bash
# Benchmark `brobygger build` on synthetic sites of growing size.
#
#   bench/build.sh                       # N = 1000 10000 50000, 5 runs each
#   SIZES="1000 10000" RUNS=3 bench/build.sh > table.md
#
# Environment:
#   SIZES       item counts to test                (default "1000 10000 50000")
#   RUNS        timed runs per size, after 1 warm-up (default 5)
#   SEED        generator seed                      (default 1)
#   BENCH_DIR   where sites and logs are kept       (default ${TMPDIR:-/tmp}/brobygger-bench)
#   OUT_DIR     where the builds write their output (default $BENCH_DIR; e.g. /dev/shm/bb for tmpfs)
#   SKIP_CARGO  set to 1 to use target/release/brobygger as it is, without cargo build
#
# Progress goes to stderr; the Markdown table (and one line describing the
# machine) goes to stdout, ready to paste into BENCHMARKS.md.  Any failed
# build stops the script with exit status 1 and shows the end of its output.
set -euo pipefail
export LC_ALL=C   # '.' as decimal point in $EPOCHREALTIME and printf

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
SIZES=${SIZES:-"1000 10000 50000"}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/brobygger-bench}
OUT_DIR=${OUT_DIR:-$BENCH_DIR}
bin=$repo/target/release/brobygger

die() { echo "bench: error: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ $SEED =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer, got '$SEED'"
for n in $SIZES; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES must be positive integers, got '$n'"; done
[[ -n ${SIZES// /} ]] || die "SIZES is empty"
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is needed: apt-get install time"
command -v python3 >/dev/null || die "python3 is needed for the site generator"
[[ -n ${EPOCHREALTIME:-} ]] || die "bash 5 or newer is needed (\$EPOCHREALTIME)"

# ---- 1. release binary ---------------------------------------------------------
if [[ ${SKIP_CARGO:-0} != 1 ]]; then
  say "cargo build --release (in $repo)"
  (cd "$repo" && cargo build --release) >&2 || die "cargo build --release failed"
fi
[[ -x $bin ]] || die "$bin not found"

mkdir -p "$BENCH_DIR" "$OUT_DIR"
# Every timed build writes into a folder that does not exist yet. Old outputs are only
# renamed into $trash while timing, and deleted when the script ends: deleting thousands of
# files just before a build makes file creation slow on some file systems (ext4 without a
# journal skips recently freed inodes one by one), which would be measured as build time.
trash="$OUT_DIR/.trash-$$"            # old outputs
site_trash="$BENCH_DIR/.trash-$$"      # old sites (same folder when OUT_DIR is BENCH_DIR)
mkdir -p "$trash" "$site_trash"
cleanup() {
  local t
  for t in "$trash" "$site_trash"; do
    if [[ -d $t ]]; then
      say "deleting old outputs and sites ($t)"
      rm -rf "$t"
    fi
  done
}
trap cleanup EXIT
gen_hash=$(sha256sum "$here/gen_site.py" | cut -c1-16)

# ---- 2. sites ------------------------------------------------------------------
site_for() {  # N -> path of a generated site, reused when N, seed and generator match
  local n=$1 site="$BENCH_DIR/site-n$1-seed$SEED"
  local stamp="$site.stamp"
  if [[ -d $site && -f $stamp && $(cat "$stamp") == "$gen_hash" ]]; then
    say "N=$n: reusing $site"
  else
    say "N=$n: generating $site"
    rm -f "$stamp"
    [[ -e $site ]] && mv "$site" "$site_trash/site-n$n-old"
    [[ -e $site.tmp ]] && mv "$site.tmp" "$site_trash/site-n$n-tmp"
    python3 "$here/gen_site.py" "$n" "$site.tmp" --seed "$SEED" >&2 \
      || die "gen_site.py $n failed"
    mv "$site.tmp" "$site"
    echo "$gen_hash" > "$stamp"
  fi
  echo "$site"
}

# ---- 3. runs -------------------------------------------------------------------
stats() {  # N then lines of "wall rss_kib" on stdin -> one Markdown table row
  python3 -c '
import sys, statistics
n = int(sys.argv[1])
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
walls = [w for w, _ in rows]
rss = [r for _, r in rows]
med = statistics.median(walls)
print("| {:,} | {:.3f} | {:.3f} | {:.3f} | {:.0f} | {:.1f} |".format(
    n, med, min(walls), max(walls), statistics.median(rss) / 1024, med * 1000 / (n / 1000)))
' "$1"
}

table_rows=()
for n in $SIZES; do
  site=$(site_for "$n")
  out="$OUT_DIR/out-n$n"             # the last run's output is kept here
  log="$BENCH_DIR/build-n$n.log"
  tf="$BENCH_DIR/time-n$n.txt"
  [[ -e $out ]] && mv "$out" "$trash/out-n$n-previous"
  samples=""
  for ((run = 0; run <= RUNS; run++)); do
    if ((run > 0)); then mv "$out" "$trash/out-n$n-run$((run - 1))"; fi
    t0=$EPOCHREALTIME
    if ! /usr/bin/time -f '%e %M' -o "$tf" "$bin" build --root "$site" --output "$out" >"$log" 2>&1; then
      echo >&2
      echo "bench: error: brobygger build FAILED for N=$n (run $run); last lines of $log:" >&2
      tail -n 40 "$log" | sed 's/^/    /' >&2
      echo "bench: command: $bin build --root $site --output $out" >&2
      exit 1
    fi
    t1=$EPOCHREALTIME
    [[ -f $out/index.html ]] || die "N=$n: build exited 0 but wrote no $out/index.html (log: $log)"
    read -r e_s rss_kib < <(tail -n 1 "$tf")
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    if ((run == 0)); then
      say "N=$n warm-up: wall ${wall}s (time: ${e_s}s), peak RSS $((rss_kib / 1024)) MiB"
    else
      say "N=$n run $run/$RUNS: wall ${wall}s (time: ${e_s}s), peak RSS $((rss_kib / 1024)) MiB"
      samples+="$wall $rss_kib"$'\n'
    fi
  done
  files=$(find "$out" -type f | wc -l)
  size=$(du -sm "$out" | cut -f1)
  say "N=$n: output $files files, $size MiB"
  table_rows+=("$(printf '%s' "$samples" | stats "$n")")
done

# ---- 4. table ------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "no commit")
if [[ $commit != "no commit" && -n $(git -C "$repo" status --porcelain 2>/dev/null) ]]; then
  commit+="+dirty"
fi
version=$("$bin" --version 2>/dev/null | head -n 1 || true)
if [[ ${SKIP_CARGO:-0} == 1 ]]; then   # the binary may be older than HEAD
  commit="binary built $(date -u -r "$bin" +%Y-%m-%dT%H:%MZ), HEAD $commit"
fi
fs=$(stat -f -c %T "$OUT_DIR" 2>/dev/null || echo "?")
echo "Machine: $(nproc) cores${cpu:+ ($cpu)}, $(uname -sr); ${version:-brobygger} @ $commit;" \
     "$(date -u +%Y-%m-%d); output on $fs; $RUNS runs after 1 warm-up, seed $SEED."
echo
echo "| N | median wall (s) | min (s) | max (s) | median peak RSS (MiB) | ms per 1,000 items |"
echo "|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${table_rows[@]}"
