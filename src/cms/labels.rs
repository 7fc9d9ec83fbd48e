//! The words the editing forms show, in the site's language: collection names, field labels
//! and hints. They follow docs/content-format.md's wording, so the forms and the docs name a
//! field the same way.

use crate::base::{Kind, Language};

/// A collection's plural and singular name.
pub fn kind_label(kind: Kind, l: Language) -> (&'static str, &'static str) {
    let [en, da, sv] = match kind {
        Kind::Partner => [
            ("Partners", "Partner"),
            ("Partnere", "Partner"),
            ("Partner", "Partner"),
        ],
        Kind::Partnership => [
            ("Partnerships", "Partnership"),
            ("Partnerskaber", "Partnerskab"),
            ("Partnerskap", "Partnerskap"),
        ],
        Kind::Challenge => [
            ("Challenges", "Challenge"),
            ("Udfordringer", "Udfordring"),
            ("Utmaningar", "Utmaning"),
        ],
        Kind::Opportunity => [
            ("Opportunities", "Opportunity"),
            ("Muligheder", "Mulighed"),
            ("Möjligheter", "Möjlighet"),
        ],
        Kind::Recommendation => [
            ("Recommendations", "Recommendation"),
            ("Anbefalinger", "Anbefaling"),
            ("Rekommendationer", "Rekommendation"),
        ],
        Kind::Learning => [
            ("Learnings", "Learning"),
            ("Læringspunkter", "Læringspunkt"),
            ("Lärdomar", "Lärdom"),
        ],
        Kind::Quote => [
            ("Quotes", "Quote"),
            ("Citater", "Citat"),
            ("Citat", "Citat"),
        ],
        Kind::Page => [("Pages", "Page"), ("Sider", "Side"), ("Sidor", "Sida")],
    };
    pick(l, en, da, sv)
}

