//! What the series holds: each area's sources, symbols, needs and flags, and how each overlay header becomes
//! part of the tree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use super::git::Pristine;
use super::{area_library, area_macro, Generator, COMMON, COMPANION_HEADERS};
use crate::base::{Link, LinkPlan};
use crate::catalog::Catalog;

/// Everything the series is rendered from.
pub(super) struct Plan {
    pub(super) pristine: Pristine,
    pub(super) headers: Vec<HeaderPlan>,
    pub(super) areas: Vec<AreaPlan>,
    /// Symbols the shared helpers define.
    pub(super) common_defined: Vec<String>,
    /// Symbols the shared helpers use.
    pub(super) common_undefined: Vec<String>,
    /// The overlay's link plan for the same policy over the same base, per function.
    pub(super) link_plans: Vec<LinkPlan>,
}

impl Plan {
    /// How the overlay links `function`: the series defines the same symbol (`__wrap_<name>` or the name).
    pub(super) fn link(&self, function: &str) -> Link {
        self.link_plans.iter().find(|p| p.function == function).map_or(Link::Direct, |p| p.link)
    }
}

/// One area as the series lays it out.
#[derive(Debug, Clone)]
pub(super) struct AreaPlan {
    pub(super) name: String,
    /// C sources (names under shims/src) whose `/* area: NAME` line names this area.
    pub(super) sources: Vec<String>,
    /// Symbols the area's objects define.
    pub(super) defined: Vec<String>,
    /// Symbols the area's objects use.
    pub(super) undefined: Vec<String>,
    /// Other areas whose symbols the area's objects use.
    pub(super) needs: BTreeSet<String>,
    /// Base emulations (`SIGNAL`, `GETPID` …) its headers switch on in the overlay.
    pub(super) base_emulations: BTreeSet<String>,
    pub(super) cflags: Vec<String>,
    pub(super) ldflags: Vec<String>,
}

/// How one of the overlay's public headers becomes part of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum HeaderKind {
    /// The tree installs it: our additions go to `__wasi_emulated_<name>.h`, which the tree's
    /// header includes at its end outside upstream builds. `file` is the tree's header.
    Extension { file: String },
    /// The tree installs it and ours replaces it whole (no `#include_next`): the tree's file keeps
    /// its text for builds without the area and takes ours with it.
    Shadow { file: String },
    /// The tree does not install it: installed from `libc-bottom-half/headers/emulated/`, refusing
    /// with `#error` unless an area that declares it is switched on.
    New,
}

pub(super) struct HeaderPlan {
    pub(super) name: String,
    pub(super) kind: HeaderKind,
    /// Areas whose functions it declares (or those of the header it serves).
    pub(super) areas: Vec<String>,
    /// The overlay template or static header.
    pub(super) text: String,
}

/// Defined and undefined external symbols per archive member (`common`, `identity` …).
struct MemberSymbols {
    defined: BTreeMap<String, Vec<String>>,
    undefined: BTreeMap<String, Vec<String>>,
}

