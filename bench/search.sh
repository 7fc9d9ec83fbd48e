#!/usr/bin/env bash
# Benchmark the search: the size of the index and what it adds to the build time on synthetic
# sites of growing size, then what a query costs in headless Chromium (bench/search.mjs).
#
#   bench/search.sh                               # N = 1000 10000 50000; queries on 10000
#   SIZES="1000 10000" RUNS=3 bench/search.sh > search-result.md
#
# Environment:
#   SIZES        item counts to build                          (default "1000 10000 50000")
#   RUNS         timed builds per size and binary, after 1 warm-up each (default 3)
#   SEED         generator seed                                (default 1)
#   QUERY_N      the size whose site is searched in the browser (default 10000)
#   QUERY_RUNS   runs per query in the browser, median reported (default 5)
#   BENCH_DIR    where sites and logs are kept (shared with build.sh) (default ${TMPDIR:-/tmp}/brobygger-bench)
#   OUT_DIR      where the builds write                        (default $BENCH_DIR; /dev/shm/... for tmpfs)
#   BASELINE     1: also time the same builds without the search index, with a binary built
#                from BASE_REV; 0: skip that                    (default 1)
#   BASE_REV     the commit to compare with  (default: the parent of the commit that added src/search.rs)
#   SKIP_CARGO   1: use target/release/brobygger as it is (the baseline is still built once)
#   SKIP_BROWSER 1: sizes and build times only
#
# Progress goes to stderr; stdout gets Markdown tables for BENCHMARKS.md. The browser part
# needs /usr/bin/chromium (apt-get install chromium) and `npm ci` in the repository root.
set -euo pipefail
export LC_ALL=C   # '.' as decimal point in $EPOCHREALTIME and printf

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
SIZES=${SIZES:-"1000 10000 50000"}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
QUERY_N=${QUERY_N:-10000}
QUERY_RUNS=${QUERY_RUNS:-5}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/brobygger-bench}
OUT_DIR=${OUT_DIR:-$BENCH_DIR}
BASELINE=${BASELINE:-1}
bin=$repo/target/release/brobygger

