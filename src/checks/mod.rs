//! Check kinds: the code behind the rules in `rules/`. (To be written: see issue #3.)

use crate::finding::Finding;
use crate::rules::RuleSet;
use crate::Analysis;

/// Runs every rule of `rules` over one document.
pub fn check_document(_doc: &Analysis, _rules: &RuleSet) -> Vec<Finding> {
    Vec::new()
}

/// Runs the rules that compare documents of one run; findings go to the later document.
pub fn check_run(docs: &[&Analysis], _rules: &RuleSet) -> Vec<Vec<Finding>> {
    vec![Vec::new(); docs.len()]
}
