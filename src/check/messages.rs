//! What each warning says, in the site's language. Codes are stable: they are what `allow:`
//! and the JSON output use.

use crate::base::Language;
use crate::load::Date;

/// Every warning code, for validating `allow:` lists and for the docs.
pub const CODES: &[&str] = &[
    "partner-without-contribution",
    "partnership-without-facilitator",
    "sectors-missing",
    "challenge-unanswered",
    "recommendation-addresses-nothing",
    "quote-not-approved",
    "quote-without-source",
    "image-without-alt",
    "heading-level-skipped",
    "broken-link",
    "partnership-ended-but-active",
    "stale",
    "colliding-names",
    "unknown-allow",
    "agreed-but-not-delivered",
    "partnership-without-agreement",
    "cms-bundle-missing",
];

/// A Markdown heading marker: `##` for level 2.
fn hashes(level: u8) -> String {
    "#".repeat(usize::from(level.max(1)))
}

/// One thing `check` found.
#[derive(Debug, Clone)]
pub enum Finding {
    PartnerWithoutContribution {
        name: String,
    },
    PartnershipWithoutFacilitator {
        title: String,
    },
    SectorsMissing {
        title: String,
        missing: Vec<String>,
    },
    ChallengeUnanswered {
        title: String,
    },
    RecommendationAddressesNothing {
        title: String,
    },
    QuoteNotApproved,
    QuoteWithoutSource,
    ImageWithoutAlt,
    /// A heading written with `written` `#`s where at most `expected` fit.
    HeadingLevelSkipped {
        written: u8,
        expected: u8,
    },
    BrokenLink {
        url: String,
    },
    BrokenAnchor {
        url: String,
        anchor: String,
    },
    PartnershipEndedButActive {
        end: Date,
    },
    Stale {
        last: Date,
    },
    CollidingNames {
        written: String,
        other: String,
        other_file: String,
    },
    UnknownAllow {
        code: String,
    },
    /// A member agreed to bring something and no item credits it in the partnership yet.
    AgreedButNotDelivered {
        partner: String,
        brings: Vec<String>,
    },
    /// An active or completed partnership with neither `agreement` nor `agreed`.
    PartnershipWithoutAgreement {
        title: String,
    },
    /// site.yaml's `cms:` publishes the editing forms, but the site has no Decap bundle.
    CmsBundleMissing,
}

