//! Configuration files and the per-file [`Options`] they produce.
//!
//! **Entry point for editors (the LSP) and the CLI:**
//! [`options_for_path`]`(path, &overrides) -> Result<(Options, FileSettings), ConfigError>`:
//! finds the configuration that governs `path`, applies the command-line `overrides`, and returns
//! the [`Options`] to lint it with (the rule set filtered to the rules enabled for this path,
//! levels overridden, reference date) plus the [`FileSettings`] the runner needs (baseline, fail
//! level, extensions). A [`Resolver`] does the same with a cache, for runs over many files.
//!
//! **Discovery:** the nearest ancestor folder of the file holding `.digest-lint.toml` or
//! `digest-lint.toml` (the dotted name wins when both exist) governs it; nothing is merged
//! implicitly. A file merges another only through `extend = "../digest-lint.toml"`: the
//! extending file's keys replace the extended file's, except `[rules.CODE]` tables, which merge
//! code by code. `--config FILE` uses one file for every path; `--isolated` uses none.
//!
//! **Keys** (unknown keys are an error pointing into the file):
//! ```toml
//! extend = "../digest-lint.toml"      # explicit inheritance
//! select = ["DL1", "DL201"]            # codes or prefixes to enable (default: all)
//! ignore = ["DL501"]                   # codes or prefixes to disable (wins over select)
//! extensions = ["txt", "md"]           # what a folder walk takes
//! reference-date = "2025-09-30"        # "today" for year-less and relative dates
//! fail-level = "error"                 # findings at or above it fail the run
//! baseline = "digest-lint-baseline.json"
//! rule-files = ["rules/DL201-date-conflict.toml"]   # add or replace rules
//! fx-rates = ["rates/extra.csv"]       # more reference rates (month,currency,units_per_usd)
//! [per-file-ignores]
//! "drafts/*.md" = ["DL501"]            # globs relative to this file's folder
//! [rules.DL201]
//! level = "warning"                    # error, warning, info or off
//! ```
//! Paths in a file are relative to that file's folder.

use crate::finding::Severity;
use crate::report::full::DocSource;
use crate::rules::{RuleSet, RuleSpec};
use crate::source::Span;
use crate::Options;
use chrono::NaiveDate;
use globset::{GlobBuilder, GlobMatcher};
use miette::{Diagnostic, LabeledSpan, SourceCode};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use toml::Spanned;

/// The names a configuration file may have, in order of precedence within one folder.
pub const FILE_NAMES: [&str; 2] = [".digest-lint.toml", "digest-lint.toml"];

/// What the command line says, on top of (or instead of) configuration files.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config FILE`: this file for every path, no discovery.
    pub config: Option<PathBuf>,
    /// `--isolated`: no configuration file at all.
    pub isolated: bool,
    /// `--select`: replaces the configuration's `select`.
    pub select: Option<Vec<String>>,
    /// `--ignore`: added to the configuration's `ignore`.
    pub ignore: Vec<String>,
    pub reference_date: Option<NaiveDate>,
    pub fail_level: Option<Severity>,
    pub extensions: Option<Vec<String>>,
}

/// What the runner needs to know about a file besides its [`Options`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSettings {
    /// The configuration file that governs the file, if any.
    pub config: Option<PathBuf>,
    /// The baseline named by that configuration, resolved against its folder.
    pub baseline: Option<PathBuf>,
    /// Findings at or above this level fail the run.
    pub fail_level: Severity,
    /// The extensions a folder walk takes.
    pub extensions: Vec<String>,
    /// Files with equal keys share equal [`Options`] (lint them in one group).
    pub key: String,
}

/// A configuration error: a message and, where it lies in a file, the span (a miette
/// [`Diagnostic`] that renders the file around it).
#[derive(Debug)]
pub struct ConfigError(Box<ErrorInner>);

#[derive(Debug)]
struct ErrorInner {
    message: String,
    file: Option<PathBuf>,
    label: String,
    help: Option<String>,
    span: Option<Span>,
    source: Option<DocSource<'static>>,
}

impl ConfigError {
    fn plain(file: Option<&Path>, message: impl Into<String>) -> Self {
        ConfigError(Box::new(ErrorInner {
            message: message.into(),
            file: file.map(shown),
            label: String::new(),
            help: None,
            span: None,
            source: None,
        }))
    }

