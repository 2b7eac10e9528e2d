//! The overlay's scripts: compiler wrappers (`bin/`), `share/config.site` and the recipes' files, and the
//! CMake toolchain file; every path and name in them goes through the writer of its language.

use std::path::Path;

use anyhow::{Context, Result};

use super::{link_flags, write};
use crate::base::LinkPlan;
use crate::codegen::{self, GENERATED_MARKER};
use crate::escape::{cmake, sh};
use crate::policy::Policy;
use crate::shims::Shims;
use crate::toolchain::Toolchain;
use crate::valid::utf8;

pub(super) fn write_wrappers(
    toolchain: &Toolchain,
    plans: &[LinkPlan],
    superseded: &[String],
    root: &Path,
) -> Result<()> {
    let bin = root.join("bin");
    let target: Vec<String> = toolchain.target_flags().iter().map(sh::quote).collect();
    // A component's link: the component linker, and the component type of the shims' own imports (a shell
    // word of its own, so `$overlay` expands).
    let component_link: Vec<String> = toolchain
        .link_flags()
        .iter()
        .map(sh::quote)
        .chain(
            toolchain
                .target
                .is_component()
                .then(|| r#""-Wl,--component-type,$overlay/share/wasi-shim.wit""#.to_owned()),
        )
        .collect();
    // setjmp/longjmp: wasi-libc's libsetjmp works on exception handling, which clang enables per compile.
    let sjlj = toolchain.setjmp_flags();
    // Only where something is compiled: on a link of objects alone clang warns that it went unused.
    let sjlj_flags = sjlj.map_or(String::new(), |(compile, _)| compile.join(" "));
    let link = link_flags(plans, superseded).iter().map(sh::quote).collect::<Vec<_>>().join(" ");
    let sjlj_link = sjlj.map_or("", |(_, link)| link);
    let drop_cases = if superseded.is_empty() {
        String::from("__wasi_shim_none__")
    } else {
        superseded.iter().map(|l| sh::quote(format!("-l{l}"))).collect::<Vec<_>>().join("|")
    };
    let triple_name = toolchain.target.name();
    for (name, compiler) in
        [(toolchain.target.tool("clang"), &toolchain.clang), (toolchain.target.tool("clang++"), &toolchain.clangxx)]
    {
        let script = format!(
            r#"#!/bin/sh
# {GENERATED_MARKER}
# {name}: {compiler_note} for {triple_name} over the base sysroot plus this overlay; takes clang's arguments.
overlay=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
link=1
compiles=
for arg in "$@"; do
  case "$arg" in
    -c|-S|-E|-M|-MM|-fsyntax-only|--version|-dumpversion|-dumpmachine|-print-*|--print-*) link=0 ;;
  esac
  case "$arg" in
    *.c|*.cc|*.cpp|*.cxx|*.c++|*.C|*.i|*.ii|-x|-) compiles="{sjlj_flags}" ;;
  esac
done
# A program with its own setjmp (Ruby's asyncify-based wasm/setjmp.c) must not get wasi-libc's.
if [ "${{WASI_SHIM_SJLJ:-1}}" = 0 ]; then compiles=; sjlj_link=; else sjlj_link="{sjlj_link}"; fi
[ $# -eq 0 ] && link=0
# Opt-in base libraries whose members ours replace must come after our archive: drop the user's copy.
count=$#
while [ "$count" -gt 0 ]; do
  arg=$1; shift; count=$((count - 1))
  case "$arg" in
    {drop_cases}) ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if [ $link -eq 1 ]; then
  # Our archive first as well: wasm-ld takes the first archive that offers a symbol, so a program's
  # own weak fallbacks in an archive of its own (Ruby's wasm/missing.c) do not shadow the policy's.
  exec {compiler} {target} {component_link}$compiles -isystem "$overlay/include" -L"$overlay/lib/{triple}" -lwasi-shim "$@" {link} $sjlj_link
else
  exec {compiler} {target} $compiles -isystem "$overlay/include" "$@"
fi
"#,
            compiler = sh::quote(utf8(compiler)?),
            compiler_note = sh::comment(utf8(compiler)?),
            target = target.join(" "),
            component_link = component_link.iter().map(|f| format!("{f} ")).collect::<String>(),
            triple = toolchain.triple,
        );
        write_executable(&bin.join(name), &script)?;
    }
    for (name, tool) in [("ar", &toolchain.ar), ("ranlib", &toolchain.ranlib), ("nm", &toolchain.nm)] {
        let script = format!("#!/bin/sh\n# {GENERATED_MARKER}\nexec {} \"$@\"\n", sh::quote(utf8(tool)?));
        write_executable(&bin.join(toolchain.target.tool(name)), &script)?;
    }
    Ok(())
}