die() { echo "bench/search: error: $*" >&2; exit 1; }
say() { echo "bench/search: $*" >&2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ $QUERY_RUNS =~ ^[1-9][0-9]*$ ]] || die "QUERY_RUNS must be a positive integer, got '$QUERY_RUNS'"
[[ $SEED =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer, got '$SEED'"
for n in $SIZES $QUERY_N; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "sizes must be positive integers, got '$n'"; done
command -v python3 >/dev/null || die "python3 is needed for the site generator"
[[ -n ${EPOCHREALTIME:-} ]] || die "bash 5 or newer is needed (\$EPOCHREALTIME)"
if [[ ${SKIP_BROWSER:-0} != 1 ]]; then
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found: apt-get install chromium (or SKIP_BROWSER=1)"
  command -v node >/dev/null || die "node is needed for the browser part (or SKIP_BROWSER=1)"
  [[ -f $repo/node_modules/playwright-core/package.json ]] ||
    die "playwright-core is not installed: run 'npm ci' in $repo (or SKIP_BROWSER=1)"
fi

# ---- 1. binaries ---------------------------------------------------------------
if [[ ${SKIP_CARGO:-0} != 1 ]]; then
  say "cargo build --release (in $repo)"
  (cd "$repo" && cargo build --release) >&2 || die "cargo build --release failed"
fi
[[ -x $bin ]] || die "$bin not found"

base_bin=""
if [[ $BASELINE == 1 ]]; then
  if [[ -z ${BASE_REV:-} ]]; then
    added=$(git -C "$repo" log --diff-filter=A --format=%H -- src/search.rs | tail -n 1)
    if [[ -n $added ]]; then BASE_REV=$(git -C "$repo" rev-parse "$added^"); else BASE_REV=$(git -C "$repo" rev-parse HEAD); fi
  fi
  BASE_REV=$(git -C "$repo" rev-parse --verify "$BASE_REV^{commit}") || die "BASE_REV is not a commit"
  git -C "$repo" cat-file -e "$BASE_REV:src/search.rs" 2>/dev/null &&
    die "BASE_REV ${BASE_REV:0:7} already has src/search.rs: name a commit without the search index"
  base_src="$BENCH_DIR/baseline-${BASE_REV:0:12}"
  base_bin="$base_src/target/release/brobygger"
  if [[ ! -x $base_bin ]]; then
    say "building the baseline (${BASE_REV:0:7}, without search) in $base_src"
    rm -rf "$base_src.tmp" && mkdir -p "$base_src.tmp"
    git -C "$repo" archive "$BASE_REV" | tar -x -C "$base_src.tmp"
    rm -rf "$base_src" && mv "$base_src.tmp" "$base_src"
    (cd "$base_src" && cargo build --release --locked) >&2 || die "building the baseline failed"
  fi
fi

mkdir -p "$BENCH_DIR" "$OUT_DIR"
# As in build.sh: outputs are moved aside while timing and deleted at the end, so that deleting
# thousands of files never happens just before a timed build.
trash="$OUT_DIR/.trash-search-$$"
mkdir -p "$trash"
cleanup() { [[ -d $trash ]] && { say "deleting old outputs ($trash)"; rm -rf "$trash"; }; }
trap cleanup EXIT
gen_hash=$(sha256sum "$here/gen_site.py" | cut -c1-16)

# ---- 2. sites (the same folders and stamps as build.sh, so they are shared) ----------
site_for() {
  local n=$1 site="$BENCH_DIR/site-n$1-seed$SEED"
  if [[ -d $site && -f $site.stamp && $(cat "$site.stamp") == "$gen_hash" ]]; then
    say "N=$n: reusing $site"
  else
    say "N=$n: generating $site"
    rm -f "$site.stamp"
    [[ -e $site ]] && mv "$site" "$trash/site-n$n-old"
    [[ -e $site.tmp ]] && mv "$site.tmp" "$trash/site-n$n-tmp"
    python3 "$here/gen_site.py" "$n" "$site.tmp" --seed "$SEED" >&2 || die "gen_site.py $n failed"
    mv "$site.tmp" "$site"
    echo "$gen_hash" > "$site.stamp"
  fi
  echo "$site"
}

# ---- 3. builds -------------------------------------------------------------------
timed_build() {  # binary site out log -> prints wall seconds
  local b=$1 site=$2 out=$3 log=$4 t0 t1
  [[ -e $out ]] && mv "$out" "$trash/$(basename "$out")-$RANDOM$RANDOM"
  t0=$EPOCHREALTIME
  if ! "$b" build --root "$site" --output "$out" >"$log" 2>&1; then
    echo "bench/search: error: build FAILED: $b build --root $site --output $out; last lines of $log:" >&2
    tail -n 40 "$log" | sed 's/^/    /' >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  [[ -f $out/index.html ]] || die "build exited 0 but wrote no $out/index.html (log: $log)"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }'
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rows=()
query_out=""
sizes=" $SIZES "
[[ $sizes == *" $QUERY_N "* ]] || sizes+="$QUERY_N "
for n in $sizes; do
  site=$(site_for "$n")
  out="$OUT_DIR/search-n$n"
  base_out="$OUT_DIR/search-base-n$n"
  with=() without=()
  timed=1
  [[ " $SIZES " == *" $n "* ]] || timed=0   # QUERY_N only: built once for the browser
  for ((run = 0; run <= RUNS * timed; run++)); do
    w=$(timed_build "$bin" "$site" "$out" "$BENCH_DIR/search-build-n$n.log")
    say "N=$n run $run/$RUNS with search: ${w}s$( ((run == 0)) && echo ' (warm-up)')"
    ((run > 0)) && with+=("$w")
    if [[ -n $base_bin && $timed == 1 ]]; then
      wo=$(timed_build "$base_bin" "$site" "$base_out" "$BENCH_DIR/search-base-build-n$n.log")
      say "N=$n run $run/$RUNS without search: ${wo}s$( ((run == 0)) && echo ' (warm-up)')"
      ((run > 0)) && without+=("$wo")
    fi
  done
  [[ $n == "$QUERY_N" ]] && query_out=$out
  ((timed)) || continue

  # The index: every file under search/ except the search page itself.
  read -r files bytes < <(find "$out/search" -type f ! -path "$out/search/index.html" -printf '%s\n' | awk '{ n++; s += $1 } END { print n, s }')
  read -r tfiles tbytes tmax < <(find "$out/search/t" -type f -printf '%s\n' | awk '{ n++; s += $1; if ($1 > m) m = $1 } END { print n, s, m }')
  read -r dfiles dbytes < <(find "$out/search/d" -type f -printf '%s\n' | awk '{ n++; s += $1 } END { print n, s }')
  manifest=$(stat -c %s "$out/search/index.js")
  site_bytes=$(du -sb "$out" | cut -f1)
  docs=$(sed -n 's/.*"docs":\([0-9]*\).*/\1/p' "$out/search/index.js")
  mw=$(printf '%s ' "${with[@]}" | median)
  if ((${#without[@]})); then
    mwo=$(printf '%s ' "${without[@]}" | median)
    cmp=$(awk -v a="$mw" -v b="$mwo" 'BEGIN { printf "%.3f | +%.3f (%+.0f %%)", b, a - b, (a - b) / b * 100 }')
  else
    cmp="– | –"
  fi
  rows+=("$(awk -v n="$n" -v docs="$docs" -v files="$files" -v bytes="$bytes" -v tf="$tfiles" -v tb="$tbytes" -v tm="$tmax" \
    -v df="$dfiles" -v db="$dbytes" -v m="$manifest" -v sb="$site_bytes" -v mw="$mw" -v cmp="$cmp" '
    function c(x,  s, o) { s = sprintf("%d", x); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } return s o }
    BEGIN {
      printf "| %s | %s | %s | %.1f MB (%.0f %% of the site) | %d files, %.1f MB, largest %.0f KB | %d files, %.1f MB | %.1f KB | %.3f | %s |",
        c(n), c(docs), c(files), bytes / 1e6, bytes / sb * 100, tf, tb / 1e6, tm / 1024, df, db / 1e6, m / 1024, mw, cmp }')")
done

# ---- 4. tables -------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "no commit")
[[ $commit != "no commit" && -n $(git -C "$repo" status --porcelain 2>/dev/null) ]] && commit+="+dirty"
fs=$(stat -f -c %T "$OUT_DIR" 2>/dev/null || echo "?")
echo "Machine: $(nproc) cores${cpu:+ ($cpu)}, $(uname -sr); brobygger @ $commit; $(date -u +%Y-%m-%d);" \
     "output on $fs; median of $RUNS builds after 1 warm-up, seed $SEED${base_bin:+; without search = ${BASE_REV:0:7}, the commit before the index}."
echo
echo "| N items | documents | index files | index size | term parts (t/) | document parts (d/) | manifest | build with search (s) | without (s) | search costs |"
echo "|---:|---:|---:|---:|---|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo

if [[ ${SKIP_BROWSER:-0} != 1 ]]; then
  say "queries in Chromium on $query_out"
  node "$here/search.mjs" "$query_out" --runs "$QUERY_RUNS"
fi