    fn at(file: &Path, text: &str, span: Span, message: impl Into<String>) -> Self {
        let message = message.into();
        let label = first_line(&message);
        let label = label
            .split(", expected")
            .next()
            .unwrap_or(label)
            .to_string();
        let file = shown(file);
        ConfigError(Box::new(ErrorInner {
            label,
            source: Some(DocSource::owned(&file.display().to_string(), text.into())),
            message,
            file: Some(file),
            help: None,
            span: Some(span),
        }))
    }

    fn with_label(mut self, label: impl Into<String>) -> Self {
        self.0.label = label.into();
        self
    }

    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The configuration file at fault, if any.
    pub fn file(&self) -> Option<&Path> {
        self.0.file.as_deref()
    }

    /// Where in that file (byte offsets), if known.
    pub fn span(&self) -> Option<Span> {
        self.0.span
    }
}

/// A path as shown to people: relative to the current folder when inside it.
pub fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.file {
            Some(p) => write!(f, "{}: {}", p.display(), first_line(&self.0.message)),
            None => f.write_str(first_line(&self.0.message)),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("config"))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0
            .help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (span, source) = (self.0.span?, self.0.source.as_ref()?);
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                Some(self.0.label.clone()),
                source.clamp(span.start, span.end),
            ),
        )))
    }
}

/// A level in `[rules.CODE]`: `off` or a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// One configuration file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    extend: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    extensions: Option<Vec<Spanned<String>>>,
    reference_date: Option<Spanned<toml::Value>>,
    fail_level: Option<Spanned<String>>,
    baseline: Option<Spanned<String>>,
    rule_files: Option<Vec<Spanned<String>>>,
    fx_rates: Option<Vec<Spanned<String>>>,
    per_file_ignores: Option<BTreeMap<String, Vec<Spanned<String>>>>,
    rules: Option<BTreeMap<String, Spanned<RawRule>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    level: Spanned<String>,
}

/// A configuration file resolved: `extend` followed, paths absolute, values checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file itself (`None`: the defaults).
    pub path: Option<PathBuf>,
    /// The folder its relative paths and globs are relative to.
    pub dir: PathBuf,
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    extensions: Option<Vec<String>>,
    reference_date: Option<NaiveDate>,
    fail_level: Option<Severity>,
    baseline: Option<PathBuf>,
    per_file_ignores: Vec<(String, GlobMatcher, Vec<String>)>,
    levels: BTreeMap<String, Level>,
    /// Every rule known to this configuration (built in plus `rule-files`), unfiltered.
    rules: Arc<RuleSet>,
    /// Reference rates added by `fx-rates`.
    pub fx_rates: Option<Arc<crate::fx::Rates>>,
}

impl Config {
    /// The defaults: every built-in rule, no file.
    pub fn defaults(dir: &Path) -> Config {
        Config {
            path: None,
            dir: dir.to_path_buf(),
            select: None,
            ignore: Vec::new(),
            extensions: None,
            reference_date: None,
            fail_level: None,
            baseline: None,
            per_file_ignores: Vec::new(),
            levels: BTreeMap::new(),
            rules: builtin_rules(),
            fx_rates: None,
        }
    }

    /// Reads a configuration file, following `extend`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        load_chain(&absolute(path), &mut Vec::new())
    }

    /// The baseline this configuration names.
    pub fn baseline(&self) -> Option<&Path> {
        self.baseline.as_deref()
    }
}

fn builtin_rules() -> Arc<RuleSet> {
    static RULES: std::sync::OnceLock<Arc<RuleSet>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Arc::new(RuleSet::builtin())).clone()
}