/// The component type of what the shims import beyond the base's own world, for `wasm-component-ld`: `wasi:cli/exit`'s
/// `exit-with-code`, through which a signal's default action reports 128+signo (a preview 1 exit through the
/// adapter reports only 0 or 1). The interface is written whole, as WASI 0.2.12 defines it, so it merges with a
/// base whose libc imports the same version.
const SHIMS_WIT: &str = r#"package wasi-shim:imports;

world imports {
  import wasi:cli/exit@0.2.12;
}

package wasi:cli@0.2.12 {
  @since(version = 0.2.0)
  interface exit {
    @since(version = 0.2.0)
    exit: func(status: result);
    @since(version = 0.2.12)
    exit-with-code: func(status-code: u8);
  }
}
"#;

fn write_executable(path: &Path, text: &str) -> Result<()> {
    write(path, text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot chmod {}", path.display()))?;
    }
    Ok(())
}

/// `root` is the staging directory; `out` is where it will be renamed to, which config.site names.
pub(super) fn write_share(
    shims: &Shims,
    policy: &Policy,
    toolchain: &Toolchain,
    plans: &[LinkPlan],
    superseded: &[String],
    root: &Path,
    out: &Path,
) -> Result<()> {
    let out = std::path::absolute(out).with_context(|| format!("cannot resolve {}", out.display()))?;
    if toolchain.target.is_component() {
        write(&root.join("share/wasi-shim.wit"), &format!("// {GENERATED_MARKER}\n{SHIMS_WIT}"))?;
    }
    let generic = codegen::config_site(policy, toolchain.target, utf8(&out)?);
    write(&root.join("share/config.site"), &generic)?;
    for recipe in &shims.recipes {
        write(&root.join("share").join(&recipe.name).join("config.site"), &recipe.config_site(policy, &generic))?;
        if !recipe.modules.is_empty() {
            write(&root.join("share").join(&recipe.name).join("Setup.local"), &recipe.setup_local(policy))?;
        }
    }
    let link = cmake::comment(link_flags(plans, superseded).join(" "));
    let cmake = format!(
        r#"# {GENERATED_MARKER}
# CMake toolchain file: cmake -DCMAKE_TOOLCHAIN_FILE=<overlay>/share/wasi-shim.cmake
get_filename_component(WASI_SHIM_OVERLAY "${{CMAKE_CURRENT_LIST_DIR}}/.." ABSOLUTE)
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION {system_version})
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(CMAKE_C_COMPILER "${{WASI_SHIM_OVERLAY}}/bin/{cc}")
set(CMAKE_CXX_COMPILER "${{WASI_SHIM_OVERLAY}}/bin/{cxx}")
set(CMAKE_AR "${{WASI_SHIM_OVERLAY}}/bin/{ar}" CACHE FILEPATH "archiver")
set(CMAKE_RANLIB "${{WASI_SHIM_OVERLAY}}/bin/{ranlib}" CACHE FILEPATH "ranlib")
set(CMAKE_C_COMPILER_TARGET {triple})
set(CMAKE_CXX_COMPILER_TARGET {triple})
set(CMAKE_SYSROOT {sysroot})
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# the wrappers add these; listed for projects that bypass them: {link}
"#,
        triple = toolchain.triple,
        sysroot = cmake::quoted(utf8(&toolchain.sysroot)?)?,
        // wasi-sdk's toolchain files: 1 for preview 1, 2 for the component target.
        system_version = if toolchain.target.is_component() { 2 } else { 1 },
        cc = toolchain.target.tool("clang"),
        cxx = toolchain.target.tool("clang++"),
        ar = toolchain.target.tool("ar"),
        ranlib = toolchain.target.tool("ranlib"),
    );
    write(&root.join("share/wasi-shim.cmake"), &cmake)
}
