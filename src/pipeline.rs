//! The one pipeline: load → validate → model → network, with the caches that let a live
//! preview redo only what changed. `build`, `check` and `serve` all go through it, so the
//! stages are wired in one place; what each command then does with the model (render and
//! write it, look for warnings, serve it) is its own.

use crate::base::diagnostic::Diagnostics;
use crate::load::{self, LoadCache, LoadedSite};
use crate::model::Site;
use crate::network::Network;
use crate::validate::Index;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A site's files read and checked: every error of loading and validating is found before
/// anything is modelled.
pub struct Validated {
    pub loaded: LoadedSite,
    pub index: Index,
}

/// The model of a site with the partner network computed from it, side by side.
#[derive(Clone)]
pub struct Modelled {
    pub site: Arc<Site>,
    pub network: Arc<Network>,
}

/// The pipeline of one site folder, with what it keeps between runs.
pub struct Pipeline {
    root: PathBuf,
    /// Publish files marked `draft: true`.
    drafts: bool,
    cache: LoadCache,
    /// The last network, whose metrics are reused while the connections stay the same: they
    /// are the costly part of a rebuild.
    network: Option<Arc<Network>>,
}

impl Pipeline {
    pub fn new(root: &Path, drafts: bool) -> Pipeline {
        Pipeline {
            root: root.to_path_buf(),
            drafts,
            cache: LoadCache::default(),
            network: None,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What the loading stage keeps between runs (the live preview marks changed files in it).
    pub fn cache(&mut self) -> &mut LoadCache {
        &mut self.cache
    }

    /// Loads and validates the site, reading again only what changed since the last run.
    pub fn validate(&mut self) -> Result<Validated, Diagnostics> {
        let (loaded, errors) = load::load_site_cached(&self.root, &mut self.cache)?;
        let index = validate(&loaded, errors)?;
        Ok(Validated { loaded, index })
    }

    /// The model of a validated site, and its network.
    pub fn model(&mut self, validated: Validated) -> Modelled {
        let site = crate::model::build(validated.loaded, &validated.index, self.drafts);
        let network = Arc::new(crate::network::build_reusing(
            &site,
            self.network.as_deref(),
        ));
        self.network = Some(Arc::clone(&network));
        Modelled {
            site: Arc::new(site),
            network,
        }
    }

    /// Loads, validates and models the site.
    pub fn run(&mut self) -> Result<Modelled, Diagnostics> {
        let validated = self.validate()?;
        Ok(self.model(validated))
    }
}

/// Validates a loaded site, given the errors its loading found: the index of its ids, or
/// every error of both steps, in file order.
pub fn validate(loaded: &LoadedSite, mut errors: Diagnostics) -> Result<Index, Diagnostics> {
    match crate::validate::validate(loaded) {
        Ok(index) if !errors.has_errors() => Ok(index),
        Ok(_) => {
            errors.sort();
            Err(errors)
        }
        Err(more) => {
            errors.extend(more);
            errors.sort();
            Err(errors)
        }
    }
}