/// A field's label and hint (the hint may be empty).
pub fn field(name: &str, l: Language) -> (&'static str, &'static str) {
    let [en, da, sv]: [(&str, &str); 3] = match name {
        "name" => [
            ("Name", "The organisation's full name."),
            ("Navn", "Organisationens fulde navn."),
            ("Namn", "Organisationens fullständiga namn."),
        ],
        "short_name" => [
            (
                "Short name",
                "Used where space is tight, such as the network drawing.",
            ),
            (
                "Kort navn",
                "Bruges hvor der er lidt plads, fx i netværkstegningen.",
            ),
            (
                "Kort namn",
                "Används där det är trångt, t.ex. i nätverksbilden.",
            ),
        ],
        "sector" => [("Sector", ""), ("Sektor", ""), ("Sektor", "")],
        "level" => [("Level", ""), ("Niveau", ""), ("Nivå", "")],
        "website" => [("Website", ""), ("Hjemmeside", ""), ("Webbplats", "")],
        "logo" => [("Logo", ""), ("Logo", ""), ("Logotyp", "")],
        "summary" => [
            ("Summary", "One or two sentences."),
            ("Resumé", "En eller to sætninger."),
            ("Sammanfattning", "En eller två meningar."),
        ],
        "title" => [("Title", ""), ("Titel", ""), ("Titel", "")],
        "partners" => [
            ("Partners", "The partners it came from or concerns."),
            ("Partnere", "De partnere, det kom fra eller handler om."),
            ("Partner", "De partner det kom från eller gäller."),
        ],
        "members" => [
            ("Members", "At least two partners."),
            ("Medlemmer", "Mindst to partnere."),
            ("Medlemmar", "Minst två partner."),
        ],
        "id" => [("Partner", ""), ("Partner", ""), ("Partner", "")],
        "role" => [("Role", ""), ("Rolle", ""), ("Roll", "")],
        "brings" => [
            ("Brings", "What the partner agreed to contribute."),
            ("Bidrager med", "Hvad partneren har aftalt at bidrage med."),
            ("Bidrar med", "Vad partnern har lovat att bidra med."),
        ],
        "commitment" => [
            ("Commitment", "In a few words, e.g. \"two hours a month\"."),
            ("Forpligtelse", "Med få ord, fx \"to timer om måneden\"."),
            ("Åtagande", "Med några ord, t.ex. \"två timmar i månaden\"."),
        ],
        "facilitator" => [
            ("Facilitator", ""),
            ("Facilitator", ""),
            ("Facilitator", ""),
        ],
        "form" => [("Form", ""), ("Form", ""), ("Form", "")],
        "start" => [("Start", ""), ("Start", ""), ("Start", "")],
        "end" => [("End", ""), ("Slut", ""), ("Slut", "")],
        "status" => [("Status", ""), ("Status", ""), ("Status", "")],
        "goal" => [("Goal", ""), ("Mål", ""), ("Mål", "")],
        "target_group" => [("Target group", ""), ("Målgruppe", ""), ("Målgrupp", "")],
        "milestones" => [("Milestones", ""), ("Milepæle", ""), ("Milstolpar", "")],
        "done" => [("Done", ""), ("Nået", ""), ("Klar", "")],
        "agreement" => [
            (
                "Agreement",
                "A link to or the name of the written agreement.",
            ),
            (
                "Aftale",
                "Et link til eller navnet på den skriftlige aftale.",
            ),
            (
                "Avtal",
                "En länk till eller namnet på det skriftliga avtalet.",
            ),
        ],
        "agreed" => [("Agreed on", ""), ("Aftalt den", ""), ("Avtalat den", "")],
        "partnerships" => [
            ("Partnerships", "The partnerships where it arose."),
            ("Partnerskaber", "De partnerskaber, hvor det opstod."),
            ("Partnerskap", "De partnerskap där det uppstod."),
        ],
        "catalogue" => [("Catalogue", ""), ("Katalog", ""), ("Katalog", "")],
        "number" => [
            (
                "Number",
                "Its number in the catalogue: each number once per catalogue.",
            ),
            (
                "Nummer",
                "Nummeret i kataloget: hvert nummer kun én gang pr. katalog.",
            ),
            (
                "Nummer",
                "Numret i katalogen: varje nummer bara en gång per katalog.",
            ),
        ],
        "addresses" => [
            ("Answers challenges", ""),
            ("Svarer på udfordringer", ""),
            ("Svarar på utmaningar", ""),
        ],
        "by" => [
            ("Said by (partner)", ""),
            ("Sagt af (partner)", ""),
            ("Sagt av (partner)", ""),
        ],
        "speaker" => [("Speaker", ""), ("Taler", ""), ("Talare", "")],
        "partnership" => [
            ("Partnership", ""),
            ("Partnerskab", ""),
            ("Partnerskap", ""),
        ],
        "source" => [("Source", ""), ("Kilde", ""), ("Källa", "")],
        "approved" => [
            (
                "Approved",
                "The speaker has approved the quote for publication.",
            ),
            (
                "Godkendt",
                "Den citerede har godkendt citatet til offentliggørelse.",
            ),
            (
                "Godkänt",
                "Den citerade har godkänt citatet för publicering.",
            ),
        ],
        "weight" => [
            ("Order", "Lower numbers come first in the menu."),
            ("Rækkefølge", "Lave tal kommer først i menuen."),
            ("Ordning", "Låga tal kommer först i menyn."),
        ],
        "tags" => [("Tags", ""), ("Emner", ""), ("Ämnen", "")],
        "draft" => [
            ("Draft", "A draft is not published."),
            ("Kladde", "En kladde bliver ikke offentliggjort."),
            ("Utkast", "Ett utkast publiceras inte."),
        ],
        "date" => [("Date", ""), ("Dato", ""), ("Datum", "")],
        "updated" => [("Updated", ""), ("Opdateret", ""), ("Uppdaterad", "")],
        "allow" => [
            (
                "Allowed warnings",
                "Warnings of `brobygger check` this file silences.",
            ),
            (
                "Tilladte advarsler",
                "Advarsler fra `brobygger check`, som filen slår fra.",
            ),
            (
                "Tillåtna varningar",
                "Varningar från `brobygger check` som filen stänger av.",
            ),
        ],
        "language" => [
            ("Language", "Only when it differs from the site's."),
            ("Sprog", "Kun hvis det er et andet end sitets."),
            ("Språk", "Bara om det skiljer sig från webbplatsens."),
        ],
        "body" => [("Text", ""), ("Tekst", ""), ("Text", "")],
        "quote_body" => [
            ("What was said", ""),
            ("Det, der blev sagt", ""),
            ("Det som sades", ""),
        ],
        _ => [("", ""), ("", ""), ("", "")],
    };
    pick(l, en, da, sv)
}

/// The readable name of one of a fixed list's values (`form`, `status`, `level`).
pub fn value(value: &str, l: Language) -> &'static str {
    let [en, da, sv] = match value {
        "local" => ["Local", "Lokal", "Lokal"],
        "regional" => ["Regional", "Regional", "Regional"],
        "national" => ["National", "National", "Nationell"],
        "european" => ["European", "Europæisk", "Europeisk"],
        "network" => ["Network", "Netværk", "Nätverk"],
        "alliance" => ["Alliance", "Alliance", "Allians"],
        "partnership" => ["Partnership", "Partnerskab", "Partnerskap"],
        "planned" => ["Planned", "Planlagt", "Planerat"],
        "active" => ["Active", "Aktivt", "Aktivt"],
        "completed" => ["Completed", "Afsluttet", "Avslutat"],
        "da" => ["Danish", "Dansk", "Danska"],
        "sv" => ["Swedish", "Svensk", "Svenska"],
        "en" => ["English", "Engelsk", "Engelska"],
        _ => ["", "", ""],
    };
    pick(l, en, da, sv)
}

fn pick<T>(l: Language, en: T, da: T, sv: T) -> T {
    match l {
        Language::En => en,
        Language::Da => da,
        Language::Sv => sv,
    }
}
