#!/usr/bin/env python3
"""Convert a site written by bench/gen_site.py into an equivalent Hugo site.

    python3 bench/to_hugo.py SITE HUGO_SITE [--force]

Used by bench/compare.sh to time brobygger and Hugo on the same content. The Hugo site has:

  * the same Markdown bodies, with wikilinks turned into ordinary links to the same pages;
  * one page per item (content/KIND/ID.md), per partner and per partnership;
  * partners, partnerships and tags as Hugo taxonomies, so a partner's page lists the items it
    is credited on and a partnership's page lists its members and items, as brobygger's do
    (a partner's or partnership's own text is its term page's content, `_index.md`);
  * a list page per kind, the tag index and a page per tag;
  * minimal templates with one base layout, no theme, no CSS pipeline; one RSS feed (the
    home page's) and the sitemap, as brobygger writes one feed and a sitemap.

Hugo gets no search index and no network pages or drawings: those are brobygger's own work,
so the comparison favours Hugo there. Only the Python standard library is used; the front
matter is read line by line, as gen_site.py writes it (not a general YAML reader).
"""

import argparse
import json
import os
import re
import shutil
import sys

ITEM_KINDS = ["challenges", "opportunities", "learnings", "recommendations", "quotes"]
KIND_TITLES = {
    "challenges": "Udfordringer", "opportunities": "Muligheder", "learnings": "Læring",
    "recommendations": "Anbefalinger", "quotes": "Citater", "pages": "Sider",
    "partners": "Partnere", "partnerships": "Partnerskaber", "tags": "Emner",
}
WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")

CONFIG = """baseURL = {base}
languageCode = "da"
title = {title}
disableKinds = []
[taxonomies]
  tag = "tags"
  partner = "partners"
  partnership = "partnerships"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
[markup.goldmark.renderer]
  unsafe = false
[markup.goldmark.extensions]
  table = true
  footnote = true
  strikethrough = true
  taskList = true
"""

BASEOF = """<!doctype html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<link rel="icon" href="{{ "favicon.svg" | relURL }}"></head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}
<a href="{{ "partners/" | relURL }}">Partnere</a> <a href="{{ "partnerships/" | relURL }}">Partnerskaber</a>
<a href="{{ "tags/" | relURL }}">Emner</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer></body></html>
"""

TERMS = """{{ define "terms" }}{{ $p := .page }}{{ with $p.GetTerms .name }}<p>{{ $.label }}:
{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}{{ end }}
"""

SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ with .Params.number }}Nr. {{ . }} · {{ end }}<time>{{ .Date.Format "2006-01-02" }}</time></p>
{{ template "terms" (dict "page" . "name" "partners" "label" "Partnere") }}
{{ template "terms" (dict "page" . "name" "partnerships" "label" "Partnerskab") }}
{{ template "terms" (dict "page" . "name" "tags" "label" "Emner") }}
{{ .Content }}</article>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
<time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>{{ end }}
"""

TAXONOMY = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a>
({{ .Count }})</li>{{ end }}</ul>{{ end }}
"""

