//! Reference exchange rates (monthly averages, units of a currency per US dollar) and the rate a
//! conversion pair implies.
//!
//! The built-in table is `rules/fx-monthly-usd.csv`, embedded at build time and parsed once;
//! configuration may add rate files with [`Rates::parse`] and [`Rates::extend`].

use crate::claims::{Claim, ClaimKind, Currency};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The US dollar, the base every rate is quoted against.
pub const USD: Currency = Currency::new("USD");

/// Monthly reference rates: units of a currency per US dollar.
#[derive(Debug, Clone, Default)]
pub struct Rates {
    table: HashMap<(Currency, i32, u32), Decimal>,
}

impl Rates {
    /// The table compiled into the binary (`rules/fx-monthly-usd.csv`).
    pub fn builtin() -> &'static Rates {
        static RATES: OnceLock<Rates> = OnceLock::new();
        RATES.get_or_init(|| {
            crate::rules::embedded("fx-monthly-usd.csv")
                .and_then(|csv| Rates::parse(csv).ok())
                .unwrap_or_default()
        })
    }

    /// Parses `month,currency,units_per_usd[,source]` rows (a header row is skipped; blank lines
    /// and `#` comments are ignored). An error names the line.
    pub fn parse(csv: &str) -> Result<Rates, String> {
        let mut table = HashMap::new();
        for (n, line) in csv.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || (n == 0 && line.starts_with("month")) {
                continue;
            }
            let mut cols = line.split(',').map(str::trim);
            let (Some(month), Some(cur), Some(rate)) = (cols.next(), cols.next(), cols.next())
            else {
                return Err(format!(
                    "line {}: expected month,currency,units_per_usd",
                    n + 1
                ));
            };
            let (y, m) = month
                .split_once('-')
                .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
                .filter(|(_, m)| (1..=12).contains(m))
                .ok_or_else(|| format!("line {}: bad month `{month}` (want YYYY-MM)", n + 1))?;
            if cur.len() != 3 || !cur.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!("line {}: bad currency `{cur}`", n + 1));
            }
            let rate: Decimal = rate
                .parse()
                .ok()
                .filter(|r: &Decimal| r.is_sign_positive() && !r.is_zero())
                .ok_or_else(|| format!("line {}: bad rate `{rate}`", n + 1))?;
            table.insert((Currency::new(cur), y, m), rate);
        }
        Ok(Rates { table })
    }

    /// Adds (or replaces) the rows of `other`.
    pub fn extend(&mut self, other: &Rates) {
        self.table.extend(other.table.iter().map(|(k, v)| (*k, *v)));
    }

    /// Units of `currency` per US dollar in that month (1 for the dollar itself).
    pub fn units_per_usd(&self, currency: Currency, year: i32, month: u32) -> Option<Decimal> {
        if currency == USD {
            return Some(Decimal::ONE);
        }
        self.table.get(&(currency, year, month)).copied()
    }

    /// The rate of the nearest month that has one, at most `max_gap` months away: (rate, year,
    /// month).
    pub fn nearest(
        &self,
        currency: Currency,
        year: i32,
        month: u32,
        max_gap: u32,
    ) -> Option<(Decimal, i32, u32)> {
        let base = year * 12 + month as i32 - 1;
        for gap in 0..=max_gap as i32 {
            for m in [base - gap, base + gap] {
                let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) as u32 + 1);
                if let Some(r) = self.units_per_usd(currency, y, mo) {
                    return Some((r, y, mo));
                }
            }
        }
        None
    }

    /// Units of `to` per one unit of `from` in that month, through the dollar.
    pub fn cross(&self, from: Currency, to: Currency, year: i32, month: u32) -> Option<Decimal> {
        let f = self.units_per_usd(from, year, month)?;
        let t = self.units_per_usd(to, year, month)?;
        t.checked_div(f)
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// The rate a conversion pair implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImpliedRate {
    /// The currency of the first claim.
    pub from: Currency,
    /// The currency of the second claim.
    pub to: Currency,
    /// Units of `to` per one unit of `from`.
    pub rate: Decimal,
    /// Units of the non-USD currency per US dollar, when one side is USD; otherwise `None`.
    pub units_per_usd: Option<Decimal>,
}

