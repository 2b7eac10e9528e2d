//! kill agrees with getppid: under every preset that answers getppid with a process, that process exists for
//! kill (0 or EPERM, never ESRCH), and kill(-1, sig) leaves the caller out, as on Linux.

use test_support::{compile, overlay, run_module, scratch};
use wasi_shim::catalog::{Behaviour, Catalog};
use wasi_shim::embedded::PRESETS;
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::BaseRelease;

const PROGRAM: &str = r#"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
static volatile sig_atomic_t delivered;
static void on_signal(int sig) { (void)sig; delivered++; }
int main(void) {
  signal(SIGUSR1, on_signal);
  pid_t parent = getppid();
  errno = 0;
  int probe = kill(parent, 0);
  printf("parent %d probe %d %s\n", (int)parent, probe, probe ? (errno == EPERM ? "EPERM" : "other") : "ok");
  errno = 0;
  int all = kill(-1, SIGUSR1);
  printf("all %d %s delivered %d\n", all, all ? (errno == ESRCH ? "ESRCH" : "other") : "ok", (int)delivered);
  return 0;
}
"#;

#[test]
fn kill_of_the_parent_is_zero_or_eperm_under_every_preset_that_emulates_getppid() {
    let dir = scratch("process-view");
    let source = dir.join("kill_parent.c");
    std::fs::write(&source, PROGRAM).unwrap();
    let mut checked = 0;
    for (preset, _) in PRESETS {
        let policy = Policy::load(preset, Catalog::builtin()).unwrap();
        let answers = |name: &str| {
            policy
                .choices
                .iter()
                .any(|c| c.function.name == name && matches!(c.behaviour, Behaviour::Emulate | Behaviour::Value))
        };
        if !answers("getppid") || !answers("kill") {
            continue;
        }
        let module = dir.join(format!("{preset}.wasm"));
        let built = compile(&overlay(preset, BaseRelease::Trixie), &source, &module, &[]);
        assert!(built.status.success(), "{preset}: {}", String::from_utf8_lossy(&built.stderr));
        let ran = run_module(&module, &[], &[], &dir.join(format!("work-{preset}")));
        let stdout = String::from_utf8_lossy(&ran.stdout);
        assert_eq!(ran.status.code(), Some(0), "{preset}: {stdout}");
        let root = policy.identity.uid.get() == 0;
        let probe = if root { "probe 0 ok" } else { "probe -1 EPERM" };
        assert!(stdout.contains(probe), "{preset}: kill(getppid(), 0) should answer {probe}: {stdout}");
        assert!(stdout.contains("delivered 0"), "{preset}: kill(-1, sig) reached the caller: {stdout}");
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} presets emulate getppid and kill");
}