/// `path` made absolute against the current folder (symlinks kept, as the user wrote them).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn load_chain(path: &Path, seen: &mut Vec<PathBuf>) -> Result<Config, ConfigError> {
    // Compare real paths: `a/../b/x.toml` and `b/x.toml` are one file.
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if seen.contains(&real) {
        return Err(ConfigError::plain(
            Some(path),
            format!(
                "`extend` goes round in a circle: {}",
                seen.iter()
                    .chain(std::iter::once(&path.to_path_buf()))
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
        ));
    }
    seen.push(real);
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError::plain(
            Some(path),
            format!("cannot read: {}", crate::walk::io_message(&e)),
        )
    })?;
    let raw: RawConfig = toml::from_str(&text).map_err(|e| {
        let span = e.span().map(|r| Span::new(r.start, r.end));
        let msg = e.message().to_string();
        match span {
            Some(s) => ConfigError::at(path, &text, s, msg),
            None => ConfigError::plain(Some(path), msg),
        }
        .with_help("the README's Configuration section lists every key")
    })?;
    let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
    let mut base = match &raw.extend {
        Some(ext) => {
            let target = dir.join(ext.get_ref());
            if !target.is_file() {
                return Err(ConfigError::at(
                    path,
                    &text,
                    span_of(ext),
                    format!("`extend`: no file {}", target.display()),
                ));
            }
            load_chain(&target, seen)?
        }
        None => Config::defaults(&dir),
    };
    let f = FileCtx {
        path,
        text: &text,
        dir: &dir,
    };
    apply_raw(&mut base, raw, &f)?;
    base.path = Some(path.to_path_buf());
    base.dir = dir;
    Ok(base)
}

/// The file being read, for error spans and relative paths.
struct FileCtx<'a> {
    path: &'a Path,
    text: &'a str,
    dir: &'a Path,
}

impl FileCtx<'_> {
    fn err<T>(&self, s: &Spanned<T>, msg: impl Into<String>) -> ConfigError {
        ConfigError::at(self.path, self.text, span_of(s), msg)
    }
    /// Reads a file named by a key: (its name as shown, its text).
    fn read(
        &self,
        s: &Spanned<String>,
        what: &str,
        label: &str,
    ) -> Result<(String, String), ConfigError> {
        let p = self.file(s, what)?;
        let name = shown(&p).display().to_string();
        let text = std::fs::read_to_string(&p).map_err(|e| {
            self.err(
                s,
                format!("cannot read {name}: {}", crate::walk::io_message(&e)),
            )
            .with_label(label)
        })?;
        Ok((name, text))
    }

    fn file(&self, s: &Spanned<String>, what: &str) -> Result<PathBuf, ConfigError> {
        let p = self.dir.join(s.get_ref());
        if p.is_file() {
            Ok(p)
        } else {
            Err(self
                .err(s, format!("{what}: no file {}", shown(&p).display()))
                .with_label("no such file"))
        }
    }
}

fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start, r.end)
}

