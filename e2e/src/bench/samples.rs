//! Interleaved samples and the ratio of two: every figure `cargo xtask bench` prints is a subject against a
//! yardstick measured in the same rounds, so both see the same machine load.

use anyhow::{bail, Context, Result};
use serde::Serialize;

/// One quantity's samples, summarised: the median, and the fastest, which load can only raise.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub median: f64,
    pub fastest: f64,
    pub samples: Vec<f64>,
}

impl Stats {
    pub fn of(mut samples: Vec<f64>) -> Stats {
        samples.sort_by(f64::total_cmp);
        let n = samples.len();
        let median = match n {
            0 => f64::NAN,
            _ if n % 2 == 1 => samples[n / 2],
            _ => (samples[n / 2 - 1] + samples[n / 2]) / 2.0,
        };
        Stats { median, fastest: samples.first().copied().unwrap_or(f64::NAN), samples }
    }
}

/// One row of the report: a subject against its yardstick, in one unit, with both ratios.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub section: String,
    pub what: String,
    pub unit: String,
    pub subject_name: String,
    pub subject: Stats,
    pub yardstick_name: String,
    pub yardstick: Stats,
    /// subject / yardstick, medians and fastest.
    pub ratio_median: f64,
    pub ratio_fastest: f64,
    /// The bound an issue set for ratio_median, if any; reported, never asserted in a test.
    pub target: Option<f64>,
}

/// A subject and its yardstick, by name; the unit and the bound describe the row they make.
pub struct Pair<'a> {
    pub section: &'a str,
    pub what: &'a str,
    pub unit: &'a str,
    pub subject: (&'a str, Vec<f64>),
    pub yardstick: (&'a str, Vec<f64>),
    pub target: Option<f64>,
}

impl Pair<'_> {
    pub fn row(self) -> Row {
        let (subject, yardstick) = (Stats::of(self.subject.1), Stats::of(self.yardstick.1));
        Row {
            section: self.section.to_owned(),
            what: self.what.to_owned(),
            unit: self.unit.to_owned(),
            subject_name: self.subject.0.to_owned(),
            yardstick_name: self.yardstick.0.to_owned(),
            ratio_median: subject.median / yardstick.median,
            ratio_fastest: subject.fastest / yardstick.fastest,
            subject,
            yardstick,
            target: self.target,
        }
    }
}

/// `rounds` rounds of `measure(subject)` for every subject `0..subjects`, the order reversed every other
/// round so neither side always runs first; returns each subject's samples.
pub fn interleave<T>(
    rounds: usize,
    subjects: usize,
    mut measure: impl FnMut(usize) -> Result<T>,
) -> Result<Vec<Vec<T>>> {
    let mut samples: Vec<Vec<T>> = (0..subjects).map(|_| Vec::new()).collect();
    for round in 0..rounds {
        let order: Vec<usize> = if round % 2 == 0 { (0..subjects).collect() } else { (0..subjects).rev().collect() };
        for subject in order {
            samples[subject].push(measure(subject)?);
        }
    }
    Ok(samples)
}

/// Wall seconds of `command`, which must succeed.
pub fn seconds(command: &mut std::process::Command) -> Result<f64> {
    let started = std::time::Instant::now();
    let out = command.output().with_context(|| format!("cannot run {command:?}"))?;
    if !out.status.success() {
        bail!("{command:?} failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr));
    }
    Ok(started.elapsed().as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_fastest_of_odd_and_even_counts() {
        let odd = Stats::of(vec![3.0, 1.0, 2.0]);
        assert_eq!((odd.median, odd.fastest), (2.0, 1.0));
        let even = Stats::of(vec![4.0, 1.0, 3.0, 2.0]);
        assert_eq!((even.median, even.fastest), (2.5, 1.0));
    }

    #[test]
    fn interleaving_alternates_the_order_and_keeps_samples_per_subject() {
        let mut order = Vec::new();
        let samples = interleave(2, 3, |s| {
            order.push(s);
            Ok(s * 10)
        })
        .unwrap();
        assert_eq!(order, [0, 1, 2, 2, 1, 0]);
        assert_eq!(samples, vec![vec![0, 0], vec![10, 10], vec![20, 20]]);
    }

    #[test]
    fn a_row_divides_subject_by_yardstick() {
        let row = Pair {
            section: "s",
            what: "w",
            unit: "ns",
            subject: ("a", vec![6.0, 2.0, 4.0]),
            yardstick: ("b", vec![2.0, 1.0, 3.0]),
            target: Some(1.5),
        }
        .row();
        assert_eq!((row.ratio_median, row.ratio_fastest), (2.0, 2.0));
    }
}
