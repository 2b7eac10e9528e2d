//! The interpreter smoke of the matrix: CPython and Ruby from the e2e's overlay builds over Debian trixie
//! (wasm32-wasip1), a few lines that ask for the policy's user and deliver a signal to a handler, run in each
//! process runtime. The matrix never builds them: a build that is not cached for the current inputs is not run.

use std::path::Path;

use anyhow::Result;
use test_support::GuestConfig;
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::BaseRelease;

use super::runtimes::Job;
use crate::flavoured::Recipe;
use crate::{Flavour, Invocation};

/// The area the smoke is listed under.
pub const AREA: &str = "Interpreters";

/// The smoke's names, in table order.
pub const NAMES: [&str; 2] = ["cpython_smoke", "ruby_smoke"];

/// Why a smoke did not run where its build is not cached.
pub const NOT_CACHED: &str = "its e2e build is not cached for the current inputs (`cargo test --workspace` makes it)";

const CPYTHON_CODE: &str = "import os, pwd, signal; print(os.getuid(), pwd.getpwuid(os.getuid()).pw_name); \
signal.signal(signal.SIGUSR1, lambda s, f: print('handler', s)); os.kill(os.getpid(), signal.SIGUSR1); print('done')";

const RUBY_CODE: &str = "require 'etc'; puts [Process.uid, Etc.getpwuid.name].join(' '); hit = []; \
Signal.trap(:USR1) { hit << :usr1 }; Process.kill(:USR1, Process.pid); sleep 0.01; p hit";

/// Each smoke as a job, or None where its build is not cached.
pub fn jobs(runner: &Path) -> Result<Vec<(&'static str, Option<Job>)>> {
    let work = test_support::target_dir().join("e2e");
    let scratch = test_support::scratch("matrix/work/interpreters");
    Ok(vec![
        (NAMES[0], cpython(&work.join("cpython"), runner, &scratch)?),
        (NAMES[1], ruby(&work.join("ruby"), runner, &scratch)?),
    ])
}

/// The expectations: exit 0, the policy's uid and user, the handler's line.
fn expect(policy: &Policy, lines: &[&str]) -> GuestConfig {
    let who = format!("{} {}", policy.identity.uid, policy.identity.user);
    let stdout = std::iter::once(who).chain(lines.iter().map(|l| l.to_string())).collect();
    GuestConfig { policy: policy.name.clone(), stdout, ..Default::default() }
}

fn cpython(work: &Path, runner: &Path, scratch: &Path) -> Result<Option<Job>> {
    if !work.join("overlay/python.wasm").is_file() {
        return Ok(None);
    }
    let shims = Shims::builtin();
    let policy = Policy::load("cpython", &shims.catalog)?;
    let cpython = crate::cpython::Cpython::prepare(None, work, runner)?;
    let Some(build) = cpython.cached(Flavour::Overlay, &shims, &policy)? else { return Ok(None) };
    let mut config = expect(&policy, &["handler 10", "done"]);
    config.args = vec!["-c".into(), CPYTHON_CODE.into()];
    Ok(Some(job(NAMES[0], build.python_wasm, config, cpython.invocation(Flavour::Overlay), scratch)))
}

fn ruby(work: &Path, runner: &Path, scratch: &Path) -> Result<Option<Job>> {
    if !work.join("overlay/ruby").is_file() {
        return Ok(None);
    }
    let shims = Shims::builtin();
    let policy = Policy::load("ruby", &shims.catalog)?;
    let ruby = crate::ruby::Ruby::prepare(None, BaseRelease::Trixie, work, runner)?;
    let Some(build) = ruby.cached(Flavour::Overlay, &shims, &policy)? else { return Ok(None) };
    let mut config = expect(&policy, &["[:usr1]"]);
    config.args = vec!["--disable-gems".into(), "-e".into(), RUBY_CODE.into()];
    Ok(Some(job(NAMES[1], build.ruby_wasm, config, ruby.invocation(&build.dir), scratch)))
}

fn job(name: &str, module: std::path::PathBuf, config: GuestConfig, extra: Invocation, scratch: &Path) -> Job {
    Job { area: AREA, name: name.to_owned(), module, config, workdir: scratch.join(name), extra }
}