fn apply_raw(c: &mut Config, raw: RawConfig, f: &FileCtx<'_>) -> Result<(), ConfigError> {
    // Rule files first: the codes below may name the rules they add.
    if let Some(files) = &raw.rule_files {
        let mut set = (*c.rules).clone();
        for s in files {
            let (shown_p, text) = f.read(s, "rule-files", "this rule file")?;
            let spec: RuleSpec = RuleSet::parse(&shown_p, &text).map_err(|e| {
                f.err(s, format!("bad rule file: {e}"))
                    .with_label("this rule file")
            })?;
            let mut one = RuleSet::default();
            one.insert(spec.clone());
            crate::checks::validate(&one).map_err(|e| {
                f.err(s, format!("bad rule file {shown_p}: {}", e.message))
                    .with_label("this rule file")
            })?;
            set.insert(spec);
        }
        c.rules = Arc::new(set);
    }
    if let Some(files) = &raw.fx_rates {
        let mut rates = c
            .fx_rates
            .as_deref()
            .cloned()
            .unwrap_or_else(|| crate::fx::Rates::builtin().clone());
        for s in files {
            let (shown_p, text) = f.read(s, "fx-rates", "this rate file")?;
            let more = crate::fx::Rates::parse(&text).map_err(|e| {
                f.err(s, format!("bad rate file {shown_p}: {e}"))
                    .with_label("this rate file")
            })?;
            rates.extend(&more);
        }
        c.fx_rates = Some(Arc::new(rates));
    }
    let codes = |list: &Vec<Spanned<String>>| -> Result<Vec<String>, ConfigError> {
        list.iter()
            .map(|s| check_code(s.get_ref(), &c.rules).map_err(|m| f.err(s, m)))
            .collect()
    };
    if let Some(list) = &raw.select {
        c.select = Some(codes(list)?);
    }
    if let Some(list) = &raw.ignore {
        c.ignore = codes(list)?;
    }
    if let Some(map) = &raw.per_file_ignores {
        let mut v = Vec::new();
        for (pattern, list) in map {
            let m = glob(pattern).map_err(|e| {
                ConfigError::plain(
                    Some(f.path),
                    format!("per-file-ignores: bad glob `{pattern}`: {e}"),
                )
            })?;
            v.push((pattern.clone(), m, codes(list)?));
        }
        c.per_file_ignores = v;
    }
    if let Some(list) = &raw.extensions {
        c.extensions = Some(
            list.iter()
                .map(|s| s.get_ref().trim_start_matches('.').to_ascii_lowercase())
                .collect(),
        );
    }
    if let Some(d) = &raw.reference_date {
        c.reference_date = Some(
            parse_date(d.get_ref())
                .ok_or_else(|| f.err(d, "reference-date must be a date like 2025-09-30"))?,
        );
    }
    if let Some(l) = &raw.fail_level {
        c.fail_level = Some(l.get_ref().parse().map_err(|m: String| f.err(l, m))?);
    }
    if let Some(b) = &raw.baseline {
        // The baseline may not exist yet (`--write-baseline` creates it).
        c.baseline = Some(f.dir.join(b.get_ref()));
    }
    if let Some(rules) = &raw.rules {
        for (code, r) in rules {
            if c.rules.get(code).is_none() {
                return Err(f.err(r, format!("[rules.{code}]: no rule has this code")));
            }
            let lv = &r.get_ref().level;
            let level = match lv.get_ref().as_str() {
                "off" => Level::Off,
                s => Level::On(
                    s.parse()
                        .map_err(|m: String| f.err(lv, format!("{m} or off")))?,
                ),
            };
            c.levels.insert(code.clone(), level);
        }
    }
    Ok(())
}

fn parse_date(v: &toml::Value) -> Option<NaiveDate> {
    match v {
        toml::Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
        toml::Value::Datetime(d) if d.time.is_none() => {
            let date = d.date?;
            NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
        }
        _ => None,
    }
}

/// A code or prefix must name at least one rule.
pub fn check_code(code: &str, rules: &RuleSet) -> Result<String, String> {
    let code = code.trim();
    if code.is_empty() {
        return Err("empty rule code".into());
    }
    if code.eq_ignore_ascii_case("ALL") {
        return Ok(String::new());
    }
    if rules.rules.keys().any(|k| k.starts_with(code)) {
        Ok(code.to_string())
    } else {
        Err(format!(
            "`{code}` names no rule (codes look like DL201, prefixes like DL2)"
        ))
    }
}

fn glob(pattern: &str) -> Result<GlobMatcher, globset::Error> {
    Ok(GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()?
        .compile_matcher())
}

/// Finds and caches the configuration of each folder.
#[derive(Debug)]
pub struct Resolver {
    overrides: Overrides,
    fixed: Option<Arc<Config>>,
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Config>>>>,
    options: Mutex<HashMap<String, Options>>,
}

impl Resolver {
    /// Reads `--config` now (an error there stops the run before any file is read).
    pub fn new(overrides: Overrides) -> Result<Resolver, ConfigError> {
        let fixed = match (&overrides.config, overrides.isolated) {
            (_, true) => Some(Arc::new(Config::defaults(&absolute(Path::new("."))))),
            (Some(p), false) => Some(Arc::new(Config::load(p)?)),
            (None, false) => None,
        };
        Ok(Resolver {
            overrides,
            fixed,
            by_dir: Mutex::new(HashMap::new()),
            options: Mutex::new(HashMap::new()),
        })
    }

    pub fn overrides(&self) -> &Overrides {
        &self.overrides
    }

    /// The configuration that governs a file or folder at `path`.
    pub fn config_for(&self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        let abs = absolute(path);
        let start = if abs.is_dir() {
            abs.as_path()
        } else {
            abs.parent().unwrap_or(Path::new("/"))
        };
        for dir in start.ancestors() {
            if let Some(c) = self.dir_config(dir)? {
                return Ok(c);
            }
        }
        Ok(Arc::new(Config::defaults(start)))
    }

