//! The CMake files of a CMake-layout wasi-libc tree (upstream main) with the areas added in upstream's own
//! idiom: one `libc-bottom-half/wasi-emulated-<area>/` directory and one `add_internal_library_pair` per
//! area (as `getpid/`, `mman/`, `signal/` and `clocks/` are), registered beside them, and the areas' gated
//! headers left out of check-symbols' include-all.c the way `signal.h` and `sys/mman.h` are.

use std::fmt::Write as _;

use anyhow::{bail, Result};

use super::plan::AreaPlan;
use super::{area_macro, COMMON, INCLUDE_ALL_EXCLUSION};

/// Where the areas' `add_subdirectory` lines go: after the last of upstream's emulation libraries.
const SUBDIRECTORY_ANCHOR: &str = "add_subdirectory(signal)\n";

/// `(path, text)` of every CMake file a state changes or adds: libc-bottom-half/CMakeLists.txt, one
/// CMakeLists.txt per library, and run-check-symbols.cmake when the state installs gated headers.
pub(super) fn render_cmake(
    bottom_half: &str,
    check_symbols: &str,
    common_sources: &[String],
    done: &[AreaPlan],
    gated_headers: &[String],
) -> Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    let dirs: Vec<String> = std::iter::once("wasi-emulated".to_owned())
        .chain(done.iter().map(|a| format!("wasi-emulated-{}", a.name)))
        .collect();
    let mut block = String::from(
        "# The wasi-emulated areas: opt-in POSIX emulation, one library per area, and the helpers\n\
         # they share. Built for preview 1, whose interfaces they call.\nif(WASI STREQUAL \"p1\")\n",
    );
    for dir in &dirs {
        writeln!(block, "  add_subdirectory({dir})").unwrap();
    }
    block.push_str("endif()\n");
    if !bottom_half.contains(SUBDIRECTORY_ANCHOR) {
        bail!("libc-bottom-half/CMakeLists.txt has no `{}` line: unknown layout", SUBDIRECTORY_ANCHOR.trim());
    }
    let mut registered = bottom_half.replacen(SUBDIRECTORY_ANCHOR, &format!("{SUBDIRECTORY_ANCHOR}{block}"), 1);
    if !gated_headers.is_empty() {
        registered = installed_for_p1_only(&registered, gated_headers)?;
    }
    files.push(("libc-bottom-half/CMakeLists.txt".to_owned(), registered));
    let switches = compile_definitions(done);
    files
        .push(("libc-bottom-half/wasi-emulated/CMakeLists.txt".to_owned(), library(COMMON, common_sources, &switches)));
    for area in done {
        let path = format!("libc-bottom-half/wasi-emulated-{}/CMakeLists.txt", area.name);
        files.push((path, library(&area.name, &area.sources, &switches)));
    }
    if !gated_headers.is_empty() {
        files.push((
            "cmake/scripts/run-check-symbols.cmake".to_owned(),
            exclude_from_include_all(check_symbols, gated_headers)?,
        ));
    }
    Ok(files)
}

/// Where the gated headers' exception goes: after the last target-specific exception of headers/public.
const PUBLIC_HEADERS_ANCHOR: &str =
    "  list(REMOVE_ITEM globbed_headers headers/public/wasi/__generated_wasip3.h)\nendif()\n";

/// The gated headers installed for wasip1 only, with the libraries they name (and where musl installs its
/// own `<netdb.h>`, on wasip2 and wasip3, without a second target of the same name).
fn installed_for_p1_only(bottom_half: &str, gated: &[String]) -> Result<String> {
    if !bottom_half.contains(PUBLIC_HEADERS_ANCHOR) {
        bail!("libc-bottom-half/CMakeLists.txt lacks the wasip3 exception of headers/public: unknown layout");
    }
    let mut block = String::from(
        "\n# The wasi-emulated areas' headers go with their libraries, which are built for wasip1 only.\nif (NOT (WASI STREQUAL \"p1\"))\n  list(REMOVE_ITEM globbed_headers\n",
    );
    for header in gated {
        writeln!(block, "    headers/public/{header}").unwrap();
    }
    block.push_str("  )\nendif()\n");
    Ok(bottom_half.replacen(PUBLIC_HEADERS_ANCHOR, &format!("{PUBLIC_HEADERS_ANCHOR}{block}"), 1))
}

