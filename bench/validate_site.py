#!/usr/bin/env python3
"""Check that a brobygger site folder follows the content model.

    python3 bench/validate_site.py SITEDIR [--strict-global-ids]

Written to test bench/gen_site.py without the real generator; it is not a
replacement for `brobygger check`.  It understands the YAML subset that
site.yaml and front matter are normally written in (block mappings and
sequences, flow [..] and {..}, plain, single- and double-quoted scalars) and
reports anything it cannot parse as an error.

Checks: required fields, unknown fields (errors, as in the engine), enum
values, dates, ids ([a-z0-9-]+, unique per kind), sector keys, every
reference (partners, partnerships, facilitator, addresses, by, partnership,
logo, [[wikilinks]]), `number` unique within a kind, quotes having `by` or
`speaker`.  With --strict-global-ids it also demands that ids are unique
across all kinds (a guarantee of gen_site.py).  Exit status 1 on any error.
"""

import json
import os
import re
import sys
from collections import Counter

KINDS = ["partners", "partnerships", "challenges", "opportunities",
         "recommendations", "learnings", "quotes", "pages"]
COMMON = {"tags", "draft", "date", "updated"}
ITEM = {"title", "partners", "partnerships", "number"}
FIELDS = {
    "partners": {"name", "sector", "level", "website", "logo", "summary"},
    "partnerships": {"title", "partners", "facilitator", "form", "start", "end", "status",
                     "goal", "target_group", "milestones", "agreement"},
    "challenges": ITEM, "opportunities": ITEM, "learnings": ITEM,
    "recommendations": ITEM | {"addresses"},
    "quotes": {"by", "speaker", "partnership", "source", "approved"},
    "pages": {"title", "weight"},
}
REQUIRED = {
    "partners": ["name", "sector"], "partnerships": ["title", "partners"],
    "challenges": ["title"], "opportunities": ["title"], "learnings": ["title"],
    "recommendations": ["title"], "quotes": [], "pages": ["title"],
}
ENUMS = {
    ("partners", "level"): {"local", "regional", "national", "european"},
    ("partnerships", "form"): {"network", "alliance", "partnership"},
    ("partnerships", "status"): {"planned", "active", "completed"},
}
SITE_KEYS = {"title", "description", "language", "base_url", "theme", "sectors",
             "markdown", "accessibility"}
