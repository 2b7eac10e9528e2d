//! What the base sysroot already defines, read with `llvm-nm`, and how each catalog function must be linked over it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::catalog::{BaseRelation, Catalog, Function, EXTRA_SYMBOLS};
use crate::policy::Policy;
use crate::target::Target;
use crate::toolchain::Toolchain;

/// How a function's definition reaches the program's link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Our archive defines the symbol itself.
    Direct,
    /// Our archive defines `__wrap_<name>`; the wrappers link with `--wrap=<name>`.
    Wrap,
    /// Compiled but not linked by the wrappers: the base's definition stays.
    Unlinked,
}

/// The symbol our archive defines for `function` when it is linked as `link`.
///
/// A wrapping definition always takes the __wrap_ name, linked or not: as plain `stat` it would call
/// an unresolved __real_stat.
pub fn symbol_name(function: &Function, link: Link) -> String {
    match (link, function.base) {
        (Link::Wrap, _) | (_, BaseRelation::Wrap) => format!("__wrap_{}", function.name),
        (Link::Direct, BaseRelation::Replace) => function.name.clone(),
        // Left to a base that implements it: defined out of the way, so coming first on the link line changes nothing.
        (Link::Unlinked, BaseRelation::Replace) => format!("__wasi_shim_unlinked_{}", function.name),
    }
}

/// Where a symbol is defined in the base: `libc.a` and member `posix.o`, say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseDefinition {
    pub archive: String,
    pub member: String,
}

/// Every external symbol defined by the base sysroot's archives.
#[derive(Debug, Default)]
pub struct BaseSymbols {
    /// symbol -> first definition in link order (libc.a last, as the driver links it).
    pub definitions: BTreeMap<String, BaseDefinition>,
    /// (archive, member) -> every symbol it defines.
    pub members: BTreeMap<(String, String), BTreeSet<String>>,
}

impl BaseSymbols {
    pub fn scan(toolchain: &Toolchain) -> Result<BaseSymbols> {
        let lib = toolchain.sysroot_lib();
        let mut archives: Vec<_> = std::fs::read_dir(&lib)
            .with_context(|| format!("cannot list {}", lib.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "a"))
            .collect();
        archives.sort();
        let mut symbols = BaseSymbols::default();
        for archive in &archives {
            symbols.read_archive(&toolchain.nm, archive)?;
        }
        Ok(symbols)
    }

    fn read_archive(&mut self, nm: &Path, archive: &Path) -> Result<()> {
        let output = Command::new(nm)
            .args(["--defined-only", "--extern-only", "--print-file-name"])
            .arg(archive)
            .output()
            .with_context(|| format!("cannot run {}", nm.display()))?;
        if !output.status.success() {
            bail!("{} {} failed: {}", nm.display(), archive.display(), String::from_utf8_lossy(&output.stderr));
        }
        let archive_name = archive.file_name().unwrap_or_default().to_string_lossy().into_owned();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            // "/path/libc.a:posix.o: 00000c82 T chmod"
            let Some((location, rest)) = line.rsplit_once(": ") else { continue };
            let mut fields = rest.split_whitespace();
            let (Some(_addr), Some(kind), Some(symbol)) = (fields.next(), fields.next(), fields.next()) else {
                continue;
            };
            if !matches!(kind, "T" | "D" | "B" | "R" | "W" | "V") {
                continue;
            }
            let member = location.rsplit_once(':').map_or(location, |(_, m)| m).to_owned();
            self.members.entry((archive_name.clone(), member.clone())).or_default().insert(symbol.to_owned());
            let definition = BaseDefinition { archive: archive_name.clone(), member };
            let entry = self.definitions.entry(symbol.to_owned()).or_insert_with(|| definition.clone());
            // libc.a is what every link pulls: prefer its definition over an opt-in library's.
            if definition.archive == "libc.a" {
                *entry = definition;
            }
        }
        Ok(())
    }
}

/// How one catalog function will be linked over this base, and why.
#[derive(Debug, Clone)]
pub struct LinkPlan {
    pub function: String,
    pub base: Option<BaseDefinition>,
    pub link: Link,
    pub why: String,
}