impl Generator<'_> {
    /// The overlay for the same policy over the same base (built in `scratch`) gives the link plans and
    /// the compiled symbols; the areas and headers are laid out from them.
    pub(super) fn plan(&self, tree: &Path, layout: super::Layout, scratch: &Path) -> Result<Plan> {
        let pristine = Pristine::read(tree, layout)?;
        let overlay_dir = scratch.join("overlay");
        let report = crate::overlay::build(self.shims, self.policy, self.toolchain, &overlay_dir)?;
        let archive = overlay_dir.join("lib").join(&self.toolchain.triple).join(crate::overlay::LIBRARY);
        let symbols = member_symbols(&self.toolchain.nm, &archive)?;
        let catalog = &self.shims.catalog;
        let member_area: BTreeMap<String, String> = self
            .shims
            .c_sources
            .iter()
            .map(|(file, text)| (file.trim_end_matches(".c").to_owned(), source_area(catalog, text)))
            .collect();
        let headers = self.header_plans(tree, &pristine.omitted_headers)?;
        let mut areas = area_plans(catalog, &member_area, &symbols, &headers);
        set_flags(&mut areas, catalog, &report.plans);
        let common = |of: &BTreeMap<String, Vec<String>>| -> Vec<String> {
            member_area
                .iter()
                .filter(|(_, a)| *a == COMMON)
                .flat_map(|(m, _)| of.get(m).into_iter().flatten().cloned())
                .collect()
        };
        let (common_defined, common_undefined) = (common(&symbols.defined), common(&symbols.undefined));
        Ok(Plan { pristine, headers, areas, common_defined, common_undefined, link_plans: report.plans })
    }

    /// Every overlay header, classified against the tree.
    pub(super) fn header_plans(&self, tree: &Path, omitted: &BTreeSet<String>) -> Result<Vec<HeaderPlan>> {
        let catalog = &self.shims.catalog;
        let areas_of = |header: &str| -> Vec<String> {
            let mut v: Vec<String> =
                catalog.functions.iter().filter(|f| f.header == header).map(|f| f.area.clone()).collect();
            v.sort();
            v.dedup();
            v
        };
        let mut plans = Vec::new();
        for (name, text) in &self.shims.public_headers {
            let served = COMPANION_HEADERS.iter().find(|(h, _)| h == name).map_or(name.as_str(), |(_, s)| s);
            let areas = areas_of(served);
            if areas.is_empty() {
                bail!("shims/include/{name} declares no catalog function and serves no header that does: add it to COMPANION_HEADERS in src/patches.rs");
            }
            let musl = format!("libc-top-half/musl/include/{name}");
            let bottom = format!("libc-bottom-half/headers/public/{name}");
            let installed_file = if tree.join(&musl).is_file() && !omitted.contains(name) {
                Some(musl)
            } else if tree.join(&bottom).is_file() {
                Some(bottom)
            } else {
                None
            };
            let kind = match installed_file {
                Some(file) if text.contains("#include_next") => HeaderKind::Extension { file },
                Some(file) => HeaderKind::Shadow { file },
                None => HeaderKind::New,
            };
            plans.push(HeaderPlan { name: name.clone(), kind, areas, text: text.clone() });
        }
        Ok(plans)
    }
}

/// One plan per catalog area with sources: its members, their symbols, and the areas whose symbols they use.
fn area_plans(
    catalog: &Catalog,
    member_area: &BTreeMap<String, String>,
    symbols: &MemberSymbols,
    headers: &[HeaderPlan],
) -> Vec<AreaPlan> {
    let provider: BTreeMap<&String, &String> =
        symbols.defined.iter().flat_map(|(member, syms)| syms.iter().map(move |s| (s, &member_area[member]))).collect();
    let mut areas = Vec::new();
    for name in catalog.areas.keys() {
        let members: Vec<&String> = member_area.iter().filter(|(_, a)| *a == name).map(|(m, _)| m).collect();
        if members.is_empty() {
            continue;
        }
        let needs: BTreeSet<String> = members
            .iter()
            .flat_map(|m| symbols.undefined.get(*m).into_iter().flatten())
            .filter_map(|symbol| provider.get(symbol))
            .filter(|area| **area != name && **area != COMMON)
            .map(|area| (*area).clone())
            .collect();
        let base_emulations: BTreeSet<String> =
            headers.iter().filter(|h| h.areas.contains(name)).flat_map(|h| base_emulations_of(&h.text)).collect();
        let mut defined: Vec<String> = members.iter().flat_map(|m| symbols.defined[*m].iter().cloned()).collect();
        defined.sort();
        let mut undefined: Vec<String> =
            members.iter().flat_map(|m| symbols.undefined.get(*m).into_iter().flatten().cloned()).collect();
        undefined.sort();
        undefined.dedup();
        areas.push(AreaPlan {
            name: name.clone(),
            sources: members.iter().map(|m| format!("{m}.c")).collect(),
            defined,
            undefined,
            needs,
            base_emulations,
            cflags: Vec::new(),
            ldflags: Vec::new(),
        });
    }
    areas
}

/// The area and every area it needs, transitively, in the order they were reached.
fn needed_closure(areas: &[AreaPlan], start: &str) -> Vec<String> {
    let mut seen = vec![start.to_owned()];
    let mut i = 0;
    while i < seen.len() {
        if let Some(a) = areas.iter().find(|a| a.name == seen[i]) {
            for need in &a.needs {
                if !seen.contains(need) {
                    seen.push(need.clone());
                }
            }
        }
        i += 1;
    }
    seen
}

