//! The data behind the site, for reuse in spreadsheets and network tools: `partners.csv`,
//! `contributions.csv` (one row per partner and item), `members.csv` (one row per member of a
//! partnership: what it agreed to bring and what it delivered), `network.json`, `network.gexf` (Gephi)
//! and `kumu.json` (a Kumu blueprint). The network files are two-mode (partners, and the
//! partnerships and items that tie them, joined by memberships): their size grows with the
//! memberships, not with the pairs of members. docs/network.md says what each file holds.

use super::{LISTED_TIES, Network, Tie};
use crate::model::Site;
use crate::plan::Export;
use serde_json::json;
use std::fmt::Write;

/// The text of one data export.
pub fn render(site: &Site, network: &Network, export: Export) -> String {
    match export {
        Export::PartnersCsv => partners_csv(site, network),
        Export::ContributionsCsv => contributions_csv(site),
        Export::MembersCsv => members_csv(site),
        Export::NetworkJson => network_json(site, network),
        Export::Gexf => gexf(site, network),
        Export::Kumu => kumu(site, network),
    }
}

/// Appends one CSV record (RFC 4180): a field is quoted when it holds a comma, a quote or a
/// line break, with its quotes doubled. A field a spreadsheet would run as a formula is
/// defused first (see [`defuse`]).
fn push_row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = defuse(f);
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}

