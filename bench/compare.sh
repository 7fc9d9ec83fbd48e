#!/usr/bin/env bash
# Time brobygger, Hugo and (optionally) Zola on the same content in one run, alternating, and print
# a Markdown table with medians, peak memory and the ratios of brobygger to each. See bench/README.md
# ("Hugo side by side", "Zola as a third generator").
#
#   bench/compare.sh                          # SIZES="1000 10000", both shapes, output on disk
#   SIZES=50000 SHAPES=long RUNS=3 TMPFS=1 bench/compare.sh > result.md
#   ZOLA=/tmp/zola-bin/zola bench/compare.sh  # with Zola as the third generator
#
# Sites come from gen_site.py, the Hugo copies from to_hugo.py, the Zola copies from to_zola.py; all
# are kept under $BENCH_DIR and reused. Outputs of one group (size × shape × file system) are kept until the group ends and then
# deleted together, so no run creates files right after a big delete (see "File systems").
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
SIZES=${SIZES:-"1000 10000"}
SHAPES=${SHAPES:-"short long"}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-/tmp/brobygger-compare}
DISK_OUT=${DISK_OUT:-$BENCH_DIR/out}
TMPFS=${TMPFS:-0}
TMPFS_OUT=${TMPFS_OUT:-/dev/shm/brobygger-compare}
BIN=${BIN:-$repo/target/release/brobygger}
HUGO=${HUGO:-hugo}
ZOLA=${ZOLA:-}
ZOLA_SEARCH=${ZOLA_SEARCH:-1}

die() { echo "compare.sh: $*" >&2; exit 1; }
[[ -n ${EPOCHREALTIME:-} ]] || die "bash 5 or newer is needed (\$EPOCHREALTIME)"
[[ -x $BIN ]] || die "no release binary at $BIN (cargo build --release, or set BIN)"
if ! command -v "$HUGO" >/dev/null; then
    echo "installing Debian's hugo" >&2
    apt-get install -y hugo >&2 || die "could not install hugo (apt-get install hugo)"
fi
if [[ -z $ZOLA ]]; then
    echo "ZOLA is not set: Zola is skipped (ZOLA=/path/to/zola adds it as a third generator)" >&2
else
    [[ -x $ZOLA ]] || die "ZOLA=$ZOLA is not an executable file"
    [[ $ZOLA_SEARCH == 0 || $ZOLA_SEARCH == 1 ]] || die "ZOLA_SEARCH must be 0 or 1"
fi
if [[ ! -x /usr/bin/time ]]; then
    apt-get install -y time >&2 || die "could not install GNU time (apt-get install time)"
fi

mkdir -p "$BENCH_DIR"
targets=("$DISK_OUT")
[[ $TMPFS == 1 ]] && targets+=("$TMPFS_OUT")
gen_hash=$(cat "$here/gen_site.py" "$here/to_hugo.py" | sha1sum | cut -c1-12)
zola_hash=$( (cat "$here/gen_site.py" "$here/to_zola.py"; echo "search $ZOLA_SEARCH") | sha1sum | cut -c1-12)
zsuffix=$([[ $ZOLA_SEARCH == 1 ]] && echo search || echo nosearch)