TERM = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
{{ with .Params.members }}<h2>Medlemmer</h2><ul>{{ range . }}<li>
<a href="{{ printf "partners/%s/" .id | relURL }}">{{ .id }}</a> ({{ .role }})</li>{{ end }}</ul>{{ end }}
{{ .Content }}
<h2>Bidrag</h2><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
<time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>{{ end }}
"""


def split_front_matter(text):
    assert text.startswith("---\n"), "no front matter"
    end = text.index("\n---\n", 3)
    return text[4:end].split("\n"), text[end + 5:]


def top_key(line):
    """The key of a top-level `key: value` line, or None for a nested line."""
    if line[:1] in (" ", "-") or ":" not in line:
        return None
    return line.split(":", 1)[0]


def rename(lines, names):
    """Rename top-level keys; `None` drops the key and its nested lines."""
    out, dropping = [], False
    for line in lines:
        k = top_key(line)
        if k is not None:
            dropping = k in names and names[k] is None
            if k in names and names[k]:
                line = names[k] + line[len(k):]
        if not dropping:
            out.append(line)
    return out


def value(lines, key):
    for line in lines:
        if top_key(line) == key:
            return line.split(":", 1)[1].strip()
    return None


def convert(src, dst):
    with open(os.path.join(src, "site.yaml"), encoding="utf-8") as f:
        site = f.read().split("\n")
    base = (value(site, "base_url") or "https://example.org/").strip('"')
    root = "/" + base.split("://", 1)[-1].partition("/")[2]  # the site's path, e.g. /vidensbank/
    kind_of = {}  # id -> folder, for wikilinks
    for kind in os.listdir(os.path.join(src, "content")):
        d = os.path.join(src, "content", kind)
        if os.path.isdir(d):
            for f in os.listdir(d):
                if f.endswith(".md"):
                    kind_of[f[:-3]] = kind

    def link(m):
        target, label = m.group(1).strip(), m.group(2)
        kind, _, rid = target.rpartition("/")
        kind = kind or kind_of.get(rid, "pages")
        return "[%s](%s%s/%s/)" % (label or rid, root, kind, rid)

    def write(rel, fm_lines, body):
        path = os.path.join(dst, "content", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("---\n" + "\n".join(fm_lines) + "\n---\n\n" + WIKILINK.sub(link, body))

    count = 0
    for kind in sorted(set(kind_of.values())):
        folder = os.path.join(src, "content", kind)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".md"):
                continue
            rid = name[:-3]
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                fm, body = split_front_matter(f.read())
            if kind == "partners":
                # The partner's own page is its term page; its tags are not a taxonomy there.
                fm = rename(fm, {"name": "title", "tags": "partner_tags"})
                write("partners/%s/_index.md" % rid, fm, body)
            elif kind == "partnerships":
                fm = rename(fm, {"partners": "members", "tags": "partnership_tags"})
                write("partnerships/%s/_index.md" % rid, fm, body)
            elif kind == "quotes":
                by = value(fm, "by")
                fm = rename(fm, {"partnership": "partnerships", "by": "partners"})
                fm = [("partnerships: [%s]" % value(fm, "partnerships"))
                      if top_key(l) == "partnerships" else l for l in fm]
                if by:
                    fm = [("partners: [%s]" % by) if top_key(l) == "partners" else l for l in fm]
                source = json.loads(value(fm, "source") or '""')
                fm.insert(0, "title: %s" % json.dumps("Citat: " + source, ensure_ascii=False))
                write("quotes/%s.md" % rid, fm, body)
            else:
                write("%s/%s.md" % (kind, rid), fm, body)
            count += 1

    for kind in ITEM_KINDS + ["pages"]:
        write("%s/_index.md" % kind, ["title: %s" % json.dumps(KIND_TITLES[kind], ensure_ascii=False)], "")
    for tax in ("partners", "partnerships", "tags"):
        write("%s/_index.md" % tax, ["title: %s" % json.dumps(KIND_TITLES[tax], ensure_ascii=False)], "")
    with open(os.path.join(src, "content", "_index.md"), encoding="utf-8") as f:
        fm, body = split_front_matter(f.read())
    write("_index.md", fm, body)

    title = value(site, "title") or '"Site"'
    with open(os.path.join(dst, "config.toml"), "w", encoding="utf-8") as f:
        f.write(CONFIG.format(base=json.dumps(base), title=title))
    layouts = {
        "_default/baseof.html": BASEOF, "_default/single.html": SINGLE,
        "_default/list.html": LIST, "_default/taxonomy.html": TAXONOMY,
        "_default/term.html": TERM, "partials/terms.html": "",
    }
    layouts["_default/single.html"] = TERMS + SINGLE
    del layouts["partials/terms.html"]
    for rel, text in layouts.items():
        path = os.path.join(dst, "layouts", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    if os.path.isdir(os.path.join(src, "static")):
        shutil.copytree(os.path.join(src, "static"), os.path.join(dst, "static"))
    return count


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", help="a site written by gen_site.py")
    ap.add_argument("hugo_site", help="output folder (must be empty or absent unless --force)")
    ap.add_argument("--force", action="store_true", help="delete HUGO_SITE first if it exists")
    a = ap.parse_args(argv)
    if os.path.exists(a.hugo_site) and os.listdir(a.hugo_site):
        if not a.force:
            ap.error("%s exists and is not empty (use --force to replace it)" % a.hugo_site)
        shutil.rmtree(a.hugo_site)
    n = convert(a.site, a.hugo_site)
    print("converted %d pages into %s" % (n, a.hugo_site), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
