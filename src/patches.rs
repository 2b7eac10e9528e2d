//! `wasi-shim patches`: the catalog's stubs as a `git format-patch` series for a wasi-libc source
//! tree, one opt-in `libwasi-emulated-<area>.a` per area in wasi-libc's own idiom, with the policy's
//! choices as compile-time defaults a builder overrides with `-D`.
//!
//! The series is made by editing a scratch git copy of the tree one area at a time and committing
//! each state, so every patch is git's own diff of a state this module renders whole.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::codegen::{self, Link, DECLARATIONS_MARKER, GENERATED_MARKER};
use crate::policy::Policy;
use crate::shims::Shims;
use crate::toolchain::Toolchain;

/// Where the shared helpers go: `libwasi-emulated-common.a`, which every area links.
const COMMON: &str = "common";
/// The directory, under `libc-bottom-half/`, of headers installed after musl's (and after musl's
/// omitted headers are removed), so they can supply headers such as `<pwd.h>` that wasi-libc omits.
const EMULATED_HEADERS: &str = "headers/emulated";
/// Headers with no functions of their own, gated by the areas of the header they serve.
const COMPANION_HEADERS: &[(&str, &str)] = &[
    ("__struct_rusage.h", "sys/resource.h"),
    ("__typedef_sigset_t.h", "signal.h"),
    ("sys/syslog.h", "syslog.h"),
];

/// `series.toml`: what a consumer of the series needs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Series {
    /// The wasi-libc commit the series applies to.
    pub base: String,
    /// The policy whose choices are the compile-time defaults.
    pub policy: String,
    /// The first patch: shared helpers (`libwasi-emulated-common.a`) that every area links.
    pub common_patch: String,
    #[serde(rename = "area")]
    pub areas: Vec<SeriesArea>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SeriesArea {
    pub name: String,
    pub patch: String,
    /// Compile flags that declare the area's functions.
    pub cflags: Vec<String>,
    /// Link flags: the area's library, the areas it calls into, `--wrap` for functions that run on
    /// top of wasi-libc's own, and the base emulation libraries whose members it replaces.
    pub ldflags: Vec<String>,
}

impl Series {
    pub fn read(path: &Path) -> Result<Series> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("{} is not a series.toml", path.display()))
    }

    /// Every area's compile flags, in series order, without repeats.
    pub fn all_cflags(&self) -> Vec<String> {
        dedup(self.areas.iter().flat_map(|a| a.cflags.iter().cloned()))
    }

    /// Every area's link flags, in series order, without repeats.
    pub fn all_ldflags(&self) -> Vec<String> {
        dedup(self.areas.iter().flat_map(|a| a.ldflags.iter().cloned()))
    }
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    items.filter(|i| seen.insert(i.clone())).collect()
}

/// The layouts of wasi-libc trees this generator knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Top-level Makefile with `LIBWASI_EMULATED_*_SOURCES` (upstream until 2025; Debian bookworm, trixie).
    Makefile,
}

/// Recognise a wasi-libc tree, or say clearly what it is not.
pub fn detect_layout(tree: &Path) -> Result<Layout> {
    if tree.join("CMakeLists.txt").is_file() && tree.join("libc-bottom-half").is_dir() {
        bail!(
            "{} is a CMake-based wasi-libc (upstream since 2025: top-level CMakeLists.txt, add_internal_library_pair per emulation).\n\
             wasi-shim patches writes Makefile edits only so far; use a Makefile-based tree (Debian's bookworm or trixie source package, or upstream before the CMake move)",
            tree.display()
        );
    }
    let makefile = tree.join("Makefile");
    let text = std::fs::read_to_string(&makefile).unwrap_or_default();
    if tree.join("libc-bottom-half").is_dir() && text.contains("LIBWASI_EMULATED_SIGNAL_SOURCES") && text.contains("check-symbols:") {
        return Ok(Layout::Makefile);
    }
    bail!(
        "{} is not a wasi-libc tree this generator knows: expected libc-bottom-half/ and a Makefile defining LIBWASI_EMULATED_SIGNAL_SOURCES and check-symbols",
        tree.display()
    )
}

/// The upstream commit a tree was made from: git's HEAD, or the hash in a Debian version
/// (`0.0~git20220510.9886d3d-2`).
pub fn base_commit(tree: &Path) -> Result<String> {
    if tree.join(".git").exists() {
        let out = Command::new("git").arg("-C").arg(tree).args(["rev-parse", "--short=7", "HEAD"]).output()?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned());
        }
    }
    let name = tree.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let changelog = std::fs::read_to_string(tree.join("debian/changelog")).unwrap_or_default();
    let version = changelog.lines().next().and_then(|l| l.split(['(', ')']).nth(1)).map(str::to_owned).unwrap_or(name);
    version
        .split("~git")
        .nth(1)
        .and_then(|rest| rest.split('.').nth(1))
        .map(|hash| hash.split('-').next().unwrap_or(hash).to_owned())
        .with_context(|| format!("cannot tell the upstream commit of {}: no .git and no ~gitDATE.HASH in its name or debian/changelog", tree.display()))
}