    fn dir_config(&self, dir: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        if let Some(hit) = self.lock_dirs().get(dir) {
            return Ok(hit.clone());
        }
        let found = FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file());
        let config = match found {
            Some(p) => Some(Arc::new(Config::load(&p)?)),
            None => None,
        };
        self.lock_dirs().insert(dir.to_path_buf(), config.clone());
        Ok(config)
    }

    fn lock_dirs(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Option<Arc<Config>>>> {
        self.by_dir.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The options and settings of one file.
    pub fn options_for(&self, path: &Path) -> Result<(Options, FileSettings), ConfigError> {
        let config = self.config_for(path)?;
        let o = &self.overrides;
        let rel = relative_to(&absolute(path), &config.dir);
        let name = path.file_name().map(PathBuf::from).unwrap_or_default();
        let mut ignore = config.ignore.clone();
        ignore.extend(o.ignore.iter().cloned());
        let mut matched = Vec::new();
        for (pattern, m, codes) in &config.per_file_ignores {
            let hit = if pattern.contains('/') {
                m.is_match(&rel)
            } else {
                m.is_match(&name) || m.is_match(&rel)
            };
            if hit {
                matched.push(pattern.as_str());
                ignore.extend(codes.iter().cloned());
            }
        }
        let select = o.select.clone().or_else(|| config.select.clone());
        let reference_date = o.reference_date.or(config.reference_date);
        let key = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}",
            config.path, select, ignore, reference_date, matched
        );
        let settings = FileSettings {
            config: config.path.clone(),
            baseline: config.baseline.clone(),
            fail_level: o
                .fail_level
                .or(config.fail_level)
                .unwrap_or(Severity::Error),
            extensions: o
                .extensions
                .clone()
                .or_else(|| config.extensions.clone())
                .unwrap_or_else(|| {
                    crate::walk::DEFAULT_EXTENSIONS
                        .iter()
                        .map(|s| s.to_string())
                        .collect()
                }),
            key: key.clone(),
        };
        let mut cache = self.options.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(opts) = cache.get(&key) {
            return Ok((opts.clone(), settings));
        }
        let rules = enabled_rules(&config.rules, select.as_deref(), &ignore, &config.levels);
        let opts = Options {
            reference_date,
            rules: Arc::new(rules),
            rates: config.fx_rates.clone(),
        };
        cache.insert(key, opts.clone());
        Ok((opts, settings))
    }
}

/// `path` relative to `dir` when inside it, else as it is.
fn relative_to(path: &Path, dir: &Path) -> PathBuf {
    path.strip_prefix(dir).unwrap_or(path).to_path_buf()
}

/// The rules `select`ed (all when `None`), minus those `ignore`d or set to `off`, with levels
/// overridden. An empty pattern stands for `ALL`.
pub fn enabled_rules(
    all: &RuleSet,
    select: Option<&[String]>,
    ignore: &[String],
    levels: &BTreeMap<String, Level>,
) -> RuleSet {
    let mut out = RuleSet::default();
    for spec in all.iter() {
        let code = spec.code.as_str();
        let selected = select.map_or(true, |s| s.iter().any(|p| code.starts_with(p.as_str())));
        let ignored = ignore.iter().any(|p| code.starts_with(p.as_str()));
        if !selected || ignored {
            continue;
        }
        let mut spec = spec.clone();
        match levels.get(code) {
            Some(Level::Off) => continue,
            Some(Level::On(s)) => spec.level = *s,
            None => {}
        }
        out.insert(spec);
    }
    out
}

