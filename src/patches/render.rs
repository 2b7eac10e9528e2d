//! One state of the tree: the shared helpers and the areas switched on so far, their headers, the Makefile and
//! the `expected/` lists, each rendered whole from the untouched tree.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::cmake::render_cmake;
use super::git::{write, EXPECTED_FILES};
use super::makefile::render_makefile;
use super::plan::{source_area, AreaPlan, HeaderKind, HeaderPlan, Plan};
use super::{
    area_macro, extension_header, guard_of, upper, Generator, Layout, COMMON, EMULATED_HEADERS, PATCHES_MARKER,
};
use crate::catalog::Catalog;
use crate::codegen::{self, GENERATED_MARKER};
use crate::shims::DECLARATIONS_MARKER;

/// Writes states of the scratch tree for one plan.
pub(super) struct Renderer<'a> {
    pub(super) generator: &'a Generator<'a>,
    pub(super) plan: &'a Plan,
    pub(super) repo: &'a Path,
}

/// What the headers of one state added that the `expected/` lists must know.
#[derive(Default)]
struct RenderedHeaders {
    /// Headers installed from `headers/emulated`, refusing without their area.
    new: Vec<String>,
    /// `(extension header, its include guard)` of every tree header that includes our additions.
    extensions: Vec<(String, String)>,
}

