#!/usr/bin/env python3
"""Convert a site written by bench/gen_site.py into an equivalent Zola site.

    python3 bench/to_zola.py SITE ZOLA_SITE [--no-search] [--force]

Used by bench/compare.sh to time brobygger, Hugo and Zola on the same content; it mirrors
to_hugo.py. The Zola site has:

  * the same Markdown bodies, with wikilinks turned into Zola's internal links
    (`@/KIND/ID.md`), which Zola resolves and checks at build time as brobygger does;
  * one page per item (content/KIND/ID.md), per partner and per partnership, with the front
    matter in TOML (`+++`);
  * a section per kind (`_index.md`) with one list template (items by date, partners and
    partnerships by title, free pages by weight);
  * `tags` as a rendered taxonomy (the tag index and a page per tag); `partner` and
    `partnership` as taxonomies that are not rendered on their own: a partner's or
    partnership's page lists the items it is credited on through `get_taxonomy_term`, so it
    shows its own text and its items on one page, as brobygger's and the Hugo copy's do
    (a partnership's page also lists its members and roles);
  * minimal Tera templates with one base layout, no theme, no Sass; one feed (`rss.xml`, the
    50 newest pages, as brobygger's feed has 50 entries), the sitemap and robots.txt.

Zola's own search index (elasticlunr, Danish, titles and full text) is built unless
`--no-search` is given: brobygger builds a full-text index too, Hugo builds none. Zola still
builds no network pages or drawings, no exports and no timeline or charts, so the comparison
favours Zola there. Only the Python standard library is used; the front matter is read as
gen_site.py writes it (a small YAML subset, not a general YAML reader).
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
NAV = ITEM_KINDS + ["pages", "partners", "partnerships", "tags"]
WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
FLOW_TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[^,\s][^,]*?)\s*(?:,|$)')
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FEED_ENTRIES = 50  # brobygger's feed: the 50 newest


class Date(str):
    """A YAML date, written to TOML as a bare local date (Zola sorts and formats it)."""


CONFIG = """base_url = {base}
title = {title}
default_language = {lang}
compile_sass = false
minify_html = false
build_search_index = {search}
generate_feeds = true
feed_filenames = ["rss.xml"]
feed_limit = {feed_limit}
taxonomies = [
  {{ name = "tags" }},
  {{ name = "partner", render = false }},
  {{ name = "partnership", render = false }},
]

[markdown]
render_emoji = false
smart_punctuation = false

[search]
include_title = true
include_content = true

