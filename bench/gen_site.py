#!/usr/bin/env python3
"""Generate a synthetic, valid brobygger knowledge base for benchmarking.

    python3 bench/gen_site.py N OUTDIR [--seed S] [--shape short|long] [--force]

N is the number of items (challenges, opportunities, learnings,
recommendations and quotes, about 20/20/25/20/15 %).  Partners
(max(12, N/20)), partnerships (max(3, N/100)), a few free pages, a front
page, site.yaml and a handful of static files are added around them.

Two shapes:
  * short (default): many small partnerships (2-8 members, max(3, N/100) of
    them) and bodies of 1-3 KB;
  * long: few large partnerships (5 of 100-160 members, among max(200, N/40)
    partners) and long bodies of 4-10 KB with more headings, lists and links.

The output depends only on N and the seed: the same arguments give the same
bytes on any machine.  Only the Python standard library is used.

Guarantees (checked by bench/validate_site.py):
  * ids are [a-z0-9-]+, start with a letter, and are unique across *all*
    kinds (so every bare id, in front matter or in a [[wikilink]], is
    unambiguous);
  * every reference (partners, partnerships, facilitator, addresses, by,
    partnership, sector, logo, wikilinks) points at something that exists;
  * front matter uses only the fields documented for its kind;
  * `number` is 1..count within each catalogue kind (challenges,
    opportunities, recommendations);
  * every quote has `by` or `speaker` and `approved: true`.
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
import time

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

SECTOR_POOL = [
    ("research", "Forskning og uddannelse"),
    ("public", "Offentlig sektor"),
    ("business", "Erhvervsliv og brancheorganisationer"),
    ("labour", "Arbejdsmarkedets parter"),
    ("civil", "Civilsamfund og borgere"),
    ("health", "Sundhedsvæsen og psykiatri"),
    ("municipal", "Kommuner og regioner"),
    ("foundations", "Fonde og filantropi"),
    ("culture", "Kultur- og fritidsliv"),
]

PLACES = [
    "Aalborg", "Aarhus", "Køge", "Næstved", "Sønderborg", "Ærø", "Hillerød",
    "Holstebro", "Esbjerg", "Vejle", "Odense", "Roskilde", "Helsingør",
    "Fåborg", "Svendborg", "Tønder", "Frederikshavn", "Højer", "Ølstykke",
    "Brøndby", "Gladsaxe", "Lyngby-Taarbæk", "Århus", "Middelfart", "Skærbæk",
    "Nørresundby", "Hjørring", "Thisted", "Viborg", "Silkeborg", "Horsens",
    "Kolding", "Haderslev", "Aabenraa", "Nyborg", "Slagelse", "Holbæk",
    "Kalundborg", "Bornholm", "Læsø", "Samsø", "Fanø", "Randers", "Grenå",
    "Skive", "Lemvig", "Ringkøbing", "Varde", "Billund", "Fredericia",
    "Vordingborg", "Præstø", "Stege", "Nakskov", "Maribo", "Rødby",
    "Hørsholm", "Allerød", "Furesø", "Ballerup", "Tårnby", "Dragør", "Vallensbæk",
]

ORG_TEMPLATES = [
    ("{p} Kommune", "public"),
    ("Jobcenter {p}", "public"),
    ("Ungdommens Uddannelsesvejledning {p}", "public"),
    ("Sundhedshuset {p}", "health"),
    ("Regionspsykiatrien {p}", "health"),
    ("Professionshøjskolen {p}", "research"),
    ("Erhvervsskolen {p}", "research"),
    ("Videnscenter for Trivsel {p}", "research"),
    ("Handelsstandsforeningen {p}", "business"),
    ("Erhvervsråd {p}", "business"),
    ("{s}s Tømrerforretning, {p}", "business"),
    ("{s} & Søn Maskinfabrik", "business"),
    ("Fagforeningen 3F {p}", "labour"),
    ("HK {p}", "labour"),
    ("Dansk Metal {p}", "labour"),
    ("Frivilligcenter {p}", "civil"),
    ("Foreningen Unge i Trivsel {p}", "civil"),
    ("Ungerådet {p}", "civil"),
    ("Forældreforeningen {p}", "civil"),
    ("{s}-Fonden", "foundations"),
    ("Fonden for Grøn Omstilling {p}", "foundations"),
    ("Kulturhuset {p}", "culture"),
    ("Idrætsforeningen {p} IF", "culture"),
    ("Region {p}", "municipal"),
    ("Borgerservice {p}", "municipal"),
]

SURNAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen",
    "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen",
    "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
    "Møller", "Mortensen", "Østergaard", "Kjær", "Bæk", "Lønstrup", "Højgaard",
    "Fæster", "Dahl", "Brøndum", "Skåning", "Krogsgård",
]

LEVELS = ["local", "regional", "national", "european"]
ROLES_EXTRA = ["partner", "partner", "partner", "koordinator", "videnspartner", "medfinansierer"]
FORMS = ["network", "alliance", "partnership"]
STATUSES = ["planned", "active", "active", "completed", "completed"]

SUBJECTS = [
    "De unge", "Partnerskabet", "Kommunens medarbejdere", "Vi", "Projektlederen",
    "Virksomhederne", "Mentorerne", "Jobcentret", "Den tværfaglige gruppe",
    "Forældrene", "Skolerne", "Følgegruppen", "Styregruppen", "Brobyggeren",
    "Lærlingene", "Sagsbehandlerne", "Frivillige", "Lederne på arbejdspladsen",
    "Deltagerne", "Fagforeningen", "Evaluatorerne", "Sundhedsplejersken",
    "Vejlederne", "Arbejdsgiverne", "Kollegerne",
]
VERBS = [
    "oplever", "har fået øje på", "arbejder målrettet med", "mangler",
    "efterspørger", "har styrket", "kæmper med", "prioriterer",
    "får større udbytte af", "ønsker mere", "har brug for", "taler åbent om",
    "undervurderer", "lægger vægt på", "har gode erfaringer med",
    "er usikre på", "bidrager aktivt til", "savner", "har udviklet",
    "ser værdien af",
]
OBJECTS = [
    "en tættere dialog med arbejdsgiverne", "et fælles sprog om mental sundhed",
    "overgangen fra uddannelse til job", "tydelige aftaler om ansvar",
    "trivsel på arbejdspladsen", "fleksible løsninger i hverdagen",
    "støtte fra en fast kontaktperson", "bedre koordinering på tværs af sektorer",
    "små skridt mod beskæftigelse", "viden om, hvad der virker",
    "de første måneder i et nyt job", "en rummelig arbejdskultur",
    "mødet mellem systemet og den unge", "korte beslutningsveje",
    "fælles mål og milepæle", "ledelsesopbakning", "praktikpladser af høj kvalitet",
    "sårbare unges stemmer", "en realistisk tidsplan", "økonomi til at forankre indsatsen",
    "gensidig tillid mellem parterne", "et godt psykisk arbejdsmiljø",
    "lokale fællesskaber", "erfaringsudveksling på tværs af byer",
    "dokumentation af resultaterne", "rekruttering af nye partnere",
    "grøn omstilling i små virksomheder", "samarbejdet med de frivillige",
    "hjælp til at håndtere stress", "en klar rollefordeling",
]
TAILS = [
    "", "", "", " i hverdagen", " på tværs af forvaltninger",
    " når samarbejdet bliver udfordret", " – især i opstartsfasen",
    " gennem hele forløbet", ", og det gør en mærkbar forskel",
    " både i byen og på landet", " uden at det går ud over kvaliteten",
    " efter sommerferien", " i de mindre kommuner", " ifølge midtvejsevalueringen",
    " selv om ressourcerne er små", " når nøglepersoner skifter job",
]
OPENERS = [
    "", "", "", "", "Samtidig gælder det, at ", "Derfor ser vi, at ",
    "Erfaringen viser, at ", "Det betyder, at ", "I praksis betyder det, at ",
    "Flere af parterne fortæller, at ", "Overordnet kan man sige, at ",
]

HEADINGS = [
    "Baggrund", "Hvad har vi gjort?", "Erfaringer", "Det lærte vi",
    "Næste skridt", "Udfordringer undervejs", "Hvad siger de unge?",
    "Forudsætninger", "Økonomi og ressourcer", "Sådan kommer du i gang",
    "Perspektiver", "Målgruppe", "Resultater",
]

PROBLEMS = [
    "Manglende koordinering", "Uklar ansvarsfordeling", "For lidt tid",
    "Svag forankring", "Skiftende kontaktpersoner", "Lav deltagelse",
    "Tung dokumentation", "Begrænset økonomi", "Forskellige faglige sprog",
    "Modstand mod forandring", "Usikkerhed om jura og GDPR", "Lange ventetider",
    "Stigmatisering af psykisk mistrivsel", "Manglende overblik", "Få praktikpladser",
]
CHANCES = [
    "Fælles praktikforløb", "Digitale mødesteder", "Mentorordning med ældre kolleger",
    "Åbne værksteder", "Brobygning via idrætsforeninger", "Fælles videnscenter",
    "Grønne job til unge", "Netværk af små virksomheder", "Korte kurser i trivsel",
    "Sæsonjob som trædesten", "Samarbejde med fonde", "Unge som medskabere",
    "Lokale jobmesser", "Sparring mellem ledere", "Tværkommunale forløb",
]
LESSONS = [
    "Tillid tager tid", "Små skridt virker", "Ledelsen skal med fra start",
    "Den unge skal føle sig hørt", "Faste aftaler giver ro", "Fejr de små sejre",
    "Én indgang er bedre end fem", "Sproget skaber fællesskab",
    "Frivillige er en ressource", "Data åbner døre", "Lokalt ejerskab bærer langt",
    "Det uformelle møde tæller", "Brobyggeren er limen",
]
ADVICE = [
    "Udpeg én fast kontaktperson", "Lav en skriftlig samarbejdsaftale",
    "Afsæt tid til fælles refleksion", "Inddrag de unge i planlægningen",
    "Mål på trivsel, ikke kun på job", "Del viden åbent mellem parterne",
    "Start småt og skalér bagefter", "Hold faste statusmøder",
    "Giv lederne en tydelig rolle", "Brug eksisterende fællesskaber",
    "Sørg for en exit-plan", "Skriv erfaringerne ned undervejs",
]
CONTEXTS = [
    "mellem jobcenter og uddannelsessted", "i overgangen til arbejdsmarkedet",
    "for unge med angst", "i små og mellemstore virksomheder", "på tværs af kommunegrænser",
    "i opstartsfasen", "når partnerskabet vokser", "for lærlinge og elever",
    "i landdistrikterne", "efter projektperiodens udløb", "i samarbejdet med frivillige",
    "på erhvervsskolerne", "i sundhedsvæsenet", "for nyuddannede", "på Ærø og Læsø",
    "i hovedstadsområdet", "i det daglige arbejde", "når økonomien strammer",
]

SPEAKERS = [
    "projektdeltager", "ung medarbejder", "mentor", "leder i en virksomhed",
    "sagsbehandler", "elev på erhvervsskole", "frivillig", "forælder",
    "tillidsrepræsentant", "UU-vejleder",
]
SOURCES = [
    "Interview, forår {y}", "Workshop i {p}, {y}", "Fokusgruppe, {y}",
    "Midtvejsevaluering {y}", "Netværksmøde i {p}", "Spørgeskema, {y}",
    "Afslutningskonference {y}",
]

TAG_BASE = [
    "mental-sundhed", "trivsel", "fastholdelse", "rekruttering", "ungdomsuddannelse",
    "jobcenter", "mentorordning", "overgange", "samskabelse", "frivillighed",
    "grøn-omstilling", "inklusion", "sårbare-unge", "læring", "evaluering",
    "økonomi", "arbejdsmiljø", "ledelse", "kompetenceudvikling", "praktik",
    "lærlinge", "erhvervsuddannelse", "psykiatri", "misbrug", "bolig", "ensomhed",
    "fællesskab", "forældresamarbejde", "digitalisering", "data", "dokumentation",
    "finansiering", "fundraising", "forankring", "skalering", "implementering",
    "tværfaglighed", "koordinering", "kommunikation", "samarbejdsaftale", "gdpr",
    "jura", "stress", "angst", "depression", "ADHD-venlig", "autisme", "neurodiversitet",
    "sprog", "integration", "nydanskere", "landdistrikter", "storby", "ø-samfund",
    "idræt", "kultur", "natur", "håndværk", "industri", "detailhandel", "turisme",
    "landbrug", "fiskeri", "sundhed", "uddannelse", "beskæftigelse", "socialområdet",
    "civilsamfund", "fonde", "fagforening", "arbejdsgivere", "smv", "iværksætteri",
    "netværk", "alliance", "brobygning", "facilitering", "metode", "værktøj",
    "workshop", "konference", "kursus", "e-læring", "podcast", "video", "rapport",
    "guide", "tjekliste", "kortlægning", "baseline", "effekt", "kvalitet", "borgerinddragelse",
    "unges-stemme", "medbestemmelse", "ledighed", "sygefravær", "uddannelsesparathed",
    "fleksjob", "skånejob", "job-med-løntilskud", "virksomhedspraktik", "STU", "FGU",
    "EGU", "10-klasse", "gymnasium", "universitet", "professionshøjskole",
]
TAG_QUALIFIERS = ["for-unge", "i-praksis", "lokalt", "på-tværs", "i-virksomheder",
                  "i-kommunen", "for-ledere", "digitalt"]

_TRANS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})
_NON_ID = re.compile(r"[^a-z0-9]+")


def slugify(text, max_words=7):
    s = _NON_ID.sub("-", text.lower().translate(_TRANS)).strip("-")
    parts = [p for p in s.split("-") if p][:max_words]
    s = "-".join(parts)
    if not s or not s[0].isalpha():
        s = "x-" + s if s else "x"
    return s


def q(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def flow(ids):
    return "[" + ", ".join(ids) + "]"


def flow_q(strings):
    return "[" + ", ".join(q(s) for s in strings) + "]"


class IdSpace:
    """Ids unique across all kinds, so bare references are never ambiguous."""

    def __init__(self):
        self.used = set()

    def take(self, base):
        base = base[:60].rstrip("-")
        cand, i = base, 2
        while cand in self.used:
            cand = "%s-%d" % (base, i)
            i += 1
        self.used.add(cand)
        return cand


def date_str(day_index):
    """YYYY-MM-DD of the day `day_index` days after 2020-01-01."""
    t = time.gmtime(1577836800 + 86400 * day_index)
    return "%04d-%02d-%02d" % (t.tm_year, t.tm_mon, t.tm_mday)


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------

class Text:
    def __init__(self, rng):
        self.rng = rng
        self.sentences = []
        for _ in range(4000):
            obj = rng.choice(OBJECTS)
            r = rng.random()
            if r < 0.12:
                obj = "*" + obj + "*"
            elif r < 0.2:
                obj = "**" + obj + "**"
            opener = rng.choice(OPENERS)
            subj = rng.choice(SUBJECTS)
            if opener:
                subj = subj[0].lower() + subj[1:] if subj != "Vi" else "vi"
            s = opener + subj + " " + rng.choice(VERBS) + " " + obj + rng.choice(TAILS) + "."
            s = s[0].upper() + s[1:]
            self.sentences.append(s)
        self.bullets = [o[0].upper() + o[1:] for o in OBJECTS] + [a for a in ADVICE]

    def paragraph(self, lo=3, hi=6):
        return " ".join(self.rng.choices(self.sentences, k=self.rng.randint(lo, hi)))

    def bullet_list(self):
        rng = self.rng
        items = rng.sample(self.bullets, rng.randint(3, 6))
        if rng.random() < 0.3:
            return "\n".join("%d. %s" % (i + 1, b) for i, b in enumerate(items))
        if rng.random() < 0.1:
            return "\n".join("- [%s] %s" % ("x" if rng.random() < 0.5 else " ", b) for b in items)
        return "\n".join("- " + b for b in items)

    def table(self):
        rng = self.rng
        rows = ["| Fase | Aktivitet | Ansvarlig | Varighed |", "| --- | --- | --- | ---: |"]
        for i in range(rng.randint(2, 5)):
            rows.append("| %d | %s | %s | %d uger |" % (
                i + 1, rng.choice(ADVICE), rng.choice(SUBJECTS), rng.randint(1, 12)))
        return "\n".join(rows)

    def link(self):
        rng = self.rng
        label, url = rng.choice([
            ("evalueringsrapporten", "https://example.dk/rapporter/evaluering-%d.pdf"),
            ("metodebeskrivelsen", "https://example.dk/metode/%d"),
            ("Sundhedsstyrelsens anbefalinger", "https://www.sst.dk/da/udgivelser/%d"),
            ("kortlægningen fra VIVE", "https://www.vive.dk/da/udgivelser/%d"),
            ("samarbejdsaftalen", "https://example.dk/aftaler/%d"),
        ])
        return "[%s](%s)" % (label, url % rng.randint(1, 9999))

    def body(self, wikilinks, target, allow_table=True, long=False):
        """Markdown of roughly `target` bytes with the given wikilinks woven in.

        `long` adds lists and links while filling up, so a long body is not just
        more paragraphs (the default shape's random stream is left as it was)."""
        rng = self.rng
        out = [self.paragraph()]
        p = self.paragraph(2, 4)
        out.append(p + " Læs mere i " + self.link() + ".")
        out.append("## " + rng.choice(HEADINGS))
        out.append(self.paragraph())
        out.append(self.bullet_list())
        if allow_table and rng.random() < 0.3:
            out.append(self.table())
        footnote = rng.random() < 0.1
        size = sum(len(x) + 2 for x in out)
        while size < target:
            if rng.random() < 0.25:
                out.append("### " + rng.choice(HEADINGS))
            if long:
                r = rng.random()
                if r < 0.15:
                    out.append("## " + rng.choice(HEADINGS))
                elif r < 0.35:
                    out.append(self.bullet_list())
                    size += len(out[-1]) + 2
                elif r < 0.5:
                    out.append(self.paragraph(2, 4) + " Se " + self.link() + ".")
                    size += len(out[-1]) + 2
            out.append(self.paragraph())
            size += len(out[-1]) + 2
        if wikilinks:
            sentence = rng.choice([
                "Se også %s.", "Det hænger tæt sammen med %s.",
                "Erfaringen deles af %s.", "Sammenlign med %s.",
            ]) % " og ".join(wikilinks)
            i = rng.randrange(0, len(out))
            if out[i].startswith("#") or out[i].startswith("|") or out[i][:2] in ("- ", "1."):
                out.insert(i + 1, sentence)
            else:
                out[i] = out[i] + " " + sentence
        if footnote:
            out[0] = out[0] + "[^1]"
            out.append("[^1]: Kilde: " + self.link() + ".")
        return "\n\n".join(out) + "\n"

    def quotation(self, wikilinks, target):
        rng = self.rng
        out = []
        size = 0
        while size < target:
            out.append(self.paragraph(2, 5))
            size += len(out[-1]) + 2
        if wikilinks:
            out[-1] += " Det gælder især for %s." % " og ".join(wikilinks)
        return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------

ITEM_SHARES = [  # (folder, share)
    ("challenges", 20), ("opportunities", 20), ("learnings", 25),
    ("recommendations", 20), ("quotes", 15),
]
CATALOGUE = {"challenges", "opportunities", "recommendations"}


def split_counts(n):
    """Largest-remainder split of n over ITEM_SHARES; always sums to n."""
    raw = [(k, n * s / 100.0) for k, s in ITEM_SHARES]
    counts = {k: int(v) for k, v in raw}
    rest = n - sum(counts.values())
    order = sorted(raw, key=lambda kv: (-(kv[1] - int(kv[1])), [k for k, _ in ITEM_SHARES].index(kv[0])))
    for k, _ in order[:rest]:
        counts[k] += 1
    return counts


def generate(n, outdir, seed, shape="short"):
    long = shape == "long"
    rng = random.Random(seed)
    text = Text(rng)
    ids = IdSpace()
    files = {}  # relative path -> content

    # ---- site.yaml -----------------------------------------------------------
    n_sectors = rng.randint(5, 7)
    sectors = [SECTOR_POOL[i] for i in sorted(rng.sample(range(len(SECTOR_POOL)), n_sectors))]
    sector_keys = [k for k, _ in sectors]
    site = [
        "title: %s" % q("Vidensbank for Brobygning (%d emner)" % n),
        "description: %s" % q("Syntetisk testdata: erfaringer fra partnerskaber om unges trivsel, "
                               "job og uddannelse i Østjylland, på Ærø og i Nordsjælland"),
        "language: da",
        "base_url: https://example.org/vidensbank/",
        "sectors:",
    ]
    site += ["  %s: %s" % (k, q(v)) for k, v in sectors]
    site += [
        "markdown:",
        "  unsafe_html: false",
        "accessibility:",
        "  statement_url: https://was.digst.dk/example-org",
    ]
    files["site.yaml"] = "\n".join(site) + "\n"

    # ---- tags ------------------------------------------------------------------
    vocab = [t.lower() for t in TAG_BASE]
    combos = [b + "-" + qf for b in vocab[:60] for qf in TAG_QUALIFIERS]
    rng.shuffle(combos)
    vocab += combos[: max(0, 200 - len(vocab))]
    tag_cum = []
    acc = 0.0
    for i in range(len(vocab)):
        acc += 1.0 / (i + 1) ** 0.8  # Zipf-ish: a few very common tags, a long tail
        tag_cum.append(acc)

    def tags(lo, hi):
        picked = rng.choices(vocab, cum_weights=tag_cum, k=rng.randint(lo, hi))
        seen = []
        for t in picked:
            if t not in seen:
                seen.append(t)
        return seen

    # ---- partners --------------------------------------------------------------
    n_partners = max(200, n // 40) if long else max(12, n // 20)
    partners = []  # (id, name, sector)
    names = set()
    for i in range(n_partners):
        for attempt in range(20):
            tpl, pref_sector = rng.choice(ORG_TEMPLATES)
            name = tpl.format(p=rng.choice(PLACES), s=rng.choice(SURNAMES))
            if name not in names:
                break
        else:
            name = "%s (afdeling %d)" % (name, i)
        names.add(name)
        sector = pref_sector if pref_sector in sector_keys and rng.random() < 0.85 else rng.choice(sector_keys)
        pid = ids.take(slugify(name))
        partners.append((pid, name, sector))
    partner_ids = [p[0] for p in partners]

    logos = []
    for pid, name, sector in partners:
        fm = ["name: %s" % q(name), "sector: %s" % sector, "level: %s" % rng.choice(LEVELS)]
        fm.append("website: https://www.%s.dk/" % pid)
        if rng.random() < 0.25:
            fm.append("logo: logos/%s.svg" % pid)
            logos.append(pid)
        fm.append("summary: %s" % q(rng.choice(text.sentences).replace("*", "")))
        if rng.random() < 0.5:
            fm.append("tags: %s" % flow_q(tags(1, 2)))
        body = text.paragraph(2, 4) + "\n"
        files["content/partners/%s.md" % pid] = "---\n" + "\n".join(fm) + "\n---\n\n" + body
    for pid in logos:
        hue = rng.randint(0, 359)
        files["static/logos/%s.svg" % pid] = (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
            '<circle cx="32" cy="32" r="30" fill="hsl(%d,60%%,45%%)"/></svg>\n' % hue)

    # ---- partnerships ----------------------------------------------------------
    n_ships = 5 if long else max(3, n // 100)
    ships = []  # (id, [member ids])
    ship_titles = [
        "Partnerskab for unges trivsel i {p}", "Alliancen om grøn omstilling på {p}",
        "Netværket Unge i job, {p}", "Brobygning mellem skole og virksomhed i {p}",
        "Fællesskaber for sårbare unge, {p}", "Sammen om fastholdelse i {p}",
        "Læringsnetværk om mental sundhed, {p}",
    ]
    for i in range(n_ships):
        title = rng.choice(ship_titles).format(p=rng.choice(PLACES))
        sid = ids.take(slugify(title))
        if long:
            k = rng.randint(100, min(160, len(partner_ids)))
        else:
            k = rng.randint(2, min(8, len(partner_ids)))
        members = rng.sample(partner_ids, k)
        facilitator = members[-1]
        start = rng.randint(0, 5 * 365)
        end = start + rng.randint(180, 3 * 365)
        fm = ["title: %s" % q(title), "partners:"]
        for j, m in enumerate(members):
            if j == 0:
                role = "projektejer"
            elif j == k - 1:
                role = "facilitator"
            else:
                role = rng.choice(ROLES_EXTRA)
            fm.append("  - id: %s\n    role: %s" % (m, role))
        fm.append("facilitator: %s" % facilitator)
        fm.append("form: %s" % rng.choice(FORMS))
        fm.append("start: %s" % date_str(start))
        fm.append("end: %s" % date_str(end))
        fm.append("status: %s" % rng.choice(STATUSES))
        fm.append("goal: %s" % q(rng.choice(text.sentences).replace("*", "")))
        fm.append("target_group: %s" % q(rng.choice([
            "Unge mellem 15 og 29 år", "Unge uden ungdomsuddannelse", "Lærlinge og elever",
            "Nyuddannede med angst eller stress", "Ledere i små virksomheder"])))
        fm.append("milestones:")
        for m_i in range(rng.randint(2, 5)):
            d = start + (end - start) * (m_i + 1) // 6
            fm.append("  - date: %s\n    title: %s\n    done: %s" % (
                date_str(d), q(rng.choice(ADVICE)), "true" if rng.random() < 0.5 else "false"))
        fm.append("agreement: https://example.dk/aftaler/%s.pdf" % sid)
        fm.append("tags: %s" % flow_q(tags(1, 3)))
        fm.append("date: %s" % date_str(start))
        body = text.body([], rng.randint(4000, 10000) if long else rng.randint(1000, 2500), long=long)
        files["content/partnerships/%s.md" % sid] = "---\n" + "\n".join(fm) + "\n---\n\n" + body
        ships.append((sid, members))

    # ---- items: phase 1, ids and metadata --------------------------------------
    counts = split_counts(n)
    title_parts = {
        "challenges": (PROBLEMS, CONTEXTS),
        "opportunities": (CHANCES, CONTEXTS),
        "learnings": (LESSONS, CONTEXTS),
        "recommendations": (ADVICE, CONTEXTS),
    }
    items = {k: [] for k, _ in ITEM_SHARES}  # kind -> list of dict
    all_refs = []  # (kind, id) of every item, for wikilinks
    ship_challenges = {}  # partnership id -> [challenge ids]
    for kind, _ in ITEM_SHARES:
        numbers = list(range(1, counts[kind] + 1))
        for i in range(counts[kind]):
            ship_id, members = rng.choice(ships)
            it = {"ship": ship_id, "members": members, "date": rng.randint(0, 6 * 365)}
            if kind == "quotes":
                base = "citat-" + rng.choice(SPEAKERS) + "-" + rng.choice(PLACES)
                it["id"] = ids.take(slugify(base, 6))
            else:
                a, b = title_parts[kind]
                title = "%s %s" % (rng.choice(a), rng.choice(b))
                if rng.random() < 0.3:
                    title += " (%s)" % rng.choice(PLACES)
                it["title"] = title
                it["id"] = ids.take(slugify(title, 8))
                if kind in CATALOGUE:
                    it["number"] = numbers[i]
                if kind == "challenges":
                    ship_challenges.setdefault(ship_id, []).append(it["id"])
            items[kind].append(it)
            all_refs.append((kind, it["id"]))

    all_challenges = [c["id"] for c in items["challenges"]]

    def wikilinks(it):
        out = []
        for _ in range(rng.choice((0, 0, 1, 1, 1, 2))):
            r = rng.random()
            if r < 0.45:
                out.append("[[%s]]" % rng.choice(it["members"]))
            elif r < 0.55:
                pid = rng.choice(partner_ids)
                out.append("[[partners/%s|%s]]" % (pid, "denne partner"))
            else:
                kind, rid = rng.choice(all_refs)
                out.append("[[%s/%s]]" % (kind, rid))
        return out

    # ---- items: phase 2, files -----------------------------------------------
    for kind, _ in ITEM_SHARES:
        for it in items[kind]:
            fm = []
            if kind == "quotes":
                if rng.random() < 0.6:
                    fm.append("by: %s" % rng.choice(it["members"]))
                else:
                    fm.append("speaker: %s" % q(rng.choice(SPEAKERS)))
                fm.append("partnership: %s" % it["ship"])
                fm.append("source: %s" % q(rng.choice(SOURCES).format(
                    p=rng.choice(PLACES), y=2021 + rng.randint(0, 4))))
                fm.append("approved: true")
            else:
                fm.append("title: %s" % q(it["title"]))
                members = it["members"]
                k = min(rng.randint(1, 3), len(members))
                who = rng.sample(members, k)
                if rng.random() < 0.1:  # sometimes an outsider contributes
                    extra = rng.choice(partner_ids)
                    if extra not in who:
                        who.append(extra)
                fm.append("partners: %s" % flow(who))
                fm.append("partnerships: %s" % flow([it["ship"]]))
                if "number" in it:
                    fm.append("number: %d" % it["number"])
                if kind == "recommendations" and all_challenges:
                    pool = ship_challenges.get(it["ship"]) or all_challenges
                    if rng.random() < 0.2:
                        pool = all_challenges
                    k = min(rng.randint(1, 3), len(pool))
                    fm.append("addresses: %s" % flow(rng.sample(pool, k)))
            fm.append("tags: %s" % flow_q(tags(1, 4)))
            fm.append("date: %s" % date_str(it["date"]))
            if rng.random() < 0.2:
                fm.append("updated: %s" % date_str(it["date"] + rng.randint(1, 300)))
            links = wikilinks(it)
            if kind == "quotes":
                body = text.quotation(links, rng.randint(1500, 4000) if long else rng.randint(900, 1800))
            elif long:
                body = text.body(links, rng.randint(4000, 10000), long=True)
            else:
                body = text.body(links, rng.randint(900, 2500))
            files["content/%s/%s.md" % (kind, it["id"])] = "---\n" + "\n".join(fm) + "\n---\n\n" + body

    # ---- front page and free pages ----------------------------------------------
    files["content/_index.md"] = (
        "---\ntitle: %s\n---\n\n" % q("Velkommen til vidensbanken")
        + text.paragraph() + "\n\nHer finder du **udfordringer**, muligheder, læringspunkter, "
        "anbefalinger og citater fra %d partnerskaber med %d partnere.\n" % (n_ships, n_partners))
    for w, (pid, title) in enumerate([
            ("om", "Om vidensbanken"), ("metode", "Metode og datagrundlag"),
            ("kontakt", "Kontakt og ophavsret")]):
        pid = ids.take(pid)
        files["content/pages/%s.md" % pid] = (
            "---\ntitle: %s\nweight: %d\n---\n\n" % (q(title), w + 1)
            + text.body([], rng.randint(800, 1600)))
    files["static/favicon.svg"] = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
        '<rect width="16" height="16" fill="#1b5e20"/></svg>\n')

    # ---- write -----------------------------------------------------------------
    dirs = set()
    for rel in files:
        dirs.add(os.path.dirname(rel))
    for kind in ["partners", "partnerships", "challenges", "opportunities",
                 "recommendations", "learnings", "quotes", "pages"]:
        dirs.add("content/" + kind)
    for d in sorted(dirs):
        os.makedirs(os.path.join(outdir, d), exist_ok=True)
    total = 0
    for rel, content in files.items():
        data = content.encode("utf-8")
        total += len(data)
        with open(os.path.join(outdir, rel), "wb") as f:
            f.write(data)
    return {
        "items": n, "partners": n_partners, "partnerships": n_ships, "sectors": n_sectors,
        "files": len(files), "bytes": total, **{k: counts[k] for k in counts},
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of items")
    ap.add_argument("outdir", help="output folder (created; must be empty or absent unless --force)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--shape", choices=("short", "long"), default="short",
                    help="short: many small partnerships, 1-3 KB bodies (default); "
                         "long: 5 partnerships of 100+ members, 4-10 KB bodies")
    ap.add_argument("--force", action="store_true", help="delete OUTDIR first if it exists")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("N must be at least 1")
    if os.path.exists(a.outdir) and os.listdir(a.outdir):
        if not a.force:
            ap.error("%s exists and is not empty (use --force to replace it)" % a.outdir)
        shutil.rmtree(a.outdir)
    t0 = time.time()
    stats = generate(a.n, a.outdir, a.seed, a.shape)
    if not a.quiet:
        print("generated %s in %.2f s: %s" % (a.outdir, time.time() - t0,
              ", ".join("%s=%s" % kv for kv in stats.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