/// The digest's own month: the month its day-precise, stated, absolute dates fall in most often
/// (ties: the later month).
pub fn digest_month(doc: &crate::Analysis) -> Option<(i32, u32)> {
    use chrono::Datelike;
    let mut months: HashMap<(i32, u32), usize> = HashMap::new();
    for f in &doc.facts {
        if let Some(d) = doc.claims.get(f.claim).and_then(Claim::date) {
            if d.grain == crate::claims::Grain::Day && d.year_stated && !d.relative {
                *months.entry((d.lo().year(), d.lo().month())).or_default() += 1;
            }
        }
    }
    months
        .into_iter()
        .max_by_key(|(ym, n)| (*n, *ym))
        .map(|(ym, _)| ym)
}

/// The month a conversion's reference rate is read in: the date stated with the claim (`when`)
/// when it spans at most two months; for a longer period the digest's own month if in the same
/// year, else the middle of that year; with no date at all, the digest's own month.
pub fn conversion_month(
    when: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    digest: Option<(i32, u32)>,
) -> Option<(i32, u32)> {
    use chrono::Datelike;
    match when {
        Some((lo, hi)) if (hi - lo).num_days() <= 62 => Some((lo.year(), lo.month())),
        Some((lo, _)) => match digest {
            Some((y, m)) if y == lo.year() => Some((y, m)),
            _ => Some((lo.year(), 7)),
        },
        None => digest,
    }
}

/// Every month a conversion's reference rate may be read in, [`conversion_month`]'s first. A
/// date stated with it that spans more than two months (`late 2024`, `spring 2026`) says when
/// something happens, not when the amount was converted: any month of that period (when it
/// spans at most `max_period_months`) may be meant, and so may the digest's own month, the rate
/// of the day the digest was written.
pub fn conversion_months(
    when: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    digest: Option<(i32, u32)>,
    max_period_months: u32,
) -> Vec<(i32, u32)> {
    use chrono::Datelike;
    let mut out: Vec<(i32, u32)> = conversion_month(when, digest).into_iter().collect();
    let Some((lo, hi)) = when.filter(|(lo, hi)| (*hi - *lo).num_days() > 62) else {
        return out;
    };
    let index = |d: chrono::NaiveDate| d.year() * 12 + d.month0() as i32;
    let (first, last) = (index(lo), index(hi));
    if last >= first && last - first < max_period_months as i32 {
        out.extend((first..=last).map(|m| (m.div_euclid(12), m.rem_euclid(12) as u32 + 1)));
    }
    out.extend(digest);
    let mut seen = Vec::with_capacity(out.len());
    out.retain(|ym| {
        let new = !seen.contains(ym);
        seen.push(*ym);
        new
    });
    out
}

/// The money value of a claim as a point (a range's midpoint), with its currency.
pub fn money(c: &Claim) -> Option<(Decimal, Currency)> {
    match &c.kind {
        ClaimKind::Money {
            value, currency, ..
        } => Some((value.point(), *currency)),
        _ => None,
    }
}

/// The rate implied by stating `a` as `b` (`9 billion yuan (~$1.27bn)`): both money, in two
/// different currencies, with non-zero values.
pub fn implied_rate(a: &Claim, b: &Claim) -> Option<ImpliedRate> {
    let (va, ca) = money(a)?;
    let (vb, cb) = money(b)?;
    implied_rate_of((va, ca), (vb, cb))
}

