//! The WASI targets an overlay is built for: preview 1 core modules and preview 2 components.

use anyhow::{bail, Result};

/// A WASI target. Preview 1 is the default; `wasm32-wasi` is its older spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Target {
    /// `wasm32-wasip1`: a core module importing `wasi_snapshot_preview1`.
    #[default]
    Wasip1,
    /// `wasm32-wasip2`: a component importing `wasi:cli`, `wasi:sockets` …, linked by `wasm-component-ld`.
    Wasip2,
}

impl Target {
    pub const ALL: [Target; 2] = [Target::Wasip1, Target::Wasip2];

    pub fn parse(name: &str) -> Result<Target> {
        match name {
            "wasm32-wasip1" | "wasm32-wasi" => Ok(Target::Wasip1),
            "wasm32-wasip2" => Ok(Target::Wasip2),
            other => bail!(
                "unknown target `{other}`: expected `wasm32-wasip1` (also spelled `wasm32-wasi`) or `wasm32-wasip2`"
            ),
        }
    }

    /// The target's name, as rustc and upstream wasi-libc spell it.
    pub fn name(self) -> &'static str {
        match self {
            Target::Wasip1 => "wasm32-wasip1",
            Target::Wasip2 => "wasm32-wasip2",
        }
    }

    /// The sysroot triple directories (`lib/<triple>`, `include/<triple>`) that serve this target, in order of
    /// preference: Debian's trees name preview 1 `wasm32-wasi`, upstream's `wasm32-wasip1`.
    pub fn sysroot_triples(self) -> &'static [&'static str] {
        match self {
            Target::Wasip1 => &["wasm32-wasi", "wasm32-wasip1"],
            Target::Wasip2 => &["wasm32-wasip2"],
        }
    }

    /// The name of one of the overlay's tools for this target: `wasm32-wasi-clang` (the name autoconf's
    /// `--host=wasm32-wasi` looks for) or `wasm32-wasip2-clang`.
    pub fn tool(self, tool: &str) -> String {
        match self {
            Target::Wasip1 => format!("wasm32-wasi-{tool}"),
            Target::Wasip2 => format!("wasm32-wasip2-{tool}"),
        }
    }

    /// What `./configure --host=` takes for this target: `wasm32-wasi` for preview 1, which every project's
    /// `config.sub` knows (newer triples are missing from many projects' copies), the target's name otherwise.
    pub fn autoconf_host(self) -> &'static str {
        match self {
            Target::Wasip1 => "wasm32-wasi",
            Target::Wasip2 => self.name(),
        }
    }

    /// Whether a program for this target is a component (and its link runs `wasm-component-ld`).
    pub fn is_component(self) -> bool {
        self == Target::Wasip2
    }
}

impl std::str::FromStr for Target {
    type Err = anyhow::Error;
    fn from_str(name: &str) -> Result<Target> {
        Target::parse(name)
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn the_old_spelling_is_preview_1() {
        assert_eq!(Target::parse("wasm32-wasi").unwrap(), Target::Wasip1);
        assert_eq!(Target::parse("wasm32-wasip2").unwrap().tool("clang"), "wasm32-wasip2-clang");
        let error = Target::parse("wasm32-wasip3").unwrap_err().to_string();
        assert!(error.contains("expected `wasm32-wasip1`"), "{error}");
    }
}
