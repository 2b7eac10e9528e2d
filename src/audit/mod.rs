//! `wasi-shim audit`: which POSIX functions a program or a configure run needs that the base lacks, and whether the catalog covers them.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};

mod readers;

pub use readers::{config_log_missing, format, needs, Format};

/// The largest file `audit` reads: a linked CPython is 30 MB, a static library of a big program some
/// hundreds; a bound keeps `/dev/zero` or a runaway file from filling memory.
pub const MAX_AUDIT_BYTES: u64 = 1 << 30;

use crate::base::BaseSymbols;
use crate::catalog::Catalog;
use crate::policy::Policy;
use crate::toolchain::Toolchain;

/// How one needed function stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// In the catalog, with the behaviour the policy chose (and its errno when it fails).
    Covered(String),
    /// Deliberately left out; the catalog says why.
    Excluded(String),
    Uncovered,
}

#[derive(Debug)]
pub struct Audit {
    pub source: String,
    pub needed: Vec<(String, Coverage)>,
}

impl Audit {
    /// The catalog functions it uses: what a policy chooses for.
    pub fn covered(&self) -> impl Iterator<Item = &str> {
        self.needed.iter().filter(|(_, c)| matches!(c, Coverage::Covered(_))).map(|(n, _)| n.as_str())
    }

    /// What it uses that the catalog leaves out on purpose, each with the catalog's reason.
    pub fn excluded(&self) -> impl Iterator<Item = (&str, &str)> {
        self.needed.iter().filter_map(|(n, c)| match c {
            Coverage::Excluded(why) => Some((n.as_str(), why.as_str())),
            _ => None,
        })
    }

    pub fn uncovered(&self) -> impl Iterator<Item = &str> {
        self.needed.iter().filter(|(_, c)| *c == Coverage::Uncovered).map(|(n, _)| n.as_str())
    }

    pub fn report(&self) -> String {
        let mut s = String::new();
        writeln!(s, "{}: {} functions the base sysroot lacks", self.source, self.needed.len()).unwrap();
        for (name, coverage) in &self.needed {
            match coverage {
                Coverage::Covered(how) => writeln!(s, "  covered    {name:<24} {how}").unwrap(),
                Coverage::Excluded(why) => writeln!(s, "  excluded   {name:<24} {why}").unwrap(),
                Coverage::Uncovered => writeln!(s, "  UNCOVERED  {name}").unwrap(),
            }
        }
        let uncovered = self.uncovered().count();
        writeln!(s, "{uncovered} uncovered").unwrap();
        s
    }
}

/// Audit `path`: a `.wasm`, `.o`, `.a`, or an autoconf `config.log`.
pub fn audit(path: &Path, catalog: &Catalog, policy: &Policy, toolchain: &Toolchain) -> Result<Audit> {
    let bytes =
        crate::files::read_regular(path, MAX_AUDIT_BYTES).with_context(|| format!("cannot read {}", path.display()))?;
    let format = readers::format(&bytes).with_context(|| format!("cannot audit {}", path.display()))?;
    let is_config_log = format == readers::Format::ConfigLog;
    let base = BaseSymbols::scan(toolchain)?;
    let candidates = readers::needs(format, &bytes).with_context(|| format!("cannot audit {}", path.display()))?;
    let mut defined_elsewhere: BTreeSet<String> = BTreeSet::new();
    if !is_config_log {
        // Symbols the program's own archives define are not needs; nor are linker-provided ones.
        defined_elsewhere.extend(
            ["__stack_pointer", "__indirect_function_table", "__memory_base", "__table_base", "memory"]
                .map(String::from),
        );
    }
    let needed = candidates
        .into_iter()
        .filter(|name| !defined_elsewhere.contains(name))
        // A symbol the base defines is not missing, unless the catalog replaces it (a failing stub, say).
        .filter(|name| is_config_log || !base.definitions.contains_key(name) || catalog.function(name).is_some())
        .map(|name| {
            let coverage = if let Some(choice) = policy.choice(&name) {
                let mut how = format!("{} under policy {}", choice.behaviour, policy.name);
                if choice.behaviour == crate::catalog::Behaviour::Error {
                    write!(how, " ({})", choice.errno).unwrap();
                }
                Coverage::Covered(how)
            } else if let Some(e) = catalog.excluded.iter().find(|e| e.name == name) {
                Coverage::Excluded(e.reason.clone())
            } else {
                Coverage::Uncovered
            };
            (name, coverage)
        })
        .collect();
    Ok(Audit { source: path.display().to_string(), needed })
}