/// One area as the series lays it out.
#[derive(Debug, Clone)]
struct AreaPlan {
    name: String,
    /// C sources (names under shims/src) whose `/* area: NAME` line names this area.
    sources: Vec<String>,
    /// Symbols the area's objects define, after the internal renames.
    defined: Vec<String>,
    /// Other areas whose symbols the area's objects use.
    needs: BTreeSet<String>,
    /// Base emulations (`SIGNAL`, `GETPID` …) its headers switch on in the overlay.
    base_emulations: BTreeSet<String>,
    cflags: Vec<String>,
    ldflags: Vec<String>,
}

/// What a generated series needs besides the tree: the catalog's shims, a policy, and the
/// toolchain over the base the tree was packaged as (for link plans and symbol lists).
pub struct Generator<'a> {
    pub shims: &'a Shims,
    pub policy: &'a Policy,
    pub toolchain: &'a Toolchain,
}

/// The `area:` a C source names on its first line (`/* area: identity — …`); `common` for the
/// shared helpers.
fn source_area(catalog: &Catalog, text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    let named = first.split("area:").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or_default();
    if catalog.areas.contains_key(named) {
        named.to_owned()
    } else {
        COMMON.to_owned()
    }
}

fn upper(area: &str) -> String {
    area.to_uppercase().replace('-', "_")
}

fn area_macro(area: &str) -> String {
    format!("_WASI_EMULATED_{}", upper(area))
}

fn area_library(area: &str) -> String {
    format!("-lwasi-emulated-{area}")
}

/// `sys/stat.h` -> `__wasi_emulated_sys_stat.h`.
fn extension_header(header: &str) -> String {
    format!("__wasi_emulated_{}.h", header.trim_end_matches(".h").replace(['/', '.'], "_"))
}

fn guard_of(file: &str) -> String {
    file.replace(['/', '.'], "_")
}

/// `#define X …` lines (with continuations) each wrapped in `#ifndef X`, so `-DX=…` overrides them.
fn overridable(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("#define ") else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let name = rest.split([' ', '(']).next().unwrap_or_default();
        let mut logical = line.to_owned();
        let mut continued = line.ends_with('\\');
        while continued {
            let Some(next) = lines.next() else { break };
            logical.push('\n');
            logical.push_str(next);
            continued = next.ends_with('\\');
        }
        writeln!(out, "#ifndef {name}\n{logical}\n#endif").unwrap();
    }
    out
}

/// Headers the Makefile removes after copying musl's (`MUSL_OMIT_HEADERS`).
fn omitted_headers(makefile: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut inside = false;
    for line in makefile.lines() {
        if line.starts_with("MUSL_OMIT_HEADERS") {
            inside = true;
        }
        if inside {
            for quoted in line.split('"').skip(1).step_by(2) {
                out.insert(quoted.to_owned());
            }
            if !line.trim_end().ends_with('\\') {
                inside = false;
            }
        }
    }
    out
}

