//! The catalog, C sources and headers and interpreter recipes under `shims/`: compiled into the binary, or read
//! from a directory while developing them.
//!
//! `build.rs` lists the directories, so adding a file needs no change here.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::catalog::Catalog;
use crate::codegen::{declarations, GENERATED_MARKER};
use crate::embedded;
use crate::recipes::Recipe;

/// The line in `shims/include/*.h` templates that the catalog's declarations replace.
pub const DECLARATIONS_MARKER: &str = "/* @WASI_SHIM_DECLARATIONS@ */";

/// Everything an overlay is built from besides the policy.
#[derive(Debug, Clone)]
pub struct Shims {
    pub catalog: Catalog,
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

/// `(path relative to dir, text)` of every `.<ext>` file under `dir`.
pub fn read_tree(dir: &Path, ext: &str) -> Result<Vec<(String, String)>> {
    let paths = crate::files::with_extension(dir, ext).with_context(|| format!("cannot list {}", dir.display()))?;
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            Ok((path.strip_prefix(dir).expect("under dir").to_string_lossy().into_owned(), text))
        })
        .collect()
}

impl Shims {
    /// What this binary was built with.
    pub fn builtin() -> Shims {
        let catalog = Catalog::builtin().clone();
        let recipes = parse_recipes(&owned(embedded::RECIPE_FILES), &catalog);
        Shims {
            c_sources: owned(embedded::C_SOURCES),
            c_headers: owned(embedded::C_HEADERS),
            public_headers: owned(embedded::PUBLIC_HEADERS),
            recipes: recipes.expect("the built-in recipes are checked by tests"),
            catalog,
        }
    }

    /// A `shims/` directory on disk (catalog/, src/, include/, recipes/), so shim authors need not rebuild wasi-shim.
    pub fn from_dir(dir: &Path) -> Result<Shims> {
        let catalog = Catalog::parse(read_tree(&dir.join("catalog"), "toml")?)?;
        let recipes = parse_recipes(&read_tree(&dir.join("recipes"), "toml")?, &catalog)?;
        Ok(Shims {
            c_sources: read_tree(&dir.join("src"), "c")?,
            c_headers: read_tree(&dir.join("src"), "h")?,
            public_headers: read_tree(&dir.join("include"), "h")?,
            recipes,
            catalog,
        })
    }

    /// `--shims DIR` when given, the built-in shims otherwise.
    pub fn load(dir: Option<&Path>) -> Result<Shims> {
        dir.map_or_else(|| Ok(Shims::builtin()), Shims::from_dir)
    }

    /// Public headers that carry the declarations marker: the catalog's prototypes are inserted there.
    pub fn header_templates(&self) -> impl Iterator<Item = (&str, &str)> {
        self.public_headers
            .iter()
            .filter(|(_, t)| t.contains(DECLARATIONS_MARKER))
            .map(|(n, t)| (n.as_str(), t.as_str()))
    }

    /// Public headers copied as they are.
    pub fn static_headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.public_headers
            .iter()
            .filter(|(_, t)| !t.contains(DECLARATIONS_MARKER))
            .map(|(n, t)| (n.as_str(), t.as_str()))
    }
}

/// A header template with its marker line replaced by the catalog's declarations for `header`.
pub fn fill_header_template(catalog: &Catalog, header: &str, template: &str) -> Result<String> {
    if !template.contains(DECLARATIONS_MARKER) {
        bail!("header template {header} lacks the line {DECLARATIONS_MARKER}");
    }
    let body = template.replace(DECLARATIONS_MARKER, declarations(catalog, header).trim_end());
    Ok(format!("/* {header}: {GENERATED_MARKER} (template shims/include/{header}) */\n{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_template_is_filled() {
        let shims = Shims::builtin();
        for (header, template) in shims.header_templates() {
            let filled = fill_header_template(&shims.catalog, header, template).unwrap();
            for f in shims.catalog.functions.iter().filter(|f| f.header == *header) {
                assert!(filled.contains(&format!("{};", f.prototype)), "{header} lacks {}", f.name);
            }
        }
    }
}
