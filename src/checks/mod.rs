//! Check kinds: the code behind the rules in `rules/`. A rule file names its kind; this module
//! dispatches each rule of the set to its kind (one file per kind) and builds findings from the
//! rule's templates.

mod amount_conflict;
mod change_arithmetic;
mod date_conflict;
mod fx_rate_consistency;
mod fx_reference_rate;
mod impossible_date;
mod index;
mod range_order;
mod scale_slip;
mod total_arithmetic;
mod uncited_block;
pub mod values;
mod weekday_mismatch;
mod window_arithmetic;

use crate::finding::{Finding, Fix, Related};
use crate::fx::Rates;
use crate::rules::{RuleError, RuleSet, RuleSpec};
use crate::source::Span;
use crate::Analysis;

pub use index::DocIndex;

/// Every kind a rule file may name, with the parameters it requires.
pub const KINDS: &[(&str, &[&str])] = &[
    ("impossible_date", &[]),
    ("weekday_mismatch", &[]),
    ("range_order", &[]),
    (
        "date_conflict",
        &[
            "fuzzy_widen_days",
            "hedge_widen_days",
            "max_gap_days",
            "max_mentions_per_key",
        ],
    ),
    (
        "amount_conflict",
        &[
            "tolerance_pct",
            "hedge_tolerance_pct",
            "max_mentions_per_key",
        ],
    ),
    (
        "cross_digest_date_conflict",
        &[
            "fuzzy_widen_days",
            "hedge_widen_days",
            "max_gap_days",
            "max_mentions_per_key",
        ],
    ),
    (
        "cross_digest_amount_conflict",
        &[
            "tolerance_pct",
            "hedge_tolerance_pct",
            "max_mentions_per_key",
        ],
    ),
    ("fx_reference_rate", &["tolerance_pct", "max_month_gap"]),
    (
        "fx_rate_consistency",
        &["tolerance_pct", "max_months_apart"],
    ),
    ("scale_slip", &["tolerance_pct", "max_month_gap"]),
    (
        "window_arithmetic",
        &["slack_days", "slack_pct", "hedge_slack_pct", "max_dates"],
    ),
    (
        "change_arithmetic",
        &["tolerance_pct", "hedge_tolerance_pct"],
    ),
    (
        "total_arithmetic",
        &["tolerance_pct", "hedge_tolerance_pct"],
    ),
    ("uncited_block", &["min_figures"]),
    ("unused_suppression", &[]),
];

