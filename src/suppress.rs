//! Suppression directives: a line of its own, bare or inside an HTML comment, naming its codes.
//!
//! ```text
//! <!-- digest-lint-disable-next-line DL201 -->      the next non-blank, non-directive line
//! <!-- digest-lint-disable DL201, DL202 -->         from here …
//! <!-- digest-lint-enable DL201 -->                 … to here (or to the end of the file)
//! <!-- digest-lint-disable-file DL501 -->           the whole file
//! <!-- digest-lint-disable-next-line DL201 match="Sept 14–15" -->
//!                                                   only findings whose evidence contains the text
//! ```
//! The bare forms are the same lines without `<!--` and `-->`. Codes are separated by commas or
//! spaces; a prefix (`DL2`) names every code it starts. A finding is suppressed when its primary
//! span starts inside a directive's scope.
//!
//! Every (directive, code) that suppresses nothing is reported as DL901 (`unused-suppression`),
//! as are directives that name no code, an unknown code, or an `enable` with no open `disable`.
//! A code that exists but is switched off in this run (not in the [`RuleSet`]) cannot fire, so
//! naming it is not reported. DL901 findings can themselves be suppressed by a directive naming
//! DL901 (such a directive is never reported as unused).

use crate::finding::{Finding, Fix};
use crate::rules::RuleSet;
use crate::source::{LineIndex, Span};
use std::sync::OnceLock;

/// The code of the unused-suppression rule.
pub const UNUSED_CODE: &str = "DL901";

/// What a directive covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    NextLine,
    Disable,
    Enable,
    File,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        Some(match word {
            "disable-next-line" => Kind::NextLine,
            "disable" => Kind::Disable,
            "enable" => Kind::Enable,
            "disable-file" => Kind::File,
            _ => return None,
        })
    }
}

/// A code named by a directive, with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRef {
    pub code: String,
    pub span: Span,
}

/// One directive line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    pub codes: Vec<CodeRef>,
    /// `match="…"`: only findings whose evidence contains this text.
    pub matches: Option<String>,
    /// The directive's text on its line (trimmed).
    pub span: Span,
    /// The 0-based line it is on.
    pub line: usize,
}

/// A directive line that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub span: Span,
    pub line: usize,
    pub reason: String,
}

/// Is this line a directive line (the same test the digest parser uses to skip it)?
pub fn is_directive_line(line: &str) -> bool {
    directive_body(line.trim()).is_some()
}

/// The text after `digest-lint-` of a trimmed line, without a closing `-->`.
fn directive_body(trimmed: &str) -> Option<&str> {
    let (inner, comment) = match trimmed.strip_prefix("<!--") {
        Some(s) => (s.trim_start(), true),
        None => (trimmed, false),
    };
    let body = inner
        .strip_prefix("digest-lint-")
        .or_else(|| inner.strip_prefix("digest-lint:"))?;
    Some(if comment {
        body.strip_suffix("-->").unwrap_or(body).trim_end()
    } else {
        body
    })
}

/// Finds every directive of a text.
pub fn parse(text: &str, index: &LineIndex) -> (Vec<Directive>, Vec<Malformed>) {
    let mut directives = Vec::new();
    let mut malformed = Vec::new();
    for line in 0..index.line_count() {
        let ls = index.line_span(text, line);
        let raw = ls.of(text);
        let trimmed = raw.trim();
        let Some(body) = directive_body(trimmed) else {
            continue;
        };
        let tstart = ls.start + (raw.len() - raw.trim_start().len());
        let span = Span::new(tstart, tstart + trimmed.len());
        // Where `body` starts in the file.
        let body_start = body.as_ptr() as usize - text.as_ptr() as usize;
        match parse_body(body, body_start) {
            Ok((kind, codes, matches)) => directives.push(Directive {
                kind,
                codes,
                matches,
                span,
                line,
            }),
            Err(reason) => malformed.push(Malformed { span, line, reason }),
        }
    }
    (directives, malformed)
}

