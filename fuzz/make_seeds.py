#!/usr/bin/env python3
"""Writes the seed corpus of the `site` fuzz target into fuzz/seeds/site/: small sites taken
from the example site (content/, site.yaml), each in the target's one-file format (site.yaml,
then `@@ PATH` and each file's bytes).

The error cases and the hostile catalogue add their own sites, from the project folder:
    BROBYGGER_FUZZ_SEEDS=$PWD/fuzz/seeds/site cargo test --test errors --test hostile
"""
import hashlib
import os
import random
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "fuzz", "seeds", "site")


def pack(site_yaml, files):
    out = bytearray(site_yaml)
    if not out.endswith(b"\n"):
        out += b"\n"
    for path, data in files:
        out += b"@@ " + path.encode() + b"\n" + data
        if not data.endswith(b"\n"):
            out += b"\n"
    return bytes(out)


def write(data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def read_tree(root):
    files = []
    for folder, _, names in os.walk(root):
        for n in sorted(names):
            p = os.path.join(folder, n)
            rel = os.path.relpath(p, root).replace(os.sep, "/")
            if rel == "site.yaml":
                continue
            with open(p, "rb") as f:
                files.append((rel, f.read()))
    return sorted(files)


def main():
    os.makedirs(OUT, exist_ok=True)
    site_yaml = open(os.path.join(REPO, "site.yaml"), "rb").read()
    content = [(f"content/{p}", d) for p, d in read_tree(os.path.join(REPO, "content"))]
    by_kind = {}
    for path, data in content:
        by_kind.setdefault(path.split("/")[1], []).append((path, data))
    rng = random.Random(8)
    # Small sites: a partnership with its partners and one of each kind of item, so the
    # fuzzer starts from inputs that build.
    for _ in range(12):
        pick = []
        for kind, files in sorted(by_kind.items()):
            if kind == "partners":
                pick += files
            elif kind.endswith(".md"):
                pick += files
            else:
                pick.append(rng.choice(files))
        # All partners make the seed large; keep those the chosen files name.
        text = b"".join(d for p, d in pick if "/partners/" not in p)
        pick = [
            (p, d)
            for p, d in pick
            if "/partners/" not in p or os.path.basename(p)[:-3].encode() in text
        ]
        write(pack(site_yaml, pick))
    print(f"{len(os.listdir(OUT))} seeds in {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