[extra]
nav = {nav}
"""

BASE = """<!doctype html>
<html lang="{{ config.default_language }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="icon" href="{{ config.base_url | safe }}/favicon.svg"></head>
<body><header><a href="{{ config.base_url | safe }}/">{{ config.title }}</a>
<nav>{% for n in config.extra.nav %}<a href="{{ config.base_url | safe }}/{{ n.path }}/">{{ n.title }}</a> {% endfor %}</nav></header>
<main>{% block main %}{% endblock main %}</main>
<footer>{{ config.title }}</footer></body></html>
"""

PAGE_LIST = """{% macro pages(pages) %}<ul>{% for p in pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a>
{% if p.date %}<time>{{ p.date | date(format="%Y-%m-%d") }}</time>{% endif %}</li>{% endfor %}</ul>{% endmacro pages %}
"""

PAGE = """{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}
{% block main %}<article><h1>{{ page.title }}</h1>
<p>{% if page.extra.number %}Nr. {{ page.extra.number }} · {% endif %}{% if page.date %}<time>{{ page.date | date(format="%Y-%m-%d") }}</time>{% endif %}</p>
{% if page.extra.credited %}<p>Partnere:
{% for p in page.extra.credited %}<a href="{{ config.base_url | safe }}/partners/{{ p.id }}/">{{ p.name }}</a> {% endfor %}</p>{% endif %}
{% if page.extra.in_partnership %}<p>Partnerskab:
{% for p in page.extra.in_partnership %}<a href="{{ config.base_url | safe }}/partnerships/{{ p.id }}/">{{ p.name }}</a> {% endfor %}</p>{% endif %}
{% if page.taxonomies.tags %}<p>Emner:
{% for t in page.taxonomies.tags %}<a href="{{ get_taxonomy_url(kind="tags", name=t) | safe }}">{{ t }}</a> {% endfor %}</p>{% endif %}
{{ page.content | safe }}</article>{% endblock main %}
"""

# A partner's or partnership's page: its own text, then the items credited to it (the
# unrendered taxonomy's term), as the Hugo copy's term pages show them.
OWNER = """{% extends "base.html" %}
{% import "macros.html" as m %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}
{% block main %}<h1>{{ page.title }}</h1>
{% if page.description %}<p>{{ page.description }}</p>{% endif %}
{% if page.extra.members %}<h2>Medlemmer</h2><ul>{% for mb in page.extra.members %}<li>
<a href="{{ config.base_url | safe }}/partners/{{ mb.id }}/">{{ mb.id }}</a> ({{ mb.role }})</li>{% endfor %}</ul>{% endif %}
{{ page.content | safe }}
{% set term = get_taxonomy_term(kind=page.extra.taxonomy, term=page.slug, required=false) %}
<h2>Bidrag</h2>{% if term %}{{ m::pages(pages=term.pages) }}{% endif %}{% endblock main %}
"""

SECTION = """{% extends "base.html" %}
{% import "macros.html" as m %}
{% block title %}{{ section.title }} · {{ config.title }}{% endblock title %}
{% block main %}<h1>{{ section.title }}</h1>{{ section.content | safe }}
{{ m::pages(pages=section.pages) }}{% endblock main %}
"""

INDEX = """{% extends "base.html" %}
{% block main %}<h1>{{ section.title }}</h1>{{ section.content | safe }}
<ul>{% for n in config.extra.nav %}<li><a href="{{ config.base_url | safe }}/{{ n.path }}/">{{ n.title }}</a></li>{% endfor %}</ul>{% endblock main %}
"""

TAXONOMY_LIST = """{% extends "base.html" %}
{% block title %}{{ taxonomy.name }} · {{ config.title }}{% endblock title %}
{% block main %}<h1>Emner</h1>
<ul>{% for t in terms %}<li><a href="{{ t.permalink | safe }}">{{ t.name }}</a> ({{ t.page_count }})</li>{% endfor %}</ul>{% endblock main %}
"""

TAXONOMY_SINGLE = """{% extends "base.html" %}
{% import "macros.html" as m %}
{% block title %}{{ term.name }} · {{ config.title }}{% endblock title %}
{% block main %}<h1>{{ term.name }}</h1>
{{ m::pages(pages=term.pages) }}{% endblock main %}
"""


def split_front_matter(text):
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    end = text.index("\n---\n", 3)
    return text[4:end].split("\n"), text[end + 5:]


def scalar(s):
    s = s.strip()
    if s.startswith('"'):
        return json.loads(s)
    if s.startswith("["):
        return [scalar(m.group(1)) for m in FLOW_TOKEN.finditer(s[1:-1]) if m.group(1)]
    if s in ("true", "false"):
        return s == "true"
    if DATE.match(s):
        return Date(s)
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    return s


def parse_front_matter(lines):
    """gen_site.py's YAML: `key: scalar`, `key: [flow, list]`, and `key:` over `  - k: v` maps."""
    out, current = {}, None
    for line in lines:
        if not line.strip():
            continue
        if line.startswith("  - "):
            current.append({})
            line = "    " + line[4:]
        if line.startswith("    "):
            k, _, v = line.strip().partition(":")
            current[-1][k] = scalar(v)
            continue
        k, _, v = line.partition(":")
        if v.strip():
            out[k] = scalar(v)
        else:
            current = out[k] = []
    return out


def toml(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int) or isinstance(v, Date):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(v, list):
        return "[" + ", ".join(toml(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join("%s = %s" % (k, toml(x)) for k, x in v.items()) + " }"
    raise TypeError(repr(v))


def front_matter(top, taxonomies=None, extra=None):
    lines = ["%s = %s" % (k, toml(v)) for k, v in top.items() if v is not None]
    for table, values in (("taxonomies", taxonomies), ("extra", extra)):
        if values:
            lines.append("[%s]" % table)
            lines += ["%s = %s" % (k, toml(v)) for k, v in values.items() if v is not None]
    return "+++\n" + "\n".join(lines) + "\n+++\n"


def convert(src, dst, search=True):
    with open(os.path.join(src, "site.yaml"), encoding="utf-8") as f:
        site = parse_front_matter([l for l in f.read().split("\n") if l and not l.startswith("  ")])
    base = str(site.get("base_url") or "https://example.org/").rstrip("/")
    kind_of, docs = {}, {}  # id -> folder (for wikilinks); (kind, id) -> (front matter, body)
    for kind in sorted(os.listdir(os.path.join(src, "content"))):
        d = os.path.join(src, "content", kind)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".md"):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    fm, body = split_front_matter(f.read())
                kind_of[name[:-3]] = kind
                docs[(kind, name[:-3])] = (parse_front_matter(fm), body)
    partner_name = {rid: fm["name"] for (k, rid), (fm, _) in docs.items() if k == "partners"}
    ship_title = {rid: fm["title"] for (k, rid), (fm, _) in docs.items() if k == "partnerships"}

    def link(m):
        target, label = m.group(1).strip(), m.group(2)
        kind, _, rid = target.rpartition("/")
        kind = kind or kind_of.get(rid, "pages")
        return "[%s](@/%s/%s.md)" % (label or rid, kind, rid)

    def write(rel, head, body=""):
        path = os.path.join(dst, "content", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(head + "\n" + WIKILINK.sub(link, body))

    def named(ids, names):
        return [{"id": i, "name": names.get(i, i)} for i in ids]

    for (kind, rid), (fm, body) in docs.items():
        if kind == "partners":
            # Its own tags are not the item taxonomy, as in the Hugo copy.
            head = front_matter(
                {"title": fm.pop("name"), "description": fm.pop("summary", None)},
                extra=dict(fm, taxonomy="partner"))
        elif kind == "partnerships":
            fm["members"] = fm.pop("partners")
            head = front_matter({"title": fm.pop("title"), "date": fm.pop("date", None)},
                                extra=dict(fm, taxonomy="partnership"))
        elif kind == "pages":
            head = front_matter({"title": fm.pop("title"), "weight": fm.pop("weight", None)})
        elif kind in ITEM_KINDS:
            if kind == "quotes":
                fm["title"] = "Citat: " + fm.get("source", "")
                fm["partners"] = [fm.pop("by")] if "by" in fm else []
                fm["partnerships"] = [fm.pop("partnership")]
            who, ships = fm.pop("partners"), fm.pop("partnerships")
            top = {k: fm.pop(k, None) for k in ("title", "date", "updated")}
            tax = {"tags": fm.pop("tags", None), "partner": who or None, "partnership": ships}
            extra = dict(fm, credited=named(who, partner_name), in_partnership=named(ships, ship_title))
            head = front_matter(top, tax, extra)
        else:
            continue
        write("%s/%s.md" % (kind, rid), head, body)

    sort = {"partners": "title", "partnerships": "title", "pages": "weight"}
    for kind in ITEM_KINDS + ["pages", "partners", "partnerships"]:
        top = {"title": KIND_TITLES[kind], "sort_by": sort.get(kind, "date"), "template": "section.html"}
        if kind in ("partners", "partnerships"):
            top["page_template"] = "owner.html"
        write("%s/_index.md" % kind, front_matter(top))
    fm, body = split_front_matter(open(os.path.join(src, "content", "_index.md"), encoding="utf-8").read())
    write("_index.md", front_matter({"title": parse_front_matter(fm).get("title")}), body)

    nav = [{"path": k, "title": KIND_TITLES[k]} for k in NAV]
    with open(os.path.join(dst, "config.toml"), "w", encoding="utf-8") as f:
        f.write(CONFIG.format(
            base=toml(base), title=toml(str(site.get("title", "Site"))),
            lang=toml(str(site.get("language", "da"))), search=toml(search),
            feed_limit=FEED_ENTRIES, nav=toml(nav)))
    templates = {
        "base.html": BASE, "macros.html": PAGE_LIST, "page.html": PAGE, "owner.html": OWNER,
        "section.html": SECTION, "index.html": INDEX,
        "tags/list.html": TAXONOMY_LIST, "tags/single.html": TAXONOMY_SINGLE,
    }
    for rel, text in templates.items():
        path = os.path.join(dst, "templates", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    if os.path.isdir(os.path.join(src, "static")):
        shutil.copytree(os.path.join(src, "static"), os.path.join(dst, "static"))
    return len(docs)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", help="a site written by gen_site.py")
    ap.add_argument("zola_site", help="output folder (must be empty or absent unless --force)")
    ap.add_argument("--no-search", action="store_true",
                    help="build_search_index = false (Zola then builds no search index, like Hugo)")
    ap.add_argument("--force", action="store_true", help="delete ZOLA_SITE first if it exists")
    a = ap.parse_args(argv)
    if os.path.exists(a.zola_site) and os.listdir(a.zola_site):
        if not a.force:
            ap.error("%s exists and is not empty (use --force to replace it)" % a.zola_site)
        shutil.rmtree(a.zola_site)
    n = convert(a.site, a.zola_site, search=not a.no_search)
    print("converted %d pages into %s (search index %s)"
          % (n, a.zola_site, "off" if a.no_search else "on"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