/// The rate implied by stating the amount `va` of `ca` as `vb` of `cb`.
pub fn implied_rate_of(
    (va, ca): (Decimal, Currency),
    (vb, cb): (Decimal, Currency),
) -> Option<ImpliedRate> {
    if ca == cb || va.is_zero() || vb.is_zero() {
        return None;
    }
    let rate = vb.checked_div(va)?;
    let units_per_usd = if ca == USD {
        Some(rate)
    } else if cb == USD {
        va.checked_div(vb)
    } else {
        None
    };
    Some(ImpliedRate {
        from: ca,
        to: cb,
        rate,
        units_per_usd,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Magnitude;
    use crate::source::Span;
    use std::str::FromStr;

    fn m(v: &str, cur: &str) -> Claim {
        Claim {
            span: Span { start: 0, end: 1 },
            kind: ClaimKind::Money {
                value: Magnitude::Exact(Decimal::from_str(v).unwrap()),
                currency: Currency::new(cur),
                ambiguous: false,
            },
            hedge: None,
            pair: None,
        }
    }

    #[test]
    fn builtin_table_has_the_seed_month() {
        let r = Rates::builtin();
        let cny = r.units_per_usd(Currency::new("CNY"), 2025, 9).unwrap();
        assert_eq!(cny, Decimal::from_str("7.1235").unwrap());
        assert_eq!(r.units_per_usd(USD, 1990, 1), Some(Decimal::ONE));
        assert_eq!(r.units_per_usd(Currency::new("CNY"), 1990, 1), None);
        // nearest month within a gap
        let (_, y, mo) = r.nearest(Currency::new("CNY"), 2026, 9, 3).unwrap();
        assert_eq!((y, mo), (2026, 6));
        assert!(r.nearest(Currency::new("CNY"), 2030, 1, 3).is_none());
    }

    #[test]
    fn implied_rate_of_the_seed_bond() {
        let ir = implied_rate(&m("9000000000", "CNY"), &m("1270000000", "USD")).unwrap();
        assert_eq!(ir.from, Currency::new("CNY"));
        let upu = ir.units_per_usd.unwrap().round_dp(4);
        assert_eq!(upu, Decimal::from_str("7.0866").unwrap());
        // the other way round gives the same units per dollar
        let back = implied_rate(&m("1270000000", "USD"), &m("9000000000", "CNY")).unwrap();
        assert_eq!(back.units_per_usd.unwrap().round_dp(4), upu);
        assert!(implied_rate(&m("1", "USD"), &m("2", "USD")).is_none());
        assert!(implied_rate(&m("0", "EUR"), &m("2", "USD")).is_none());
        let cross = implied_rate(&m("100", "EUR"), &m("90", "GBP")).unwrap();
        assert_eq!(cross.units_per_usd, None);
    }

    #[test]
    fn a_long_period_admits_its_months_and_the_digests() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let nov = Some((2025, 11));
        // a day or a month: that month only
        assert_eq!(
            conversion_months(Some((d(2025, 6, 3), d(2025, 6, 3))), nov, 12),
            [(2025, 6)]
        );
        // no date: the digest's month
        assert_eq!(conversion_months(None, nov, 12), [(2025, 11)]);
        // `late 2024` (Sept.–Dec.): mid-2024 first, then its four months and the digest's
        assert_eq!(
            conversion_months(Some((d(2024, 9, 1), d(2024, 12, 31))), nov, 12),
            [
                (2024, 7),
                (2024, 9),
                (2024, 10),
                (2024, 11),
                (2024, 12),
                (2025, 11)
            ]
        );
        // a period longer than allowed adds only the digest's month
        assert_eq!(
            conversion_months(Some((d(2020, 1, 1), d(2024, 12, 31))), nov, 12),
            [(2020, 7), (2025, 11)]
        );
    }

    #[test]
    fn parse_errors_name_the_line() {
        assert!(
            Rates::parse("month,currency,units_per_usd\n2025-13,CNY,7.1\n")
                .unwrap_err()
                .contains("line 2")
        );
        assert!(Rates::parse("2025-01,cny,7.1").is_err());
        assert!(Rates::parse("2025-01,CNY,-1").is_err());
        let r = Rates::parse("# extra\n2030-01,CNY,6.5000,me\n").unwrap();
        assert_eq!(
            r.cross(Currency::new("CNY"), USD, 2030, 1).unwrap(),
            Decimal::ONE / Decimal::from_str("6.5").unwrap()
        );
    }
}
