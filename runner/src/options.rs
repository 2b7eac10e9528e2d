//! `wasi-shim run`'s command line turned into [`RunOptions`]: wasmtime's flags (`--dir`, `--mapdir`,
//! `--env`, `-S`, `-W`), each checked, with no file system or runtime involved (so it can be fuzzed).

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};

/// A host directory made visible to the guest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preopen {
    pub host: PathBuf,
    pub guest: String,
}

impl Preopen {
    /// `HOST` or `HOST::GUEST` (wasmtime's `--dir` spelling).
    pub fn parse_dir(spec: &str) -> Preopen {
        match spec.split_once("::") {
            Some((host, guest)) => Preopen { host: host.into(), guest: guest.into() },
            None => Preopen { host: spec.into(), guest: spec.into() },
        }
    }
    /// `GUEST::HOST` (older wasmtime's `--mapdir` spelling).
    pub fn parse_mapdir(spec: &str) -> Result<Preopen> {
        let (guest, host) = spec.split_once("::").ok_or_else(|| anyhow!("--mapdir takes GUEST::HOST, not `{spec}`"))?;
        Ok(Preopen { host: host.into(), guest: guest.into() })
    }
}

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub preopens: Vec<Preopen>,
    pub env: Vec<(String, String)>,
    pub inherit_env: bool,
    /// argv[1..]; argv[0] is the module path as given.
    pub args: Vec<String>,
    /// argv[0] in place of the module path, as wasmtime's `--argv0`: CPython finds its standard
    /// library from where argv[0] says python.wasm is, which must be a path inside the guest.
    pub argv0: Option<String>,
    /// wasmtime's `-W max-wasm-stack=N`: CPython's HOSTRUNNER asks for 8 MiB of wasm stack.
    pub max_wasm_stack: Option<usize>,
    /// wasmtime's `-S inherit-network`: a component's `wasi:sockets` may use the host's network (preview 1 has
    /// no socket creation, so a core module is unaffected).
    pub inherit_network: bool,
    /// wasmtime's `-S allow-ip-name-lookup`: a component's `getaddrinfo` may ask the host's resolver.
    pub allow_ip_name_lookup: bool,
    /// wasmtime's `-S tcp=n` and `-S udp=n`: the socket kinds a component may not create (both allowed by
    /// default, as in wasmtime's CLI; addresses still need `inherit-network`).
    pub deny_tcp: bool,
    pub deny_udp: bool,
}

/// The largest wasm stack `-W max-wasm-stack` may ask for: far beyond any real program's (CPython asks
/// for 8 MiB), and small enough that the async stack around it is a size the host can map.
pub const MAX_WASM_STACK: usize = 1 << 30;

/// Apply one of wasmtime's `-W`/`--wasm` options: `max-wasm-stack=N` is honoured; exceptions are
/// always on, and anything else is accepted and ignored so a HOSTRUNNER written for wasmtime works.
pub fn apply_wasm_option(options: &mut RunOptions, spec: &str) -> Result<()> {
    for part in spec.split(',') {
        if let Some(size) = part.strip_prefix("max-wasm-stack=") {
            let bytes: usize =
                size.parse().with_context(|| format!("-W max-wasm-stack takes a byte count, not `{size}`"))?;
            // The async stack must hold the wasm stack plus the host's frames (see `engine`).
            if bytes == 0 || bytes > MAX_WASM_STACK {
                bail!("-W max-wasm-stack={size} is outside 1..={MAX_WASM_STACK} bytes (1 GiB)");
            }
            options.max_wasm_stack = Some(bytes);
        }
    }
    Ok(())
}

/// Parse `K=V`, or `K` alone meaning "K's value in the host environment"; `None` when `K` alone is not set
/// on the host, which `wasmtime run --env K` leaves undefined for the guest too.
pub fn parse_env(spec: &str) -> Result<Option<(String, String)>> {
    match spec.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok(Some((k.to_owned(), v.to_owned()))),
        None if !spec.is_empty() => Ok(std::env::var(spec).ok().map(|v| (spec.to_owned(), v))),
        _ => bail!("--env takes NAME=VALUE, not `{spec}`"),
    }
}

/// `wasi-shim run`'s flags as the command line gave them.
#[derive(Debug, Clone, Default)]
pub struct RunFlags {
    pub dirs: Vec<String>,
    pub mapdirs: Vec<String>,
    pub env: Vec<String>,
    pub inherit_env: bool,
    pub argv0: Option<String>,
    pub wasi_options: Vec<String>,
    pub wasm_options: Vec<String>,
    /// The module, then its arguments (a leading `--` is skipped).
    pub command: Vec<String>,
}

impl RunFlags {
    /// The module named and the options to run it with.
    pub fn parse(self) -> Result<(String, RunOptions)> {
        let mut options = RunOptions { inherit_env: self.inherit_env, argv0: self.argv0, ..RunOptions::default() };
        options.preopens.extend(self.dirs.iter().map(|d| Preopen::parse_dir(d)));
        for m in &self.mapdirs {
            options.preopens.push(Preopen::parse_mapdir(m)?);
        }
        for e in &self.env {
            options.env.extend(parse_env(e)?);
        }
        for w in &self.wasm_options {
            apply_wasm_option(&mut options, w)?;
        }
        for option in self.wasi_options.iter().flat_map(|o| o.split(',')) {
            match option {
                "inherit-env" | "inherit-env=y" => options.inherit_env = true,
                "inherit-network" | "inherit-network=y" => options.inherit_network = true,
                "allow-ip-name-lookup" | "allow-ip-name-lookup=y" => options.allow_ip_name_lookup = true,
                "tcp=n" => options.deny_tcp = true,
                "udp=n" => options.deny_udp = true,
                _ => {}
            }
        }
        let mut command = self.command.into_iter().skip_while(|a| a == "--");
        let module = command.next().ok_or_else(|| anyhow!("wasi-shim run needs a module"))?;
        options.args = command.collect();
        Ok((module, options))
    }
}

#[cfg(test)]
mod tests {
    use super::RunFlags;

    #[test]
    fn network_options_are_read_as_wasmtime_spells_them() {
        let flags = |wasi: &[&str]| RunFlags {
            wasi_options: wasi.iter().map(|s| s.to_string()).collect(),
            command: vec!["m.wasm".to_owned()],
            ..RunFlags::default()
        };
        let (_, plain) = flags(&[]).parse().unwrap();
        assert!(!plain.inherit_network && !plain.allow_ip_name_lookup && !plain.deny_tcp && !plain.deny_udp);
        let (_, open) = flags(&["inherit-network,allow-ip-name-lookup=y", "inherit-env"]).parse().unwrap();
        assert!(open.inherit_network && open.allow_ip_name_lookup && open.inherit_env);
        let (_, closed) = flags(&["tcp=n", "udp=n", "cli-exit-with-code"]).parse().unwrap();
        assert!(closed.deny_tcp && closed.deny_udp && !closed.inherit_network);
    }
}
