//! The commit messages: what a wasi-libc reviewer reads about each patch.

use std::fmt::Write as _;

use super::plan::{AreaPlan, HeaderKind, HeaderPlan};
use super::{area_macro, Generator, Layout};
use crate::base::{Link, LinkPlan};
use crate::catalog::{BaseRelation, Behaviour, Catalog};

use std::path::Path;

use super::stubs::{base_code, BaseCode};
use crate::policy::Choice;
use crate::text::wrap_words;

impl Generator<'_> {
    pub(super) fn common_message(&self, areas: &[AreaPlan], layout: Layout) -> String {
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
             wasi-libc, e.g. {}.\n\n\
             Every area links libwasi-emulated-common.a: its ldflags in series.toml\n\
             include -lwasi-emulated-common.\n",
            areas.len(),
            names.join(", "),
            crate::escape::one_line(&self.policy.name),
            layout.override_example()
        )
    }

    pub(super) fn area_message(
        &self,
        area: &AreaPlan,
        headers: &[HeaderPlan],
        plans: &[LinkPlan],
        tree: &Path,
    ) -> String {
        let catalog = &self.shims.catalog;
        let summary = catalog.areas.get(&area.name).map(|a| a.summary.as_str()).unwrap_or_default();
        let mut m = String::new();
        writeln!(m, "Add libwasi-emulated-{}: opt-in {}\n", area.name, first_clause(summary)).unwrap();
        writeln!(m, "{}\n", wrap_words(&capitalised(summary), 72).join("\n")).unwrap();
        writeln!(m, "This adds libwasi-emulated-{}.a, an opt-in emulation library like", area.name).unwrap();
        writeln!(m, "libwasi-emulated-signal. A program opts in with").unwrap();
        writeln!(m, "\n    cflags:  {}\n    ldflags: {}\n", area.cflags.join(" "), area.ldflags.join(" ")).unwrap();
        let declared: Vec<String> = headers
            .iter()
            .filter(|h| h.areas.contains(&area.name))
            .map(|h| match h.kind {
                HeaderKind::New => {
                    format!("<{}> (new; refuses with #error without {})", h.name, area_macro(&area.name))
                }
                _ => format!("<{}>", h.name),
            })
            .collect();
        writeln!(
            m,
            "Without {} the headers declare nothing new. Headers: {}.\n",
            area_macro(&area.name),
            declared.join(", ")
        )
        .unwrap();
        if !area.needs.is_empty() {
            writeln!(
                m,
                "It calls into the {} area(s), whose libraries its ldflags list too.\n",
                area.needs.iter().cloned().collect::<Vec<_>>().join(", ")
            )
            .unwrap();
        }
        let ours = |p: &&LinkPlan| catalog.function(&p.function).is_some_and(|f| f.area == area.name);
        let on_top: Vec<&str> = plans
            .iter()
            .filter(ours)
            .filter(|p| {
                p.link == Link::Wrap && catalog.function(&p.function).is_some_and(|f| f.base == BaseRelation::Wrap)
            })
            .map(|p| p.function.as_str())
            .collect();
        if !on_top.is_empty() {
            writeln!(m, "{} run on top of wasi-libc's own definitions through wasm-ld's --wrap\n(the ldflags carry it): __real_<name> is wasi-libc's.\n", on_top.join(", ")).unwrap();
        }
        let internals: Vec<&str> = area
            .defined
            .iter()
            .filter_map(|s| s.strip_prefix("__wrap_"))
            .filter(|name| catalog.function(name).is_none())
            .collect();
        if !internals.is_empty() {
            let names = internals.join(", ");
            writeln!(m, "It also wraps wasi-libc's internal {names} (the ldflags carry the --wrap);\nthe source that defines __wrap_<name> says why.\n").unwrap();
        }
        m.push_str(&superseded(plans.iter().filter(ours), catalog, tree));
        writeln!(m, "Behaviour chosen by wasi-shim's `{}` policy, each a default a builder\noverrides with -DWS_BEHAVIOUR_<function>=WS_<EMULATE|VALUE|ERROR|SUCCEED|TRAP>\n(and -DWS_ERRNO_<function>=...):\n", self.policy.name).unwrap();
        for choice in self.policy.choices.iter().filter(|c| c.function.area == area.name) {
            m.push_str(&choice_lines(choice));
        }
        m
    }
}

/// The summary up to its first comma or semicolon: a commit subject's worth.
fn first_clause(summary: &str) -> String {
    summary.split([',', ';', '.', ':']).next().unwrap_or(summary).trim().to_owned()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// One function's line in an area's message: its behaviour, its POSIX page, and why.
fn choice_lines(choice: &Choice) -> String {
    let f = &choice.function;
    let what = match choice.behaviour {
        Behaviour::Error => format!("error {}", choice.errno),
        Behaviour::Value => format!("value {}", choice.value.as_ref().map(|v| v.to_string()).unwrap_or_default()),
        other => other.to_string(),
    };
    let why = f.behaviour_note(choice.behaviour);
    let mut m = format!("- {} ({what}; POSIX: {}):\n", f.name, f.posix_url());
    for line in wrap_words(&why.unwrap_or_default(), 70) {
        writeln!(m, "    {line}").unwrap();
    }
    m
}

/// The base definitions an area's functions take the place of, each with what the tree's own source says it
/// does on wasm32-wasip1, so a reviewer sees which base stub is superseded and that no implementation is.
fn superseded<'a>(plans: impl Iterator<Item = &'a LinkPlan>, catalog: &Catalog, tree: &Path) -> String {
    let mut lines = String::new();
    for plan in plans {
        let (Some(base), Some(f)) = (&plan.base, catalog.function(&plan.function)) else { continue };
        if f.base != BaseRelation::Replace || plan.link == Link::Unlinked {
            continue;
        }
        let what = match base_code(tree, &base.member, &f.name) {
            Some(BaseCode::Stub { errno, source }) => format!("which only fails with {errno} ({source})"),
            Some(BaseCode::Implemented { source }) => format!("which is implemented ({source}); review this one"),
            None => format!("({}:{})", base.archive, base.member),
        };
        writeln!(lines, "- {}: supersedes wasi-libc's own {} on wasm32-wasip1, {what}.", f.name, f.name).unwrap();
    }
    if lines.is_empty() {
        return lines;
    }
    format!("Where wasi-libc already defines one of these functions, the area's answer takes its\nplace (the wrapped or replaced definition is never reached):\n{lines}\n")
}
