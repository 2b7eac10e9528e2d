//! Errors that point into a file: `file:line:column: message`, the source line with a caret, and a hint.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// One problem at one place in a text file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub text: Arc<str>,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    /// 1-based line and column (in characters) of the start of the span.
    pub fn line_column(&self) -> (usize, usize) {
        let start = self.span.start.min(self.text.len());
        let before = &self.text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..start].chars().count() + 1;
        (line, column)
    }
}

/// The most characters of the source line, the message or the help a diagnostic shows: an error at the end
/// of a 50 MB line must not print the line.
pub const SNIPPET_CHARS: usize = 160;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, column) = self.line_column();
        writeln!(f, "{}:{line}:{column}: {}", self.file.display(), capped(&self.message, SNIPPET_CHARS * 4))?;
        let line_text = self.text.lines().nth(line - 1).unwrap_or("");
        let gutter = " ".repeat(line.to_string().len());
        let width = {
            let span_text = self.text.get(self.span.clone()).unwrap_or("");
            let first_line = span_text.lines().next().unwrap_or("");
            first_line.chars().count().max(1)
        };
        // A window of the line around the column, the caret moved with it.
        let skip = (column - 1).saturating_sub(SNIPPET_CHARS / 4);
        let shown: String = line_text.chars().skip(skip).take(SNIPPET_CHARS).map(printable).collect();
        let (before, after) =
            (if skip > 0 { "…" } else { "" }, if skip + SNIPPET_CHARS < line_text.chars().count() { "…" } else { "" });
        let caret_column = column - 1 - skip + before.chars().count();
        let caret_width = width.min(SNIPPET_CHARS - (column - 1 - skip).min(SNIPPET_CHARS - 1));
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{line} | {before}{shown}{after}")?;
        write!(f, "{gutter} | {}{}", " ".repeat(caret_column), "^".repeat(caret_width))?;
        if let Some(help) = &self.help {
            write!(f, "\n{gutter} = help: {}", capped(help, SNIPPET_CHARS * 4))?;
        }
        Ok(())
    }
}

/// `text`, or its first `max` characters and a note of how much was cut; control characters (a carriage
/// return would move the terminal's cursor) shown as one replacement character each.
fn capped(text: &str, max: usize) -> String {
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let shown: String = text[..end].chars().map(|c| if c == '\n' { c } else { printable(c) }).collect();
    match end < text.len() {
        true => format!("{shown}… ({} more bytes)", text.len() - end),
        false => shown,
    }
}

/// `c`, or U+FFFD for a control character other than a tab: one column either way, so the caret still lines up.
fn printable(c: char) -> char {
    if c.is_control() && c != '\t' {
        '\u{fffd}'
    } else {
        c
    }
}

/// Every problem found in one policy chain, reported together.
#[derive(Debug)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "error: {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_and_caret() {
        let d = Diagnostic {
            file: "p.toml".into(),
            text: "a = 1\n[functions]\ngetuidd = \"value\"\n".into(),
            span: 18..25,
            message: "unknown function `getuidd`".into(),
            help: Some("did you mean `getuid`?".into()),
        };
        let shown = d.to_string();
        assert!(shown.starts_with("p.toml:3:1: unknown function `getuidd`\n"), "{shown}");
        assert!(shown.contains("3 | getuidd = \"value\"\n  | ^^^^^^^\n"), "{shown}");
        assert!(shown.ends_with("= help: did you mean `getuid`?"), "{shown}");
    }

    #[test]
    fn a_huge_line_is_shown_as_a_window_around_the_error() {
        let text = format!("x = \"{}\"\n", "a".repeat(1_000_000));
        let d = Diagnostic {
            file: "p.toml".into(),
            text: text.as_str().into(),
            span: text.len() - 2..text.len() - 1,
            message: format!("bad `{}`", "b".repeat(1_000_000)),
            help: None,
        };
        let shown = d.to_string();
        assert!(shown.len() < 2_000, "{} bytes", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        let quote = lines[2].chars().position(|c| c == '"');
        assert_eq!(lines[3].chars().position(|c| c == '^'), quote, "{shown}");
    }
}
