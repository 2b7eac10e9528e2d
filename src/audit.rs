//! `wasi-shim audit`: which POSIX functions a program or a configure run needs that the base lacks, and whether the catalog covers them.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

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

/// Function names an autoconf `config.log` checked for and answered `no`.
pub fn config_log_missing(text: &str) -> Vec<String> {
    let mut missing = BTreeSet::new();
    let mut checking: Option<String> = None;
    for line in text.lines() {
        // configure:12345: checking for getuid
        if let Some((_, what)) = line.split_once(": checking for ") {
            let name = what.trim();
            let is_function = !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.starts_with(|c: char| c.is_ascii_digit());
            checking = is_function.then(|| name.to_owned());
        } else if let Some((_, result)) = line.split_once(": result: ") {
            if let Some(name) = checking.take() {
                if result.trim().trim_start_matches("(cached)").trim() == "no" {
                    missing.insert(name);
                }
            }
        }
    }
    missing.into_iter().collect()
}

/// Undefined symbols of a wasm object or archive (llvm-nm), or the `env` imports of a linked module.
fn undefined_symbols(toolchain: &Toolchain, path: &Path) -> Result<Vec<String>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let is_linked_module = bytes.starts_with(b"\0asm") && !has_linking_section(&bytes);
    if is_linked_module {
        let mut names = BTreeSet::new();
        for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
            if let wasmparser::Payload::ImportSection(reader) =
                payload.with_context(|| format!("{} is not valid wasm", path.display()))?
            {
                for import in reader.into_imports() {
                    let import = import?;
                    if import.module == "env" {
                        names.insert(import.name.to_owned());
                    }
                }
            }
        }
        return Ok(names.into_iter().collect());
    }
    let output = Command::new(&toolchain.nm)
        .args(["--undefined-only", "--format=just-symbols"])
        .arg(path)
        .output()
        .with_context(|| format!("cannot run {}", toolchain.nm.display()))?;
    if !output.status.success() {
        bail!(
            "{} {} failed: {}",
            toolchain.nm.display(),
            path.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let names: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.is_empty() && !l.ends_with(':'))
        .map(str::to_owned)
        .collect();
    Ok(names.into_iter().collect())
}

/// Relocatable wasm objects carry a `linking` custom section; linked modules do not.
fn has_linking_section(bytes: &[u8]) -> bool {
    wasmparser::Parser::new(0)
        .parse_all(bytes)
        .any(|p| matches!(p, Ok(wasmparser::Payload::CustomSection(c)) if c.name() == "linking"))
}

/// Audit `path`: a `.wasm`, `.o`, `.a`, or an autoconf `config.log`.
pub fn audit(path: &Path, catalog: &Catalog, policy: &Policy, toolchain: &Toolchain) -> Result<Audit> {
    let is_config_log = path.file_name().is_some_and(|n| n.to_string_lossy().ends_with(".log"));
    let base = BaseSymbols::scan(toolchain)?;
    let candidates = if is_config_log {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        config_log_missing(&text)
    } else {
        undefined_symbols(toolchain, path)?
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_functions_answered_no_from_config_log() {
        let log = "configure:100: checking for getuid\nconfigure:120: gcc -o conftest conftest.c\nconfigure:125: $? = 1\nconfigure:130: result: no\n\
                   configure:140: checking for pwd.h\nconfigure:150: result: no\n\
                   configure:160: checking for sigaction\nconfigure:170: result: yes\n\
                   configure:180: checking for fork\nconfigure:190: result: (cached) no\n\
                   configure:200: checking whether fork works\nconfigure:210: result: no\n";
        assert_eq!(config_log_missing(log), ["fork", "getuid"]);
    }
}
