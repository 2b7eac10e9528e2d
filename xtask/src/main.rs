//! `cargo xtask <command>`: project automation. This file only parses flags and dispatches.

mod bench;
mod codegen;
mod e2e;
mod fuzz;
mod posix_suite;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};
use wasi_shim::toolchain::BaseRelease;

#[derive(Parser)]
#[command(name = "xtask", about = "wasi-shim project automation")]
struct Cli {
    /// No progress lines or bars on stderr (tables, results and errors still print)
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the committed generated files (tests/expected/defined-symbols.txt)
    Codegen {
        /// Fail instead of writing when a file is stale
        #[arg(long)]
        check: bool,
    },
    /// Install the tools the tests use besides clang (test-support's TEST_TOOLS), as the tests themselves would
    Provision,
    /// Fuzz policies, audit's readers and run's flags (fuzz/, cargo-fuzz on nightly, provisioned if missing)
    Fuzz {
        /// Seconds per target (the default, 60)
        #[arg(long, conflicts_with = "runs")]
        seconds: Option<u64>,
        /// Inputs per target instead of a time
        #[arg(long)]
        runs: Option<u64>,
        /// Targets to run (default: all of policy, config_log, wasm, archive, run_flags)
        targets: Vec<String>,
    },
    /// Measure `wasi-shim run`, the stubs and the builds against yardsticks in the same run (ratios, never asserted)
    Bench {
        /// Interleaved rounds of each quick measurement
        #[arg(long, default_value_t = 7)]
        rounds: usize,
        /// Rounds of the wasi-libc builds (about a minute each)
        #[arg(long, default_value_t = 2)]
        build_rounds: usize,
        /// Also write BENCHMARKS.md (the figures the README links)
        #[arg(long)]
        record: bool,
        /// Sections (default all): calls, stubs, startup, overlay, wasi-libc
        sections: Vec<String>,
    },
    /// The Open POSIX Test Suite's tests of the catalog's functions, over an overlay and natively, per function
    PosixSuite {
        /// A preset name or a policy file
        #[arg(long, default_value = "default")]
        policy: String,
        /// The Debian release whose wasi-libc the overlay layers over
        #[arg(long, default_value = "trixie", value_parser = ["trixie", "bookworm"])]
        base: String,
        /// Write tests/expected/posix-suite.json and the README's table (default policy, trixie, every family)
        #[arg(long)]
        record: bool,
        /// Families (default all): signals, time, memory
        families: Vec<String>,
    },
    /// Run the runtime-dependent guests over every base and target in every runtime (embedded wasmtime, the
    /// wasmtime wheel, node:wasi, headless Chromium) and compare with the committed record
    Matrix {
        /// Record this run instead: e2e/matrix/results.json and COMPATIBILITY.md
        #[arg(long)]
        write: bool,
        /// Run nothing: render COMPATIBILITY.md from the committed record (after editing the differences)
        #[arg(long, conflicts_with = "write")]
        render: bool,
    },
    /// Serve the demo page on 127.0.0.1: the matrix's summary, and a program run in the browser under a preset
    /// beside the same program built over the stock sysroot
    Demo {
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Build an interpreter stock and over the overlay from one source tree and compare them
    E2e {
        #[command(subcommand)]
        interpreter: Interpreter,
    },
}

#[derive(Subcommand)]
enum Interpreter {
    /// CPython 3.13 (Debian's python3.13 source unless --src)
    Cpython {
        /// A CPython source tree to use instead of Debian's
        #[arg(long)]
        src: Option<PathBuf>,
        /// Run the whole regrtest suite on both builds instead of the baseline's 13 files
        #[arg(long)]
        full: bool,
        /// Run python.wasm with this `wasi-shim` binary instead of this checkout's (to time another runner)
        #[arg(long)]
        runner: Option<PathBuf>,
    },
    /// A wasi-libc tree pristine and with the series generated for it, both built with wasi-libc's check-symbols;
    /// then every conformance guest on the patched sysroot beside the overlay, and the documented override
    WasiLibc {
        /// upstream (main, CMake; the tree from --src) or bookworm (Debian's 2022 tree, Makefile)
        #[arg(long, default_value = "upstream", value_parser = ["upstream", "bookworm"])]
        base: String,
        /// An upstream wasi-libc directory or `git archive` tarball; default: the snapshot the committed series is
        /// made for, ../shared/upstream/wasi-libc-<series.toml's base>.tar.xz
        #[arg(long)]
        src: Option<PathBuf>,
        /// wasm32-wasip1 (the guests run there), or wasm32-wasip2 (upstream only: both trees built with clang 22
        /// and check-symbols; no guests until the overlay serves that target)
        #[arg(long, default_value = "wasm32-wasip1", value_parser = ["wasm32-wasip1", "wasm32-wasip2"])]
        target: String,
    },
    /// Ruby 3.3 (Debian's ruby3.3 source unless --src)
    Ruby {
        /// A Ruby source tree to use instead of Debian's
        #[arg(long)]
        src: Option<PathBuf>,
        /// The wasi-libc both builds link against: trixie (2024; stock Ruby cannot start over it)
        /// or bookworm (2022; stock starts, so its tests give the baseline)
        #[arg(long, default_value = "trixie", value_parser = ["trixie", "bookworm"])]
        base: String,
        /// Run every bootstrap test and every test/ruby file instead of the default subset
        #[arg(long)]
        full: bool,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    wasi_shim::progress::set_quiet(cli.quiet);
    match cli.command {
        Command::Codegen { check } => codegen::run(check),
        Command::Provision => {
            test_support::provision_test_tools();
            // The upstream path's own: CMake 3.26+ and, for the wasm32-wasip2 build, clang 22 and wasm-tools.
            wasi_shim::upstream::cmake()?;
            test_support::wasip2_compiler()?;
            Ok(())
        }
        Command::Fuzz { seconds, runs, mut targets } => {
            if targets.is_empty() {
                targets = fuzz::TARGETS.iter().map(|t| t.to_string()).collect();
            }
            let budget = runs.map_or(fuzz::Budget::Seconds(seconds.unwrap_or(60)), fuzz::Budget::Runs);
            fuzz::run(&codegen::project_root(), &targets, &budget)
        }
        Command::Bench { rounds, build_rounds, record, sections } => {
            let options = ::e2e::bench::Options { rounds, build_rounds, sections };
            bench::bench(&codegen::project_root(), &options, record)
        }
        Command::PosixSuite { policy, base, record, families } => {
            let base = if base == "bookworm" { BaseRelease::Bookworm } else { BaseRelease::Trixie };
            posix_suite::run(&codegen::project_root(), &posix_suite::Options { policy, base, families, record })
        }
        Command::Demo { port } => ::e2e::demo::serve(&codegen::project_root(), port),
        Command::Matrix { render: true, .. } => {
            let root = codegen::project_root();
            std::fs::write(root.join("COMPATIBILITY.md"), ::e2e::matrix::render_committed(&root)?)?;
            Ok(())
        }
        Command::Matrix { write, .. } => ::e2e::matrix::matrix(&codegen::project_root(), write),
        Command::E2e { interpreter: Interpreter::Cpython { src, full, runner } } => {
            e2e::cpython(src.as_deref(), full, runner.as_deref())
        }
        Command::E2e { interpreter: Interpreter::WasiLibc { base, src, target } } => {
            e2e::wasi_libc(&codegen::project_root(), &base, src.as_deref(), &target)
        }
        Command::E2e { interpreter: Interpreter::Ruby { src, base, full } } => e2e::ruby(src.as_deref(), &base, full),
    }
}