impl Renderer<'_> {
    /// Write the tree's state with the shared helpers and the areas in `done`.
    pub(super) fn render(&self, done: &[AreaPlan]) -> Result<()> {
        let on: BTreeSet<&str> = done.iter().map(|a| a.name.as_str()).collect();
        self.render_shared()?;
        for area in done {
            self.render_area(area)?;
        }
        let mut rendered = RenderedHeaders::default();
        for header in &self.plan.headers {
            self.render_header(header, &on, &mut rendered)?;
        }
        self.render_build_files(done, &rendered)?;
        self.render_expected(done, &rendered)?;
        if self.plan.pristine.layout == Layout::CMake {
            // Upstream checks libc-bottom-half's C with clang-format (LLVM style: the tree has no .clang-format).
            // Only what the series writes or changes: the tree's untouched files keep their formatting.
            let ours = |f: &Path| {
                let relative = f.strip_prefix(self.repo).unwrap_or(f);
                let now = std::fs::read_to_string(f).ok();
                self.plan.pristine.file(&relative.to_string_lossy()).ok() != now
            };
            let written = [self.repo.join("libc-bottom-half/wasi-emulated")]
                .into_iter()
                .chain(done.iter().map(|a| self.repo.join(format!("libc-bottom-half/wasi-emulated-{}", a.name))))
                .chain([self.repo.join("libc-bottom-half/headers/public")]);
            format_c(&self.generator.toolchain.clang, written, &ours)?;
        }
        Ok(())
    }

    /// The Makefile, or the CMake files, with the shared helpers and the areas in `done`.
    fn render_build_files(&self, done: &[AreaPlan], rendered: &RenderedHeaders) -> Result<()> {
        let pristine = &self.plan.pristine;
        match pristine.layout {
            Layout::Makefile => {
                let makefile = render_makefile(&pristine.build_file, done, !rendered.new.is_empty(), &rendered.new)?;
                write(&self.repo.join("Makefile"), &makefile)
            }
            Layout::CMake => {
                let script = pristine.file("cmake/scripts/run-check-symbols.cmake")?;
                let common: Vec<String> = self.common_sources().map(|(n, _)| n.clone()).collect();
                for (path, text) in render_cmake(&pristine.build_file, &script, &common, done, &rendered.new)? {
                    write(&self.repo.join(path), &text)?;
                }
                Ok(())
            }
        }
    }

    /// The shared helpers' C sources, `(file name, text)`: those whose `area:` line names no catalog area.
    fn common_sources(&self) -> impl Iterator<Item = &(String, String)> {
        self.generator.shims.c_sources.iter().filter(|(_, t)| source_area(self.catalog(), t) == COMMON)
    }

    fn catalog(&self) -> &Catalog {
        &self.generator.shims.catalog
    }

    /// An area's cflags and ldflags, each joined into one string.
    fn flags_of(&self, area: &str) -> (String, String) {
        let plan = self.plan.areas.iter().find(|a| a.name == area);
        plan.map(|a| (a.cflags.join(" "), a.ldflags.join(" "))).unwrap_or_default()
    }

    /// The shared helpers and the policy's global defaults, in `libc-bottom-half/wasi-emulated`.
    fn render_shared(&self) -> Result<()> {
        let shims = self.generator.shims;
        let shared = self.repo.join("libc-bottom-half/wasi-emulated");
        let shim_h = shims.c_headers.iter().find(|(n, _)| n == "shim.h").context("shims/src/shim.h is missing")?;
        let shim_h = shim_h.1.replacen(
            "#include \"wasi_shim_policy.h\"",
            "/* The area's own defaults first (-I order), which include the shared ones. */\n#include <wasi_shim_policy.h>",
            1,
        );
        write(&shared.join("shim.h"), &shim_h)?;
        for (file, text) in self.common_sources() {
            write(&shared.join(file), text)?;
        }
        let policy = self.generator.policy;
        write(
            &shared.join("wasi_shim_policy.h"),
            &format!(
                "/* Defaults shared by every wasi-emulated area: {PATCHES_MARKER} (policy {}).\n * Each can be overridden when building wasi-libc, e.g. {}. */\n#ifndef WASI_EMULATED_POLICY_H\n#define WASI_EMULATED_POLICY_H\n{}\n#endif\n",
                policy.name,
                self.plan.pristine.layout.override_example(),
                overridable(&(codegen::policy_globals(policy) + &self.shared_defines()))
            ),
        )
    }

    /// The constants of the functions the shared helpers read (`__wasi_shim_ids` reads getuid's value …).
    fn shared_defines(&self) -> String {
        let common_text: String = self.common_sources().map(|(_, t)| t.as_str()).collect();
        self.generator
            .policy
            .choices
            .iter()
            // Named directly or through token pasting (WS_POLICY_ID(uid_t, getuid)).
            .filter(|choice| contains_identifier(&common_text, &choice.function.name))
            .map(|choice| codegen::function_defines(choice, self.plan.link(&choice.function.name)))
            .collect()
    }

    /// An area's sources and its functions' defaults, in `libc-bottom-half/wasi-emulated-<area>`.
    fn render_area(&self, area: &AreaPlan) -> Result<()> {
        let shims = self.generator.shims;
        let dir = self.repo.join(format!("libc-bottom-half/wasi-emulated-{}", area.name));
        for file in &area.sources {
            let text = shims.c_sources.iter().find(|(n, _)| n == file).map(|(_, t)| t.as_str()).unwrap_or_default();
            write(&dir.join(file), text)?;
        }
        // The area's own internal headers (signals.h: its sources' shared core) go beside its sources.
        for (file, text) in shims.c_headers.iter().filter(|(_, t)| source_area(self.catalog(), t) == area.name) {
            write(&dir.join(file), text)?;
        }
        let policy = self.generator.policy;
        let defaults: String = policy
            .choices
            .iter()
            .filter(|c| c.function.area == area.name)
            .map(|choice| codegen::function_defines(choice, self.plan.link(&choice.function.name)))
            .collect();
        let (cflags, ldflags) = self.flags_of(&area.name);
        let guard = format!("WASI_EMULATED_{}_POLICY_H", upper(&area.name));
        write(
            &dir.join("wasi_shim_policy.h"),
            &format!(
                "/* The {} area's behaviours: {PATCHES_MARKER} (policy {}).\n * Users opt in with {cflags} and {ldflags}.\n * Each default can be overridden when building wasi-libc, e.g. -DWS_BEHAVIOUR_<function>=WS_ERROR. */\n#ifndef {guard}\n#define {guard}\n#include \"../wasi-emulated/wasi_shim_policy.h\"\n{}\n#endif\n",
                area.name,
                policy.name,
                overridable(&defaults)
            ),
        )
    }

    /// One overlay header as the tree takes it, when an area it serves is on.
    fn render_header(&self, header: &HeaderPlan, on: &BTreeSet<&str>, rendered: &mut RenderedHeaders) -> Result<()> {
        let active: Vec<&String> = header.areas.iter().filter(|a| on.contains(a.as_str())).collect();
        if active.is_empty() {
            return Ok(());
        }
        let any = active.iter().map(|a| format!("defined({})", area_macro(a))).collect::<Vec<_>>().join(" || ");
        let body = header_body(self.catalog(), &header.name, &header.text, &active);
        match &header.kind {
            HeaderKind::Extension { file } => {
                let extension = self.render_extension(header, file, &any, &body, on)?;
                rendered.extensions.push(extension);
            }
            HeaderKind::Shadow { file } => {
                let original = self.plan.pristine.file(file)?;
                write(
                    &self.repo.join(file),
                    &format!(
                        "#if !defined(__wasilibc_unmodified_upstream) && ({any})\n/* The wasi-emulated areas' layout ({PATCHES_MARKER}; from wasi-shim's shims/include/{}). */\n{}#else\n{original}#endif\n",
                        header.name, header.text
                    ),
                )?;
            }
            HeaderKind::New => {
                self.render_new_header(header, &active, &body)?;
                rendered.new.push(header.name.clone());
            }
        }
        Ok(())
    }

    /// Our additions in `__wasi_emulated_<name>.h`, included at the end of the tree's header; returns
    /// the extension header and its guard.
    fn render_extension(
        &self,
        header: &HeaderPlan,
        file: &str,
        any: &str,
        body: &str,
        on: &BTreeSet<&str>,
    ) -> Result<(String, String)> {
        let ext = extension_header(&header.name);
        let guard = guard_of(&ext);
        write(
            &self.repo.join("libc-bottom-half/headers/public").join(&ext),
            &format!(
                "/* <{}>: what the wasi-emulated areas add ({PATCHES_MARKER}; from wasi-shim's shims/include/{}).\n * Empty unless an area that declares something here is switched on. */\n#ifndef {guard}\n#define {guard}\n#if {any}\n{body}\n#endif\n#endif\n",
                header.name, header.name
            ),
        )?;
        let renamed = renamed_declarations(self.catalog(), &header.text);
        let original = ungate_deprecated(&self.plan.pristine.file(file)?, &renamed, on);
        write(
            &self.repo.join(file),
            &format!("{original}\n#ifndef __wasilibc_unmodified_upstream\n/* Declarations of the opt-in wasi-emulated areas (libwasi-emulated-<area>.a). */\n#include <{ext}>\n#endif\n"),
        )?;
        Ok((ext, guard))
    }

    /// A header the tree lacks, refusing with the flags that enable it unless one of its areas is on.
    fn render_new_header(&self, header: &HeaderPlan, active: &[&String], body: &str) -> Result<()> {
        let alternatives: Vec<String> = active
            .iter()
            .map(|a| {
                let (c, l) = self.flags_of(a);
                format!("compile with {c} and link with {l}")
            })
            .collect();
        let message = format!("WASI has no <{}>; to enable its emulation, {}", header.name, alternatives.join(", or "));
        let none = active.iter().map(|a| format!("!defined({})", area_macro(a))).collect::<Vec<_>>().join(" && ");
        write(
            &self.repo.join("libc-bottom-half").join(self.new_headers_dir()).join(&header.name),
            &format!(
                "/* <{}> for the wasi-emulated areas ({PATCHES_MARKER}; from wasi-shim's shims/include/{}). */\n#if {none}\n#error {}\n#else\n{body}\n#endif\n",
                header.name,
                header.name,
                crate::escape::c::string(&message)
            ),
        )
    }

    /// Where headers the tree lacks are written: the Makefile copies a directory of its own after musl's;
    /// CMake installs every header under headers/public, and musl's of the same name is on its REMOVE_ITEM list.
    fn new_headers_dir(&self) -> &'static str {
        match self.plan.pristine.layout {
            Layout::Makefile => EMULATED_HEADERS,
            Layout::CMake => "headers/public",
        }
    }

    /// Expected check-symbols output of every triple the areas are built for: the pristine lists plus
    /// what the areas add.
    fn render_expected(&self, done: &[AreaPlan], rendered: &RenderedHeaders) -> Result<()> {
        let mut defined: Vec<String> = self.plan.common_defined.clone();
        let mut used: BTreeSet<String> = self.plan.common_undefined.iter().cloned().collect();
        for area in done {
            defined.extend(area.defined.iter().cloned());
            used.extend(area.undefined.iter().cloned());
        }
        for pristine in &self.plan.pristine.expected {
            let expected = self.repo.join("expected").join(&pristine.triple);
            let known: BTreeSet<&String> =
                pristine.defined_symbols.iter().chain(&defined).chain(&pristine.undefined_symbols).collect();
            // The Makefile's lists predate undefined-symbols.txt's use for emulation libraries.
            let unresolved: Vec<String> = match self.plan.pristine.layout {
                Layout::Makefile => Vec::new(),
                Layout::CMake => {
                    let ignored = &self.plan.pristine.ignored_undefined;
                    used.iter()
                        .filter(|s| !known.contains(s) && !ignored.iter().any(|r| r.is_match(s)))
                        .cloned()
                        .collect()
                }
            };
            let includes = rendered.extensions.iter().map(|(ext, _)| format!("#include <{ext}>")).collect();
            let macros = rendered.extensions.iter().map(|(_, guard)| format!("#define {guard} ")).collect();
            let (mut defined, unresolved) =
                if pristine.areas_built { (defined.clone(), unresolved) } else { (Vec::new(), Vec::new()) };
            if self.plan.pristine.layout == Layout::CMake {
                // CMake's list lists each symbol once: the base's raise, signal, flockfile … are not repeated.
                let base: BTreeSet<&String> = pristine.defined_symbols.iter().collect();
                defined.retain(|s| !base.contains(s));
                defined.sort();
                defined.dedup();
            }
            let lists = [
                merge_sorted(&pristine.defined_symbols, defined),
                merge_sorted(&pristine.undefined_symbols, unresolved),
                merge_sorted(&pristine.include_all, includes),
                merge_sorted(&pristine.predefined_macros, macros),
            ];
            for ((name, list), newline) in EXPECTED_FILES.iter().zip(&lists).zip(pristine.final_newlines) {
                let mut text = list.join("\n");
                if newline && !list.is_empty() {
                    text.push('\n');
                }
                write(&expected.join(name), &text)?;
            }
        }
        Ok(())
    }
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

