#!/usr/bin/env python3
"""Time from saving one item to its rebuilt page being served by `brobygger serve`.

Starts `brobygger serve` on a site, then edits items one at a time: each edit appends a unique
sentence to a content file and polls the item's page until the sentence is served. The time
from the write to that response is the latency a facilitator sees (debounce, reload of the
file, validation, model, rendering of the touched pages, serving). Prints one line per edit and
a summary with the median; `--json` writes the figures to a file.

`--via poll` (the default, as the figures in BENCHMARKS.md before December 2026 were taken)
asks for the page again and again until it shows the sentence: the asking keeps about one core
busy while serve rebuilds. `--via events` waits as a browser does: for serve's event that the
site changed (`/__brobygger/events`), then asks for the page once.

Usage: bench/serve_latency.py SITE [--edits 25] [--gap 1.0] [--binary target/release/brobygger]
       [--seed 1] [--json FILE] [--log FILE]
"""

import argparse
import json
import os
import queue
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.read().decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=25)
    ap.add_argument("--gap", type=float, default=1.0, help="seconds between edits")
    ap.add_argument("--binary", default="target/release/brobygger")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--via", choices=("poll", "events"), default="poll",
                    help="how the change is noticed (see above)")
    ap.add_argument(
        "--log",
        help="write serve's output here (with BROBYGGER_STEPS=1 set, each rebuild's steps)",
    )
    args = ap.parse_args()

    serve = subprocess.Popen(
        [args.binary, "serve", "--root", args.site, "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    url = None
    for line in serve.stderr:
        sys.stderr.write(line)
        # The first line names the address, in the site's language.
        m = re.search(r"(http://\S+/)", line)
        if m:
            url = m.group(1)
            break
    if not url:
        sys.exit("serve did not start")
    # Drain serve's log so it never blocks on a full pipe.
    log = []
    drain = threading.Thread(target=lambda: [log.append(l) for l in serve.stderr], daemon=True)
    drain.start()

    def status():
        return json.loads(get(url + "__brobygger/status"))

    while status().get("search_pending"):
        time.sleep(0.05)

    # The site's generation as serve announces it: a browser reloads when it changes.
    generations = queue.Queue()

    def listen():
        with urllib.request.urlopen(url + "__brobygger/events", timeout=600) as stream:
            for raw in stream:
                line = raw.decode("utf-8", "replace").strip()
                if line.startswith("data:"):
                    generations.put(json.loads(line[5:])["generation"])

    served = {}
    if args.via == "events":
        threading.Thread(target=listen, daemon=True).start()
        served["generation"] = generations.get(timeout=10)

    def wait_for(page, marker, start):
        if args.via == "poll":
            while marker not in get(page):
                if time.perf_counter() - start > 30:
                    return False
            return True
        while time.perf_counter() - start < 30:
            try:
                now = generations.get(timeout=1)
            except queue.Empty:
                continue
            if now != served["generation"]:
                served["generation"] = now
                if marker in get(page):
                    return True
        return False

    rng = random.Random(args.seed)
    files = []
    for folder in ("challenges", "opportunities", "recommendations", "learnings"):
        d = os.path.join(args.site, "content", folder)
        if os.path.isdir(d):
            files += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".md")]
    latencies = []
    try:
        for i in range(args.edits):
            path = rng.choice(files)
            folder = os.path.basename(os.path.dirname(path))
            page = f"{url}{folder}/{os.path.basename(path)[:-3]}/index.html"
            marker = f"Maalepunkt {i} {time.time_ns()}"
            with open(path, "a", encoding="utf-8") as f:
                start = time.perf_counter()
                f.write(f"\n{marker}\n")
            if not wait_for(page, marker, start):
                sys.exit(f"edit {i}: the page never showed the change\n" + "".join(log[-20:]))
            ms = (time.perf_counter() - start) * 1000
            latencies.append(ms)
            print(f"edit {i:3}: {ms:7.1f} ms  {os.path.relpath(path, args.site)}", file=sys.stderr)
            # Let the search index catch up, as between a facilitator's saves.
            time.sleep(args.gap)
            while status().get("search_pending"):
                time.sleep(0.02)
    finally:
        serve.send_signal(2)
        serve.wait(timeout=10)
        if args.log:
            drain.join(timeout=5)
            with open(args.log, "w") as f:
                f.writelines(log)

    result = {
        "edits": len(latencies),
        "median_ms": statistics.median(latencies),
        "min_ms": min(latencies),
        "max_ms": max(latencies),
        "p90_ms": sorted(latencies)[int(0.9 * (len(latencies) - 1))],
        "latencies_ms": [round(x, 1) for x in latencies],
    }
    print(
        f"{result['edits']} edits: median {result['median_ms']:.1f} ms, "
        f"min {result['min_ms']:.1f}, p90 {result['p90_ms']:.1f}, max {result['max_ms']:.1f}"
    )
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
