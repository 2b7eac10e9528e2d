//! The wasi-sdk-shaped view every overlay holds under `sdk/`: `bin/clang`, `clang++`, `clang-cpp`, `llvm-ar`,
//! `llvm-ranlib`, `llvm-nm` (and their short names) and `wasm-ld`, `share/wasi-sysroot` and
//! `share/cmake/wasi-sdk.cmake`, laid out as wasi-sdk lays them out, each tool going through the overlay's
//! wrappers, so scripts that take `WASI_SDK_PATH` (CPython's `Tools/wasm/wasi.py`) build over the overlay unchanged.

use std::path::Path;

use anyhow::{Context, Result};

use super::write;
use crate::codegen::GENERATED_MARKER;
use crate::escape::sh;
use crate::toolchain::Toolchain;
use crate::valid::utf8;

/// Write `root/sdk`.
pub(super) fn write_view(toolchain: &Toolchain, root: &Path) -> Result<()> {
    let sdk = root.join("sdk");
    let tool = |name: &str| toolchain.target.tool(name);
    for (name, wrapper, extra) in [
        ("clang", tool("clang"), ""),
        ("clang++", tool("clang++"), ""),
        ("clang-cpp", tool("clang"), " -E"),
        ("llvm-ar", tool("ar"), ""),
        ("ar", tool("ar"), ""),
        ("llvm-ranlib", tool("ranlib"), ""),
        ("ranlib", tool("ranlib"), ""),
        ("llvm-nm", tool("nm"), ""),
        ("nm", tool("nm"), ""),
    ] {
        let script = format!(
            "#!/bin/sh\n# {GENERATED_MARKER}\n# wasi-sdk's {name}, through the overlay's {wrapper}\n\
             exec \"$(dirname -- \"$0\")/../../bin/{wrapper}\"{extra} \"$@\"\n"
        );
        super::scripts::write_executable(&sdk.join("bin").join(name), &script)?;
    }
    let wasm_ld = crate::builtins::clang_prints(&toolchain.clang, &["-print-prog-name=wasm-ld"])
        .filter(|p| p.is_file())
        .with_context(|| format!("{} has no wasm-ld (install lld for it)", toolchain.clang.display()))?;
    let script = format!("#!/bin/sh\n# {GENERATED_MARKER}\nexec {} \"$@\"\n", sh::quote(utf8(&wasm_ld)?));
    super::scripts::write_executable(&sdk.join("bin/wasm-ld"), &script)?;
    // wasi-sdk's sysroot is the base's: the wrappers add the overlay on top, whatever --sysroot a script passes.
    let sysroot = sdk.join("share/wasi-sysroot");
    std::fs::create_dir_all(sdk.join("share")).with_context(|| format!("cannot create {}", sdk.display()))?;
    std::os::unix::fs::symlink(&toolchain.sysroot, &sysroot)
        .with_context(|| format!("cannot link {} to {}", sysroot.display(), toolchain.sysroot.display()))?;
    write(
        &sdk.join("share/cmake/wasi-sdk.cmake"),
        &format!(
            "# {GENERATED_MARKER}\n# wasi-sdk's toolchain file: the overlay's\n\
             include(\"${{CMAKE_CURRENT_LIST_DIR}}/../../../share/wasi-shim.cmake\")\n"
        ),
    )
}