/// Decide, per function, whether ours is linked directly, through `--wrap`, or not at all.
///
/// Ours replaces a base definition by coming first on the link line, which is safe only when the
/// base's archive member defines nothing we do not define too (otherwise pulling that member for
/// another symbol would clash). Anything else is replaced through `--wrap`.
pub fn plan_links(catalog: &Catalog, policy: &Policy, base: &BaseSymbols, target: Target) -> Vec<LinkPlan> {
    // A function the base implements for real on this target is the base's, not ours.
    let ours: BTreeSet<&str> = catalog
        .functions
        .iter()
        .filter(|f| f.real_in_base(target).is_none())
        .map(|f| f.name.as_str())
        .chain(EXTRA_SYMBOLS.iter().map(|(s, _)| *s))
        .collect();
    // The stat family rewrites owner 0:0 and reports the modes chmod remembers: it is needed unless
    // the identity is root (0:0 is already right) and no chmod-family function emulates.
    let owner_is_root = policy.identity.uid.get() == 0 && policy.identity.gid.get() == 0;
    let modes_remembered = ["chmod", "fchmod", "fchmodat", "lchmod"]
        .iter()
        .any(|f| policy.choice(f).is_some_and(|c| c.behaviour == crate::catalog::Behaviour::Emulate));
    catalog
        .functions
        .iter()
        .map(|f| {
            let base_def = base.definitions.get(&f.name).cloned();
            let real = f.real_in_base(target);
            let (link, why) = match (&base_def, f.base) {
                (Some(_), _) if real.is_some() => {
                    (Link::Unlinked, format!("the {target} base implements it ({}): left alone", real.unwrap_or("")))
                }
                (None, BaseRelation::Wrap) => {
                    (Link::Unlinked, "the base does not define it, so there is nothing to wrap".to_owned())
                }
                (Some(_), BaseRelation::Wrap) if owner_is_root && !modes_remembered && f.area == "identity" => (
                    Link::Unlinked,
                    "the policy's owner is 0:0, which the base already reports, and no chmod remembers modes"
                        .to_owned(),
                ),
                (Some(d), BaseRelation::Wrap) => {
                    (Link::Wrap, format!("wraps the base's {} ({}:{})", f.name, d.archive, d.member))
                }
                (None, BaseRelation::Replace) => (Link::Direct, "the base lacks it".to_owned()),
                (Some(d), BaseRelation::Replace) => {
                    let member_symbols = &base.members[&(d.archive.clone(), d.member.clone())];
                    let foreign: Vec<&str> =
                        member_symbols.iter().map(String::as_str).filter(|s| !ours.contains(s)).collect();
                    if foreign.is_empty() {
                        (
                            Link::Direct,
                            format!("replaces the base's {}:{} by coming first on the link line", d.archive, d.member),
                        )
                    } else {
                        (
                            Link::Wrap,
                            format!(
                                "replaces the base's {}:{} through --wrap (that member also defines {})",
                                d.archive,
                                d.member,
                                foreign.join(", ")
                            ),
                        )
                    }
                }
            };
            LinkPlan { function: f.name.clone(), base: base_def, link, why }
        })
        .collect()
}

/// Base emulation libraries whose `_WASI_EMULATED_*` switch the overlay's headers turn on. Not
/// libwasi-emulated-pthread: linking its always-failing pthread_create would make configure scripts
/// believe threads work.
pub const HEADER_ENABLED_EMULATIONS: &[&str] = &[
    "libwasi-emulated-getpid.a",
    "libwasi-emulated-mman.a",
    "libwasi-emulated-process-clocks.a",
    "libwasi-emulated-signal.a",
];

/// The base's opt-in emulation libraries (`libwasi-emulated-*.a`), linked after `-lwasi-shim`.
///
/// The overlay's headers switch those emulations on (signal.h, sys/mman.h, sys/times.h ...), so a
/// program compiled with them must link the libraries without asking; an archive member is only
/// pulled in when something needs it. Where ours replaces a member by coming first, the wrappers also
/// move a user's own `-l` for that library after ours, so it cannot win.
pub fn superseded_libraries(plans: &[LinkPlan], base: &BaseSymbols) -> Vec<String> {
    let emulations =
        base.members.keys().map(|(archive, _)| archive.as_str()).filter(|a| HEADER_ENABLED_EMULATIONS.contains(a));
    let replaced_first = plans
        .iter()
        .filter(|p| p.link == Link::Direct)
        .filter_map(|p| p.base.as_ref())
        .map(|d| d.archive.as_str())
        .filter(|a| *a != "libc.a");
    let mut libs: Vec<String> = replaced_first
        .chain(emulations)
        .filter_map(|a| a.strip_prefix("lib").and_then(|a| a.strip_suffix(".a")).map(str::to_owned))
        .collect();
    libs.sort();
    libs.dedup();
    libs
}
