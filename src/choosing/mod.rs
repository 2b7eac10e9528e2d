//! Choosing a policy: a starter policy written from what a program uses (`init --from`), two resolved policies
//! compared (`diff`), and a resolved policy as JSON for editors and CI (`check --format json`).

mod diff;
mod json;
mod starter;

pub use diff::{diff_report, differences, Difference};
pub use json::{check_json, CHECK_FORMAT, CHECK_SCHEMA};
pub use starter::{check_round_trip, starter_policy};