/// Checks that every rule names a known kind and carries the parameters its kind needs.
pub fn validate(rules: &RuleSet) -> Result<(), RuleError> {
    for spec in rules.iter() {
        let path = format!("{}-{}.toml", spec.code, spec.name);
        let Some((_, params)) = KINDS.iter().find(|(k, _)| *k == spec.kind) else {
            let known: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
            return Err(RuleError {
                path,
                message: format!(
                    "unknown kind `{}` (known kinds: {})",
                    spec.kind,
                    known.join(", ")
                ),
            });
        };
        for p in *params {
            if spec.param_decimal(p).is_none() {
                return Err(RuleError {
                    path,
                    message: format!(
                        "kind `{}` needs the numeric parameter `{p}` in [params]",
                        spec.kind
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Runs every rule of `rules` over one document, with the built-in reference rates.
pub fn check_document(doc: &Analysis, rules: &RuleSet) -> Vec<Finding> {
    check_document_with(doc, rules, Rates::builtin())
}

/// [`check_document`] with the reference rates in force (the built-in table extended by a
/// configuration's `fx-rates` files).
pub fn check_document_with(doc: &Analysis, rules: &RuleSet, rates: &Rates) -> Vec<Finding> {
    let mut cx = Cx::new(doc, rules);
    cx.rates = rates;
    let mut out = Vec::new();
    for spec in rules.iter() {
        let found = match spec.kind.as_str() {
            "impossible_date" => impossible_date::check(&cx, spec),
            "weekday_mismatch" => weekday_mismatch::check(&cx, spec),
            "range_order" => range_order::check(&cx, spec),
            "date_conflict" => date_conflict::check(&cx, spec),
            "amount_conflict" => amount_conflict::check(&cx, spec),
            "fx_reference_rate" => fx_reference_rate::check(&cx, spec),
            "fx_rate_consistency" => fx_rate_consistency::check(&cx, spec),
            "scale_slip" => scale_slip::check(&cx, spec),
            "window_arithmetic" => window_arithmetic::check(&cx, spec),
            "change_arithmetic" => change_arithmetic::check(&cx, spec),
            "total_arithmetic" => total_arithmetic::check(&cx, spec),
            "uncited_block" => uncited_block::check(&cx, spec),
            _ => Vec::new(),
        };
        out.extend(found);
    }
    out
}

/// Runs the rules that compare documents of one run; findings go to the later document.
pub fn check_run(docs: &[&Analysis], rules: &RuleSet) -> Vec<Vec<Finding>> {
    let mut out = vec![Vec::new(); docs.len()];
    if docs.len() < 2 {
        return out;
    }
    let cxs: Vec<Cx> = docs.iter().map(|d| Cx::new(d, rules)).collect();
    for spec in rules.iter() {
        let found = match spec.kind.as_str() {
            "cross_digest_date_conflict" => date_conflict::check_run(&cxs, spec),
            "cross_digest_amount_conflict" => amount_conflict::check_run(&cxs, spec),
            _ => continue,
        };
        for (doc, f) in found {
            out[doc].push(f);
        }
    }
    out
}

/// One document being checked, with its fact index (built lazily, once).
pub struct Cx<'a> {
    pub doc: &'a Analysis,
    pub rules: &'a RuleSet,
    index: std::sync::OnceLock<DocIndex>,
    /// The tolerance of the scale-slip rule in force, if any (DL202/DL301/DL302 leave slips to
    /// it).
    pub scale_tolerance: Option<rust_decimal::Decimal>,
    /// The reference exchange rates in force.
    pub rates: &'a Rates,
    /// The document's conversion pairs (read lazily, once).
    convs: std::sync::OnceLock<Vec<fx_reference_rate::Conv>>,
    /// The conversions each reference-rate rule flags, by rule code (DL302 asks again).
    flagged: std::sync::Mutex<Vec<(String, Vec<fx_reference_rate::Flagged>)>>,
}

impl<'a> Cx<'a> {
    pub fn new(doc: &'a Analysis, rules: &'a RuleSet) -> Self {
        Cx {
            doc,
            rules,
            index: std::sync::OnceLock::new(),
            scale_tolerance: rules
                .iter()
                .find(|r| r.kind == "scale_slip")
                .and_then(|r| r.param_decimal("tolerance_pct")),
            rates: Rates::builtin(),
            convs: std::sync::OnceLock::new(),
            flagged: std::sync::Mutex::new(Vec::new()),
        }
    }
    pub fn index(&self) -> &DocIndex {
        self.index.get_or_init(|| DocIndex::new(self.doc))
    }
    pub fn text(&self) -> &str {
        &self.doc.text
    }
    /// The text of claim `i`.
    pub fn claim_text(&self, i: usize) -> &str {
        self.doc.claims[i].span.of(&self.doc.text)
    }
    /// The title of the topic holding `offset`.
    pub fn topic_at(&self, offset: usize) -> Option<String> {
        let b = self.doc.digest.block_at(offset)?;
        let t = self.doc.digest.blocks[b].topic;
        self.doc
            .digest
            .topic_title(&self.doc.text, t)
            .map(str::to_string)
    }
}

/// Fills `{name}` placeholders of a template; unknown ones stay as written.
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match vars.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a check found, before the rule's templates turn it into a [`Finding`].
pub struct Hit {
    pub span: Span,
    pub label: String,
    pub vars: Vec<(&'static str, String)>,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    pub evidence: Vec<String>,
}

impl Hit {
    pub fn new(span: Span, label: impl Into<String>) -> Self {
        Hit {
            span,
            label: label.into(),
            vars: Vec::new(),
            related: Vec::new(),
            fix: None,
            evidence: Vec::new(),
        }
    }
    pub fn var(mut self, k: &'static str, v: impl Into<String>) -> Self {
        self.vars.push((k, v.into()));
        self
    }
    pub fn related(mut self, file: Option<usize>, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            file,
            span,
            message: message.into(),
        });
        self
    }
    pub fn fix(mut self, title: impl Into<String>, span: Span, replacement: String) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            span,
            replacement,
        });
        self
    }
    pub fn evidence(mut self, e: impl Into<String>) -> Self {
        self.evidence.push(e.into());
        self
    }
    /// Each claim as a related mention in the same document (labelled by `label` from its text)
    /// and as evidence.
    pub fn related_claims(
        mut self,
        cx: &Cx,
        claims: impl IntoIterator<Item = usize>,
        label: impl Fn(&str) -> String,
    ) -> Self {
        for c in claims {
            let text = cx.claim_text(c);
            self = self
                .related(None, cx.doc.claims[c].span, label(text))
                .evidence(text);
        }
        self
    }
    /// The finding, with the rule's code, name, level and filled templates.
    pub fn finish(self, cx: &Cx, spec: &RuleSpec) -> Finding {
        Finding {
            code: spec.code.clone(),
            name: spec.name.clone(),
            severity: spec.level,
            message: fill(&spec.message, &self.vars),
            help: Some(fill(&spec.help, &self.vars)).filter(|h| !h.trim().is_empty()),
            span: self.span,
            label: fill(&self.label, &self.vars),
            related: self.related,
            topic: cx.topic_at(self.span.start),
            fix: self.fix,
            evidence: self.evidence,
        }
    }
}

/// Where another mention stands relative to the primary one, for messages.
pub fn place(cx: &Cx, primary: Span, other: Span) -> &'static str {
    let d = &cx.doc.digest;
    let (a, b) = (d.block_at(primary.start), d.block_at(other.start));
    match (a, b) {
        (Some(a), Some(b)) if a == b => "earlier in this block",
        (Some(a), Some(b)) if d.blocks[a].topic == d.blocks[b].topic => "elsewhere in this topic",
        _ => "in another topic",
    }
}

/// Greedy choice of the claims at fault in a conflict graph: the mention that conflicts with
/// most others (ties: the hedged or fuzzy one, then the later one) is reported with its
/// conflicting mentions as related, then removed, until no conflict is left. Returns (primary,
/// others) pairs of node ids.
pub fn pick_primaries(
    edges: &[(usize, usize)],
    soft: impl Fn(usize) -> bool,
) -> Vec<(usize, Vec<usize>)> {
    use crate::facts::fast::FastMap;
    let mut edges: Vec<(usize, usize)> = edges.to_vec();
    edges.sort_unstable();
    edges.dedup();
    // connected components (union-find), each resolved on its own
    let mut parent: FastMap<usize, usize> = FastMap::default();
    fn find(parent: &mut FastMap<usize, usize>, x: usize) -> usize {
        let mut r = x;
        while let Some(&p) = parent.get(&r) {
            if p == r {
                break;
            }
            r = p;
        }
        let mut y = x;
        while y != r {
            let next = parent.get(&y).copied().unwrap_or(r);
            parent.insert(y, r);
            y = next;
        }
        r
    }
    for &(a, b) in &edges {
        parent.entry(a).or_insert(a);
        parent.entry(b).or_insert(b);
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<(usize, usize)>> = Default::default();
    for &(a, b) in &edges {
        let r = find(&mut parent, a);
        groups.entry(r).or_default().push((a, b));
    }
    let mut out = Vec::new();
    for (_, mut edges) in groups {
        while !edges.is_empty() {
            let mut deg: FastMap<usize, usize> = FastMap::default();
            for &(a, b) in &edges {
                *deg.entry(a).or_default() += 1;
                *deg.entry(b).or_default() += 1;
            }
            let Some(&best) = deg
                .iter()
                .max_by_key(|(n, d)| (**d, soft(**n), **n))
                .map(|(n, _)| n)
            else {
                break;
            };
            let mut others: Vec<usize> = edges
                .iter()
                .filter_map(|&(a, b)| {
                    if a == best {
                        Some(b)
                    } else if b == best {
                        Some(a)
                    } else {
                        None
                    }
                })
                .collect();
            others.sort_unstable();
            edges.retain(|&(a, b)| a != best && b != best);
            out.push((best, others));
        }
    }
    out.sort_by_key(|(p, _)| *p);
    out
}

#[cfg(test)]
mod tests;