/// How one of the overlay's public headers becomes part of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
enum HeaderKind {
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

struct HeaderPlan {
    name: String,
    kind: HeaderKind,
    /// Areas whose functions it declares (or those of the header it serves).
    areas: Vec<String>,
    /// The overlay template or static header.
    text: String,
}

impl<'a> Generator<'a> {
    /// Write the series for `tree` into `out` (patches, `series.toml`), replacing earlier files there.
    pub fn generate(&self, tree: &Path, out: &Path) -> Result<Series> {
        detect_layout(tree)?;
        let base = base_commit(tree)?;
        // git runs inside the scratch repository: a relative --out would land there.
        let out = &std::path::absolute(out)?;
        let catalog = self.shims.catalog;
        let makefile = std::fs::read_to_string(tree.join("Makefile"))?;

        // The overlay for the same policy over the same base: its link plans and compiled symbols.
        let scratch = tempfile::Builder::new().prefix("wasi-shim-patches-").tempdir()?;
        let overlay_dir = scratch.path().join("overlay");
        let report = crate::overlay::build(self.shims, self.policy, self.toolchain, &overlay_dir)?;
        let archive = overlay_dir.join("lib").join(&self.toolchain.triple).join(crate::overlay::LIBRARY);
        let (defined, undefined) = member_symbols(&self.toolchain.nm, &archive)?;
        let renames: BTreeMap<String, String> = defined
            .values()
            .flatten()
            .filter(|s| s.starts_with("ws_"))
            .map(|s| (s.clone(), format!("__wasi_emulated_{}", &s[3..])))
            .collect();
        let rename = |s: &String| renames.get(s).cloned().unwrap_or_else(|| s.clone());
        // The same definition the overlay links (`__wrap_<name>` or the name itself) for each function.
        let links: BTreeMap<String, Link> = report.plans.iter().map(|p| (p.function.clone(), p.link)).collect();

        // Areas: sources, symbols, and what they need of each other.
        let member_area: BTreeMap<String, String> =
            self.shims.c_sources.iter().map(|(file, text)| (file.trim_end_matches(".c").to_owned(), source_area(catalog, text))).collect();
        let mut provider: BTreeMap<&String, &String> = BTreeMap::new();
        for (member, syms) in &defined {
            for s in syms {
                provider.insert(s, &member_area[member]);
            }
        }
        let headers = self.header_plans(tree, &makefile)?;
        let mut areas: Vec<AreaPlan> = Vec::new();
        for name in catalog.areas.keys() {
            let members: Vec<&String> = member_area.iter().filter(|(_, a)| *a == name).map(|(m, _)| m).collect();
            if members.is_empty() {
                continue;
            }
            let mut needs = BTreeSet::new();
            for member in &members {
                for symbol in undefined.get(*member).into_iter().flatten() {
                    if let Some(area) = provider.get(symbol) {
                        if *area != name && *area != COMMON {
                            needs.insert((*area).clone());
                        }
                    }
                }
            }
            let base_emulations: BTreeSet<String> =
                headers.iter().filter(|h| h.areas.contains(name)).flat_map(|h| base_emulations_of(&h.text)).collect();
            let mut defined_here: Vec<String> = members.iter().flat_map(|m| defined[*m].iter().map(&rename)).collect();
            defined_here.sort();
            areas.push(AreaPlan {
                name: name.clone(),
                sources: members.iter().map(|m| format!("{m}.c")).collect(),
                defined: defined_here,
                needs,
                base_emulations,
                cflags: Vec::new(),
                ldflags: Vec::new(),
            });
        }
        let common_defined: Vec<String> = member_area
            .iter()
            .filter(|(_, a)| *a == COMMON)
            .flat_map(|(m, _)| defined.get(m).into_iter().flatten().map(&rename))
            .collect();
        // Flags: the area's own switch and the base emulations its headers build on; its library,
        // the libraries of the areas it calls (transitively), the shared helpers, --wrap for the
        // functions it runs on top of wasi-libc's, and the base emulation libraries.
        let closure = |start: &str| -> Vec<String> {
            let mut seen = vec![start.to_owned()];
            let mut i = 0;
            while i < seen.len() {
                let current = seen[i].clone();
                if let Some(a) = areas.iter().find(|a| a.name == current) {
                    for need in &a.needs {
                        if !seen.contains(need) {
                            seen.push(need.clone());
                        }
                    }
                }
                i += 1;
            }
            seen
        };
        let closures: Vec<Vec<String>> = areas.iter().map(|a| closure(&a.name)).collect();
        for (area, linked) in areas.iter_mut().zip(&closures) {
            area.cflags = std::iter::once(area_macro(&area.name)).chain(area.base_emulations.iter().map(|e| format!("-D_WASI_EMULATED_{e}"))).map(|m| {
                if m.starts_with("-D") { m } else { format!("-D{m}") }
            }).collect();
            let wraps: Vec<String> = report
                .plans
                .iter()
                .filter(|p| p.link == Link::Wrap && linked.iter().any(|l| catalog.function(&p.function).is_some_and(|f| &f.area == l)))
                .map(|p| format!("--wrap={}", p.function))
                .collect();
            let mut ldflags: Vec<String> = linked.iter().map(|a| area_library(a)).collect();
            ldflags.push(area_library(COMMON));
            if !wraps.is_empty() {
                ldflags.push(format!("-Wl,{}", wraps.join(",")));
            }
            ldflags.extend(area.base_emulations.iter().map(|e| format!("-lwasi-emulated-{}", e.to_lowercase().replace('_', "-"))));
            area.ldflags = ldflags;
        }

        // The scratch repository: the pristine tree, then one commit per area.
        let repo = scratch.path().join("tree");
        copy_tree(tree, &repo)?;
        let git = Git::new(&repo);
        git.run(&["init", "-q"])?;
        git.run(&["add", "-A"])?;
        git.run(&["commit", "-q", "-m", &format!("wasi-libc {base}")])?;
        let pristine = Pristine::read(&repo)?;

        let mut done: Vec<&AreaPlan> = Vec::new();
        self.render(&repo, &pristine, &headers, &done, &areas, &common_defined, &renames, &links)?;
        git.run(&["add", "-A"])?;
        git.commit(&self.common_message(&areas))?;
        for area in &areas {
            done.push(area);
            self.render(&repo, &pristine, &headers, &done, &areas, &common_defined, &renames, &links)?;
            git.run(&["add", "-A"])?;
            git.commit(&self.area_message(area, &headers, &report.plans))?;
        }

        // The patches, replacing any earlier series in `out`.
        std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
        for entry in std::fs::read_dir(out)? {
            let path = entry?.path();
            if path.extension().is_some_and(|x| x == "patch") {
                std::fs::remove_file(&path)?;
            }
        }
        let listing = git.output(&["format-patch", "--zero-commit", "--no-signature", "--no-numbered", "-o"], &[out], &["HEAD~".to_owned() + &(areas.len() + 1).to_string() + "..HEAD"])?;
        let patches: Vec<String> = listing.lines().map(|l| Path::new(l.trim()).file_name().unwrap_or_default().to_string_lossy().into_owned()).collect();
        if patches.len() != areas.len() + 1 {
            bail!("git format-patch wrote {} patches, expected {}", patches.len(), areas.len() + 1);
        }
        let series = Series {
            base,
            policy: self.policy.name.clone(),
            common_patch: patches[0].clone(),
            areas: areas
                .iter()
                .zip(&patches[1..])
                .map(|(a, p)| SeriesArea { name: a.name.clone(), patch: p.clone(), cflags: a.cflags.clone(), ldflags: a.ldflags.clone() })
                .collect(),
        };
        let toml = format!("# generated by `wasi-shim patches --policy {}`; do not edit\n{}", self.policy.name, toml::to_string(&series)?);
        std::fs::write(out.join("series.toml"), toml)?;
        Ok(series)
    }

