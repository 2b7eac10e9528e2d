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
    write_executable(&bin.join(toolchain.target.tool("run")), &run_script()?)
}

/// `bin/<target>-run MODULE [ARGS]`: a program this overlay built, run by `wasi-shim run` with the current directory
/// preopened as `.`; the exe wrapper build systems use for test programs (meson's cross file names it). The runner
/// is `$WASI_SHIM`, else the `wasi-shim` that built the overlay, else the one on `PATH`.
fn run_script() -> Result<String> {
    let built_by = std::env::current_exe()
        .ok()
        .filter(|exe| exe.file_name().is_some_and(|n| n == "wasi-shim") && exe.is_file())
        .map_or(Ok("wasi-shim".to_owned()), |exe| utf8(&exe).map(str::to_owned))?;
    Ok(format!(
        "#!/bin/sh\n# {GENERATED_MARKER}\n# A program this overlay built, run with the current directory preopened as `.`.\n\
         runner=${{WASI_SHIM:-{}}}\nexec \"$runner\" run --dir . \"$@\"\n",
        sh::quote(built_by)
    ))
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

pub(super) fn write_executable(path: &Path, text: &str) -> Result<()> {
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
# pkg-config finds only this overlay's .pc files, never the build machine's.
set(ENV{{PKG_CONFIG_LIBDIR}} "${{WASI_SHIM_OVERLAY}}/lib/pkgconfig")
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
    write(&root.join("share/wasi-shim.cmake"), &cmake)?;
    write(&root.join("share/wasi-shim.meson"), &meson_cross_file(toolchain))?;
    write(&root.join("lib/pkgconfig/wasi-shim.pc"), &pkg_config(policy, toolchain, plans, superseded)?)
}

/// `lib/pkgconfig/wasi-shim.pc`: what a build that does not use the wrappers needs to compile and link over the
/// overlay with plain clang: the target and sysroot, the overlay's headers, its archive and the link plan's flags.
/// The paths are relative to the file (`${pcfiledir}`, which pkg-config and pkgconf both define).
fn pkg_config(policy: &Policy, toolchain: &Toolchain, plans: &[LinkPlan], superseded: &[String]) -> Result<String> {
    let target = toolchain.target_flags().iter().map(|f| pc_escape(f)).collect::<Vec<_>>().join(" ");
    let link = link_flags(plans, superseded).iter().map(|f| pc_escape(f)).collect::<Vec<_>>().join(" ");
    let name = policy.name.replace(['\n', '\r'], " ");
    Ok(format!(
        r#"# {GENERATED_MARKER}
# pkg-config --cflags --libs wasi-shim: compile and link over this overlay with plain clang
prefix=${{pcfiledir}}/../..
includedir=${{prefix}}/include
libdir=${{prefix}}/lib/{triple}

Name: wasi-shim
Description: POSIX functions for {target_name} as the policy {name} chooses them
Version: {version}
Cflags: {target} -isystem ${{includedir}}
Libs: {target} -L${{libdir}} {link}
"#,
        triple = toolchain.triple,
        target_name = toolchain.target.name(),
        version = env!("CARGO_PKG_VERSION"),
    ))
}

/// A word of a `.pc` field: pkg-config splits fields on spaces and reads backslash escapes.
fn pc_escape(word: &str) -> String {
    word.chars()
        .flat_map(|c| if matches!(c, ' ' | '\\' | '"' | '\'' | '$' | '#') { vec!['\\', c] } else { vec![c] })
        .collect()
}

/// meson's cross file: the wrappers as the compilers and binutils, `bin/<target>-run` as the exe wrapper (so meson
/// runs test programs and `meson test` runs the tests), and the host machine. Paths are relative to the file
/// (`@DIRNAME@`, meson 0.56+), so the overlay can move.
fn meson_cross_file(toolchain: &Toolchain) -> String {
    let tool = |name: &str| toolchain.target.tool(name);
    format!(
        r#"# {GENERATED_MARKER}
# meson cross file: meson setup --cross-file <overlay>/share/wasi-shim.meson build
[constants]
overlay = '@DIRNAME@' / '..'

[binaries]
c = overlay / 'bin/{cc}'
cpp = overlay / 'bin/{cxx}'
ar = overlay / 'bin/{ar}'
ranlib = overlay / 'bin/{ranlib}'
nm = overlay / 'bin/{nm}'
exe_wrapper = overlay / 'bin/{run}'
pkg-config = 'pkg-config'

[properties]
needs_exe_wrapper = true
# Only this overlay's .pc files: the build machine's libraries are not wasm32's.
pkg_config_libdir = [overlay / 'lib/pkgconfig']

[host_machine]
system = 'wasi'
cpu_family = 'wasm32'
cpu = 'wasm32'
endian = 'little'
"#,
        cc = tool("clang"),
        cxx = tool("clang++"),
        ar = tool("ar"),
        ranlib = tool("ranlib"),
        nm = tool("nm"),
        run = tool("run"),
    )
}
