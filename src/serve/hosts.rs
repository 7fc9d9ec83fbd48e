//! Which `Host` names the preview answers, against DNS rebinding.
//!
//! A web page the facilitator opens can point its own name (`evil.example`) at 127.0.0.1 and
//! then read the preview as if it were its own site, drafts included. The browser still sends
//! the page's name in `Host`, so the preview answers only names that no outside page can
//! have: `localhost`, IP addresses (a page whose address is an IP is that machine, not a name
//! that was moved) and the names the user allows with `--allow-host`. The port is not part of
//! the check: a rebinding page cannot choose the name, whatever port it uses, and a tunnel
//! (`ssh -L 8080:localhost:1111`) changes the port.
//!
//! The preview's own addresses (`/__brobygger/…`) are refused to other sites' pages too, when
//! the browser says the request comes from one (`Sec-Fetch-Site`, `Origin`).

use crate::base::Language;
use crate::base::messages::PreviewText;
use axum::http::{HeaderMap, Uri, header};
use std::net::{Ipv4Addr, Ipv6Addr};

/// The names given with `--allow-host`, lowercase, without a port.
#[derive(Debug, Clone, Default)]
pub struct AllowedHosts {
    names: Vec<String>,
}

/// Why a request is not answered.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A request without a `Host` header (no browser sends one).
    NoHost,
    /// A name the preview does not answer: the name, when it can be shown.
    Name(Option<String>),
    /// Another site's page asked for one of the preview's own addresses.
    CrossSite,
}

impl Refusal {
    /// The page that says why, in the site's language, with what to do where there is
    /// something to do (`--allow-host`).
    pub fn text(&self, language: Language) -> String {
        match self {
            Refusal::NoHost => PreviewText::NoHost,
            Refusal::Name(name) => PreviewText::RefusedName { name: name.clone() },
            Refusal::CrossSite => PreviewText::CrossSite,
        }
        .text(language)
    }
}

impl AllowedHosts {
    /// The names given with `--allow-host`, each already checked by [`parse_allowed_host`].
    pub fn new(names: &[String]) -> AllowedHosts {
        AllowedHosts {
            names: names.iter().map(|n| n.to_ascii_lowercase()).collect(),
        }
    }

    /// Whether a request may be answered. `own` is true for the preview's own addresses.
    pub fn check(&self, uri: &Uri, headers: &HeaderMap, own: bool) -> Result<(), Refusal> {
        let host = match uri.authority() {
            // An absolute request line (`GET http://name/ HTTP/1.1`) names the host itself.
            Some(authority) => authority.as_str(),
            None => headers
                .get(header::HOST)
                .ok_or(Refusal::NoHost)?
                .to_str()
                .map_err(|_| Refusal::Name(None))?,
        };
        if !self.allows(host) {
            // Only a well-formed name is shown back: the refusal quotes no other text.
            return Err(Refusal::Name(name_of(host)));
        }
        if own {
            let site = headers
                .get("sec-fetch-site")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            // `same-site` is another port of the same machine's name: another program's page.
            if site.eq_ignore_ascii_case("cross-site") || site.eq_ignore_ascii_case("same-site") {
                return Err(Refusal::CrossSite);
            }
            if let Some(origin) = headers.get(header::ORIGIN) {
                let from = origin.to_str().unwrap_or("");
                let from = from
                    .strip_prefix("http://")
                    .or_else(|| from.strip_prefix("https://"));
                if from.is_none_or(|from| !from.eq_ignore_ascii_case(host)) {
                    return Err(Refusal::CrossSite);
                }
            }
        }
        Ok(())
    }

    fn allows(&self, host: &str) -> bool {
        let Some(name) = name_of(host) else {
            return false;
        };
        name == "localhost"
            || name.parse::<Ipv4Addr>().is_ok()
            || name
                .strip_prefix('[')
                .and_then(|n| n.strip_suffix(']'))
                .is_some_and(|n| n.parse::<Ipv6Addr>().is_ok())
            || self.names.contains(&name)
    }
}

/// The name of a `Host` value without its port, lowercase, without a final dot; `None` when
/// it is not a host name at all.
fn name_of(host: &str) -> Option<String> {
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')?;
        (&host[..=end], &host[end + 1..])
    } else {
        match host.rsplit_once(':') {
            Some((name, _)) => (name, &host[name.len()..]),
            None => (host, ""),
        }
    };
    if !port.is_empty()
        && (port.len() < 2 || port.len() > 6 || !port[1..].bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    let plain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_');
    let ok = if name.starts_with('[') {
        name.bytes()
            .all(|b| plain(b) || matches!(b, b'[' | b']' | b':'))
    } else {
        !name.is_empty() && name.bytes().all(plain)
    };
    ok.then_some(name)
}

/// Checks a name given with `--allow-host`: a host name or IP address, a port allowed and
/// dropped.
pub fn parse_allowed_host(value: &str) -> Result<String, String> {
    match name_of(value.trim()) {
        Some(name) => Ok(name),
        None => Err(format!(
            "`{value}` is not a host name (write it as in the address bar, e.g. `preview.example` or `preview.example:8080`)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn check(allowed: &[&str], host: Option<&str>, extra: &[(&str, &str)], own: bool) -> bool {
        let names: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        let mut headers = HeaderMap::new();
        if let Some(host) = host {
            headers.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        }
        for (name, value) in extra {
            let name = header::HeaderName::from_bytes(name.as_bytes()).unwrap();
            headers.insert(name, HeaderValue::from_str(value).unwrap());
        }
        AllowedHosts::new(&names)
            .check(&Uri::from_static("/"), &headers, own)
            .is_ok()
    }

    #[test]
    fn only_names_no_other_page_can_have_are_answered() {
        for host in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "localhost",
            "LOCALHOST:1111",
            "localhost.:1111",
            "[::1]",
            "[::1]:1111",
            "192.168.1.20:1111",
        ] {
            assert!(check(&[], Some(host), &[], false), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "localhost:1111:1111",
            "localhost:x",
            "[::1",
            "[evil.example]",
            "",
            "a b",
        ] {
            assert!(!check(&[], Some(host), &[], false), "{host}");
        }
        assert!(!check(&[], None, &[], false));
        assert!(check(
            &["preview.test"],
            Some("Preview.Test:8080"),
            &[],
            false
        ));
        assert!(!check(&["preview.test"], Some("other.test"), &[], false));
    }

    #[test]
    fn other_sites_pages_cannot_read_the_state() {
        let host = Some("127.0.0.1:1111");
        assert!(check(&[], host, &[("sec-fetch-site", "same-origin")], true));
        assert!(!check(&[], host, &[("sec-fetch-site", "cross-site")], true));
        assert!(!check(&[], host, &[("sec-fetch-site", "same-site")], true));
        assert!(check(
            &[],
            host,
            &[("origin", "http://127.0.0.1:1111")],
            true
        ));
        assert!(!check(
            &[],
            host,
            &[("origin", "http://evil.example")],
            true
        ));
        assert!(!check(&[], host, &[("origin", "null")], true));
        // A link from another site to a page is fine.
        assert!(check(&[], host, &[("sec-fetch-site", "cross-site")], false));
    }

    #[test]
    fn allowed_names_are_checked() {
        assert_eq!(
            parse_allowed_host("Preview.Example:8080").unwrap(),
            "preview.example"
        );
        assert!(parse_allowed_host("http://x/").is_err());
        assert!(parse_allowed_host("").is_err());
    }
}
