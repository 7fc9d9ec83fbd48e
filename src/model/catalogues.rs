//! Which catalogues a site has, and which one an item is in.

use super::Catalogue;
use crate::config::Config;
use crate::load;

/// The site's catalogues: those site.yaml declares, in its order, or else the one catalogue of
/// a site that declares none.
pub(super) fn catalogues_of(config: &Config) -> Vec<Catalogue> {
    if config.catalogues.is_empty() {
        return vec![Catalogue {
            id: String::new(),
            declared: None,
        }];
    }
    config
        .catalogues
        .iter()
        .map(|(id, c)| Catalogue {
            id: id.clone(),
            declared: Some(c.clone()),
        })
        .collect()
}

/// The catalogue an item is in: the one its `catalogue:` names, or, on a site that declares
/// none, the site's one catalogue when the item has a number. Only challenges, opportunities
/// and recommendations are in catalogues.
pub(super) fn catalogue_index(config: &Config, m: &load::ItemMeta) -> Option<usize> {
    match &m.catalogue {
        Some(c) => config.catalogues.get_index_of(c),
        None if config.catalogues.is_empty() && m.number.is_some() => Some(0),
        None => None,
    }
}