# run TOOL SRC OUT LOG: one timed build; prints "seconds peak_mib"
run() {
    local tool=$1 src=$2 out=$3 log=$4 tf t0 t1 kib
    tf=$(mktemp)
    t0=$EPOCHREALTIME
    if [[ $tool == brobygger ]]; then
        /usr/bin/time -f '%M' -o "$tf" "$BIN" build --root "$src" --output "$out" >"$log" 2>&1 || {
            tail -20 "$log" >&2; die "brobygger build failed: $BIN build --root $src --output $out"; }
    elif [[ $tool == zola ]]; then
        /usr/bin/time -f '%M' -o "$tf" "$ZOLA" --root "$src" build --output-dir "$out" >"$log" 2>&1 || {
            tail -20 "$log" >&2; die "zola failed: $ZOLA --root $src build --output-dir $out"; }
    else
        /usr/bin/time -f '%M' -o "$tf" "$HUGO" --quiet --source "$src" --destination "$out" \
            --noBuildLock >"$log" 2>&1 || {
            tail -20 "$log" >&2; die "hugo failed: $HUGO --source $src --destination $out"; }
    fi
    t1=$EPOCHREALTIME
    kib=$(tail -1 "$tf")
    rm -f "$tf"
    [[ -f $out/index.html ]] || die "$tool wrote no index.html into $out"
    awk -v a="$t0" -v b="$t1" -v k="$kib" 'BEGIN { printf "%.3f %.0f\n", b - a, k / 1024 }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

fs_of() { mkdir -p "$1"; stat -f -c %T "$1"; }

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
zola_line=""
[[ -n $ZOLA ]] && zola_line=" $("$ZOLA" --version) (search index $([[ $ZOLA_SEARCH == 1 ]] && echo on || echo off));"
echo "Machine: $(nproc) cores ($cpu), Linux $(uname -r | cut -d- -f1); brobygger @ $commit" \
    "(binary built $(date -u -r "$BIN" +%Y-%m-%dT%H:%MZ)); $($HUGO version | cut -d' ' -f1-2);$zola_line" \
    "$(date -u +%Y-%m-%d); $RUNS runs after $WARMUP warm-up each, alternating, seed $SEED."
echo
if [[ -n $ZOLA ]]; then
    echo "| items | shape | output | brobygger median (s) | Hugo median (s) | Zola median (s) | ratio to Hugo | ratio to Zola | brobygger peak (MiB) | Hugo peak (MiB) | Zola peak (MiB) | peak ratio to Zola | brobygger ms / 1,000 items |"
    echo "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
else
    echo "| items | shape | output | brobygger median (s) | Hugo median (s) | ratio | brobygger peak (MiB) | Hugo peak (MiB) | brobygger ms / 1,000 items |"
    echo "|---:|---|---|---:|---:|---:|---:|---:|---:|"
fi

for n in $SIZES; do
    for shape in $SHAPES; do
        site=$BENCH_DIR/site-n$n-$shape-seed$SEED
        hsite=$BENCH_DIR/hugo-n$n-$shape-seed$SEED
        if [[ ! -f $site.stamp || $(cat "$site.stamp") != "$gen_hash" ]]; then
            echo "generating $site and its Hugo copy" >&2
            rm -rf "$site" "$hsite"
            python3 "$here/gen_site.py" "$n" "$site" --seed "$SEED" --shape "$shape" --quiet
            python3 "$here/to_hugo.py" "$site" "$hsite" 2>/dev/null
            echo "$gen_hash" >"$site.stamp"
        fi
        zsite=$BENCH_DIR/zola-n$n-$shape-seed$SEED-$zsuffix
        if [[ -n $ZOLA && ( ! -f $zsite.stamp || $(cat "$zsite.stamp") != "$zola_hash" ) ]]; then
            echo "converting $site for Zola" >&2
            rm -rf "$zsite"
            python3 "$here/to_zola.py" "$site" "$zsite" $([[ $ZOLA_SEARCH == 0 ]] && echo --no-search) 2>/dev/null
            echo "$zola_hash" >"$zsite.stamp"
        fi
        for target in "${targets[@]}"; do
            fs=$(fs_of "$target")
            group=$target/n$n-$shape
            rm -rf "$group"
            mkdir -p "$group"
            bt=() bm=() ht=() hm=() zt=() zm=()
            for i in $(seq $((1 - WARMUP)) "$RUNS"); do   # run 0 is the warm-up
                read -r t m < <(run brobygger "$site" "$group/b$i" "$BENCH_DIR/b.log")
                [[ $i -gt 0 ]] && bt+=("$t") && bm+=("$m")
                read -r t2 m2 < <(run hugo "$hsite" "$group/h$i" "$BENCH_DIR/h.log")
                [[ $i -gt 0 ]] && ht+=("$t2") && hm+=("$m2")
                zmsg=""
                if [[ -n $ZOLA ]]; then
                    read -r t3 m3 < <(run zola "$zsite" "$group/z$i" "$BENCH_DIR/z.log")
                    [[ $i -gt 0 ]] && zt+=("$t3") && zm+=("$m3")
                    zmsg=", zola $t3 s $m3 MiB"
                fi
                echo "  n=$n $shape $fs run $i: brobygger $t s $m MiB, hugo $t2 s $m2 MiB$zmsg" >&2
            done
            bmed=$(printf '%s\n' "${bt[@]}" | median)
            hmed=$(printf '%s\n' "${ht[@]}" | median)
            bpk=$(printf '%s\n' "${bm[@]}" | median)
            hpk=$(printf '%s\n' "${hm[@]}" | median)
            bsize=$(du -sm "$group/b1" | cut -f1)
            hsize=$(du -sm "$group/h1" | cut -f1)
            if [[ -n $ZOLA ]]; then
                zmed=$(printf '%s\n' "${zt[@]}" | median)
                zpk=$(printf '%s\n' "${zm[@]}" | median)
                zsize=$(du -sm "$group/z1" | cut -f1)
                echo "  output: brobygger $bsize MB, hugo $hsize MB, zola $zsize MB" >&2
                awk -v n="$n" -v s="$shape" -v fs="$fs" -v b="$bmed" -v h="$hmed" -v z="$zmed" \
                    -v bp="$bpk" -v hp="$hpk" -v zp="$zpk" \
                    'BEGIN { printf "| %d | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.0f | %.2f | %.0f |\n", n, s, fs, b, h, z, b / h, b / z, bp, hp, zp, bp / zp, b * 1000 / (n / 1000) }'
            else
                echo "  output: brobygger $bsize MB, hugo $hsize MB" >&2
                awk -v n="$n" -v s="$shape" -v fs="$fs" -v b="$bmed" -v h="$hmed" -v bp="$bpk" -v hp="$hpk" \
                    'BEGIN { printf "| %d | %s | %s | %.2f | %.2f | %.2f | %.0f | %.0f | %.0f |\n", n, s, fs, b, h, b / h, bp, hp, b * 1000 / (n / 1000) }'
            fi
            rm -rf "$group"
        done
    done
done