type Parsed = (Kind, Vec<CodeRef>, Option<String>);

fn parse_body(body: &str, offset: usize) -> Result<Parsed, String> {
    let word_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
    let word = &body[..word_end];
    let kind = Kind::parse(word).ok_or_else(|| {
        format!(
            "unknown directive `digest-lint-{word}` (expected disable-next-line, disable, enable or disable-file)"
        )
    })?;
    let mut rest = &body[word_end..];
    let rest_offset = offset + word_end;
    let mut matches = None;
    if let Some(m) = rest.find("match=") {
        if kind == Kind::Enable {
            return Err("`match=` is not allowed on `enable`".into());
        }
        let after = &rest[m + "match=".len()..];
        let quoted = after
            .strip_prefix('"')
            .and_then(|s| s.find('"').map(|e| &s[..e]))
            .ok_or("`match=` needs a double-quoted text")?;
        if quoted.is_empty() {
            return Err("`match=\"\"` is empty".into());
        }
        matches = Some(quoted.to_string());
        let tail = &after[quoted.len() + 2..];
        if !tail.trim().is_empty() {
            return Err("nothing may follow `match=\"…\"`".into());
        }
        rest = &rest[..m];
    }
    let mut codes = Vec::new();
    for token in rest.split(|c: char| c == ',' || c.is_whitespace()) {
        let start = token.as_ptr() as usize - rest.as_ptr() as usize;
        if token.is_empty() {
            continue;
        }
        if !looks_like_code(token) {
            return Err(format!("`{token}` is not a rule code (like DL201)"));
        }
        codes.push(CodeRef {
            code: token.to_string(),
            span: Span::new(rest_offset + start, rest_offset + start + token.len()),
        });
    }
    if codes.is_empty() {
        return Err("names no rule code: say which (e.g. `DL201`)".into());
    }
    Ok((kind, codes, matches))
}

fn looks_like_code(t: &str) -> bool {
    let letters = t.chars().take_while(|c| c.is_ascii_uppercase()).count();
    letters >= 1 && t[letters..].chars().all(|c| c.is_ascii_digit())
}

/// Does `pattern` (a code or a prefix of codes) name `code`?
pub fn code_matches(pattern: &str, code: &str) -> bool {
    code.starts_with(pattern)
}

fn builtin_codes() -> &'static Vec<String> {
    static CODES: OnceLock<Vec<String>> = OnceLock::new();
    CODES.get_or_init(|| RuleSet::builtin().rules.keys().cloned().collect())
}

/// One (directive, code) pair and the lines it covers (0-based, inclusive).
struct Entry<'d> {
    directive: &'d Directive,
    code: &'d CodeRef,
    lines: Option<(usize, usize)>,
    used: bool,
}

impl Entry<'_> {
    fn covers(&self, f: &Finding, line: usize, text: &str) -> bool {
        let Some((from, to)) = self.lines else {
            return false;
        };
        if !(from <= line && line <= to && code_matches(&self.code.code, &f.code)) {
            return false;
        }
        match &self.directive.matches {
            None => true,
            Some(m) => {
                f.evidence.iter().any(|e| e.contains(m.as_str()))
                    || text
                        .get(f.span.start..f.span.end)
                        .is_some_and(|s| s.contains(m.as_str()))
            }
        }
    }
}

/// Applies the directives of `text` to its findings: drops the suppressed ones and adds a DL901
/// finding for every directive problem (when DL901 is among `rules`). Order is not kept.
pub fn apply(text: &str, findings: Vec<Finding>, rules: &RuleSet) -> Vec<Finding> {
    apply_with_known(text, findings, rules, builtin_codes())
}