    /// Every overlay header, classified against the tree.
    fn header_plans(&self, tree: &Path, makefile: &str) -> Result<Vec<HeaderPlan>> {
        let catalog = self.shims.catalog;
        let omitted = omitted_headers(makefile);
        let areas_of = |header: &str| -> Vec<String> {
            let mut v: Vec<String> = catalog.functions.iter().filter(|f| f.header == header).map(|f| f.area.clone()).collect();
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

    /// Write the tree's state with the shared helpers and the areas in `done`.
    #[allow(clippy::too_many_arguments)]
    fn render(
        &self,
        repo: &Path,
        pristine: &Pristine,
        headers: &[HeaderPlan],
        done: &[&AreaPlan],
        all: &[AreaPlan],
        common_defined: &[String],
        renames: &BTreeMap<String, String>,
        links: &BTreeMap<String, Link>,
    ) -> Result<()> {
        let catalog = self.shims.catalog;
        let on: BTreeSet<&str> = done.iter().map(|a| a.name.as_str()).collect();
        let flags_of = |area: &str| all.iter().find(|a| a.name == area).map(|a| (a.cflags.join(" "), a.ldflags.join(" "))).unwrap_or_default();

        // Shared helpers and the policy's global defaults.
        let shared = repo.join("libc-bottom-half/wasi-emulated");
        let shim_h = self.shims.c_headers.iter().find(|(n, _)| n == "shim.h").map(|(_, t)| t.as_str()).context("shims/src/shim.h is missing")?;
        let rename_block: String = renames.iter().map(|(from, to)| format!("#define {from} {to}\n")).collect();
        let shim_h = shim_h.replacen(
            "#include \"wasi_shim_policy.h\"",
            &format!("/* Internal names in the implementation's namespace. */\n{rename_block}\n/* The area's own defaults first (-I order), which include the shared ones. */\n#include <wasi_shim_policy.h>"),
            1,
        );
        write(&shared.join("shim.h"), &shim_h)?;
        for (file, text) in &self.shims.c_sources {
            if source_area(catalog, text) == COMMON {
                write(&shared.join(file), text)?;
            }
        }
        // Functions whose constants the shared helpers read (ws_ids reads getuid's value …).
        let mut shared_defines = String::new();
        let common_text: String = self.shims.c_sources.iter().filter(|(_, t)| source_area(catalog, t) == COMMON).map(|(_, t)| t.as_str()).collect();
        for choice in &self.policy.choices {
            let n = &choice.function.name;
            // Named directly or through token pasting (WS_POLICY_ID(uid_t, getuid)).
            if contains_identifier(&common_text, n) {
                shared_defines.push_str(&codegen::function_defines(choice, links[&choice.function.name]));
            }
        }
        write(
            &shared.join("wasi_shim_policy.h"),
            &format!(
                "/* Defaults shared by every wasi-emulated area: {GENERATED_MARKER} (`wasi-shim patches --policy {}`).\n * Each can be overridden when building wasi-libc, e.g. make EXTRA_CFLAGS='-DWS_IDENTITY_UID=0'. */\n#ifndef WASI_EMULATED_POLICY_H\n#define WASI_EMULATED_POLICY_H\n{}\n#endif\n",
                self.policy.name,
                overridable(&(codegen::policy_globals(self.policy) + &shared_defines))
            ),
        )?;

        // Area sources and their function defaults.
        for area in done {
            let dir = repo.join(format!("libc-bottom-half/wasi-emulated-{}", area.name));
            for file in &area.sources {
                let text = self.shims.c_sources.iter().find(|(n, _)| n == file).map(|(_, t)| t.as_str()).unwrap_or_default();
                write(&dir.join(file), text)?;
            }
            let mut defaults = String::new();
            for choice in self.policy.choices.iter().filter(|c| c.function.area == area.name) {
                defaults.push_str(&codegen::function_defines(choice, links[&choice.function.name]));
            }
            let (cflags, ldflags) = flags_of(&area.name);
            write(
                &dir.join("wasi_shim_policy.h"),
                &format!(
                    "/* The {} area's behaviours: {GENERATED_MARKER} (`wasi-shim patches --policy {}`).\n * Users opt in with {cflags} and {ldflags}.\n * Each default can be overridden when building wasi-libc, e.g. -DWS_BEHAVIOUR_<function>=WS_ERROR. */\n#ifndef WASI_EMULATED_{}_POLICY_H\n#define WASI_EMULATED_{}_POLICY_H\n#include \"../wasi-emulated/wasi_shim_policy.h\"\n{}\n#endif\n",
                    area.name,
                    self.policy.name,
                    upper(&area.name),
                    upper(&area.name),
                    overridable(&defaults)
                ),
            )?;
        }

        // Headers.
        let mut new_headers = Vec::new();
        let mut extension_files = Vec::new();
        for header in headers {
            let active: Vec<&String> = header.areas.iter().filter(|a| on.contains(a.as_str())).collect();
            if active.is_empty() {
                continue;
            }
            let any = active.iter().map(|a| format!("defined({})", area_macro(a))).collect::<Vec<_>>().join(" || ");
            let body = header_body(catalog, &header.name, &header.text, &active)?;
            match &header.kind {
                HeaderKind::Extension { file } => {
                    let ext = extension_header(&header.name);
                    let guard = guard_of(&ext);
                    write(
                        &repo.join("libc-bottom-half/headers/public").join(&ext),
                        &format!(
                            "/* <{}>: what the wasi-emulated areas add ({GENERATED_MARKER}; from wasi-shim's shims/include/{}).\n * Empty unless an area that declares something here is switched on. */\n#ifndef {guard}\n#define {guard}\n#if {any}\n{body}\n#endif\n#endif\n",
                            header.name, header.name
                        ),
                    )?;
                    let original = pristine.file(file)?;
                    write(
                        &repo.join(file),
                        &format!("{original}\n#ifndef __wasilibc_unmodified_upstream\n/* Declarations of the opt-in wasi-emulated areas (libwasi-emulated-<area>.a). */\n#include <{ext}>\n#endif\n"),
                    )?;
                    extension_files.push((ext, guard));
                }
                HeaderKind::Shadow { file } => {
                    let original = pristine.file(file)?;
                    write(
                        &repo.join(file),
                        &format!(
                            "#if !defined(__wasilibc_unmodified_upstream) && ({any})\n/* The wasi-emulated areas' layout ({GENERATED_MARKER}; from wasi-shim's shims/include/{}). */\n{}#else\n{original}#endif\n",
                            header.name,
                            strip_generated_comment(&header.text)
                        ),
                    )?;
                }
                HeaderKind::New => {
                    let alternatives: Vec<String> = active
                        .iter()
                        .map(|a| {
                            let (c, l) = flags_of(a);
                            format!("compile with {c} and link with {l}")
                        })
                        .collect();
                    let message = format!("WASI has no <{}>; to enable its emulation, {}", header.name, alternatives.join(", or "));
                    let none = active.iter().map(|a| format!("!defined({})", area_macro(a))).collect::<Vec<_>>().join(" && ");
                    write(
                        &repo.join("libc-bottom-half").join(EMULATED_HEADERS).join(&header.name),
                        &format!(
                            "/* <{}> for the wasi-emulated areas ({GENERATED_MARKER}; from wasi-shim's shims/include/{}). */\n#if {none}\n#error {}\n#else\n{body}\n#endif\n",
                            header.name,
                            header.name,
                            codegen::c_string(&message)
                        ),
                    )?;
                    new_headers.push(header.name.clone());
                }
            }
        }

        // The Makefile.
        let makefile = render_makefile(&pristine.makefile, done, !new_headers.is_empty(), &new_headers)?;
        write(&repo.join("Makefile"), &makefile)?;

        // Expected check-symbols output: the pristine lists plus what the areas add.
        let expected = repo.join("expected/wasm32-wasi");
        let mut symbols: Vec<String> = common_defined.to_vec();
        for area in done {
            symbols.extend(area.defined.iter().cloned());
        }
        write(&expected.join("defined-symbols.txt"), &lines(&merge_sorted(&pristine.defined_symbols, symbols)))?;
        let includes = extension_files.iter().map(|(ext, _)| format!("#include <{ext}>")).collect();
        write(&expected.join("include-all.c"), &lines(&merge_sorted(&pristine.include_all, includes)))?;
        let macros = extension_files.iter().map(|(_, guard)| format!("#define {guard} ")).collect();
        write(&expected.join("predefined-macros.txt"), &lines(&merge_sorted(&pristine.predefined_macros, macros)))?;
        Ok(())
    }

    fn common_message(&self, areas: &[AreaPlan]) -> String {
        let names: Vec<&str> = areas.iter().map(|a| a.name.as_str()).collect();
        format!(
            "Add libwasi-emulated-common: helpers shared by the opt-in POSIX areas\n\n\
             This series adds {} opt-in emulation libraries ({}), in the way\n\
             wasi-libc already offers libwasi-emulated-signal, -getpid, -process-clocks\n\
             and -mman: nothing changes for a program that does not ask for them.\n\n\
             This first patch adds what they share: libwasi-emulated-common.a (first-call\n\
             logging, the trap, reading an environment override), the internal header\n\
             libc-bottom-half/wasi-emulated/shim.h, and the defaults every area reads\n\
             (identity, process ids, user and group databases), chosen by wasi-shim's\n\
             `{}` policy. Each default is a macro a builder can override when building\n\
             wasi-libc, e.g. make EXTRA_CFLAGS='-DWS_IDENTITY_UID=0'.\n\n\
             Every area links libwasi-emulated-common.a: its ldflags in series.toml\n\
             include -lwasi-emulated-common.\n",
            areas.len(),
            names.join(", "),
            self.policy.name
        )
    }

    fn area_message(&self, area: &AreaPlan, headers: &[HeaderPlan], plans: &[crate::base::LinkPlan]) -> String {
        let catalog = self.shims.catalog;
        let summary = catalog.areas.get(&area.name).map(|a| a.summary.as_str()).unwrap_or_default();
        let mut m = String::new();
        writeln!(m, "Add libwasi-emulated-{}: opt-in {}\n", area.name, first_clause(summary)).unwrap();
        writeln!(m, "{}\n", wrap_words(&capitalised(summary), 72).join("\n")).unwrap();
        writeln!(m, "This adds libwasi-emulated-{}.a, an opt-in emulation library like", area.name).unwrap();
        writeln!(m, "libwasi-emulated-signal. A program opts in with").unwrap();
        writeln!(m, "\n    cflags:  {}\n    ldflags: {}\n", area.cflags.join(" "), area.ldflags.join(" ")).unwrap();
        let declared: Vec<String> = headers.iter().filter(|h| h.areas.contains(&area.name)).map(|h| match h.kind {
            HeaderKind::New => format!("<{}> (new; refuses with #error without {})", h.name, area_macro(&area.name)),
            _ => format!("<{}>", h.name),
        }).collect();
        writeln!(m, "Without {} the headers declare nothing new. Headers: {}.\n", area_macro(&area.name), declared.join(", ")).unwrap();
        if !area.needs.is_empty() {
            writeln!(m, "It calls into the {} area(s), whose libraries its ldflags list too.\n", area.needs.iter().cloned().collect::<Vec<_>>().join(", ")).unwrap();
        }
        let wraps: Vec<&str> = plans
            .iter()
            .filter(|p| p.link == Link::Wrap && catalog.function(&p.function).is_some_and(|f| f.area == area.name))
            .map(|p| p.function.as_str())
            .collect();
        if !wraps.is_empty() {
            writeln!(m, "{} run on top of wasi-libc's own definitions through wasm-ld's --wrap\n(the ldflags carry it): __real_<name> is wasi-libc's.\n", wraps.join(", ")).unwrap();
        }
        writeln!(m, "Behaviour chosen by wasi-shim's `{}` policy, each a default a builder\noverrides with -DWS_BEHAVIOUR_<function>=WS_<EMULATE|VALUE|ERROR|SUCCEED|TRAP>\n(and -DWS_ERRNO_<function>=...):\n", self.policy.name).unwrap();
        for choice in self.policy.choices.iter().filter(|c| c.function.area == area.name) {
            let f = choice.function;
            use crate::catalog::Behaviour;
            let (what, why) = match choice.behaviour {
                Behaviour::Error => (format!("error {}", choice.errno), f.reason.clone()),
                Behaviour::Value => (
                    format!("value {}", choice.value.as_ref().map(|v| v.to_string()).unwrap_or_default()),
                    f.value.as_ref().map(|key| format!("the policy's {key}")),
                ),
                Behaviour::Emulate => ("emulate".to_owned(), f.emulation.clone()),
                Behaviour::Succeed => ("succeed".to_owned(), f.lossy.as_ref().map(|l| format!("lossy: {l}"))),
                Behaviour::Trap => ("trap".to_owned(), Some("aborts with a message naming the function".to_owned())),
            };
            let why = why.unwrap_or_default();
            writeln!(m, "- {} ({what}; POSIX: {}):", f.name, f.posix_url()).unwrap();
            for line in wrap_words(&why, 70) {
                writeln!(m, "    {line}").unwrap();
            }
        }
        m
    }
}

/// The overlay header's text as the series installs it: no `#include_next` and no switching on
/// of base emulations (a consumer passes those as cflags), with each active area's declarations
/// in its own `#ifdef`.
fn header_body(catalog: &Catalog, name: &str, text: &str, active: &[&String]) -> Result<String> {
    let mut body = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim();
        if t.starts_with("#include_next") {
            continue;
        }
        if t.starts_with("#ifndef _WASI_EMULATED_") {
            // `#ifndef _WASI_EMULATED_X` / `#define _WASI_EMULATED_X 1` / `#endif`: a cflag now.
            lines.next();
            lines.next();
            continue;
        }
        if t.starts_with("#define _WASI_EMULATED_") {
            continue;
        }
        if t == DECLARATIONS_MARKER {
            for area in active {
                let decls = codegen::declarations_where(catalog, name, |f| &&f.area == area);
                writeln!(body, "#ifdef {}\n{}#endif", area_macro(area), decls).unwrap();
            }
            continue;
        }
        body.push_str(line);
        body.push('\n');
    }
    Ok(body.trim_end().to_owned())
}

fn contains_identifier(text: &str, identifier: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(identifier).any(|(i, _)| !word(text[..i].chars().next_back()) && !word(text[i + identifier.len()..].chars().next()))
}

/// `_WASI_EMULATED_X` switches a header template turns on before including wasi-libc's header.
fn base_emulations_of(text: &str) -> Vec<String> {
    text.lines().filter_map(|l| l.trim().strip_prefix("#define _WASI_EMULATED_")).map(|r| r.split_whitespace().next().unwrap_or_default().to_owned()).collect()
}

fn strip_generated_comment(text: &str) -> String {
    text.to_owned()
}

/// The summary up to its first comma or semicolon: a commit subject's worth.
fn first_clause(summary: &str) -> String {
    summary.split([',', ';', '.', ':']).next().unwrap_or(summary).trim().to_owned()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// `existing` (sorted by the tool that wrote it, which may not be byte order everywhere) with each
/// of `added` inserted before the first line that sorts after it: the pristine lines keep their order.
fn merge_sorted(existing: &[String], mut added: Vec<String>) -> Vec<String> {
    added.sort();
    let mut out = existing.to_vec();
    for line in added {
        let at = out.iter().position(|l| *l > line).unwrap_or(out.len());
        out.insert(at, line);
    }
    out
}

fn lines(items: &[String]) -> String {
    let mut s = items.join("\n");
    s.push('\n');
    s
}

/// The Makefile with the shared helpers and the areas in `done`, each edit at a fixed anchor of
/// the known layout.
fn render_makefile(pristine: &str, done: &[&AreaPlan], install_headers: bool, gated_headers: &[String]) -> Result<String> {
    let mut text = pristine.to_owned();
    let var = |a: &str| format!("LIBWASI_EMULATED_{}", upper(a));
    let all: Vec<String> = std::iter::once(COMMON.to_owned()).chain(done.iter().map(|a| a.name.clone())).collect();

    let mut sources = String::from("\n# wasi-emulated areas: opt-in POSIX emulation, one library per area, plus the\n# helpers they share (libc-bottom-half/wasi-emulated).\n");
    writeln!(sources, "{}_SOURCES = $(LIBC_BOTTOM_HALF_DIR)/wasi-emulated/common.c", var(COMMON)).unwrap();
    for a in done {
        writeln!(sources, "{}_SOURCES = $(shell find $(LIBC_BOTTOM_HALF_DIR)/wasi-emulated-{} -name \\*.c)", var(&a.name), a.name).unwrap();
    }
    text = insert_after_block(&text, "LIBWASI_EMULATED_SIGNAL_MUSL_SOURCES", &sources)?;

    let objs: String = all.iter().map(|a| format!("{0}_OBJS = $(call objs,$({0}_SOURCES))\n", var(a))).collect();
    text = insert_after_block(&text, "LIBWASI_EMULATED_SIGNAL_MUSL_OBJS", &objs)?;

    let rules: String = all.iter().map(|a| format!("\n$(SYSROOT_LIB)/libwasi-emulated-{a}.a: $({}_OBJS)\n", var(a))).collect();
    text = insert_after_block(&text, "$(SYSROOT_LIB)/libwasi-emulated-signal.a:", &rules)?;

    let switches: Vec<String> = done.iter().map(|a| format!("-D{}", area_macro(&a.name))).collect();
    let bases: BTreeSet<String> = done.iter().flat_map(|a| a.base_emulations.iter().map(|e| format!("-D_WASI_EMULATED_{e}"))).collect();
    let mut cflags = String::from("\n# The areas' sources see every area's declarations and the base emulations they build on.\n");
    writeln!(
        cflags,
        "WASI_EMULATED_CFLAGS = {} -I$(LIBC_BOTTOM_HALF_DIR)/wasi-emulated -Wno-unused-parameter",
        switches.into_iter().chain(bases).collect::<Vec<_>>().join(" ")
    )
    .unwrap();
    writeln!(cflags, "$({}_OBJS): CFLAGS += $(WASI_EMULATED_CFLAGS)", var(COMMON)).unwrap();
    for a in done {
        writeln!(cflags, "$({}_OBJS): CFLAGS += -I$(LIBC_BOTTOM_HALF_DIR)/wasi-emulated-{} $(WASI_EMULATED_CFLAGS)", var(&a.name), a.name).unwrap();
    }
    text = insert_after_block(&text, "$(LIBWASI_EMULATED_PROCESS_CLOCKS_OBJS): CFLAGS +=", &cflags)?;

    let anchor = "    $(SYSROOT_LIB)/libwasi-emulated-signal.a\n";
    if !text.contains(anchor) {
        bail!("the Makefile's libc: target does not end with `{}`: unknown layout", anchor.trim());
    }
    let libs: String = all.iter().map(|a| format!(" \\\n    $(SYSROOT_LIB)/libwasi-emulated-{a}.a")).collect();
    text = text.replacen(anchor, &format!("    $(SYSROOT_LIB)/libwasi-emulated-signal.a{libs}\n"), 1);

    if install_headers {
        let anchor = "\t$(RM) $(patsubst %,$(SYSROOT_INC)/%,$(MUSL_OMIT_HEADERS))\n";
        if !text.contains(anchor) {
            bail!("the Makefile's include_dirs does not remove MUSL_OMIT_HEADERS the known way: unknown layout");
        }
        text = text.replacen(
            anchor,
            &format!("{anchor}\n\t# Install the wasi-emulated areas' own headers, which refuse without their area.\n\tcp -r \"$(LIBC_BOTTOM_HALF_DIR)\"/{EMULATED_HEADERS}/* \"$(SYSROOT_INC)\"\n"),
            1,
        );
    }
    if !gated_headers.is_empty() {
        let anchor = "-not -name resource.h ";
        if !text.contains(anchor) {
            bail!("the Makefile's include-all.c step lacks `{anchor}`: unknown layout");
        }
        let mut names: Vec<&str> = gated_headers.iter().map(|h| h.rsplit('/').next().unwrap_or(h)).collect();
        names.sort();
        names.dedup();
        let extra: String = names.iter().map(|n| format!("-not -name {n} ")).collect();
        text = text.replacen(anchor, &format!("{anchor}{extra}"), 1);
    }
    Ok(text)
}

/// Insert `block` after the line starting with `start` and its `\`-continued lines.
fn insert_after_block(text: &str, start: &str, block: &str) -> Result<String> {
    let mut out = String::new();
    let mut lines = text.split_inclusive('\n');
    let mut found = false;
    while let Some(line) = lines.next() {
        out.push_str(line);
        if !found && line.starts_with(start) {
            found = true;
            let mut current = line;
            while current.trim_end().ends_with('\\') {
                let Some(next) = lines.next() else { break };
                out.push_str(next);
                current = next;
            }
            out.push_str(block);
        }
    }
    if !found {
        bail!("the Makefile has no line starting with `{start}`: not the wasi-libc layout this generator knows");
    }
    Ok(out)
}

/// The tree's files that every state is rendered from.
struct Pristine {
    root: PathBuf,
    makefile: String,
    defined_symbols: Vec<String>,
    include_all: Vec<String>,
    predefined_macros: Vec<String>,
}

impl Pristine {
    fn read(root: &Path) -> Result<Pristine> {
        let expected = root.join("expected/wasm32-wasi");
        let read_lines = |name: &str| -> Result<Vec<String>> {
            let path = expected.join(name);
            Ok(std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?.lines().map(str::to_owned).collect())
        };
        Ok(Pristine {
            root: root.to_path_buf(),
            makefile: std::fs::read_to_string(root.join("Makefile"))?,
            defined_symbols: read_lines("defined-symbols.txt")?,
            include_all: read_lines("include-all.c")?,
            predefined_macros: read_lines("predefined-macros.txt")?,
        })
    }

    /// A file as the base commit has it (the scratch repository's first commit).
    fn file(&self, path: &str) -> Result<String> {
        let first = Git::new(&self.root).output(&["rev-list", "--max-parents=0", "HEAD"], &[], &[])?;
        Git::new(&self.root).output(&["show"], &[], &[format!("{}:{path}", first.trim())])
    }
}

/// Defined and undefined external symbols per archive member (`common`, `identity` …).
fn member_symbols(nm: &Path, archive: &Path) -> Result<(BTreeMap<String, Vec<String>>, BTreeMap<String, Vec<String>>)> {
    let mut defined: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut undefined: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let output = Command::new(nm).args(["--print-file-name"]).arg(archive).output().with_context(|| format!("cannot run {}", nm.display()))?;
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
            [_, kind, symbol] if kind.chars().all(|c| c.is_ascii_uppercase()) => defined.entry(member).or_default().push(symbol.to_owned()),
            _ => {}
        }
    }
    Ok((defined, undefined))
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let status = Command::new("cp").arg("-a").arg(from).arg(to).status().context("cannot run cp")?;
    if !status.success() {
        bail!("cp -a {} {} failed", from.display(), to.display());
    }
    for leftover in [".git", ".pc"] {
        let _ = std::fs::remove_dir_all(to.join(leftover));
    }
    Ok(())
}

/// git in the scratch repository, isolated from the user's configuration so output is stable.
struct Git {
    repo: PathBuf,
}

impl Git {
    fn new(repo: &Path) -> Git {
        Git { repo: repo.to_path_buf() }
    }