impl Finding {
    pub fn code(&self) -> &'static str {
        match self {
            Finding::PartnerWithoutContribution { .. } => "partner-without-contribution",
            Finding::PartnershipWithoutFacilitator { .. } => "partnership-without-facilitator",
            Finding::SectorsMissing { .. } => "sectors-missing",
            Finding::ChallengeUnanswered { .. } => "challenge-unanswered",
            Finding::RecommendationAddressesNothing { .. } => "recommendation-addresses-nothing",
            Finding::QuoteNotApproved => "quote-not-approved",
            Finding::QuoteWithoutSource => "quote-without-source",
            Finding::ImageWithoutAlt => "image-without-alt",
            Finding::HeadingLevelSkipped { .. } => "heading-level-skipped",
            Finding::BrokenLink { .. } | Finding::BrokenAnchor { .. } => "broken-link",
            Finding::PartnershipEndedButActive { .. } => "partnership-ended-but-active",
            Finding::Stale { .. } => "stale",
            Finding::CollidingNames { .. } => "colliding-names",
            Finding::UnknownAllow { .. } => "unknown-allow",
            Finding::AgreedButNotDelivered { .. } => "agreed-but-not-delivered",
            Finding::PartnershipWithoutAgreement { .. } => "partnership-without-agreement",
            Finding::CmsBundleMissing => "cms-bundle-missing",
        }
    }

    /// (message, help) in `language`.
    pub fn text(&self, language: Language) -> (String, String) {
        use Language::*;
        let silence = |l: Language| match l {
            Da => format!(
                " (Skal det være sådan, så skriv `allow: [{}]` i filen.)",
                self.code()
            ),
            Sv => format!(
                " (Ska det vara så, skriv `allow: [{}]` i filen.)",
                self.code()
            ),
            En => format!(
                " (If this is intended, write `allow: [{}]` in the file.)",
                self.code()
            ),
        };
        let (message, help) = match (self, language) {
            (Finding::PartnerWithoutContribution { name }, Da) => (
                format!("{name} er kun med på papiret: ingen partnerskaber og ingen bidrag"),
                "nævn partneren i et partnerskabs `partners:`, i et indholds `partners:` eller som et citats `by:`; en omtale med [[id]] i en tekst er ikke et bidrag".to_string(),
            ),
            (Finding::PartnerWithoutContribution { name }, Sv) => (
                format!("{name} finns bara på papperet: inga partnerskap och inga bidrag"),
                "nämn partnern i ett partnerskaps `partners:`, i ett inläggs `partners:` eller som ett citats `by:`; att nämnas med [[id]] i en text är inte ett bidrag".to_string(),
            ),
            (Finding::PartnerWithoutContribution { name }, En) => (
                format!("{name} is a partner on paper only: no partnerships and no contributions"),
                "name the partner in a partnership's `partners:`, in an item's `partners:` or as a quote's `by:`; a mention with [[id]] in a text is not a contribution".to_string(),
            ),
            (Finding::PartnershipWithoutFacilitator { title }, Da) => (
                format!("partnerskabet \"{title}\" har ingen facilitator (brobygger)"),
                "skriv `facilitator: <partner-id>`: erfaringerne viser, at en brobygger, der styrer og faciliterer, er afgørende".to_string(),
            ),
            (Finding::PartnershipWithoutFacilitator { title }, Sv) => (
                format!("partnerskapet \"{title}\" har ingen processledare (brobyggare)"),
                "skriv `facilitator: <partner-id>`: erfarenheterna visar att en brobyggare som leder och samordnar är avgörande".to_string(),
            ),
            (Finding::PartnershipWithoutFacilitator { title }, En) => (
                format!("the partnership \"{title}\" has no facilitator (bridge-builder)"),
                "add `facilitator: <partner id>`: experience shows that a bridge-builder who steers and facilitates is decisive".to_string(),
            ),
            (Finding::SectorsMissing { title, missing }, Da) => (
                format!("partnerskabet \"{title}\" mangler sektorerne: {}", missing.join(", ")),
                "er der nogen, der burde være med? Tilføj en partner fra de manglende sektorer".to_string(),
            ),
            (Finding::SectorsMissing { title, missing }, Sv) => (
                format!("partnerskapet \"{title}\" saknar sektorerna: {}", missing.join(", ")),
                "är någon viktig partner bortglömd? Lägg till en partner från de saknade sektorerna".to_string(),
            ),
            (Finding::SectorsMissing { title, missing }, En) => (
                format!("the partnership \"{title}\" lacks the sectors: {}", missing.join(", ")),
                "is someone missing who should be involved? Add a partner from the missing sectors".to_string(),
            ),
            (Finding::ChallengeUnanswered { title }, Da) => (
                format!("ingen anbefaling svarer på udfordringen \"{title}\""),
                "skriv udfordringens id i en anbefalings `addresses:`".to_string(),
            ),
            (Finding::ChallengeUnanswered { title }, Sv) => (
                format!("ingen rekommendation besvarar utmaningen \"{title}\""),
                "skriv utmaningens id i en rekommendations `addresses:`".to_string(),
            ),
            (Finding::ChallengeUnanswered { title }, En) => (
                format!("no recommendation answers the challenge \"{title}\""),
                "put the challenge's id in a recommendation's `addresses:`".to_string(),
            ),
            (Finding::RecommendationAddressesNothing { title }, Da) => (
                format!("anbefalingen \"{title}\" svarer ikke på nogen udfordring"),
                "skriv `addresses: [<udfordrings-id>]` med de udfordringer, den svarer på".to_string(),
            ),
            (Finding::RecommendationAddressesNothing { title }, Sv) => (
                format!("rekommendationen \"{title}\" besvarar ingen utmaning"),
                "skriv `addresses: [<utmanings-id>]` med de utmaningar den besvarar".to_string(),
            ),
            (Finding::RecommendationAddressesNothing { title }, En) => (
                format!("the recommendation \"{title}\" answers no challenge"),
                "add `addresses: [<challenge id>]` with the challenges it answers".to_string(),
            ),
            (Finding::QuoteNotApproved, Da) => (
                "citatet er ikke godkendt, så det bliver ikke offentliggjort".to_string(),
                "skriv `approved: true`, når den citerede har givet samtykke".to_string(),
            ),
            (Finding::QuoteNotApproved, Sv) => (
                "citatet är inte godkänt och publiceras därför inte".to_string(),
                "skriv `approved: true` när den citerade har gett sitt samtycke".to_string(),
            ),
            (Finding::QuoteNotApproved, En) => (
                "this quote is not approved, so it will not be published".to_string(),
                "write `approved: true` once the person quoted has consented".to_string(),
            ),
            (Finding::QuoteWithoutSource, Da) => (
                "citatet har ingen kilde".to_string(),
                "skriv `source:` med det dokument eller den begivenhed, citatet stammer fra".to_string(),
            ),
            (Finding::QuoteWithoutSource, Sv) => (
                "citatet saknar källa".to_string(),
                "skriv `source:` med dokumentet eller tillfället som citatet kommer från".to_string(),
            ),
            (Finding::QuoteWithoutSource, En) => (
                "this quote has no source".to_string(),
                "add `source:` with the document or event the quote is from".to_string(),
            ),
            (Finding::ImageWithoutAlt, Da) => (
                "billedet har ingen alternativ tekst".to_string(),
                "beskriv billedet mellem klammerne: ![Hvad billedet viser](fil.png); skærmlæsere læser teksten op".to_string(),
            ),
            (Finding::ImageWithoutAlt, Sv) => (
                "bilden saknar alternativtext".to_string(),
                "beskriv bilden inom hakparenteserna: ![Vad bilden visar](fil.png); skärmläsare läser upp texten".to_string(),
            ),
            (Finding::ImageWithoutAlt, En) => (
                "this image has no alternative text".to_string(),
                "describe the image between the brackets: ![What the image shows](file.png); screen readers read it out".to_string(),
            ),
            (Finding::HeadingLevelSkipped { written, expected }, Da) => (
                format!("overskriften {} springer et niveau over", hashes(*written)),
                format!("brug {} her: niveauerne skal følge hinanden under sidens titel", hashes(*expected)),
            ),
            (Finding::HeadingLevelSkipped { written, expected }, Sv) => (
                format!("rubriken {} hoppar över en nivå", hashes(*written)),
                format!("använd {} här: nivåerna ska följa på varandra under sidans titel", hashes(*expected)),
            ),
            (Finding::HeadingLevelSkipped { written, expected }, En) => (
                format!("the heading {} skips a level", hashes(*written)),
                format!("use {} here: levels must follow each other under the page title", hashes(*expected)),
            ),
            (Finding::BrokenLink { url }, Da) => (
                format!("linket \"{url}\" fører ikke til nogen side på sitet"),
                "ret stien, eller brug [[id]] for at linke til en partner, et partnerskab eller et indhold".to_string(),
            ),
            (Finding::BrokenLink { url }, Sv) => (
                format!("länken \"{url}\" leder inte till någon sida på webbplatsen"),
                "rätta sökvägen, eller använd [[id]] för att länka till en partner, ett partnerskap eller ett inlägg".to_string(),
            ),
            (Finding::BrokenLink { url }, En) => (
                format!("the link \"{url}\" leads to no page of the site"),
                "fix the path, or use [[id]] to link to a partner, partnership or item".to_string(),
            ),
            (Finding::BrokenAnchor { url, anchor }, Da) => (
                format!("linket \"{url}\" peger på #{anchor}, som ikke findes på siden"),
                "brug id'et på en overskrift: små bogstaver, ord adskilt af -".to_string(),
            ),
            (Finding::BrokenAnchor { url, anchor }, Sv) => (
                format!("länken \"{url}\" pekar på #{anchor}, som inte finns på sidan"),
                "använd id:t för en rubrik: små bokstäver, ord åtskilda av -".to_string(),
            ),
            (Finding::BrokenAnchor { url, anchor }, En) => (
                format!("the link \"{url}\" points to #{anchor}, which is not on that page"),
                "use a heading's id: lowercase, words joined by -".to_string(),
            ),
            (Finding::PartnershipEndedButActive { end }, Da) => (
                format!("partnerskabet sluttede {end}, men har stadig `status: active`"),
                "skriv `status: completed`, eller ret `end:`".to_string(),
            ),
            (Finding::PartnershipEndedButActive { end }, Sv) => (
                format!("partnerskapet avslutades {end} men har fortfarande `status: active`"),
                "skriv `status: completed`, eller rätta `end:`".to_string(),
            ),
            (Finding::PartnershipEndedButActive { end }, En) => (
                format!("the partnership ended on {end} but still has `status: active`"),
                "write `status: completed`, or correct `end:`".to_string(),
            ),
            (Finding::Stale { last }, Da) => (
                format!("ikke opdateret siden {last}: mere end to år"),
                "gennemgå teksten, og skriv dagens dato i `updated:`".to_string(),
            ),
            (Finding::Stale { last }, Sv) => (
                format!("inte uppdaterad sedan {last}: mer än två år"),
                "gå igenom texten och skriv dagens datum i `updated:`".to_string(),
            ),
            (Finding::Stale { last }, En) => (
                format!("not updated since {last}: more than two years"),
                "review the text and put today's date in `updated:`".to_string(),
            ),
            (Finding::CollidingNames { written, other, other_file }, Da) => (
                format!("emnet \"{written}\" staves \"{other}\" i {other_file}; de bliver til samme side"),
                "stav emnet ens overalt".to_string(),
            ),
            (Finding::CollidingNames { written, other, other_file }, Sv) => (
                format!("ämnet \"{written}\" stavas \"{other}\" i {other_file}; de blir samma sida"),
                "stava ämnet likadant överallt".to_string(),
            ),
            (Finding::CollidingNames { written, other, other_file }, En) => (
                format!("the tag \"{written}\" is spelt \"{other}\" in {other_file}; both become one page"),
                "spell the tag the same way everywhere".to_string(),
            ),
            (Finding::UnknownAllow { code }, Da) => (
                format!("`allow:` nævner \"{code}\", som ikke er en advarsel"),
                format!("advarslerne er: {}", CODES.join(", ")),
            ),
            (Finding::UnknownAllow { code }, Sv) => (
                format!("`allow:` nämner \"{code}\", som inte är en varning"),
                format!("varningarna är: {}", CODES.join(", ")),
            ),
            (Finding::UnknownAllow { code }, En) => (
                format!("`allow:` names \"{code}\", which is not a warning"),
                format!("the warnings are: {}", CODES.join(", ")),
            ),
            (Finding::AgreedButNotDelivered { partner, brings }, Da) => (
                format!("{partner} har aftalt at bidrage med {}, men intet indhold i partnerskabet krediterer {partner} endnu", brings.join(", ")),
                "skriv partnerens id i `partners:` på det, den har bidraget med, og partnerskabets id i `partnerships:`; eller ret `brings:`".to_string(),
            ),
            (Finding::AgreedButNotDelivered { partner, brings }, Sv) => (
                format!("{partner} har lovat att bidra med {}, men inget inlägg i partnerskapet krediterar {partner} ännu", brings.join(", ")),
                "skriv partnerns id i `partners:` på det den har bidragit med, och partnerskapets id i `partnerships:`; eller rätta `brings:`".to_string(),
            ),
            (Finding::AgreedButNotDelivered { partner, brings }, En) => (
                format!("{partner} agreed to bring {}, but no item of the partnership credits {partner} yet", brings.join(", ")),
                "put the partner's id in `partners:` of what it contributed, with the partnership's id in `partnerships:`; or correct `brings:`".to_string(),
            ),
            (Finding::PartnershipWithoutAgreement { title }, Da) => (
                format!("partnerskabet \"{title}\" er i gang eller afsluttet, men har ingen samarbejdsaftale"),
                "skriv `agreement:` med et link til den skriftlige aftale, eller `agreed:` med datoen, den blev indgået: erfaringerne viser, at en skriftlig aftale om, hvad hver part bidrager med, forebygger misforståelser".to_string(),
            ),
            (Finding::PartnershipWithoutAgreement { title }, Sv) => (
                format!("partnerskapet \"{title}\" pågår eller är avslutat men har inget samarbetsavtal"),
                "skriv `agreement:` med en länk till det skriftliga avtalet, eller `agreed:` med datumet då det ingicks: erfarenheterna visar att ett skriftligt avtal om vad varje part bidrar med förebygger missförstånd".to_string(),
            ),
            (Finding::PartnershipWithoutAgreement { title }, En) => (
                format!("the partnership \"{title}\" is active or completed but has no collaboration agreement"),
                "add `agreement:` with a link to the written agreement, or `agreed:` with the date it was signed: experience shows that a written agreement on what each party brings prevents misunderstandings".to_string(),
            ),
            (Finding::CmsBundleMissing, Da) => (
                "site.yaml slår redigeringsformularerne til (`cms:`), men sitet har ingen admin/decap-cms.js, så den udgivne side admin/ kan ikke vise dem".to_string(),
                format!("hent Decap CMS {v} én gang ind i sitets mappe admin/ og tjek filens sha512: kommandoerne står i docs/editing.md og på siden /admin/ under `brobygger serve`", v = crate::cms::DECAP_VERSION),
            ),
            (Finding::CmsBundleMissing, Sv) => (
                "site.yaml slår på redigeringsformulären (`cms:`), men webbplatsen har ingen admin/decap-cms.js, så den publicerade sidan admin/ kan inte visa dem".to_string(),
                format!("hämta Decap CMS {v} en gång till webbplatsens mapp admin/ och kontrollera filens sha512: kommandona finns i docs/editing.md och på sidan /admin/ under `brobygger serve`", v = crate::cms::DECAP_VERSION),
            ),
            (Finding::CmsBundleMissing, En) => (
                "site.yaml turns the editing forms on (`cms:`), but the site has no admin/decap-cms.js, so the published admin/ page cannot show them".to_string(),
                format!("fetch Decap CMS {v} once into the site's admin/ folder and check its sha512: the commands are in docs/editing.md and on the /admin/ page of `brobygger serve`", v = crate::cms::DECAP_VERSION),
            ),
        };
        let help = if matches!(self, Finding::UnknownAllow { .. }) {
            help
        } else {
            help + &silence(language)
        };
        (message, help)
    }
}