/// Flags: the area's own switch and the base emulations its headers build on; its library, the libraries of
/// the areas it calls (transitively), the shared helpers, --wrap for the functions it runs on top of
/// wasi-libc's, and the base emulation libraries.
fn set_flags(areas: &mut [AreaPlan], catalog: &Catalog, link_plans: &[LinkPlan]) {
    let closures: Vec<Vec<String>> = areas.iter().map(|a| needed_closure(areas, &a.name)).collect();
    let wrappers: Vec<Vec<String>> = closures.iter().map(|linked| defined_wrappers(areas, linked)).collect();
    for ((area, linked), wrapped) in areas.iter_mut().zip(&closures).zip(wrappers) {
        area.cflags = std::iter::once(area_macro(&area.name))
            .chain(area.base_emulations.iter().map(|e| format!("_WASI_EMULATED_{e}")))
            .map(|m| format!("-D{m}"))
            .collect();
        let mut wraps: Vec<String> = link_plans
            .iter()
            .filter(|p| {
                p.link == Link::Wrap
                    && linked.iter().any(|l| catalog.function(&p.function).is_some_and(|f| &f.area == l))
            })
            .map(|p| format!("--wrap={}", p.function))
            .collect();
        for name in wrapped {
            let flag = format!("--wrap={name}");
            if !wraps.contains(&flag) {
                wraps.push(flag);
            }
        }
        let mut ldflags: Vec<String> = linked.iter().map(|a| area_library(a)).collect();
        ldflags.push(area_library(COMMON));
        if !wraps.is_empty() {
            ldflags.push(format!("-Wl,{}", wraps.join(",")));
        }
        ldflags.extend(
            area.base_emulations.iter().map(|e| format!("-lwasi-emulated-{}", e.to_lowercase().replace('_', "-"))),
        );
        area.ldflags = ldflags;
    }
}

/// The wasi-libc functions the linked areas' objects wrap (they define `__wrap_<name>`): the catalog's
/// wrapped functions and wasi-libc internals such as the login environment's `__wasilibc_ensure_environ`.
fn defined_wrappers(areas: &[AreaPlan], linked: &[String]) -> Vec<String> {
    let mut names: Vec<String> = areas
        .iter()
        .filter(|a| linked.contains(&a.name))
        .flat_map(|a| a.defined.iter().filter_map(|s| s.strip_prefix("__wrap_")).map(str::to_owned))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The `area:` a C source names on its first line (`/* area: identity — …`); `common` for the
/// shared helpers.
pub(super) fn source_area(catalog: &Catalog, text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    let named = first.split("area:").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or_default();
    if catalog.areas.contains_key(named) {
        named.to_owned()
    } else {
        COMMON.to_owned()
    }
}

/// `_WASI_EMULATED_X` switches a header template turns on before including wasi-libc's header.
fn base_emulations_of(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("#define _WASI_EMULATED_"))
        .map(|r| r.split_whitespace().next().unwrap_or_default().to_owned())
        .collect()
}

/// What `llvm-nm` says each member of `archive` defines and leaves undefined.
fn member_symbols(nm: &Path, archive: &Path) -> Result<MemberSymbols> {
    let mut defined: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut undefined: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let output = Command::new(nm)
        .args(["--print-file-name"])
        .arg(archive)
        .output()
        .with_context(|| format!("cannot run {}", nm.display()))?;
    if !output.status.success() {
        bail!("{} {} failed: {}", nm.display(), archive.display(), String::from_utf8_lossy(&output.stderr));
    }
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        // "/path/libwasi-shim.a:identity.o: 00000010 T getuid" or "…:identity.o:          U ws_ids"
        let Some((location, rest)) = line.rsplit_once(": ") else { continue };
        let member = location.rsplit_once(':').map_or(location, |(_, m)| m).trim_end_matches(".o").to_owned();
        let fields: Vec<&str> = rest.split_whitespace().collect();
        match fields[..] {
            ["U", symbol] => undefined.entry(member).or_default().push(symbol.to_owned()),
            [_, kind, symbol] if kind.chars().all(|c| c.is_ascii_uppercase()) => {
                defined.entry(member).or_default().push(symbol.to_owned())
            }
            _ => {}
        }
    }
    Ok(MemberSymbols { defined, undefined })
}