/// A field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to
/// Excel, LibreOffice and Google Sheets (`=HYPERLINK(...)` in a partner's name would become a
/// live link when a partner opens the file). As OWASP advises for CSV injection, such a field
/// gets a leading `'`, which spreadsheets show as text. Numbers (`-1.5`) are left alone.
fn defuse(field: &str) -> std::borrow::Cow<'_, str> {
    let risky = match field.as_bytes().first() {
        Some(b'=' | b'+' | b'@' | b'\t' | b'\r') => true,
        Some(b'-') => field.parse::<f64>().is_err(),
        _ => false,
    };
    if risky {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

fn row(fields: &[&str]) -> String {
    let mut out = String::new();
    push_row(&mut out, fields);
    out
}

fn number(x: f64) -> String {
    format!("{x:.6}")
}

fn partners_csv(site: &Site, network: &Network) -> String {
    let m = &network.metrics;
    let mut out = row(&[
        "id",
        "name",
        "sector",
        "sector_label",
        "level",
        "website",
        "partnerships",
        "contributions",
        "mentions",
        "degree",
        "weighted_degree",
        "betweenness",
        "betweenness_normalized",
        "closeness",
        "component",
        "facilitator",
    ]);
    for (i, p) in site.partners.iter().enumerate() {
        let level = p
            .level
            .map(|l| format!("{l:?}").to_lowercase())
            .unwrap_or_default();
        push_row(
            &mut out,
            &[
                &p.entry.id,
                &p.entry.title,
                &p.sector,
                site.config.sector_label(&p.sector),
                &level,
                p.website.as_deref().unwrap_or(""),
                &p.memberships.len().to_string(),
                &p.contributions.len().to_string(),
                &p.mentions.len().to_string(),
                &m.degree[i].to_string(),
                &m.weighted_degree[i].to_string(),
                &number(m.betweenness[i]),
                &number(m.betweenness_normalized[i]),
                &number(m.closeness[i]),
                &(m.component[i] + 1).to_string(),
                if network.facilitators.contains(&i) {
                    "true"
                } else {
                    "false"
                },
            ],
        );
    }
    out
}

fn contributions_csv(site: &Site) -> String {
    let mut out = row(&[
        "partner_id",
        "partner_name",
        "kind",
        "item_id",
        "item_title",
        "named",
        "quoted",
    ]);
    let yes = |b: bool| if b { "true" } else { "false" };
    for p in &site.partners {
        for c in &p.contributions {
            let e = &site.items[c.item].entry;
            push_row(
                &mut out,
                &[
                    &p.entry.id,
                    &p.entry.title,
                    e.kind.name(),
                    &e.id,
                    &e.title,
                    yes(c.named),
                    yes(c.quoted),
                ],
            );
        }
    }
    out
}

/// One row per member of each partnership: its role, the contribution types it agreed to bring
/// (keys joined by `;`), its commitment, and how many items credit it in that partnership.
fn members_csv(site: &Site) -> String {
    let mut out = row(&[
        "partnership_id",
        "partner_id",
        "role",
        "brings",
        "commitment",
        "contributions",
    ]);
    for p in &site.partnerships {
        for m in &p.members {
            push_row(
                &mut out,
                &[
                    &p.entry.id,
                    &site.partners[m.partner].entry.id,
                    m.role.as_deref().unwrap_or(""),
                    &m.brings.join(";"),
                    m.commitment.as_deref().unwrap_or(""),
                    &m.credited.len().to_string(),
                ],
            );
        }
    }
    out
}

/// The address of a group in the exports: `partnership:ID` or `item:FOLDER/ID`, apart from
/// the partners' own ids.
fn group_id(site: &Site, tie: Tie) -> String {
    match tie {
        Tie::Partnership(x) => format!("partnership:{}", site.partnerships[x].entry.id),
        Tie::Item(x) => {
            let e = &site.items[x].entry;
            format!("item:{}/{}", e.kind.folder(), e.id)
        }
    }
}

fn group_title(site: &Site, tie: Tie) -> &str {
    match tie {
        Tie::Partnership(x) => &site.partnerships[x].entry.title,
        Tie::Item(x) => &site.items[x].entry.title,
    }
}

/// The groups the exports show as nodes of their own: every partnership (a partnership of
/// one is still a membership), and every item at least two partners are credited on (those
/// tie partners; the rest are in contributions.csv).
fn group_nodes(site: &Site, network: &Network) -> Vec<(Tie, Vec<usize>)> {
    let mut out: Vec<(Tie, Vec<usize>)> = site
        .partnerships
        .iter()
        .enumerate()
        .map(|(x, p)| {
            let mut members: Vec<usize> = p.members.iter().map(|m| m.partner).collect();
            members.sort_unstable();
            members.dedup();
            (Tie::Partnership(x), members)
        })
        .collect();
    out.extend(
        network
            .groups
            .iter()
            .filter(|g| matches!(g.tie, Tie::Item(_)))
            .map(|g| (g.tie, g.members.clone())),
    );
    out
}

fn network_json(site: &Site, network: &Network) -> String {
    let m = &network.metrics;
    let nodes = site.partners.iter().enumerate().map(|(i, p)| {
        json!({
                "id": p.entry.id,
                "name": p.entry.title,
                "sector": p.sector,
                "facilitator": network.facilitators.contains(&i),
                "degree": m.degree[i],
                "weighted_degree": m.weighted_degree[i],
                "betweenness": m.betweenness[i],
                "betweenness_normalized": m.betweenness_normalized[i],
                "closeness": m.closeness[i],
                "component": m.component[i] + 1,
                "without_facilitators": without(network, i),
        })
    });
    let groups = group_nodes(site, network).into_iter().map(|(tie, members)| {
        json!({
                "id": group_id(site, tie),
                "type": match tie { Tie::Partnership(_) => "partnership", Tie::Item(_) => "item" },
                "name": group_title(site, tie),
                "members": members.iter().map(|&p| &site.partners[p].entry.id).collect::<Vec<_>>(),
        })
    });
    let mut out = String::from("{\n");
    push_array(&mut out, "nodes", nodes);
    out.push_str(",\n");
    push_array(&mut out, "groups", groups);
    let _ = write!(
        out,
        ",\n  \"ties\": {},\n  \"density\": {},\n  \"components\": {}",
        m.ties,
        serde_json::Value::from(m.density),
        m.component_sizes.len()
    );
    // The pairs grow with the square of a partnership's size: listed only while few.
    if m.ties <= LISTED_TIES {
        out.push_str(",\n");
        let edges = network.pairs().into_iter().map(|((a, b), s)| {
            json!({
                "source": site.partners[a].entry.id,
                "target": site.partners[b].entry.id,
                "weight": s.weight(),
                "partnerships": s.partnerships.iter().map(|&x| &site.partnerships[x].entry.id).collect::<Vec<_>>(),
                "items": s.items.iter().map(|&x| format!("{}/{}", site.items[x].entry.kind.folder(), site.items[x].entry.id)).collect::<Vec<_>>(),
            })
        });
        push_array(&mut out, "edges", edges);
    }
    out.push_str("\n}\n");
    crate::markdown::script_safe_json(out)
}

/// Appends `  "key": [` and the values, one per line: readable and diffable, and written as
/// they come instead of held as one tree (a network's files can hold many thousand entries).
fn push_array(out: &mut String, key: &str, values: impl Iterator<Item = serde_json::Value>) {
    let _ = write!(out, "  {}: [", serde_json::Value::from(key));
    for (i, v) in values.enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&v.to_string());
    }
    out.push_str("\n  ]");
}

