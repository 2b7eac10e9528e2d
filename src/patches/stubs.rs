//! What the base tree itself does for a function the series also defines, read from the tree's source:
//! a stub that only fails with an errno on the target (`dup` on wasip1: ENOTSUP), or an implementation.

use std::path::Path;

/// The base's definition of `function` as its source reads on wasip1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum BaseCode {
    /// The body (its wasip1 branch) only sets this errno and fails.
    Stub { errno: String, source: String },
    /// Anything else: the base really does something.
    Implemented { source: String },
}

/// Errnos a stub fails with.
const STUB_ERRNOS: &[&str] = &["ENOTSUP", "ENOSYS", "EOPNOTSUPP"];

/// Find the definition of `function` in the tree file compiled into archive member `member`
/// (`dup.c.obj` -> a `dup.c` under libc-bottom-half or libc-top-half) and classify its wasip1 body.
pub(super) fn base_code(tree: &Path, member: &str, function: &str) -> Option<BaseCode> {
    let file_name = member.trim_end_matches(".obj").trim_end_matches(".o");
    let file_name = if file_name.ends_with(".c") { file_name.to_owned() } else { format!("{file_name}.c") };
    for half in ["libc-bottom-half", "libc-top-half"] {
        let files = crate::files::under(&tree.join(half)).ok()?;
        for path in files.iter().filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == file_name)) {
            let text = std::fs::read_to_string(path).ok()?;
            let p1_text = wasip1_text(&text);
            if let Some(mut p1) = body_of(&p1_text, function) {
                // A one-line delegation (`return pipe2(fd, 0);`) does what the function it calls does.
                if let Some(callee) = delegate(&p1).filter(|c| c != function) {
                    p1 = body_of(&p1_text, &callee).unwrap_or(p1);
                }
                let source = path.strip_prefix(tree).unwrap_or(path).display().to_string();
                let errno = STUB_ERRNOS.iter().find(|e| p1.contains(*e));
                let calls_wasi = p1.contains("__wasi_") || p1.lines().count() > 12;
                return Some(match errno {
                    Some(e) if !calls_wasi => BaseCode::Stub { errno: (*e).to_owned(), source },
                    _ => BaseCode::Implemented { source },
                });
            }
        }
    }
    None
}

/// The brace-delimited body of the first definition of `function` (a line naming `function(` that does
/// not end in `;`), or of the `__function` it aliases (`weak_alias(__dup3, dup3)`).
fn body_of(text: &str, function: &str) -> Option<String> {
    let alias = text.lines().find_map(|l| {
        l.trim()
            .strip_prefix("weak_alias(")?
            .strip_suffix(");")?
            .split_once(", ")
            .filter(|(_, b)| *b == function)
            .map(|(a, _)| a.to_owned())
    });
    let name = alias.as_deref().unwrap_or(function);
    let lines: Vec<&str> = text.lines().collect();
    // The declarator: the line's first `(` follows the name (`int pipe(int fd[2]) { return pipe2(fd, 0); }`
    // defines pipe, not pipe2).
    let start = lines.iter().position(|l| {
        let is_call_or_decl = l.trim_end().ends_with(';') || l.starts_with(' ') || l.starts_with('\t');
        let before = l.split('(').next().unwrap_or_default();
        !is_call_or_decl
            && l.contains('(')
            && before.split(|c: char| !(c.is_alphanumeric() || c == '_')).next_back() == Some(name)
    })?;
    let mut depth = 0;
    let mut body = String::new();
    let mut opened = false;
    for line in &lines[start..] {
        body.push_str(line);
        body.push('\n');
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        opened |= line.contains('{');
        if opened && depth <= 0 {
            return Some(body);
        }
    }
    None
}

/// The function a body only returns the result of (`{ return pipe2(fd, 0); }` -> `pipe2`).
fn delegate(body: &str) -> Option<String> {
    let inner = body.split_once('{')?.1.rsplit_once('}')?.0.trim();
    if inner.matches(';').count() != 1 {
        return None;
    }
    let (name, _) = inner.strip_prefix("return ")?.split_once('(')?;
    let name = name.trim();
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')).then(|| name.to_owned())
}