/// The [`Options`] and [`FileSettings`] for linting `path` (which need not exist: an editor's
/// unsaved buffer is linted by its path). See the module documentation.
pub fn options_for_path(
    path: &Path,
    overrides: &Overrides,
) -> Result<(Options, FileSettings), ConfigError> {
    Resolver::new(overrides.clone())?.options_for(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn unknown_key_points_into_the_file() {
        let d = tempfile::tempdir().unwrap();
        let text = "select = [\"DL2\"]\nslect = [\"DL1\"]\n";
        let p = write(d.path(), "digest-lint.toml", text);
        let e = Config::load(&p).unwrap_err();
        let span = e.span().unwrap();
        assert_eq!(&text[span.start..span.end], "slect", "{}", e.message());
        assert!(e.message().contains("unknown field"), "{}", e.message());
    }

    #[test]
    fn unknown_code_and_bad_level_point_at_the_value() {
        let d = tempfile::tempdir().unwrap();
        let text = "ignore = [\"DL999\"]\n";
        let p = write(d.path(), "digest-lint.toml", text);
        let e = Config::load(&p).unwrap_err();
        assert_eq!(
            &text[e.span().unwrap().start..e.span().unwrap().end],
            "\"DL999\""
        );
        let text = "[rules.DL901]\nlevel = \"loud\"\n";
        let p = write(d.path(), "digest-lint.toml", text);
        let e = Config::load(&p).unwrap_err();
        assert_eq!(
            &text[e.span().unwrap().start..e.span().unwrap().end],
            "\"loud\""
        );
    }

    #[test]
    fn nearest_ancestor_wins_and_extend_is_explicit() {
        let d = tempfile::tempdir().unwrap();
        write(
            d.path(),
            "digest-lint.toml",
            "reference-date = 2025-09-30\nfail-level = \"warning\"\n",
        );
        write(d.path(), "sub/.digest-lint.toml", "ignore = [\"DL901\"]\n");
        write(
            d.path(),
            "ext/digest-lint.toml",
            "extend = \"../digest-lint.toml\"\n[rules.DL901]\nlevel = \"error\"\n",
        );
        let r = Resolver::new(Overrides::default()).unwrap();
        let (top, ts) = r.options_for(&d.path().join("a.txt")).unwrap();
        assert_eq!(top.reference_date, NaiveDate::from_ymd_opt(2025, 9, 30));
        assert_eq!(ts.fail_level, Severity::Warning);
        assert!(top.rules.get("DL901").is_some());
        // sub/ has its own file: no merging with the parent's date or fail level.
        let (sub, ss) = r.options_for(&d.path().join("sub/b.txt")).unwrap();
        assert_eq!(sub.reference_date, None);
        assert_eq!(ss.fail_level, Severity::Error);
        assert!(sub.rules.get("DL901").is_none());
        // ext/ extends the parent explicitly and overrides a level.
        let (ext, _) = r.options_for(&d.path().join("ext/c.md")).unwrap();
        assert_eq!(ext.reference_date, NaiveDate::from_ymd_opt(2025, 9, 30));
        assert_eq!(ext.rules.get("DL901").unwrap().level, Severity::Error);
    }

    #[test]
    fn per_file_ignores_select_and_overrides() {
        let d = tempfile::tempdir().unwrap();
        write(
            d.path(),
            "digest-lint.toml",
            "[per-file-ignores]\n\"drafts/*.md\" = [\"DL901\"]\n\"*.txt\" = [\"DL1\"]\n",
        );
        let r = Resolver::new(Overrides::default()).unwrap();
        let (o, _) = r.options_for(&d.path().join("drafts/x.md")).unwrap();
        assert!(o.rules.get("DL901").is_none());
        let (o, _) = r.options_for(&d.path().join("drafts/deeper/x.md")).unwrap();
        assert!(o.rules.get("DL901").is_some(), "`*` does not cross folders");
        let (o, _) = r.options_for(&d.path().join("deep/er/y.txt")).unwrap();
        assert!(o.rules.rules.keys().all(|k| !k.starts_with("DL1")));
        assert!(o.rules.get("DL201").is_some());
        let r = Resolver::new(Overrides {
            select: Some(vec!["DL9".into()]),
            isolated: true,
            ..Overrides::default()
        })
        .unwrap();
        let (o, s) = r.options_for(&d.path().join("drafts/x.md")).unwrap();
        assert_eq!(o.rules.rules.keys().collect::<Vec<_>>(), vec!["DL901"]);
        assert_eq!(s.config, None);
    }

    #[test]
    fn extend_cycle_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        write(
            d.path(),
            "a/digest-lint.toml",
            "extend = \"../b/digest-lint.toml\"\n",
        );
        write(
            d.path(),
            "b/digest-lint.toml",
            "extend = \"../a/digest-lint.toml\"\n",
        );
        let e = Config::load(&d.path().join("a/digest-lint.toml")).unwrap_err();
        assert!(e.message().contains("circle"), "{}", e.message());
    }
}
