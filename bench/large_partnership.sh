#!/usr/bin/env bash
# One partnership with many members: the shape where a pairwise network grows with the square
# of the partnership's size (issue 16). Generates a site with one partnership of N members
# plus ITEMS items (each credited to 2-4 members, some with an outside partner), builds it
# with the release binary to disk, and prints time, peak memory and output size.
#
#   bench/large_partnership.sh                  # N = 1000 3000, 200 items, 3 runs each
#   MEMBERS="1000" RUNS=5 bench/large_partnership.sh
#
# Environment:
#   MEMBERS     partnership sizes to test            (default "1000 3000")
#   ITEMS       items beside the partnership        (default 200)
#   RUNS        timed runs per size (median shown)   (default 3)
#   BENCH_DIR   where the sites and outputs go       (default ${TMPDIR:-/tmp}/brobygger-large)
#   SKIP_CARGO  1 to use target/release/brobygger as it is
#   PERF        1 to record a perf profile of one build per size (needs perf)
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
MEMBERS=${MEMBERS:-"1000 3000"}
ITEMS=${ITEMS:-200}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/brobygger-large}
bin=$repo/target/release/brobygger

say() { echo "bench: $*" >&2; }
[[ -x /usr/bin/time ]] || { say "/usr/bin/time (GNU time) is needed: apt-get install time"; exit 1; }
if [[ ${SKIP_CARGO:-} != 1 ]]; then
    say "cargo build --release"
    (cd "$repo" && cargo build --release --quiet)
fi
mkdir -p "$BENCH_DIR"

generate() { # members items dir
    python3 - "$1" "$2" "$3" <<'PY'
import os, random, sys
members, items, root = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(16)
def write(path, text):
    path = os.path.join(root, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
write("site.yaml", "title: Stort netværk\nlanguage: da\nsectors:\n  public: Offentlig\n  civil: Civilsamfund\n  research: Forskning\n")
sectors = ["public", "civil", "research"]
ids = ["m%05d" % i for i in range(members)]
outside = ["ude%02d" % i for i in range(20)]
for i, pid in enumerate(ids + outside):
    write("content/partners/%s.md" % pid,
          "---\nname: Partner %s\nsector: %s\n---\n\nEn partner i netværket.\n" % (pid, sectors[i % 3]))
write("content/partnerships/regionen.md",
      "---\ntitle: Regionens netværk\nform: network\npartners: [%s]\nfacilitator: %s\n---\n\nEt regionalt netværk.\n"
      % (", ".join(ids), ids[0]))
kinds = ["challenges", "learnings", "opportunities"]
for k in range(items):
    credited = rng.sample(ids, rng.randint(2, 4))
    if rng.random() < 0.2:
        credited.append(rng.choice(outside))
    body = " ".join(rng.choice(["samarbejde", "kommune", "borgere", "data", "læring", "projekt"]) for _ in range(150))
    write("content/%s/item%04d.md" % (kinds[k % 3], k),
          "---\ntitle: Emne %d\npartners: [%s]\n---\n\n%s\n" % (k, ", ".join(credited), body))
PY
}

printf '| members | items | partners | wall time (median of %s) | CPU user + system (median) | peak memory | output |\n|---|---|---|---|---|---|---|\n' "$RUNS"
for n in $MEMBERS; do
    site=$BENCH_DIR/site-$n
    out=$BENCH_DIR/out-$n
    rm -rf "$site" "$out"
    generate "$n" "$ITEMS" "$site"
    times=() cpus=() peak=0
    for ((r = 0; r < RUNS; r++)); do
        rm -rf "$out"
        /usr/bin/time -v -o "$BENCH_DIR/time-$n.txt" "$bin" build --root "$site" --output "$out" >"$BENCH_DIR/log-$n.txt" 2>&1 \
            || { say "build of $n failed:"; tail -20 "$BENCH_DIR/log-$n.txt" >&2; exit 1; }
        t=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$BENCH_DIR/time-$n.txt")
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$BENCH_DIR/time-$n.txt")
        cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$BENCH_DIR/time-$n.txt")
        times+=("$t")
        cpus+=("$cpu")
        ((kb > peak)) && peak=$kb
        say "$n members, run $((r + 1)): ${t} s wall, ${cpu} s CPU, $((kb / 1024)) MiB"
    done
    median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
    size=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    printf '| %s | %s | %s | %s s | %s s | %s MiB | %s MB |\n' "$n" "$ITEMS" "$((n + 20))" "$(median "${times[@]}")" \
        "$(median "${cpus[@]}")" "$((peak / 1024))" \
        "$(awk -v b="$size" 'BEGIN {printf "%.1f", b / 1e6}')"
    if [[ ${PERF:-} == 1 ]]; then
        rm -rf "$out"
        perf record -g -o "$BENCH_DIR/perf-$n.data" "$bin" build --root "$site" --output "$out" >/dev/null 2>&1
        say "profile: perf report -i $BENCH_DIR/perf-$n.data --no-children"
    fi
done