/// Every area's switch and the base emulations the areas build on: the areas' sources see each
/// other's declarations, as the overlay's do.
fn compile_definitions(done: &[AreaPlan]) -> Vec<String> {
    let mut defs: Vec<String> = done.iter().map(|a| area_macro(&a.name)).collect();
    let mut bases: Vec<String> =
        done.iter().flat_map(|a| a.base_emulations.iter().map(|e| format!("_WASI_EMULATED_{e}"))).collect();
    bases.sort();
    bases.dedup();
    defs.extend(bases);
    defs
}

/// One area's CMakeLists.txt: the static and shared library pair, its policy header's directory and the
/// shared helpers' on the include path, and both installed into the sysroot.
fn library(area: &str, sources: &[String], definitions: &[String]) -> String {
    let name = format!("wasi-emulated-{area}");
    let mut text = format!("add_internal_library_pair({name}\n");
    for source in sources {
        writeln!(text, "    {source}").unwrap();
    }
    text.push_str(")\n\n");
    writeln!(text, "foreach(target {name} {name}-static)").unwrap();
    text.push_str(
        "  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}\n    ${CMAKE_CURRENT_SOURCE_DIR}/../wasi-emulated)\n",
    );
    if !definitions.is_empty() {
        writeln!(text, "  target_compile_definitions(${{target}} PRIVATE {})", definitions.join(" ")).unwrap();
    }
    text.push_str("endforeach()\n\n");
    writeln!(text, "sysroot_lib({name}-static lib{name}.a)\nsysroot_lib({name} lib{name}.so)").unwrap();
    text
}

/// The loop of run-check-symbols.cmake that writes include-all.c, before which the gated headers are found.
const INCLUDE_ALL_LOOP: &str = "foreach(header IN LISTS headers)";

/// run-check-symbols.cmake with the areas' gated headers (which `#error` without their area) left out of
/// include-all.c beside `signal.h`: each one the installed sysroot holds as ours (it names the wasi-emulated
/// areas), so musl's `<netdb.h>`, installed on wasip2 and wasip3, is still included there.
fn exclude_from_include_all(script: &str, gated: &[String]) -> Result<String> {
    let (Some(at), Some(loop_at)) = (script.find(INCLUDE_ALL_EXCLUSION), script.find(INCLUDE_ALL_LOOP)) else {
        bail!("cmake/scripts/run-check-symbols.cmake lacks `{INCLUDE_ALL_EXCLUSION}` or `{INCLUDE_ALL_LOOP}`: unknown layout");
    };
    let mut names: Vec<&str> = gated.iter().map(String::as_str).collect();
    names.sort();
    names.dedup();
    let mut find = String::from(
        "# The wasi-emulated areas' headers refuse without their area: leave out those the sysroot holds.\nset(wasi_emulated_gated NONE)\nforeach(header\n",
    );
    for name in &names {
        writeln!(find, "    {name}").unwrap();
    }
    find.push_str(
        "  )\n  if(EXISTS ${SYSROOT_INC}/${header})\n    file(STRINGS ${SYSROOT_INC}/${header} ours REGEX \"wasi-emulated\" LIMIT_COUNT 1)\n    if(ours)\n      string(REPLACE \".\" \"\\\\.\" escaped ${header})\n      string(APPEND wasi_emulated_gated \"|${escaped}\")\n    endif()\n  endif()\nendforeach()\n\n",
    );
    let line_start = script[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &script[line_start..at];
    let end = at + INCLUDE_ALL_EXCLUSION.len();
    let condition = format!("\n{indent}header MATCHES \"^(${{wasi_emulated_gated}})$\" OR");
    Ok(format!("{}{find}{}{condition}{}", &script[..loop_at], &script[loop_at..end], &script[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gated_headers_join_the_include_all_exclusions() {
        let script =
            format!("{INCLUDE_ALL_LOOP}\n  if(header MATCHES bits/ OR\n      {INCLUDE_ALL_EXCLUSION}\n      x)\n");
        let out = exclude_from_include_all(&script, &["pwd.h".into(), "sys/wait.h".into()]).unwrap();
        assert!(out.contains("foreach(header\n    pwd.h\n    sys/wait.h\n  )"), "{out}");
        assert!(out.contains("      header MATCHES \"^(${wasi_emulated_gated})$\" OR\n      x)"), "{out}");
        assert!(out.find("set(wasi_emulated_gated NONE)") < out.find(INCLUDE_ALL_LOOP), "{out}");
        assert!(exclude_from_include_all("nothing", &["pwd.h".into()]).is_err());
    }
}
