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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, column) = self.line_column();
        writeln!(f, "{}:{line}:{column}: {}", self.file.display(), self.message)?;
        let line_text = self.text.lines().nth(line - 1).unwrap_or("");
        let gutter = " ".repeat(line.to_string().len());
        let width = {
            let span_text = self.text.get(self.span.clone()).unwrap_or("");
            let first_line = span_text.lines().next().unwrap_or("");
            first_line.chars().count().max(1)
        };
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{line} | {line_text}")?;
        write!(f, "{gutter} | {}{}", " ".repeat(column - 1), "^".repeat(width))?;
        if let Some(help) = &self.help {
            write!(f, "\n{gutter} = help: {help}")?;
        }
        Ok(())
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
}
