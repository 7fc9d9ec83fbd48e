#!/usr/bin/env bash
# Benchmark `brobygger serve`: the time from saving one item to its rebuilt page being served,
# on a synthetic site, with the full build time of the same site beside it.
#
#   bench/serve.sh                      # N = 10000, 3 runs of 25 edits
#   N=1000 RUNS=1 EDITS=20 bench/serve.sh
#
# Environment:
#   N           items in the site                   (default 10000)
#   RUNS        serve runs (each a fresh serve)       (default 3)
#   EDITS       edits per run                        (default 25)
#   GAP         seconds between edits                (default 1.0)
#   BENCH_DIR   where the site is kept               (default ${TMPDIR:-/tmp}/brobygger-bench)
#   OUT_DIR     where the full builds write          (default /dev/shm if there, as in build.sh's tmpfs figures)
#   SKIP_CARGO  set to 1 to use target/release/brobygger as it is
#   BIN         the binary to measure instead (another build, to compare; implies SKIP_CARGO)
#   VIA         poll (default) or events: how the change is noticed (see serve_latency.py)
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
N=${N:-10000}
RUNS=${RUNS:-3}
EDITS=${EDITS:-25}
GAP=${GAP:-1.0}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/brobygger-bench}
bin=${BIN:-$repo/target/release/brobygger}
VIA=${VIA:-poll}

if [[ ${SKIP_CARGO:-0} != 1 && -z ${BIN:-} ]]; then
  (cd "$repo" && cargo build --release) >&2
fi
mkdir -p "$BENCH_DIR"
site=$BENCH_DIR/serve-site-n$N
echo "bench: generating $N items into $site" >&2
python3 "$here/gen_site.py" --quiet --force --seed 1 "$N" "$site"

echo "bench: full builds (3, after 1 warm-up)" >&2
default_out=${TMPDIR:-/tmp}
[[ -d /dev/shm && -w /dev/shm ]] && default_out=/dev/shm
out=$(mktemp -d "${OUT_DIR:-$default_out}/brobygger-serve-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
builds=()
for i in 0 1 2 3; do
  start=$EPOCHREALTIME
  "$bin" build --root "$site" --output "$out/public-$i" >/dev/null 2>&1
  end=$EPOCHREALTIME
  [[ $i == 0 ]] || builds+=("$(python3 -c "print(($end - $start) * 1000)")")
done
build_median=$(printf '%s\n' "${builds[@]}" | sort -g | sed -n 2p)

medians=()
for r in $(seq 1 "$RUNS"); do
  echo "bench: serve run $r of $RUNS ($EDITS edits)" >&2
  python3 "$here/serve_latency.py" "$site" --binary "$bin" --edits "$EDITS" --gap "$GAP" \
    --seed "$r" --via "$VIA" --json "$out/run-$r.json" >&2
  medians+=("$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['median_ms'])" "$out/run-$r.json")")
done
all=$(python3 - "$out" "$RUNS" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
xs = [x for r in range(1, runs + 1) for x in json.load(open(f"{out}/run-{r}.json"))["latencies_ms"]]
xs.sort()
print(f"{statistics.median(xs):.1f} {xs[0]:.1f} {xs[int(0.9 * (len(xs) - 1))]:.1f} {xs[-1]:.1f} {len(xs)}")
PY
)
read -r med min p90 max count <<<"$all"
echo "Machine: $(nproc) cores, $(uname -sr); $bin (repository @ $(cd "$repo" && git rev-parse --short HEAD)); via $VIA; $(date +%F)"
echo
echo "| N | full build (ms, median of 3) | save → served: median (ms) | min | p90 | max | edits | per-run medians (ms) |"
echo "|---|---|---|---|---|---|---|---|"
printf '| %s | %.0f | %s | %s | %s | %s | %s | %s |\n' "$N" "$build_median" "$med" "$min" "$p90" "$max" "$count" "$(printf '%.1f ' "${medians[@]}")"