/// The overlay header's text as the series installs it: no `#include_next` and no switching on
/// of base emulations (a consumer passes those as cflags), with each active area's declarations
/// in its own `#ifdef`.
fn header_body(catalog: &Catalog, name: &str, text: &str, active: &[&String]) -> String {
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
    body.trim_end().replace(GENERATED_MARKER, PATCHES_MARKER)
}

fn contains_identifier(text: &str, identifier: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(identifier)
        .any(|(i, _)| !word(text[..i].chars().next_back()) && !word(text[i + identifier.len()..].chars().next()))
}

/// Functions a template renames out of the way before including wasi-libc's header
/// (`#define tmpnam __wasi_shim_base_tmpnam`: wasi-libc declares them deprecated), with their area.
fn renamed_declarations(catalog: &Catalog, text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("#define "))
        .filter_map(|rest| {
            let (name, target) = rest.split_once(' ')?;
            target
                .trim()
                .starts_with("__wasi_shim_base_")
                .then(|| catalog.function(name).map(|f| (name.to_owned(), f.area.clone())))?
        })
        .collect()
}

/// wasi-libc's idiom for a declaration it deprecates on WASI (`#ifdef __wasilibc_unmodified_upstream`
/// … `#else` deprecated … `#endif`), opened to an area the way getpid is to _WASI_EMULATED_GETPID:
/// `#if defined(__wasilibc_unmodified_upstream) || defined(_WASI_EMULATED_<AREA>)`.
fn ungate_deprecated(original: &str, renamed: &[(String, String)], on: &BTreeSet<&str>) -> String {
    let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
    let mut areas_at: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (name, area) in renamed.iter().filter(|(_, a)| on.contains(a.as_str())) {
        let declared = lines.iter().position(|l| l.contains(&format!("{name}(")) && l.contains("__deprecated__"));
        if let Some(at) = declared {
            if let Some(gate) = (0..at).rev().find(|&i| lines[i].starts_with("#ifdef __wasilibc_unmodified_upstream")) {
                areas_at.entry(gate).or_default().insert(area.clone());
            }
        }
    }
    for (gate, areas) in areas_at {
        let comment = lines[gate].split_once("/*").map(|(_, c)| format!(" /*{c}")).unwrap_or_default();
        let any: String = areas.iter().map(|a| format!(" || defined({})", area_macro(a))).collect();
        lines[gate] = format!("#if defined(__wasilibc_unmodified_upstream){any}{comment}");
    }
    let mut text = lines.join("\n");
    if original.ends_with('\n') {
        text.push('\n');
    }
    text
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

/// Every `.c` and `.h` of ours under `dirs` reformatted in place with clang-format's LLVM style, by the
/// clang-format of the same LLVM release as `clang` (clang-19 -> clang-format-19).
fn format_c(clang: &Path, dirs: impl Iterator<Item = PathBuf>, ours: &dyn Fn(&Path) -> bool) -> Result<()> {
    let version = clang.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_prefix("clang")).unwrap_or("");
    let tool = clang.with_file_name(format!("clang-format{version}"));
    let mut files = Vec::new();
    for dir in dirs.filter(|d| d.is_dir()) {
        files.extend(
            crate::files::under(&dir)?
                .into_iter()
                .filter(|f| f.extension().is_some_and(|e| e == "c" || e == "h") && ours(f)),
        );
    }
    if files.is_empty() {
        return Ok(());
    }
    let status =
        std::process::Command::new(&tool).args(["--style=LLVM", "-i"]).args(&files).status().with_context(|| {
            format!("cannot run {}: install it (apt-get install clang-format{version})", tool.display())
        })?;
    if !status.success() {
        anyhow::bail!("{} failed on the series' C sources", tool.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defines_become_overridable() {
        assert_eq!(
            overridable("/* x */\n#define A 1\n#define B { \\\n 1 }\n"),
            "/* x */\n#ifndef A\n#define A 1\n#endif\n#ifndef B\n#define B { \\\n 1 }\n#endif\n"
        );
    }
}