/// [`apply`], with the codes that exist (enabled or not) given.
fn apply_with_known(
    text: &str,
    findings: Vec<Finding>,
    rules: &RuleSet,
    known_codes: &[String],
) -> Vec<Finding> {
    // Fast path: no directive can be present without this text.
    if memchr::memmem::find(text.as_bytes(), b"digest-lint").is_none() {
        return findings;
    }
    let index = LineIndex::new(text);
    let (directives, malformed) = parse(text, &index);
    let mut problems: Vec<(Span, String, bool)> = malformed
        .iter()
        .map(|m| (m.span, m.reason.clone(), false))
        .collect();
    let mut entries = scopes(text, &index, &directives, &mut problems);

    let directive_lines: std::collections::BTreeSet<usize> = directives
        .iter()
        .map(|d| d.line)
        .chain(malformed.iter().map(|m| m.line))
        .collect();
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let line = index.line_of(f.span.start.min(text.len()));
        // A directive line is not prose: a "claim" in it (`match="June 31"`) is no finding.
        if directive_lines.contains(&line) {
            continue;
        }
        let mut suppressed = false;
        for e in entries.iter_mut() {
            if e.covers(&f, line, text) {
                e.used = true;
                suppressed = true;
            }
        }
        if !suppressed {
            kept.push(f);
        }
    }

    let Some(spec) = rules.get(UNUSED_CODE) else {
        return kept;
    };
    for e in &entries {
        if e.used || code_matches(&e.code.code, UNUSED_CODE) {
            continue;
        }
        let known = known_codes
            .iter()
            .chain(rules.rules.keys())
            .any(|c| code_matches(&e.code.code, c));
        if !known {
            problems.push((
                e.code.span,
                format!("`{}` is not a rule code", e.code.code),
                false,
            ));
        } else if rules.rules.keys().any(|c| code_matches(&e.code.code, c)) {
            let what = match &e.directive.matches {
                Some(m) => format!("no {} finding matching \"{m}\" here", e.code.code),
                None => format!("no {} finding here", e.code.code),
            };
            let whole = e.directive.codes.len() == 1;
            problems.push((
                if whole { e.directive.span } else { e.code.span },
                what,
                whole,
            ));
        }
    }
    let mut extra = Vec::new();
    for (span, detail, removable) in problems {
        let line = index.line_of(span.start);
        let f = Finding {
            code: spec.code.clone(),
            name: spec.name.clone(),
            severity: spec.level,
            message: spec.message.replace("{detail}", &detail),
            help: Some(spec.help.clone()),
            span,
            label: detail.clone(),
            related: Vec::new(),
            topic: None,
            fix: removable.then(|| Fix {
                title: "remove the unused directive".into(),
                span: whole_line(text, &index, line),
                replacement: String::new(),
            }),
            evidence: vec![text[index.line_span(text, line).start..]
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string()],
        };
        // DL901 findings obey directives naming DL901.
        if !entries.iter_mut().any(|e| {
            let c = e.covers(&f, line, text);
            e.used |= c;
            c
        }) {
            extra.push(f);
        }
    }
    kept.extend(extra);
    kept
}

/// A line with its line break: what removing it deletes.
fn whole_line(text: &str, index: &LineIndex, line: usize) -> Span {
    let start = index.line_start(line);
    let end = if line + 1 < index.line_count() {
        index.line_start(line + 1)
    } else {
        text.len()
    };
    Span::new(start, end)
}

/// The lines each (directive, code) covers; `enable` lines close the latest open `disable` of
/// the same code, an `enable` closing nothing is a problem.
fn scopes<'d>(
    text: &str,
    index: &LineIndex,
    directives: &'d [Directive],
    problems: &mut Vec<(Span, String, bool)>,
) -> Vec<Entry<'d>> {
    let last_line = index.line_count().saturating_sub(1);
    let mut entries: Vec<Entry<'d>> = Vec::new();
    for d in directives {
        match d.kind {
            Kind::Enable => {
                for c in &d.codes {
                    let open = entries.iter_mut().rev().find(|e| {
                        e.directive.kind == Kind::Disable
                            && e.code.code == c.code
                            && e.lines.is_some_and(|(_, to)| to == last_line)
                            && e.directive.line < d.line
                    });
                    match open {
                        Some(e) => {
                            let (from, _) = e.lines.unwrap_or((0, 0));
                            e.lines = Some((from, d.line));
                        }
                        None => problems.push((
                            c.span,
                            format!("`enable {}` without an open `disable {}`", c.code, c.code),
                            false,
                        )),
                    }
                }
            }
            kind => {
                let lines = match kind {
                    Kind::File => Some((0, last_line)),
                    Kind::Disable => Some((d.line, last_line)),
                    _ => next_content_line(text, index, d.line).map(|l| (l, l)),
                };
                entries.extend(d.codes.iter().map(|code| Entry {
                    directive: d,
                    code,
                    lines,
                    used: false,
                }));
            }
        }
    }
    entries
}

