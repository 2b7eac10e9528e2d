//! The catalog, C sources, headers and interpreter recipes under `shims/`: compiled into the binary, or read from a directory while developing them.
//!
//! `build.rs` lists the directories, so adding a file needs no change here.

use std::path::Path;

use anyhow::{Context, Result};

use crate::catalog::Catalog;
use crate::codegen::DECLARATIONS_MARKER;
use crate::recipes::Recipe;

include!(concat!(env!("OUT_DIR"), "/shim_files.rs"));

/// Symbols our archive defines besides the catalog's functions, each with the reason it must.
pub const EXTRA_SYMBOLS: &[(&str, &str)] = &[
    ("__SIG_IGN", "wasi-libc's SIG_IGN is the address of this function; defined beside signal() so the base's signal.o is never pulled in"),
    ("__SIG_ERR", "wasi-libc's SIG_ERR is the address of this function; defined beside signal() for the same reason"),
    ("bsd_signal", "the base's signal.o defines it beside signal(); ours must too, or that member could be pulled in and clash"),
    ("__sysv_signal", "the base's signal.o defines it beside signal(); ours must too, for the same reason"),
    ("h_errno", "netdb.h declares it as the error of gethostbyname and gethostbyaddr; hostnames.c defines it"),
];

/// Everything an overlay is built from besides the policy.
#[derive(Debug, Clone)]
pub struct Shims {
    pub catalog: &'static Catalog,
    /// `(path relative to shims/src, text)` of every C source.
    pub c_sources: Vec<(String, String)>,
    /// Internal headers the sources include.
    pub c_headers: Vec<(String, String)>,
    /// `(path relative to shims/include, text)` of every public header.
    pub public_headers: Vec<(String, String)>,
    /// Interpreter recipes, written to the overlay's share/<name>/.
    pub recipes: Vec<Recipe>,
}

fn parse_recipes(files: &[(String, String)], catalog: &Catalog) -> Result<Vec<Recipe>> {
    files.iter().map(|(name, text)| Recipe::parse(name, text, catalog)).collect()
}

fn owned(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect()
}

fn read_tree(root: &Path, dir: &Path, ext: &str, out: &mut Vec<(String, String)>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            read_tree(root, &path, ext, out)?;
        } else if path.extension().is_some_and(|x| x == ext) {
            let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            out.push((path.strip_prefix(root).expect("under root").to_string_lossy().into_owned(), text));
        }
    }
    out.sort();
    Ok(())
}

impl Shims {
    /// What this binary was built with.
    pub fn builtin() -> Shims {
        let catalog = Catalog::builtin();
        Shims {
            catalog,
            c_sources: owned(C_SOURCES),
            c_headers: owned(C_HEADERS),
            public_headers: owned(PUBLIC_HEADERS),
            recipes: parse_recipes(&owned(RECIPE_FILES), catalog).expect("the built-in recipes are checked by tests"),
        }
    }

    /// A `shims/` directory on disk (catalog/, src/, include/), so shim authors need not rebuild wasi-shim.
    pub fn from_dir(dir: &Path) -> Result<Shims> {
        let catalog: &'static Catalog = Box::leak(Box::new(Catalog::from_dir(dir)?));
        let (mut c_sources, mut c_headers, mut public_headers) = (Vec::new(), Vec::new(), Vec::new());
        read_tree(&dir.join("src"), &dir.join("src"), "c", &mut c_sources)?;
        read_tree(&dir.join("src"), &dir.join("src"), "h", &mut c_headers)?;
        read_tree(&dir.join("include"), &dir.join("include"), "h", &mut public_headers)?;
        let mut recipe_files = Vec::new();
        read_tree(&dir.join("recipes"), &dir.join("recipes"), "toml", &mut recipe_files)?;
        let recipes = parse_recipes(&recipe_files, catalog)?;
        Ok(Shims { catalog, c_sources, c_headers, public_headers, recipes })
    }

    /// `--shims DIR` when given, the built-in shims otherwise.
    pub fn load(dir: Option<&Path>) -> Result<Shims> {
        dir.map_or_else(|| Ok(Shims::builtin()), Shims::from_dir)
    }

    /// Public headers that carry the declarations marker: the catalog's prototypes are inserted there.
    pub fn header_templates(&self) -> impl Iterator<Item = (&str, &str)> {
        self.public_headers.iter().filter(|(_, t)| t.contains(DECLARATIONS_MARKER)).map(|(n, t)| (n.as_str(), t.as_str()))
    }

    /// Public headers copied as they are.
    pub fn static_headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.public_headers.iter().filter(|(_, t)| !t.contains(DECLARATIONS_MARKER)).map(|(n, t)| (n.as_str(), t.as_str()))
    }
}