/// A partner's measures in the network without facilitators (null for a facilitator).
fn without(network: &Network, partner: usize) -> serde_json::Value {
    let w = &network.without_facilitators;
    match w.partners.binary_search(&partner) {
        Ok(i) => json!({
            "degree": w.metrics.degree[i],
            "betweenness": w.metrics.betweenness[i],
            "betweenness_normalized": w.metrics.betweenness_normalized[i],
            "closeness": w.metrics.closeness[i],
            "component": w.metrics.component[i] + 1,
        }),
        Err(_) => serde_json::Value::Null,
    }
}

/// Text escaped for XML. Control characters, which YAML's `"\x01"` can put in a name, are
/// dropped: XML 1.0 cannot hold them, and one would make the whole file unreadable to Gephi.
fn xml(s: &str) -> String {
    let allowed =
        |c: char| c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}' || matches!(c, '\t' | '\n' | '\r');
    if s.chars().all(allowed) {
        crate::markdown::escape(s)
    } else {
        crate::markdown::escape(&s.chars().filter(|&c| allowed(c)).collect::<String>())
    }
}

/// Two-mode GEXF: partners and groups (partnerships, co-credited items) as nodes told apart
/// by their `type` attribute, and an edge from each partner to each group it is in. Gephi
/// reads it as a bipartite network (and projects it onto the partners if asked to).
fn gexf(site: &Site, network: &Network) -> String {
    let m = &network.metrics;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n",
    );
    let _ = writeln!(
        out,
        "  <meta><creator>brobygger</creator><description>{}</description></meta>",
        xml(&site.config.title)
    );
    out.push_str("  <graph mode=\"static\" defaultedgetype=\"undirected\">\n    <attributes class=\"node\">\n");
    for (i, (name, ty)) in [
        ("type", "string"),
        ("sector", "string"),
        ("degree", "integer"),
        ("weighted_degree", "integer"),
        ("betweenness", "double"),
        ("closeness", "double"),
        ("component", "integer"),
        ("facilitator", "boolean"),
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(
            out,
            "      <attribute id=\"{i}\" title=\"{name}\" type=\"{ty}\"/>"
        );
    }
    out.push_str("    </attributes>\n    <nodes>\n");
    for (i, p) in site.partners.iter().enumerate() {
        let values = [
            "partner".to_string(),
            xml(site.config.sector_label(&p.sector)),
            m.degree[i].to_string(),
            m.weighted_degree[i].to_string(),
            number(m.betweenness[i]),
            number(m.closeness[i]),
            (m.component[i] + 1).to_string(),
            network.facilitators.contains(&i).to_string(),
        ];
        let _ = write!(
            out,
            "      <node id=\"{}\" label=\"{}\"><attvalues>",
            xml(&p.entry.id),
            xml(&p.entry.title)
        );
        for (a, v) in values.iter().enumerate() {
            let _ = write!(out, "<attvalue for=\"{a}\" value=\"{v}\"/>");
        }
        out.push_str("</attvalues></node>\n");
    }
    let groups = group_nodes(site, network);
    for &(tie, _) in &groups {
        let kind = match tie {
            Tie::Partnership(_) => "partnership",
            Tie::Item(_) => "item",
        };
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\"><attvalues><attvalue for=\"0\" value=\"{kind}\"/></attvalues></node>",
            xml(&group_id(site, tie)),
            xml(group_title(site, tie))
        );
    }
    out.push_str("    </nodes>\n    <edges>\n");
    let mut k = 0;
    for (tie, members) in &groups {
        let target = xml(&group_id(site, *tie));
        for &p in members {
            let _ = writeln!(
                out,
                "      <edge id=\"{k}\" source=\"{}\" target=\"{target}\"/>",
                xml(&site.partners[p].entry.id),
            );
            k += 1;
        }
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

/// A Kumu blueprint: the partners and the groups as elements, each with an `id` (so that two
/// partners of the same name stay two), and a connection from each partner to each group it
/// is in.
fn kumu(site: &Site, network: &Network) -> String {
    let m = &network.metrics;
    let partners = site.partners.iter().enumerate().map(|(i, p)| {
        json!({
            "id": p.entry.id,
            "label": p.entry.title,
            "type": "Partner",
            "description": p.summary.as_deref().unwrap_or(""),
            "tags": p.entry.tags,
            "Sector": site.config.sector_label(&p.sector),
            "Facilitator": network.facilitators.contains(&i),
            "Degree": m.degree[i],
            "Betweenness": m.betweenness_normalized[i],
            "Closeness": m.closeness[i],
        })
    });
    let groups = group_nodes(site, network);
    let kind = |tie: Tie| match tie {
        Tie::Partnership(_) => ("Partnership", "Member of"),
        Tie::Item(_) => ("Item", "Credited on"),
    };
    let group_elements = groups.iter().map(|(tie, members)| {
        json!({
            "id": group_id(site, *tie),
            "label": group_title(site, *tie),
            "type": kind(*tie).0,
            "Members": members.len(),
        })
    });
    let connections = groups.iter().flat_map(|(tie, members)| {
        let id = group_id(site, *tie);
        members.iter().map(move |&p| {
            let mut connection = json!({
                "from": site.partners[p].entry.id,
                "to": id,
                "direction": "directed",
                "type": kind(*tie).1,
            });
            if let Tie::Partnership(x) = tie
                && site.partnerships[*x].facilitator == Some(p)
            {
                connection["Facilitator"] = true.into();
            }
            connection
        })
    });
    let mut out = String::from("{\n");
    push_array(&mut out, "elements", partners.chain(group_elements));
    out.push_str(",\n");
    push_array(&mut out, "connections", connections);
    out.push_str("\n}\n");
    crate::markdown::script_safe_json(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(
            row(&["plain", "a, b", "say \"hi\"", "two\nlines"]),
            "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(
            row(&["=1+2", "+x", "-x", "@SUM(A1)", "\tx", "-1.5", "a=b", ""]),
            "'=1+2,'+x,'-x,'@SUM(A1),'\tx,-1.5,a=b,\r\n"
        );
        assert_eq!(
            row(&["=HYPERLINK(\"http://e.x\",\"y\")"]),
            "\"'=HYPERLINK(\"\"http://e.x\"\",\"\"y\"\")\"\r\n"
        );
    }

    #[test]
    fn xml_drops_what_xml_cannot_hold() {
        assert_eq!(xml("a\u{1}b<c>\td\u{FFFE}"), "ab&lt;c&gt;\td");
    }
}
