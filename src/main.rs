//! The `wasi-shim` command line: parses arguments and calls the library.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use wasi_shim::overlay;
use wasi_shim::patches::Layout;
use wasi_shim::policy::Policy;
use wasi_shim::runner::{self, RunFlags};
use wasi_shim::shims::Shims;
use wasi_shim::target::Target;
use wasi_shim::toolchain::{self, BaseRelease};

#[derive(Parser)]
#[command(name = "wasi-shim", version, about = "POSIX stubs for wasm32-wasi, chosen per function by a policy")]
struct Cli {
    /// Read the catalog, C sources and headers from this shims/ directory instead of the built-in copy
    #[arg(long, global = true, env = "WASI_SHIM_SHIMS_DIR", value_name = "DIR")]
    shims: Option<PathBuf>,
    /// No progress lines or bars on stderr (results and errors still print)
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the clang and wasi-libc sysroot that builds will use, and how they were found
    Toolchain {
        /// Install clang and fetch Debian's wasi-libc into the cache if nothing is found
        #[arg(long)]
        provision: bool,
        /// Debian release whose wasi-libc to look for or provision
        #[arg(long, default_value = "trixie")]
        base: String,
        /// wasm32-wasip1 (also spelled wasm32-wasi) or wasm32-wasip2
        #[arg(long, default_value = "wasm32-wasip1")]
        target: Target,
    },
    /// Validate a policy and print what it chooses for every function
    Check {
        /// A preset name (default, strict, wasix) or a policy file
        #[arg(default_value = "default")]
        policy: String,
        /// text (a table), or json (one document in the schema the README's Policy reference documents)
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Write a starter policy from what a .wasm, .o, .a or config.log uses: the preset's choice for each catalog
    /// function it uses, stated with what each behaviour does, so each line is one decision to keep or change
    Init {
        /// The program, object, archive or config.log to read, as `audit` reads it
        #[arg(long)]
        from: PathBuf,
        /// The preset (or policy file) the starter policy extends and whose choices it states
        #[arg(long, default_value = "default")]
        extends: String,
        /// Write the policy here (never over an existing file) instead of printing it
        #[arg(long)]
        out: Option<PathBuf>,
        /// Debian release whose wasi-libc tells which functions the base already has
        #[arg(long, default_value = "trixie")]
        base: String,
    },
    /// Show the functions two policies (or presets) answer differently, side by side with where each chose
    Diff {
        a: String,
        b: String,
        /// Compare only the catalog functions this .wasm, .o, .a or config.log uses
        #[arg(long, value_name = "FILE")]
        only_used: Option<PathBuf>,
        /// Debian release whose wasi-libc tells which functions the base already has (with --only-used)
        #[arg(long, default_value = "trixie")]
        base: String,
    },
    /// Build a sysroot overlay for a policy, provisioning the toolchain if needed
    Build {
        /// A preset name (default, strict, wasix) or a policy file
        #[arg(long, default_value = "default")]
        policy: String,
        /// Where to write the overlay (replaced atomically)
        #[arg(long, default_value = overlay::DEFAULT_OUT)]
        out: PathBuf,
        /// Debian release whose wasi-libc to layer over when provisioning
        #[arg(long, default_value = "trixie")]
        base: String,
        /// What programs are built for: wasm32-wasip1 core modules (also spelled wasm32-wasi) or wasm32-wasip2
        /// components
        #[arg(long, default_value = "wasm32-wasip1")]
        target: Target,
    },
    /// Build an overlay over rustc's bundled wasi-libc and print the environment that makes cargo's C builds for
    /// wasm32-wasip1 (the cc crate, bindgen) compile over it and link its shims
    Env {
        /// A preset name (default, strict, wasix) or a policy file
        #[arg(long, default_value = "default")]
        policy: String,
        /// Where to write the overlay (replaced atomically)
        #[arg(long, default_value = wasi_shim::rust_target::DEFAULT_OUT)]
        out: PathBuf,
        /// Debian release whose wasi-libc headers to compile against when provisioning
        #[arg(long, default_value = "trixie")]
        base: String,
    },
    /// Run a WASI command in embedded wasmtime, a preview 1 module or a preview 2 component (accepts `wasmtime run`
    /// flags)
    #[command(disable_help_flag = false)]
    Run {
        /// Give the guest a host directory: HOST or HOST::GUEST
        #[arg(long = "dir", value_name = "HOST[::GUEST]")]
        dirs: Vec<String>,
        /// Give the guest a host directory: GUEST::HOST (older wasmtime spelling)
        #[arg(long = "mapdir", value_name = "GUEST::HOST")]
        mapdirs: Vec<String>,
        /// Set an environment variable for the guest: NAME=VALUE (or NAME to copy the host's)
        #[arg(long = "env", value_name = "NAME=VALUE")]
        env: Vec<String>,
        /// Pass the whole host environment to the guest
        #[arg(long)]
        inherit_env: bool,
        /// argv[0] for the guest instead of the module path (wasmtime's --argv0)
        #[arg(long)]
        argv0: Option<String>,
        /// wasmtime's -S options: `inherit-env`, `inherit-network` and `allow-ip-name-lookup` are honoured, others are
        /// accepted and ignored
        #[arg(short = 'S', long = "wasi", value_name = "OPTION")]
        wasi_options: Vec<String>,
        /// wasmtime's -W options: `max-wasm-stack=N` is honoured, others are accepted (exceptions are always enabled)
        #[arg(short = 'W', long = "wasm", value_name = "OPTION")]
        wasm_options: Vec<String>,
        /// The module, then its arguments
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true, value_name = "MODULE [ARGS]...")]
        command: Vec<String>,
    },
    /// List the POSIX functions a .wasm, .o, .a or autoconf config.log needs that the base lacks, and how the catalog covers them
    Audit {
        file: PathBuf,
        #[arg(long, default_value = "default")]
        policy: String,
        #[arg(long, default_value = "trixie")]
        base: String,
    },
    /// Write the catalog as a git format-patch series for a wasi-libc source tree (one opt-in library per area)
    Patches {
        /// The wasi-libc source: a directory (Debian's `apt-get source wasi-libc`, an upstream checkout) or an
        /// upstream `git archive` tarball
        #[arg(long = "wasi-libc", value_name = "DIR|TARBALL")]
        wasi_libc: PathBuf,
        /// The policy whose choices become the compile-time defaults
        #[arg(long, default_value = "default")]
        policy: String,
        /// Where to write the patches and series.toml
        #[arg(long, default_value = "wasi-libc-patches")]
        out: PathBuf,
        /// Debian release a Makefile tree was packaged for: its built wasi-libc decides which functions wrap (an
        /// upstream CMake tree is built pristine and is its own base)
        #[arg(long, default_value = "bookworm")]
        base: String,
    },
    /// Register an overlay's runner with the kernel's binfmt_misc, so WebAssembly programs run when executed (a
    /// configure script's run-tests among them); --remove takes the registration away
    Binfmt {
        /// The overlay whose bin/<target>-run runs the programs
        #[arg(long, required_unless_present = "remove")]
        overlay: Option<PathBuf>,
        #[arg(long, conflicts_with = "overlay")]
        remove: bool,
    },
    /// Explain a catalog function: prototype, behaviours, errnos, reasons, and a policy's choice
    Explain {
        function: String,
        #[arg(long, default_value = "default")]
        policy: String,
    },
}

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(error) => {
            // Policy diagnostics carry their own `error:` prefixes, one per problem.
            if error.downcast_ref::<wasi_shim::diagnostic::Diagnostics>().is_some() {
                eprintln!("{error}");
            } else {
                eprintln!("error: {error:#}");
            }
            ExitCode::FAILURE
        }
    }
}

