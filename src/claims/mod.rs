//! Quantitative and temporal claims: what a digest states, with exact byte spans and values.
//!
//! `extract` finds candidate positions with a cheap byte scan and runs the nom grammars of each
//! kind only there (see `scan`), so the whole text is read once.

use crate::digest::Digest;
use crate::source::Span;
use chrono::{NaiveDate, Weekday};
use rust_decimal::Decimal;
use serde::Serialize;

mod compose;
mod date;
mod forms;
mod holiday;
mod json;
mod lex;
mod money;
mod num;
mod qty;
mod range;
mod resolve;
mod scan;

pub use json::claim_json;
pub use scan::extract;

/// An ISO 4217 currency code, stored inline.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(pub [u8; 3]);

impl Currency {
    pub const fn new(code: &str) -> Self {
        let b = code.as_bytes();
        Currency([b[0], b[1], b[2]])
    }
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

/// `XXX`, the ISO 4217 code for "no currency".
impl Default for Currency {
    fn default() -> Self {
        Currency(*b"XXX")
    }
}

impl std::fmt::Debug for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value as written: a point, a range (kept in the order written, so an inverted range can be
/// reported), or an open bound (`more than $5` is `AtLeast`, `up to 40%` is `AtMost`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Magnitude {
    Exact(Decimal),
    Range(Decimal, Decimal),
    AtLeast(Decimal),
    AtMost(Decimal),
}

impl Magnitude {
    /// A representative point: the value, a range's midpoint, an open bound's bound.
    pub fn point(&self) -> Decimal {
        match *self {
            Magnitude::Exact(v) | Magnitude::AtLeast(v) | Magnitude::AtMost(v) => v,
            Magnitude::Range(a, b) => (a + b) / Decimal::TWO,
        }
    }
    /// Lower and upper bound as written (a range's ends in written order).
    pub fn bounds(&self) -> (Option<Decimal>, Option<Decimal>) {
        match *self {
            Magnitude::Exact(v) => (Some(v), Some(v)),
            Magnitude::Range(a, b) => (Some(a), Some(b)),
            Magnitude::AtLeast(v) => (Some(v), None),
            Magnitude::AtMost(v) => (None, Some(v)),
        }
    }
    /// [`Self::scale`], or `None` when a bound overflows (`0.80000000000000000000 bn`).
    pub fn checked_scale(&self, by: Decimal) -> Option<Magnitude> {
        Some(match *self {
            Magnitude::Exact(v) => Magnitude::Exact(v.checked_mul(by)?),
            Magnitude::Range(a, b) => Magnitude::Range(a.checked_mul(by)?, b.checked_mul(by)?),
            Magnitude::AtLeast(v) => Magnitude::AtLeast(v.checked_mul(by)?),
            Magnitude::AtMost(v) => Magnitude::AtMost(v.checked_mul(by)?),
        })
    }
    pub fn scale(&self, by: Decimal) -> Magnitude {
        match *self {
            Magnitude::Exact(v) => Magnitude::Exact(v * by),
            Magnitude::Range(a, b) => Magnitude::Range(a * by, b * by),
            Magnitude::AtLeast(v) => Magnitude::AtLeast(v * by),
            Magnitude::AtMost(v) => Magnitude::AtMost(v * by),
        }
    }
}

/// A word or sign that loosens or bounds a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    /// `about`, `around`, `roughly`, `approximately`, `some`, `~`, `c.`, `approx.`
    About,
    /// `nearly`, `almost`, `just under`
    Nearly,
    /// `more than`, `over`, `above`, `exceeding`, `>`
    MoreThan,
    /// `at least`, `no less than`
    AtLeast,
    /// `up to`, `as much as`, `at most`
    UpTo,
    /// `less than`, `under`, `below`, `<`
    LessThan,
}

impl Hedge {
    /// Whether the value is an approximation (as opposed to a bound).
    pub fn is_approx(self) -> bool {
        matches!(self, Hedge::About | Hedge::Nearly)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PercentUnit {
    Percent,
    PercentagePoint,
    BasisPoint,
}

/// How precise a date is as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
}

/// A date as an inclusive day interval, with how it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateValue {
    /// First day; for a range written backwards (`Sept 15–13`) `from > to`: see [`Self::lo`].
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The finest unit named (`Sept 16–17` is `Day`, `August–October` is `Month`).
    pub grain: Grain,
    /// A fuzzy part of a period: `mid-September`, `late July`, `end-2025`, `Q3`, `H1`.
    pub fuzzy: bool,
    /// A stated weekday (`Tuesday, Oct. 7`), kept for checking.
    pub weekday: Option<Weekday>,
    /// The year was written; otherwise it came from context or the reference date.
    pub year_stated: bool,
    /// Resolved against the reference date (`this year`, `last month`).
    pub relative: bool,
}

impl DateValue {
    pub fn lo(&self) -> NaiveDate {
        self.from.min(self.to)
    }
    pub fn hi(&self) -> NaiveDate {
        self.from.max(self.to)
    }
    pub fn is_inverted(&self) -> bool {
        self.from > self.to
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// What a claim states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimKind {
    Money {
        value: Magnitude,
        currency: Currency,
        /// The sign fits several currencies (`$`, `¥`, `£`, `kr`); `currency` is the likeliest.
        ambiguous: bool,
    },
    Percent {
        value: Magnitude,
        unit: PercentUnit,
    },
    Date(DateValue),
    /// A day that does not exist as written: `Feb. 30`, `Sept 31`, `Feb 29, 2025`.
    InvalidDate {
        year: i32,
        month: u32,
        day: u32,
    },
    Duration {
        value: Magnitude,
        unit: DurationUnit,
    },
    /// A number counting something: `300,000 H20 GPUs`; `noun` spans the thing counted.
    Count {
        value: Magnitude,
        noun: Span,
    },
    /// A bare number with nothing to attach it to.
    Number {
        value: Decimal,
    },
    /// A multiplier: `2×`, `100x`.
    Ratio {
        value: Magnitude,
    },
}

impl ClaimKind {
    /// The kind's name in the JSON interface.
    pub fn name(&self) -> &'static str {
        match self {
            ClaimKind::Money { .. } => "money",
            ClaimKind::Percent { .. } => "percent",
            ClaimKind::Date(_) => "date",
            ClaimKind::InvalidDate { .. } => "invalid_date",
            ClaimKind::Duration { .. } => "duration",
            ClaimKind::Count { .. } => "count",
            ClaimKind::Number { .. } => "number",
            ClaimKind::Ratio { .. } => "ratio",
        }
    }
}

/// One claim: where it stands and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The whole expression, hedge included: `~$1.27bn`, `around Sept 14–15, 2025`.
    pub span: Span,
    pub kind: ClaimKind,
    pub hedge: Option<Hedge>,
    /// The other side of a conversion pair (`9 billion yuan (~$1.27bn)`): an index into the
    /// same claim list.
    pub pair: Option<usize>,
}

impl Claim {
    pub fn approx(&self) -> bool {
        self.hedge.is_some_and(Hedge::is_approx)
    }
    pub fn date(&self) -> Option<&DateValue> {
        match &self.kind {
            ClaimKind::Date(d) => Some(d),
            _ => None,
        }
    }
}

/// What extraction needs besides the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExtractOptions {
    /// "Today" for relative and year-less dates; never the wall clock.
    pub reference_date: Option<NaiveDate>,
}

/// The claims of a parsed digest, in text order.
pub fn extract_digest(text: &str, digest: &Digest, opts: &ExtractOptions) -> Vec<Claim> {
    extract(text, digest, opts)
}