    fn command(&self) -> Command {
        let mut c = Command::new("git");
        c.arg("-C")
            .arg(&self.repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "wasi-shim")
            .env("GIT_AUTHOR_EMAIL", "wasi-shim@users.noreply.github.com")
            .env("GIT_COMMITTER_NAME", "wasi-shim")
            .env("GIT_COMMITTER_EMAIL", "wasi-shim@users.noreply.github.com")
            .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
            .args(["-c", "core.autocrlf=false", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]);
        c
    }

    fn run(&self, args: &[&str]) -> Result<()> {
        self.output(args, &[], &[]).map(|_| ())
    }

    fn output(&self, args: &[&str], paths: &[&Path], rest: &[String]) -> Result<String> {
        let mut c = self.command();
        c.args(args).args(paths).args(rest);
        let out = c.output().context("cannot run git: install it (apt-get install git)")?;
        if !out.status.success() {
            bail!("git {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn commit(&self, message: &str) -> Result<()> {
        let mut c = self.command();
        c.args(["commit", "-q", "--allow-empty", "-F", "-"]).stdin(std::process::Stdio::piped());
        let mut child = c.spawn().context("cannot run git commit")?;
        std::io::Write::write_all(child.stdin.as_mut().expect("piped"), message.as_bytes())?;
        let status = child.wait()?;
        if !status.success() {
            bail!("git commit failed");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defines_become_overridable() {
        assert_eq!(overridable("/* x */\n#define A 1\n#define B { \\\n 1 }\n"), "/* x */\n#ifndef A\n#define A 1\n#endif\n#ifndef B\n#define B { \\\n 1 }\n#endif\n");
    }

    #[test]
    fn debian_versions_name_the_upstream_commit() {
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("wasi-libc-0.0~git20220510.9886d3d");
        std::fs::create_dir_all(&tree).unwrap();
        assert_eq!(base_commit(&tree).unwrap(), "9886d3d");
    }

    #[test]
    fn a_cmake_tree_is_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("libc-bottom-half")).unwrap();
        std::fs::write(dir.path().join("CMakeLists.txt"), "project(wasi-libc)").unwrap();
        let err = detect_layout(dir.path()).unwrap_err().to_string();
        assert!(err.contains("CMake-based wasi-libc"), "{err}");
        let unknown = tempfile::tempdir().unwrap();
        assert!(detect_layout(unknown.path()).unwrap_err().to_string().contains("not a wasi-libc tree"));
    }

    #[test]
    fn makefile_blocks_go_after_continued_lines() {
        let text = "A = \\\n    x \\\n    y\nB = 1\n";
        assert_eq!(insert_after_block(text, "A =", "C = 2\n").unwrap(), "A = \\\n    x \\\n    y\nC = 2\nB = 1\n");
        assert!(insert_after_block(text, "Z", "").is_err());
    }
}
