//! `uncited_block` (DL501, a style rule): a paragraph or key point that states figures but
//! cites no source, in a digest that cites its sources elsewhere. The finding points at the
//! block's first figure and labels every other one, so a reviewer sees all that needs a source.

use super::{Cx, Hit};
use crate::claims::{ClaimKind, Grain};
use crate::digest::BlockKind;
use crate::finding::Finding;
use crate::rules::RuleSpec;

/// A date grain by its name in the JSON interface (`"day"`, `"month"`), as the rule file names
/// it.
fn grain_is(g: Grain, names: &[&str]) -> bool {
    serde_json::to_value(g)
        .ok()
        .is_some_and(|v| v.as_str().is_some_and(|n| names.contains(&n)))
}

/// What the rule counts as a figure a reader would want sourced: the claim kinds of its
/// `figure_kinds` and the dates of its `figure_date_grains` (a year alone is context, a month
/// only with its year), a fuzzy
/// one (`mid-September`) only when it spans fewer than `max_fuzzy_date_days` (`mid-2025` is
/// context too).
struct Figures<'a> {
    kinds: Vec<&'a str>,
    grains: Vec<&'a str>,
    max_fuzzy_days: i64,
}

impl<'a> Figures<'a> {
    fn of(spec: &'a RuleSpec) -> Self {
        Figures {
            kinds: spec.param_strs("figure_kinds").collect(),
            grains: spec.param_strs("figure_date_grains").collect(),
            max_fuzzy_days: spec.param_i64("max_fuzzy_date_days").unwrap_or(0),
        }
    }

    fn is_figure(&self, kind: &ClaimKind) -> bool {
        match kind {
            ClaimKind::Date(d) => {
                !d.relative
                    && grain_is(d.grain, &self.grains)
                    // `takes over in February`: a month without its year is context
                    && (d.year_stated || d.grain == Grain::Day || d.grain == Grain::Week)
                    && (!d.fuzzy || (d.hi() - d.lo()).num_days() < self.max_fuzzy_days)
            }
            k => self.kinds.contains(&k.name()),
        }
    }
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    let min = spec.param_i64("min_figures").unwrap_or(1).max(1) as usize;
    let figures_of = Figures::of(spec);
    let digest = &cx.doc.digest;
    let prose = |k: BlockKind| matches!(k, BlockKind::Paragraph | BlockKind::KeyPoint);
    if !digest
        .blocks
        .iter()
        .any(|b| prose(b.kind) && b.citation.is_some())
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let claims = &cx.doc.claims;
    let mut ci = 0;
    for b in &digest.blocks {
        while ci < claims.len() && claims[ci].span.start < b.span.start {
            ci += 1;
        }
        if !prose(b.kind) || b.citation.is_some() {
            continue;
        }
        let figures: Vec<usize> = (ci..claims.len())
            .take_while(|&i| claims[i].span.start < b.span.end)
            .filter(|&i| figures_of.is_figure(&claims[i].kind))
            .collect();
        if figures.len() < min {
            continue;
        }
        let first = figures[0];
        let kind = if b.kind == BlockKind::KeyPoint {
            "key point"
        } else {
            "paragraph"
        };
        let n = figures.len();
        let mut hit = Hit::new(claims[first].span, "unsourced figure")
            .var("block", kind)
            .var("count", n.to_string())
            .var("figure", cx.claim_text(first))
            .evidence(cx.claim_text(first));
        for &i in &figures[1..] {
            hit = hit
                .related(None, claims[i].span, "also unsourced")
                .evidence(cx.claim_text(i));
        }
        out.push(hit.finish(cx, spec));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::claims::Grain;
    use crate::rules::RuleSet;
    use crate::{lint, Options};

    /// The figures DL501 names in a digest's findings: the primary then the related texts.
    fn flagged(text: &str) -> Vec<Vec<String>> {
        let opts = Options::default();
        lint(text, &opts)
            .into_iter()
            .filter(|f| f.code == "DL501")
            .map(|f| f.evidence)
            .collect()
    }

    #[test]
    fn the_rule_file_names_known_kinds_and_grains() {
        let rules = RuleSet::builtin();
        let spec = rules.get("DL501").expect("DL501 is built in");
        let kinds = [
            "money",
            "percent",
            "date",
            "invalid_date",
            "duration",
            "count",
            "number",
            "ratio",
        ];
        let grains = ["day", "week", "month", "quarter", "half", "year"];
        assert!(grains.iter().all(|g| {
            [
                Grain::Day,
                Grain::Week,
                Grain::Month,
                Grain::Quarter,
                Grain::Half,
                Grain::Year,
            ]
            .into_iter()
            .any(|x| super::grain_is(x, &[g]))
        }));
        assert!(spec.param_strs("figure_kinds").count() > 0);
        assert!(spec.param_strs("figure_kinds").all(|k| kinds.contains(&k)));
        assert!(spec
            .param_strs("figure_date_grains")
            .all(|g| grains.contains(&g)));
    }

    #[test]
    fn every_figure_of_an_uncited_block_is_named_and_a_year_or_month_alone_is_none() {
        let text = "Power\n\n3 articles • Prices.\n\nPrices rose 4% in October. (ft.com)\n\n\
                    Key Points\n  • The round drew 3 gigawatts of bids in October and is repeated in 2026.\n  \
                    • The next round follows in mid-2026 or in 2027.\n  • Bids rose 2× on Aug. 6, 2025, after mid-July.\n";
        assert_eq!(
            flagged(text),
            vec![
                // `in October` without its year is context, like `in 2026`
                vec!["3 gigawatts".to_string()],
                vec![
                    "2×".to_string(),
                    "Aug. 6, 2025".to_string(),
                    "mid-July".to_string()
                ],
            ]
        );
    }
}