/// `text` as it compiles for wasip1: the branches of `#if`/`#ifdef`/`#ifndef` … `#else`/`#elif` … `#endif`
/// whose condition is about the WASI target (`__wasip1__`, `__wasip2__`, `__wasip3__`) taken or dropped as
/// on wasip1; any other condition keeps its first branch (both are what the source offers).
fn wasip1_text(text: &str) -> String {
    let mut out = String::new();
    // Per open conditional: (this branch is kept, an earlier branch was taken, the condition is about the target).
    let mut stack: Vec<(bool, bool, bool)> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        let directive = |d: &str| t.strip_prefix(d).map(str::trim);
        if let Some(cond) = directive("#ifdef") {
            stack.push(open(target_condition(&format!("defined({cond})"))));
        } else if let Some(cond) = directive("#ifndef") {
            stack.push(open(target_condition(&format!("!defined({cond})"))));
        } else if let Some(cond) = directive("#if") {
            stack.push(open(target_condition(cond)));
        } else if let Some(cond) = directive("#elif") {
            if let Some(top) = stack.last_mut() {
                let value = target_condition(cond).unwrap_or(!top.1);
                *top = (!top.1 && value, top.1 || value, top.2);
            }
        } else if t == "#else" || t.starts_with("#else ") {
            if let Some(top) = stack.last_mut() {
                *top = (!top.1, true, top.2);
            }
        } else if t == "#endif" || t.starts_with("#endif ") {
            stack.pop();
        } else if stack.iter().all(|(kept, _, _)| *kept) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A conditional's state on entry: kept, taken, about the target.
fn open(value: Option<bool>) -> (bool, bool, bool) {
    let kept = value.unwrap_or(true);
    (kept, kept, value.is_some())
}

/// The value on wasip1 of a condition made of `defined(__wasipN__)`, `!`, `&&` and `||`; None for any other.
fn target_condition(cond: &str) -> Option<bool> {
    let cond = cond.split("/*").next().unwrap_or(cond).trim();
    if !cond.contains("__wasip") {
        return None;
    }
    let normalised = cond.replace("defined ", "defined").replace(' ', "");
    let any = |text: &str| -> Option<bool> {
        let mut result = false;
        for alternative in text.split("||") {
            let mut all = true;
            for term in alternative.split("&&") {
                let term = term.trim_matches(|c| c == '(' || c == ')');
                let (negated, name) = match term.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, term),
                };
                let name = name.trim_start_matches("defined").trim_matches(|c| c == '(' || c == ')');
                if !name.starts_with("__wasip") {
                    return None;
                }
                all &= (name == "__wasip1__") != negated;
            }
            result |= all;
        }
        Some(result)
    };
    any(&normalised)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_conditions_are_read_as_on_wasip1() {
        let text = "#if !defined(__wasip1__) && !defined(__wasip2__)\nint pipe(int *f) {\n  return real(f);\n}\n#else\nint pipe(int *f) {\n  errno = ENOTSUP;\n  return -1;\n}\n#endif\n";
        assert_eq!(wasip1_text(text), "int pipe(int *f) {\n  errno = ENOTSUP;\n  return -1;\n}\n");
        assert_eq!(target_condition("defined(__wasip1__) || defined(FOO)"), None);
        assert_eq!(target_condition("defined(__wasip2__) || defined(__wasip3__)"), Some(false));
    }

    #[test]
    fn a_wasip1_branch_that_only_fails_is_a_stub() {
        let dir = tempfile::tempdir().unwrap();
        let sources = dir.path().join("libc-bottom-half/sources");
        std::fs::create_dir_all(&sources).unwrap();
        std::fs::write(
            sources.join("dup.c"),
            "int dup(int fd) {\n#ifdef __wasip1__\n  (void)fd;\n  errno = ENOTSUP;\n  return -1;\n#else\n  return descriptor_table_dup(fd);\n#endif\n}\n\nint __dup3(int a) {\n  return __wasi_fd_renumber(a);\n}\nweak_alias(__dup3, dup3);\n",
        )
        .unwrap();
        let source = "libc-bottom-half/sources/dup.c".to_owned();
        assert_eq!(
            base_code(dir.path(), "dup.c.obj", "dup"),
            Some(BaseCode::Stub { errno: "ENOTSUP".into(), source: source.clone() })
        );
        assert_eq!(base_code(dir.path(), "dup.c.obj", "dup3"), Some(BaseCode::Implemented { source }));
        assert_eq!(base_code(dir.path(), "dup.c.obj", "pipe"), None);
        assert_eq!(delegate("int pipe(int fd[2]) { return pipe2(fd, 0); }\n"), Some("pipe2".into()));
        assert_eq!(delegate("int f(void) {\n  g();\n  return h();\n}\n"), None);
    }
}
