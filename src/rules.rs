//! Rules as data: one TOML file per rule under `rules/`, embedded at build time.
//!
//! The code implements check *kinds* (`checks/`); a rule file instantiates a kind with a code,
//! a level, message templates and the kind's parameters (tolerances carry their unit in the
//! name: `tolerance_pct`, `window_slack_days`).

use crate::finding::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// The files compiled into the binary: (path relative to `rules/`, contents).
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    embedded::EMBEDDED
}

/// The contents of an embedded file, e.g. `fx-monthly-usd.csv` or `lexicon/hedges.toml`.
pub fn embedded(path: &str) -> Option<&'static str> {
    embedded::EMBEDDED
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, c)| *c)
}

/// Examples shown by `digest-lint rule CODE`.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// A digest excerpt the rule flags.
    pub fires: String,
    /// A near miss the rule leaves alone.
    pub passes: String,
}

/// One rule file.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Stable code, e.g. `DL201`.
    pub code: String,
    /// Kebab-case name, e.g. `date-conflict`.
    pub name: String,
    /// The check kind this rule instantiates (a function in `checks/`).
    pub kind: String,
    /// Default level.
    pub level: Severity,
    /// Message template; `{placeholders}` are filled by the check.
    pub message: String,
    /// Help template.
    pub help: String,
    /// What the rule checks and why.
    pub description: String,
    pub examples: Examples,
    /// The kind's parameters.
    #[serde(default)]
    pub params: toml::Table,
}

impl RuleSpec {
    /// A numeric parameter, as written in the rule file.
    pub fn param_f64(&self, key: &str) -> Option<f64> {
        match self.params.get(key)? {
            toml::Value::Integer(i) => Some(*i as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        }
    }
    /// A numeric parameter as an exact decimal (floats in TOML are read through their text).
    pub fn param_decimal(&self, key: &str) -> Option<rust_decimal::Decimal> {
        match self.params.get(key)? {
            toml::Value::Integer(i) => Some((*i).into()),
            toml::Value::Float(f) => f.to_string().parse().ok(),
            toml::Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }
    pub fn param_i64(&self, key: &str) -> Option<i64> {
        self.params.get(key)?.as_integer()
    }
    /// A word-list parameter, borrowed from the rule file (no copies).
    pub fn param_strs<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.params
            .get(key)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
    }
    pub fn param_strings(&self, key: &str) -> Vec<String> {
        self.params
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A rule file that could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("rule file {path}: {message}")]
pub struct RuleError {
    pub path: String,
    pub message: String,
}

/// The rules of a run, keyed by code.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: BTreeMap<String, RuleSpec>,
}

impl RuleSet {
    /// The rules compiled into the binary.
    pub fn builtin() -> Self {
        let mut set = RuleSet::default();
        for (path, text) in embedded_files() {
            if path.ends_with(".toml") && !path.contains('/') {
                // Built-in rule files are tested to parse; see tests below.
                if let Ok(spec) = Self::parse(path, text) {
                    set.rules.insert(spec.code.clone(), spec);
                }
            }
        }
        set
    }

    pub fn parse(path: &str, text: &str) -> Result<RuleSpec, RuleError> {
        toml::from_str(text).map_err(|e| RuleError {
            path: path.to_string(),
            message: e.to_string(),
        })
    }

    /// Adds or replaces a rule.
    pub fn insert(&mut self, spec: RuleSpec) {
        self.rules.insert(spec.code.clone(), spec);
    }

    pub fn get(&self, code: &str) -> Option<&RuleSpec> {
        self.rules.get(code)
    }

    pub fn iter(&self) -> impl Iterator<Item = &RuleSpec> {
        self.rules.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_rule_file_parses() {
        for (path, text) in embedded_files() {
            if path.ends_with(".toml") && !path.contains('/') {
                let spec = RuleSet::parse(path, text).unwrap();
                assert!(
                    path.starts_with(&spec.code),
                    "{path} should be named after {}",
                    spec.code
                );
            }
        }
    }
}