ID_RE = re.compile(r"^[a-z0-9-]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WIKI_RE = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
YAML_SPECIAL = re.compile(r"^(true|false|null|~|[-+]?\d+(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+)$")


# --------------------------------------------------------------------------
# A small YAML-subset parser
# --------------------------------------------------------------------------

class YamlError(Exception):
    def __init__(self, line, msg):
        super().__init__(msg)
        self.line = line


def _split_flow(s, line):
    parts, depth, cur, quote = [], 0, [], None
    i = 0
    while i < len(s):
        c = s[i]
        if quote:
            cur.append(c)
            if c == "\\" and quote == '"':
                i += 1
                cur.append(s[i])
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
            cur.append(c)
        elif c in "[{":
            depth += 1
            cur.append(c)
        elif c in "]}":
            depth -= 1
            cur.append(c)
        elif c == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    if quote or depth:
        raise YamlError(line, "unbalanced flow collection: %r" % s)
    tail = "".join(cur).strip()
    if tail:
        parts.append(tail)
    return parts


def _find_colon(s):
    """Index of the mapping ':' in s (followed by space or end), outside quotes."""
    quote = None
    for i, c in enumerate(s):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'" and i == 0:
            quote = c
        elif c == ":" and (i + 1 == len(s) or s[i + 1] == " "):
            return i
        elif c == " " and s[i + 1:i + 2] == "#":
            return -1
    return -1


def scalar(s, line):
    s = s.strip()
    if not s:
        return None
    if s[0] == '"':
        end = s.rfind('"')
        if end == 0 or s[end + 1:].strip() not in ("",) and not s[end + 1:].strip().startswith("#"):
            raise YamlError(line, "bad double-quoted scalar: %s" % s)
        try:
            return json.loads(s[:end + 1])
        except ValueError as e:
            raise YamlError(line, "bad double-quoted scalar %s (%s)" % (s, e))
    if s[0] == "'":
        end = s.rfind("'")
        if end == 0:
            raise YamlError(line, "bad single-quoted scalar: %s" % s)
        return s[1:end].replace("''", "'")
    if s[0] == "[":
        if not s.endswith("]"):
            raise YamlError(line, "flow sequence must end on the same line: %s" % s)
        return [scalar(p, line) for p in _split_flow(s[1:-1], line)]
    if s[0] == "{":
        if not s.endswith("}"):
            raise YamlError(line, "flow mapping must end on the same line: %s" % s)
        out = {}
        for p in _split_flow(s[1:-1], line):
            k = _find_colon(p)
            if k < 0:
                raise YamlError(line, "bad flow mapping entry: %s" % p)
            out[p[:k].strip()] = scalar(p[k + 1:], line)
        return out
    if s[0] in "&*!|>%@`":
        raise YamlError(line, "unsupported YAML syntax: %s" % s)
    m = re.search(r"\s#", s)
    if m:
        s = s[:m.start()].rstrip()
    if s in ("true", "True", "TRUE"):
        return True
    if s in ("false", "False", "FALSE"):
        return False
    if s in ("null", "Null", "NULL", "~"):
        return None
    if re.fullmatch(r"[-+]?\d+", s):
        return int(s)
    if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?", s):
        return float(s)
    return s


def parse_yaml(text, first_line=1):
    lines = []
    for n, raw in enumerate(text.split("\n"), first_line):
        if "\t" in raw[:len(raw) - len(raw.lstrip())]:
            raise YamlError(n, "tab in indentation")
        st = raw.strip()
        if not st or st.startswith("#"):
            continue
        lines.append((n, len(raw) - len(raw.lstrip(" ")), raw.strip()))
    if not lines:
        return {}
    val, i = _block(lines, 0, lines[0][1])
    if i != len(lines):
        raise YamlError(lines[i][0], "unexpected indentation")
    return val


def _block(lines, i, indent):
    if lines[i][2].startswith("- ") or lines[i][2] == "-":
        return _seq(lines, i, indent)
    return _map(lines, i, indent)


def _map(lines, i, indent):
    out = {}
    while i < len(lines):
        n, ind, s = lines[i]
        if ind < indent:
            break
        if ind > indent:
            raise YamlError(n, "unexpected indentation")
        if s.startswith("- "):
            break
        k = _find_colon(s)
        if k < 0:
            raise YamlError(n, "expected 'key: value', found %r" % s)
        key, rest = s[:k].strip(), s[k + 1:].strip()
        if key in out:
            raise YamlError(n, "duplicate key %r" % key)
        i += 1
        if rest and not rest.startswith("#"):
            out[key] = scalar(rest, n)
        elif i < len(lines) and (lines[i][1] > ind or (lines[i][1] == ind and lines[i][2].startswith("- "))):
            out[key], i = _block(lines, i, lines[i][1])
        else:
            out[key] = None
    return out, i


def _seq(lines, i, indent):
    out = []
    while i < len(lines):
        n, ind, s = lines[i]
        if ind < indent:
            break
        if ind > indent:
            raise YamlError(n, "unexpected indentation")
        if not (s.startswith("- ") or s == "-"):
            break
        rest = s[1:].strip()
        if not rest:
            i += 1
            if i < len(lines) and lines[i][1] > ind:
                v, i = _block(lines, i, lines[i][1])
            else:
                v = None
            out.append(v)
        elif rest[0] not in "\"'[{" and _find_colon(rest) >= 0:
            # "- key: value" starts a mapping whose keys sit at ind + 2 + extra spaces
            child = ind + (len(s) - len(rest))
            lines[i] = (n, child, rest)
            v, i = _map(lines, i, child)
            out.append(v)
        else:
            out.append(scalar(rest, n))
            i += 1
    return out, i


# --------------------------------------------------------------------------
# Site checks
# --------------------------------------------------------------------------

class Checker:
    def __init__(self, root, strict_global):
        self.root = root
        self.strict_global = strict_global
        self.errors = []
        self.docs = {k: {} for k in KINDS}  # kind -> id -> (path, fm, body, body_line)
        self.stats = Counter()
        self.body_sizes = []

    def err(self, path, line, msg):
        self.errors.append("%s:%s: %s" % (os.path.relpath(path, self.root), line, msg))

    def load(self):
        site_path = os.path.join(self.root, "site.yaml")
        try:
            with open(site_path, encoding="utf-8") as f:
                self.site = parse_yaml(f.read())
        except FileNotFoundError:
            self.err(site_path, 0, "missing site.yaml")
            self.site = {}
        except YamlError as e:
            self.err(site_path, e.line, str(e))
            self.site = {}
        if not isinstance(self.site, dict):
            self.err(site_path, 1, "site.yaml must be a mapping")
            self.site = {}
        for k in self.site:
            if k not in SITE_KEYS:
                self.err(site_path, 1, "unknown field %r in site.yaml" % k)
        if not self.site.get("title"):
            self.err(site_path, 1, "site.yaml: title is required")
        if self.site.get("language", "en") not in ("da", "sv", "en"):
            self.err(site_path, 1, "language must be da, sv or en")
        sectors = self.site.get("sectors")
        if not isinstance(sectors, dict) or not sectors:
            self.err(site_path, 1, "site.yaml: sectors (a mapping key -> label) is required")
            sectors = {}
        self.sectors = sectors

        content = os.path.join(self.root, "content")
        if not os.path.isdir(content):
            self.err(content, 0, "missing content/ folder")
            return
        for name in sorted(os.listdir(content)):
            p = os.path.join(content, name)
            if os.path.isdir(p):
                if name not in KINDS:
                    self.err(p, 0, "unknown kind folder %r" % name)
                    continue
                for fn in sorted(os.listdir(p)):
                    fp = os.path.join(p, fn)
                    if not fn.endswith(".md") or not os.path.isfile(fp):
                        self.err(fp, 0, "not a Markdown file")
                        continue
                    self.load_doc(name, fp, fn[:-3])
            elif name == "_index.md":
                self.load_doc(None, p, "_index")
            else:
                self.err(p, 0, "unexpected file in content/")

    def load_doc(self, kind, path, stem):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if not text.startswith("---\n"):
            if kind is not None:
                self.err(path, 1, "missing front matter")
                return
            fm, body, body_line = {}, text, 1
        else:
            end = text.find("\n---\n", 3)
            if end < 0:
                self.err(path, 1, "front matter is not closed by a '---' line")
                return
            try:
                fm = parse_yaml(text[4:end + 1], 2)
            except YamlError as e:
                self.err(path, e.line, str(e))
                return
            if not isinstance(fm, dict):
                self.err(path, 2, "front matter must be a mapping")
                return
            body = text[end + 5:]
            body_line = text[:end + 5].count("\n") + 1
        if kind is None:
            self.front = (path, fm, body)
            for k in fm:
                if k != "title":
                    self.err(path, 1, "unknown field %r in _index.md" % k)
            return
        if not ID_RE.match(stem):
            self.err(path, 0, "id %r has characters outside a-z, 0-9 and -" % stem)
        if YAML_SPECIAL.match(stem):
            self.err(path, 0, "id %r reads as a non-string in YAML when written bare" % stem)
        if stem in self.docs[kind]:
            self.err(path, 0, "duplicate id %r in %s" % (stem, kind))
        self.docs[kind][stem] = (path, fm, body, body_line)
        self.stats[kind] += 1
        self.body_sizes.append(len(body.encode("utf-8")))

    def line_of(self, path, key):
        with open(path, encoding="utf-8") as f:
            for n, l in enumerate(f, 1):
                if l.startswith(key + ":"):
                    return n
        return 1

    def check(self):
        by_id = {}
        for kind in KINDS:
            for i in self.docs[kind]:
                by_id.setdefault(i, []).append(kind)
        if self.strict_global:
            for i, ks in by_id.items():
                if len(ks) > 1:
                    self.err(self.docs[ks[1]][i][0], 0, "id %r also used in %s (not globally unique)" % (i, ks[0]))
        static = os.path.join(self.root, "static")

        def ref(path, key, value, kind):
            if not isinstance(value, str):
                self.err(path, self.line_of(path, key), "%s: expected an id, found %r" % (key, value))
                return
            if "/" in value:
                k, _, value = value.partition("/")
                if k != kind:
                    self.err(path, self.line_of(path, key), "%s: %r is not a %s reference" % (key, k, kind))
                    return
            if value not in self.docs[kind]:
                self.err(path, self.line_of(path, key), "%s: no %s with id %r" % (key, kind, value))
            else:
                self.stats["references"] += 1

        def id_list(path, fm, key, kind, minimum=0):
            v = fm.get(key)
            if v is None:
                if minimum:
                    self.err(path, 1, "%s is required" % key)
                return
            if not isinstance(v, list):
                self.err(path, self.line_of(path, key), "%s must be a list" % key)
                return
            if len(v) < minimum:
                self.err(path, self.line_of(path, key), "%s needs at least %d entries" % (key, minimum))
            for x in v:
                ref(path, key, x, kind)

        def date(path, fm, key):
            v = fm.get(key)
            if v is None:
                return
            if not isinstance(v, str) or not DATE_RE.match(v):
                self.err(path, self.line_of(path, key), "%s must be YYYY-MM-DD, found %r" % (key, v))
                return
            y, m, d = map(int, v.split("-"))
            mdays = [31, 29 if (y % 4 == 0 and (y % 100 or y % 400 == 0)) else 28, 31, 30, 31, 30,
                     31, 31, 30, 31, 30, 31]
            if not (1 <= m <= 12 and 1 <= d <= mdays[m - 1]):
                self.err(path, self.line_of(path, key), "%s is not a real date: %s" % (key, v))

        for kind in KINDS:
            numbers = {}
            for i, (path, fm, body, body_line) in self.docs[kind].items():
                allowed = FIELDS[kind] | COMMON
                for k in fm:
                    if k not in allowed:
                        self.err(path, self.line_of(path, k), "unknown field %r for %s" % (k, kind))
                for k in REQUIRED[kind]:
                    if fm.get(k) in (None, "", []):
                        self.err(path, 1, "%s is required for %s" % (k, kind))
                for (ek, field), vals in ENUMS.items():
                    if ek == kind and field in fm and fm[field] not in vals:
                        self.err(path, self.line_of(path, field), "%s must be one of %s" % (field, sorted(vals)))
                for k in ("date", "updated", "start", "end"):
                    date(path, fm, k)
                tags = fm.get("tags")
                if tags is not None:
                    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
                        self.err(path, self.line_of(path, "tags"), "tags must be a list of strings")
                    else:
                        self.stats["tag uses"] += len(tags)
                if "draft" in fm and not isinstance(fm["draft"], bool):
                    self.err(path, self.line_of(path, "draft"), "draft must be true or false")
                for k in ("title", "name", "summary", "source", "speaker", "goal", "target_group"):
                    if k in fm and not isinstance(fm[k], str):
                        self.err(path, self.line_of(path, k), "%s must be text" % k)

                if kind == "partners":
                    if fm.get("sector") is not None and fm.get("sector") not in self.sectors:
                        self.err(path, self.line_of(path, "sector"),
                                 "unknown sector %r (site.yaml has %s)" % (fm.get("sector"), ", ".join(self.sectors)))
                    logo = fm.get("logo")
                    if logo is not None and not os.path.isfile(os.path.join(static, str(logo))):
                        self.err(path, self.line_of(path, "logo"), "logo %r not found under static/" % logo)
                elif kind == "partnerships":
                    ps = fm.get("partners")
                    if not isinstance(ps, list) or len(ps) < 2:
                        self.err(path, self.line_of(path, "partners"), "partners needs two or more entries")
                        ps = ps if isinstance(ps, list) else []
                    seen = set()
                    for p in ps:
                        if isinstance(p, dict):
                            extra = set(p) - {"id", "role"}
                            if extra or "id" not in p:
                                self.err(path, self.line_of(path, "partners"), "partner entry must be {id, role}: %r" % p)
                                continue
                            p = p["id"]
                        ref(path, "partners", p, "partners")
                        if p in seen:
                            self.err(path, self.line_of(path, "partners"), "partner %r listed twice" % p)
                        seen.add(p)
                    if "facilitator" in fm:
                        ref(path, "facilitator", fm["facilitator"], "partners")
                    ms = fm.get("milestones")
                    if ms is not None:
                        if not isinstance(ms, list):
                            self.err(path, self.line_of(path, "milestones"), "milestones must be a list")
                        else:
                            for m in ms:
                                if not isinstance(m, dict) or set(m) - {"date", "title", "done"} or "title" not in m:
                                    self.err(path, self.line_of(path, "milestones"), "bad milestone %r" % m)
                                else:
                                    date(path, m, "date")
                                    if "done" in m and not isinstance(m["done"], bool):
                                        self.err(path, self.line_of(path, "milestones"), "done must be true/false")
                elif kind == "quotes":
                    if not fm.get("by") and not fm.get("speaker"):
                        self.err(path, 1, "a quote needs `by` (a partner id) or `speaker`")
                    if fm.get("by") is not None:
                        ref(path, "by", fm["by"], "partners")
                    if fm.get("partnership") is not None:
                        ref(path, "partnership", fm["partnership"], "partnerships")
                    if "approved" in fm and not isinstance(fm["approved"], bool):
                        self.err(path, self.line_of(path, "approved"), "approved must be true or false")
                    if fm.get("approved") is True:
                        self.stats["approved quotes"] += 1
                    if not body.strip():
                        self.err(path, body_line, "a quote's body is the quotation and may not be empty")
                elif kind == "pages":
                    if "weight" in fm and not isinstance(fm["weight"], int):
                        self.err(path, self.line_of(path, "weight"), "weight must be an integer")
                else:
                    id_list(path, fm, "partners", "partners")
                    id_list(path, fm, "partnerships", "partnerships")
                    if kind == "recommendations":
                        id_list(path, fm, "addresses", "challenges")
                    if "number" in fm:
                        num = fm["number"]
                        if not isinstance(num, int) or isinstance(num, bool):
                            self.err(path, self.line_of(path, "number"), "number must be an integer")
                        elif num in numbers:
                            self.err(path, self.line_of(path, "number"),
                                     "number %d also used by %s" % (num, numbers[num]))
                        else:
                            numbers[num] = i

                # wikilinks
                for ln, line in enumerate(body.split("\n"), body_line):
                    for m in WIKI_RE.finditer(line):
                        target = m.group(1).strip()
                        col = m.start() + 1
                        self.stats["wikilinks"] += 1
                        if "/" in target:
                            k, _, t = target.partition("/")
                            if k not in self.docs:
                                self.err(path, "%d:%d" % (ln, col), "[[%s]]: unknown kind %r" % (target, k))
                            elif t not in self.docs[k]:
                                self.err(path, "%d:%d" % (ln, col), "[[%s]]: no %s with id %r" % (target, k, t))
                        else:
                            ks = by_id.get(target, [])
                            if not ks:
                                self.err(path, "%d:%d" % (ln, col), "[[%s]]: nothing has this id" % target)
                            elif len(ks) > 1:
                                self.err(path, "%d:%d" % (ln, col),
                                         "[[%s]] is ambiguous (%s); write kind/id" % (target, ", ".join(ks)))


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    c = Checker(args[0], "--strict-global-ids" in argv)
    c.load()
    c.check()
    total_items = sum(c.stats[k] for k in ("challenges", "opportunities", "learnings", "recommendations", "quotes"))
    sizes = sorted(c.body_sizes) or [0]
    print("items: %d  (%s)" % (total_items, ", ".join(
        "%s %d" % (k, c.stats[k]) for k in ("challenges", "opportunities", "learnings", "recommendations", "quotes"))))
    print("partners: %d  partnerships: %d  pages: %d  sectors: %d" % (
        c.stats["partners"], c.stats["partnerships"], c.stats["pages"], len(c.sectors)))
    print("references: %d  wikilinks: %d  tag uses: %d  approved quotes: %d" % (
        c.stats["references"], c.stats["wikilinks"], c.stats["tag uses"], c.stats["approved quotes"]))
    print("body bytes: min %d  median %d  max %d" % (sizes[0], sizes[len(sizes) // 2], sizes[-1]))
    if c.errors:
        for e in c.errors[:50]:
            print("error: " + e)
        if len(c.errors) > 50:
            print("... and %d more errors" % (len(c.errors) - 50))
        print("INVALID: %d errors" % len(c.errors))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
