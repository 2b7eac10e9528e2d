//! The Makefile of a Makefile-layout wasi-libc tree with the areas' sources, libraries, flags and headers added,
//! each edit at a fixed anchor of the known layout.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use anyhow::{bail, Result};

use super::plan::AreaPlan;
use super::{area_macro, upper, COMMON, EMULATED_HEADERS};

/// The Makefile with the shared helpers and the areas in `done`, each edit at a fixed anchor of
/// the known layout.
pub(super) fn render_makefile(
    pristine: &str,
    done: &[AreaPlan],
    install_headers: bool,
    gated_headers: &[String],
) -> Result<String> {
    let mut text = pristine.to_owned();
    let all: Vec<String> = std::iter::once(COMMON.to_owned()).chain(done.iter().map(|a| a.name.clone())).collect();

    let mut sources = String::from("\n# wasi-emulated areas: opt-in POSIX emulation, one library per area, plus the\n# helpers they share (libc-bottom-half/wasi-emulated).\n");
    writeln!(sources, "{}_SOURCES = $(LIBC_BOTTOM_HALF_DIR)/wasi-emulated/common.c", variable(COMMON)).unwrap();
    for a in done {
        writeln!(
            sources,
            "{}_SOURCES = $(shell find $(LIBC_BOTTOM_HALF_DIR)/wasi-emulated-{} -name \\*.c)",
            variable(&a.name),
            a.name
        )
        .unwrap();
    }
    text = insert_after_block(&text, "LIBWASI_EMULATED_SIGNAL_MUSL_SOURCES", &sources)?;

    let objs: String = all.iter().map(|a| format!("{0}_OBJS = $(call objs,$({0}_SOURCES))\n", variable(a))).collect();
    text = insert_after_block(&text, "LIBWASI_EMULATED_SIGNAL_MUSL_OBJS", &objs)?;

    let rules: String =
        all.iter().map(|a| format!("\n$(SYSROOT_LIB)/libwasi-emulated-{a}.a: $({}_OBJS)\n", variable(a))).collect();
    text = insert_after_block(&text, "$(SYSROOT_LIB)/libwasi-emulated-signal.a:", &rules)?;

    let cflags = cflags_block(done);
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

/// The make variable prefix of an area's library (`LIBWASI_EMULATED_IDENTITY`).
fn variable(area: &str) -> String {
    format!("LIBWASI_EMULATED_{}", upper(area))
}

/// The flags the areas' objects compile with: every area's switch, the base emulations they build on, and
/// each area's own directory for its policy header.
fn cflags_block(done: &[AreaPlan]) -> String {
    let switches: Vec<String> = done.iter().map(|a| format!("-D{}", area_macro(&a.name))).collect();
    let bases: BTreeSet<String> =
        done.iter().flat_map(|a| a.base_emulations.iter().map(|e| format!("-D_WASI_EMULATED_{e}"))).collect();
    let mut cflags =
        String::from("\n# The areas' sources see every area's declarations and the base emulations they build on.\n");
    writeln!(
        cflags,
        "WASI_EMULATED_CFLAGS = {} -I$(LIBC_BOTTOM_HALF_DIR)/wasi-emulated -Wno-unused-parameter",
        switches.into_iter().chain(bases).collect::<Vec<_>>().join(" ")
    )
    .unwrap();
    writeln!(cflags, "$({}_OBJS): CFLAGS += $(WASI_EMULATED_CFLAGS)", variable(COMMON)).unwrap();
    for a in done {
        writeln!(
            cflags,
            "$({}_OBJS): CFLAGS += -I$(LIBC_BOTTOM_HALF_DIR)/wasi-emulated-{} $(WASI_EMULATED_CFLAGS)",
            variable(&a.name),
            a.name
        )
        .unwrap();
    }
    cflags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makefile_blocks_go_after_continued_lines() {
        let text = "A = \\\n    x \\\n    y\nB = 1\n";
        assert_eq!(insert_after_block(text, "A =", "C = 2\n").unwrap(), "A = \\\n    x \\\n    y\nC = 2\nB = 1\n");
        assert!(insert_after_block(text, "Z", "").is_err());
    }
}