fn real_main() -> Result<ExitCode> {
    let cli = Cli::parse();
    wasi_shim::progress::set_quiet(cli.quiet);
    let shims = Shims::load(cli.shims.as_deref())?;
    let catalog = &shims.catalog;
    match cli.command {
        Command::Toolchain { provision, base, target } => return show_toolchain(provision, &base, target),
        Command::Check { policy, format } => {
            let policy = Policy::load(&policy, catalog)?;
            match format {
                CheckFormat::Text => print!("{}", wasi_shim::report::check_table(&policy)),
                // The document carries the warnings; stderr stays quiet for a consumer that reads both.
                CheckFormat::Json => {
                    print!("{}", wasi_shim::choosing::check_json(&policy));
                    return Ok(ExitCode::SUCCESS);
                }
            }
            for warning in &policy.warnings {
                eprintln!("warning: {warning}");
            }
        }
        Command::Init { from, extends, out, base } => init(&shims, &from, &extends, out.as_deref(), &base)?,
        Command::Diff { a, b, only_used, base } => {
            let (a, b) = (Policy::load(&a, catalog)?, Policy::load(&b, catalog)?);
            let used = match &only_used {
                Some(file) => Some((file.display().to_string(), catalog_functions_used(&shims, &a, file, &base)?)),
                None => None,
            };
            print!("{}", wasi_shim::choosing::diff_report(&a, &b, used.as_ref().map(|(f, n)| (f.as_str(), n))));
        }
        Command::Build { policy, out, base, target } => {
            let policy = Policy::load(&policy, catalog)?;
            for warning in &policy.warnings {
                eprintln!("warning: {warning}");
            }
            let toolchain = toolchain::discover_or_provision(BaseRelease::parse(&base)?, target)?;
            let report = overlay::build(&shims, &policy, &toolchain, &out)?;
            print!("{}", wasi_shim::report::build_summary(&report, &policy, &toolchain));
        }
        Command::Env { policy, out, base } => print_rust_env(&shims, &policy, &out, &base)?,
        Command::Run { dirs, mapdirs, env, inherit_env, argv0, wasi_options, wasm_options, command } => {
            let flags = RunFlags { dirs, mapdirs, env, inherit_env, argv0, wasi_options, wasm_options, command };
            let (module, options) = flags.parse()?;
            let status = runner::run(&runner::module_path(&module)?, &options)?;
            return Ok(ExitCode::from((status & 0xff) as u8));
        }
        Command::Audit { file, policy, base } => {
            let policy = Policy::load(&policy, catalog)?;
            let toolchain = toolchain::discover_or_provision(BaseRelease::parse(&base)?, Target::Wasip1)?;
            let audit = wasi_shim::audit::audit(&file, catalog, &policy, &toolchain)?;
            print!("{}", audit.report());
            if audit.uncovered().next().is_some() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Patches { wasi_libc, policy, out, base } => {
            let policy = Policy::load(&policy, catalog)?;
            let tree = wasi_shim::upstream::source_tree(&wasi_libc)?;
            let toolchain = match wasi_shim::patches::detect_layout(&tree)? {
                // An upstream tree is its own base: its pristine build says what it already defines.
                Layout::CMake => {
                    wasi_shim::upstream::pristine_toolchain(&tree, &wasi_shim::patches::base_commit(&tree)?)?
                }
                Layout::Makefile => toolchain::discover_or_provision(BaseRelease::parse(&base)?, Target::Wasip1)?,
            };
            let series = wasi_shim::patches::Generator { shims: &shims, policy: &policy, toolchain: &toolchain }
                .generate(&tree, &out)?;
            print_series(&out, &series);
        }
        Command::Binfmt { overlay, remove } => {
            let said = match overlay {
                Some(overlay) if !remove => wasi_shim::binfmt::install(&wasi_shim::binfmt::runner_of(&overlay)?)?,
                _ => wasi_shim::binfmt::remove()?,
            };
            for line in said {
                println!("{line}");
            }
        }
        Command::Explain { function, policy } => {
            let policy = Policy::load(&policy, catalog)?;
            print!("{}", wasi_shim::report::explain(catalog, &policy, &function)?);
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

/// `wasi-shim init --from`: audit `from`, check that the starter policy resolves to the preset's choices, then
/// print it or write it (never over an existing file).
fn init(shims: &Shims, from: &Path, extends: &str, out: Option<&Path>, base: &str) -> Result<()> {
    let preset = Policy::load(extends, &shims.catalog)?;
    let toolchain = toolchain::discover_or_provision(BaseRelease::parse(base)?, Target::Wasip1)?;
    let audit = wasi_shim::audit::audit(from, &shims.catalog, &preset, &toolchain)?;
    let Some(out) = out else {
        let text = wasi_shim::choosing::starter_policy(&preset, extends, &audit);
        wasi_shim::choosing::check_round_trip(&preset, Path::new("starter.toml"), &text, &shims.catalog)?;
        print!("{text}");
        return Ok(());
    };
    // `extends` is read from the new file's directory: a path given from here must still name the same file.
    let extends = if extends.contains('/') || extends.ends_with(".toml") {
        std::path::absolute(extends)?.display().to_string()
    } else {
        extends.to_owned()
    };
    let text = wasi_shim::choosing::starter_policy(&preset, &extends, &audit);
    wasi_shim::choosing::check_round_trip(&preset, out, &text, &shims.catalog)?;
    // Never over an existing file: a policy someone edited is worth more than a starter.
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(out).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            anyhow::anyhow!("{} already exists; choose another --out, or remove it first", out.display())
        }
        _ => anyhow::anyhow!("cannot write {}: {e}", out.display()),
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    println!(
        "wrote {}: {} functions with {}'s choices; {} excluded and {} uncovered listed as comments",
        out.display(),
        audit.covered().count(),
        preset.name,
        audit.excluded().count(),
        audit.uncovered().count()
    );
    Ok(())
}

/// The catalog functions `file` uses, as `audit` finds them.
fn catalog_functions_used(shims: &Shims, policy: &Policy, file: &Path, base: &str) -> Result<BTreeSet<String>> {
    let toolchain = toolchain::discover_or_provision(BaseRelease::parse(base)?, Target::Wasip1)?;
    let audit = wasi_shim::audit::audit(file, &shims.catalog, policy, &toolchain)?;
    Ok(audit.covered().map(str::to_owned).collect())
}

/// `wasi-shim toolchain`: what was found (or provisioned), or how to provision one.
fn show_toolchain(provision: bool, base: &str, target: Target) -> Result<ExitCode> {
    let release = BaseRelease::parse(base)?;
    let found = if provision {
        Some(toolchain::discover_or_provision(release, target)?)
    } else {
        toolchain::discover(release, target)?
    };
    let Some(t) = found else {
        println!(
            "no toolchain found: WASI_SDK_PATH and WASI_SYSROOT are unset and nothing is provisioned in {}\nprovision one with: wasi-shim toolchain --provision",
            toolchain::cache_dir().display()
        );
        return Ok(ExitCode::FAILURE);
    };
    print!("{}", toolchain::describe(&t));
    Ok(ExitCode::SUCCESS)
}

/// `wasi-shim env`: the Rust overlay built (or found current), then its variables as shell `export` lines.
fn print_rust_env(shims: &Shims, policy: &str, out: &std::path::Path, base: &str) -> Result<()> {
    use wasi_shim::escape::sh;
    use wasi_shim::rust_target::{self, RustLink};
    let policy = Policy::load(policy, &shims.catalog)?;
    for warning in &policy.warnings {
        eprintln!("warning: {warning}");
    }
    let bundled = rust_target::bundled_libc(&rust_target::rustc())?;
    let at = rust_target::cached_sysroot(&bundled);
    let toolchain = rust_target::toolchain(&bundled, BaseRelease::parse(base)?, &at)?;
    let out = std::path::absolute(out)?;
    overlay::build(shims, &policy, &toolchain, &out)?;
    let link = RustLink::of_overlay(&out)?;
    println!(
        "# wasi-shim env: cargo builds for {} over {} (policy {})",
        rust_target::TARGET,
        sh::comment(out.display().to_string()),
        sh::comment(&policy.name)
    );
    for (name, value) in rust_target::environment(&out, &toolchain, &link)? {
        println!("export {name}={}", sh::quote(value));
    }
    Ok(())
}

/// What `wasi-shim patches` wrote.
fn print_series(out: &std::path::Path, series: &wasi_shim::patches::Series) {
    let count = series.areas.len() + 1;
    println!("{}: {count} patches against wasi-libc {} (policy {})", out.display(), series.base, series.policy);
    println!("  {}", series.common_patch);
    for area in &series.areas {
        println!("  {}", area.patch);
    }
}