/// The first line after `line` that is neither blank nor a directive.
fn next_content_line(text: &str, index: &LineIndex, line: usize) -> Option<usize> {
    (line + 1..index.line_count()).find(|&l| {
        let s = index.line_span(text, l).of(text);
        !s.trim().is_empty() && !is_directive_line(s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::rules::RuleSpec;

    fn rules() -> RuleSet {
        let mut set = RuleSet::default();
        for (code, name) in [
            ("DL201", "date-conflict"),
            ("DL202", "amount-conflict"),
            ("DL901", "unused-suppression"),
        ] {
            set.insert(RuleSpec {
                code: code.into(),
                name: name.into(),
                kind: "k".into(),
                level: Severity::Warning,
                message: "unused suppression: {detail}".into(),
                help: "h".into(),
                description: "d".into(),
                examples: crate::rules::Examples {
                    fires: "f".into(),
                    passes: "p".into(),
                },
                params: Default::default(),
            });
        }
        set
    }

    fn at(text: &str, needle: &str, code: &str) -> Finding {
        let s = text.rfind(needle).unwrap();
        Finding {
            code: code.into(),
            name: "n".into(),
            severity: Severity::Error,
            message: "m".into(),
            help: None,
            span: Span::new(s, s + needle.len()),
            label: "l".into(),
            related: vec![],
            topic: None,
            fix: None,
            evidence: vec![needle.to_string()],
        }
    }

    fn codes_and_lines(text: &str, fs: &[Finding]) -> Vec<(String, usize)> {
        let idx = LineIndex::new(text);
        let mut v: Vec<_> = fs
            .iter()
            .map(|f| (f.code.clone(), idx.line_of(f.span.start) + 1))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn next_line_skips_blank_and_directive_lines_and_only_its_codes() {
        let t = "<!-- digest-lint-disable-next-line DL201 -->\n\ndigest-lint-disable-next-line DL202\nA on Sept 13.\nB on Sept 13.\n";
        let fs = vec![
            at(t, "A on", "DL201"),
            at(t, "A on", "DL202"),
            at(t, "B on", "DL201"),
        ];
        let out = apply(t, fs, &rules());
        assert_eq!(codes_and_lines(t, &out), vec![("DL201".into(), 5)]);
    }

    #[test]
    fn range_and_file_and_prefix() {
        let t = "x1\n<!-- digest-lint-disable DL2 -->\nx3\n<!-- digest-lint-enable DL2 -->\nx5\ndigest-lint-disable-file DL202\n";
        let fs = vec![
            at(t, "x1", "DL201"),
            at(t, "x3", "DL201"),
            at(t, "x5", "DL201"),
            at(t, "x5", "DL202"),
        ];
        let out = apply(t, fs, &rules());
        assert_eq!(
            codes_and_lines(t, &out),
            vec![("DL201".into(), 1), ("DL201".into(), 5)]
        );
    }

    #[test]
    fn match_restricts_to_evidence() {
        let t =
            "digest-lint-disable-next-line DL201 match=\"Sept 14–15\"\nSept 14–15 and Sept. 13\n";
        let fs = vec![at(t, "Sept 14–15", "DL201"), at(t, "Sept. 13", "DL201")];
        let out = apply(t, fs, &rules());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].evidence, vec!["Sept. 13".to_string()]);
    }

    #[test]
    fn unused_unknown_and_malformed_are_reported() {
        let t = "<!-- digest-lint-disable-next-line DL201, DL202 -->\nA.\n<!-- digest-lint-disable-next-line DL777 -->\nB.\ndigest-lint-disable-next-line\ndigest-lint-frobnicate DL201\ndigest-lint-enable DL201\nC.\n";
        let fs = vec![at(t, "A.", "DL201")];
        let out = apply(t, fs, &rules());
        let mut msgs: Vec<String> = out.iter().map(|f| f.message.clone()).collect();
        msgs.sort();
        assert_eq!(
            msgs,
            vec![
                "unused suppression: `DL777` is not a rule code",
                "unused suppression: `enable DL201` without an open `disable DL201`",
                "unused suppression: names no rule code: say which (e.g. `DL201`)",
                "unused suppression: no DL202 finding here",
                "unused suppression: unknown directive `digest-lint-frobnicate` (expected disable-next-line, disable, enable or disable-file)",
            ]
        );
        assert!(out.iter().all(|f| f.code == "DL901"));
        // The DL202 code is pointed at exactly.
        let dl202 = out.iter().find(|f| f.message.contains("DL202")).unwrap();
        assert_eq!(dl202.span.of(t), "DL202");
    }

    #[test]
    fn fully_unused_directive_offers_a_fix_and_dl901_can_be_suppressed() {
        let t = "<!-- digest-lint-disable-next-line DL201 -->\nA.\n";
        let out = apply(t, vec![], &rules());
        assert_eq!(out.len(), 1);
        let fix = out[0].fix.as_ref().unwrap();
        assert_eq!(
            fix.span.of(t),
            "<!-- digest-lint-disable-next-line DL201 -->\n"
        );
        let t2 =
            "digest-lint-disable-file DL901\n<!-- digest-lint-disable-next-line DL201 -->\nA.\n";
        assert!(apply(t2, vec![], &rules()).is_empty());
    }

    #[test]
    fn disabled_rules_are_not_reported_unused_and_no_dl901_without_the_rule() {
        let t = "<!-- digest-lint-disable-next-line DL203 -->\nA.\n";
        // DL203 is a real code (built in) that this run switched off: not unused, not unknown.
        let mut r = rules();
        let known = vec!["DL201".to_string(), "DL203".to_string()];
        assert!(apply_with_known(t, vec![], &r, &known).is_empty());
        // Without DL203 among the known codes, it is unknown.
        assert_eq!(apply_with_known(t, vec![], &r, &[]).len(), 1);
        r.rules.remove("DL901");
        let t = "<!-- digest-lint-disable-next-line DL201 -->\nA.\n";
        assert!(apply(t, vec![], &r).is_empty());
    }

    #[test]
    fn findings_inside_directive_lines_are_dropped() {
        let t = "<!-- digest-lint-disable-next-line DL201 match=\"June 31\" -->\nJune 31 here.\n";
        let f = at(t, "June 31\"", "DL201");
        let out = apply(t, vec![f], &rules());
        // Dropped, and the directive (which suppressed nothing) is reported.
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, "DL901");
    }

    #[test]
    fn the_rule_files_examples_hold_with_the_builtin_rules() {
        let opts = crate::Options::default();
        let spec = opts
            .rules
            .get(UNUSED_CODE)
            .expect("DL901 is built in")
            .clone();
        let codes = |t: &str| -> Vec<String> {
            crate::lint(t, &opts).into_iter().map(|f| f.code).collect()
        };
        assert_eq!(codes(&spec.examples.fires), vec![UNUSED_CODE.to_string()]);
        assert_eq!(codes(&spec.examples.passes), Vec::<String>::new());
    }

    #[test]
    fn crlf_and_indentation() {
        let t = "  <!-- digest-lint-disable-next-line DL201 -->\r\nA on Sept 13.\r\n";
        let out = apply(t, vec![at(t, "A on", "DL201")], &rules());
        assert!(out.is_empty());
    }
}
