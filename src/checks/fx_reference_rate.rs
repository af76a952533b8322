//! `fx_reference_rate` (DL301): a conversion (`9 billion yuan (~$1.27bn)`) whose implied rate is
//! off the reference rate of its month by more than the tolerance (plus the rounding of the
//! amounts as written). The month comes from the claim's own date context, else the digest's.

use super::values::{fmt_dec, fmt_money, power_of_thousand, rounding_rel};
use super::{Cx, Hit};
use crate::claims::Currency;
use crate::facts::fast::FastMap;
use crate::finding::Finding;
use crate::fx::{implied_rate_of, money, ImpliedRate, Rates, USD};
use crate::rules::RuleSpec;
use rust_decimal::Decimal;

/// A conversion pair: claim `a` stated as claim `b`.
#[derive(Debug, Clone)]
pub(super) struct Conv {
    pub a: usize,
    pub b: usize,
    /// The amounts converted: `a`'s and `b`'s values (of a `from X to Y` change, the end the
    /// other side stands next to).
    pub va: Decimal,
    pub vb: Decimal,
    pub rate: ImpliedRate,
    /// The month its rate should be read in.
    pub month: Option<(i32, u32)>,
    /// A fiscal year named with it (`in FY24`, `fiscal 2024`): any month of it may be meant.
    pub fiscal: Option<i32>,
    /// Every month its rate may be read in (`month` first), when a long period is stated with it.
    pub months: Vec<(i32, u32)>,
    /// Whether `a`'s (`.0`) or `b`'s (`.1`) currency was chosen among the currencies its sign
    /// may mean (`¥`: yen or yuan), as the one whose reference rate fits the conversion best.
    pub assumed: (bool, bool),
}

/// A flagged conversion: the conversion, the reference rate and the month it was read in.
pub(super) type Flagged = (Conv, Decimal, (i32, u32));

/// Every conversion pair of the document, each once (first claim first); read once per
/// document.
pub(super) fn conversions<'a>(cx: &'a Cx) -> &'a [Conv] {
    cx.convs.get_or_init(|| read_conversions(cx))
}

fn read_conversions(cx: &Cx) -> Vec<Conv> {
    let claims = &cx.doc.claims;
    let mut out = Vec::new();
    let period_months = reference_spec(cx)
        .and_then(|s| s.param_i64("max_period_months"))
        .unwrap_or(0)
        .clamp(0, 1200) as u32;
    // conversions whose clause states a date of their own
    let mut dated_at = Vec::new();
    for (a, c) in claims.iter().enumerate() {
        let Some(b) = c.pair else { continue };
        if b <= a || b >= claims.len() {
            continue;
        }
        let (Some(ma), Some(mb)) = (converted(cx, a, b), converted(cx, b, a)) else {
            continue;
        };
        let Some(rate) = implied_rate_of(ma, mb) else {
            continue;
        };
        let when = cx.index().fact(cx.doc, a).and_then(|f| f.when);
        let dated = when.is_some();
        let fiscal = if dated { None } else { fiscal_year(cx, a) };
        if dated {
            dated_at.push(out.len());
        }
        out.push(Conv {
            a,
            b,
            va: ma.0,
            vb: mb.0,
            rate,
            // a fiscal year is placed at its middle for comparing conversions with each other
            month: fiscal.map(|fy| (fy - 1, 10)).or_else(|| month_of(cx, a)),
            fiscal,
            months: crate::fx::conversion_months(when, cx.index().month, period_months),
            assumed: (false, false),
        });
    }
    inherit_restated_months(claims, &mut out, &dated_at);
    read_ambiguous_signs(cx, &mut out);
    settle_months(cx, &mut out);
    out
}

/// A conversion that may have been made in several months (a long period stated with it) is
/// placed in the one whose reference rate it fits best, so that DL302 compares it only with
/// conversions made about then (`DKK 55bn (~$8.6bn)` at the rate of the day is not measured
/// against `DKK 12bn (~$1.75bn)` of 2024).
fn settle_months(cx: &Cx, convs: &mut [Conv]) {
    let gap = reference_gap(cx);
    for conv in convs.iter_mut() {
        if conv.fiscal.is_some() || conv.months.len() < 2 {
            continue;
        }
        if let Some((_, ym)) = reference(cx.rates, conv, gap) {
            conv.month = Some(ym);
        }
    }
}

/// The reference-rate rule in force, whose parameters say how conversions are read.
fn reference_spec<'a>(cx: &Cx<'a>) -> Option<&'a RuleSpec> {
    cx.rules.iter().find(|r| r.kind == "fx_reference_rate")
}

/// The currency groups one sign may mean (`JPY CNY` for `¥`), from the reference-rate rule in
/// force (`ambiguous_currencies`).
fn ambiguous_groups(cx: &Cx) -> Vec<Vec<Currency>> {
    let Some(spec) = reference_spec(cx) else {
        return Vec::new();
    };
    spec.param_strs("ambiguous_currencies")
        .map(|g| {
            g.split_whitespace()
                .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
                .map(Currency::new)
                .collect::<Vec<_>>()
        })
        .filter(|g| g.len() > 1)
        .collect()
}

/// How many months away the reference-rate rule in force reads a missing month.
fn reference_gap(cx: &Cx) -> u32 {
    reference_spec(cx)
        .and_then(|s| s.param_i64("max_month_gap"))
        .unwrap_or(0)
        .max(0) as u32
}

/// The currencies a claim's amount may be in: every one of its group when the claim's sign is
/// ambiguous and in a group, else its own.
fn readings(claim: &crate::claims::Claim, groups: &[Vec<Currency>]) -> Option<Vec<Currency>> {
    match &claim.kind {
        crate::claims::ClaimKind::Money {
            currency,
            ambiguous: true,
            ..
        } => groups.iter().find(|g| g.contains(currency)).cloned(),
        _ => None,
    }
}

/// A conversion whose amount's sign is ambiguous (`¥21.3 trillion (~$138bn)`: yen or yuan) is
/// read in the currency whose reference rate it fits best, so it is never measured against the
/// other one; the conversion remembers that its currency was assumed (messages name it).
fn read_ambiguous_signs(cx: &Cx, convs: &mut [Conv]) {
    let groups = ambiguous_groups(cx);
    if groups.is_empty() {
        return;
    }
    let gap = reference_gap(cx);
    let claims = &cx.doc.claims;
    for conv in convs.iter_mut() {
        let (ra, rb) = (
            readings(&claims[conv.a], &groups),
            readings(&claims[conv.b], &groups),
        );
        if ra.is_none() && rb.is_none() {
            continue;
        }
        let ra = ra.unwrap_or_else(|| vec![conv.rate.from]);
        let rb = rb.unwrap_or_else(|| vec![conv.rate.to]);
        let mut best: Option<(Decimal, ImpliedRate)> = None;
        for &ca in &ra {
            for &cb in &rb {
                let Some(rate) = implied_rate_of((conv.va, ca), (conv.vb, cb)) else {
                    continue;
                };
                let trial = Conv {
                    rate,
                    ..conv.clone()
                };
                let Some((r, _)) = reference(cx.rates, &trial, gap) else {
                    continue;
                };
                // how far off, either way (a rate half the reference is as far as double it)
                let ratio = rate.rate.checked_div(r).unwrap_or_default();
                if ratio.is_zero() {
                    continue;
                }
                let off = ratio.max(Decimal::ONE / ratio);
                if best.as_ref().map_or(true, |(b, _)| off < *b) {
                    best = Some((off, rate));
                }
            }
        }
        if let Some((_, rate)) = best {
            conv.rate = rate;
            conv.assumed = (ra.len() > 1, rb.len() > 1);
        }
    }
}

/// A conversion's two texts for messages (amount, converted), each naming the currency assumed
/// for an ambiguous sign.
pub(super) fn amount_texts(cx: &Cx, conv: &Conv) -> (String, String) {
    (
        amount_text(cx, conv.a, conv.assumed.0, conv.rate.from),
        amount_text(cx, conv.b, conv.assumed.1, conv.rate.to),
    )
}

/// A claim's text for messages, naming the currency assumed for an ambiguous sign (`¥21.3
/// trillion (read as JPY)`).
fn amount_text(cx: &Cx, claim: usize, assumed: bool, currency: Currency) -> String {
    let text = cx.claim_text(claim);
    if assumed {
        format!("{text} (read as {currency})")
    } else {
        text.to_string()
    }
}

/// The amount of claim `k` that its conversion partner `other` converts: its value, except that
/// of a change written `from £100 billion to £70 billion (~$94bn)` the partner converts the end
/// it stands next to (the level reached), not the midpoint of the two levels.
fn converted(cx: &Cx, k: usize, other: usize) -> Option<(Decimal, Currency)> {
    let c = &cx.doc.claims[k];
    let (v, cur) = money(c)?;
    match &c.kind {
        crate::claims::ClaimKind::Money {
            value: crate::claims::Magnitude::Range(from, to),
            ..
        } if super::range_order::written_as_change(cx.text(), c.span) => {
            Some((if other > k { *to } else { *from }, cur))
        }
        _ => Some((v, cur)),
    }
}

/// An undated conversion that restates an amount of a dated one (a key point retelling `¥4.7
/// trillion, about $32.5 billion` of a deal announced on June 3) is read in that one's month,
/// not in the digest's.
fn inherit_restated_months(
    claims: &[crate::claims::Claim],
    convs: &mut [Conv],
    dated_at: &[usize],
) {
    if dated_at.is_empty() {
        return;
    }
    let ends = |c: &Conv| {
        [
            money(&claims[c.a]).map(|(_, cur)| (c.va, cur)),
            money(&claims[c.b]).map(|(_, cur)| (c.vb, cur)),
        ]
    };
    // each amount of a dated conversion, with the first month it was stated in (normalised, so
    // `$1.66bn` and `$1.660bn` are one key)
    let mut months: FastMap<(Decimal, Currency), (i32, u32)> = FastMap::default();
    let mut dated = vec![false; convs.len()];
    for &d in dated_at {
        dated[d] = true;
        let Some(month) = convs[d].month else {
            continue;
        };
        for (v, c) in ends(&convs[d]).into_iter().flatten() {
            months.entry((v.normalize(), c)).or_insert(month);
        }
    }
    for (k, conv) in convs.iter_mut().enumerate() {
        if dated[k] || conv.fiscal.is_some() {
            continue;
        }
        let found = ends(conv)
            .into_iter()
            .flatten()
            .find_map(|(v, c)| months.get(&(v.normalize(), c)).copied());
        if let Some(month) = found {
            conv.month = Some(month);
            conv.months = vec![month];
        }
    }
}

/// The month a claim's figures belong to: its clause's (or sentence's) date, else the digest's.
pub(super) fn month_of(cx: &Cx, claim: usize) -> Option<(i32, u32)> {
    let when = cx.index().fact(cx.doc, claim).and_then(|f| f.when);
    crate::fx::conversion_month(when, cx.index().month)
}

/// The fiscal year named in a claim's sentence: `FY24`, `FY2024`, `fiscal 2024`, `2023-24`.
fn fiscal_year(cx: &Cx, claim: usize) -> Option<i32> {
    let d = &cx.doc.digest;
    let s = d.sentence_at(cx.doc.claims[claim].span.start)?;
    let text = d.sentences[s].span.of(cx.text());
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '–'))
        .filter(|w| !w.is_empty())
        .collect();
    for (k, w) in words.iter().enumerate() {
        let year = |digits: &str| -> Option<i32> {
            let n: i32 = digits.parse().ok()?;
            match digits.len() {
                2 => Some(2000 + n),
                4 => Some(n),
                _ => None,
            }
        };
        if let Some(rest) = w.strip_prefix("FY").or_else(|| w.strip_prefix("fy")) {
            if let Some(y) = year(rest) {
                return Some(y);
            }
        }
        if w.eq_ignore_ascii_case("fiscal") {
            if let Some(y) = words.get(k + 1).and_then(|n| year(n)) {
                return Some(y);
            }
        }
        if let Some((a, b)) = w.split_once(['-', '–']) {
            if a.len() == 4 && b.len() == 2 && year(a).is_some() {
                return year(b);
            }
        }
    }
    None
}

/// The months a conversion's rate may be read in: its own month (and, with a long period stated
/// with it, that period's months and the digest's), or every month from the April before a
/// fiscal year named with it to that year's December.
pub(super) fn candidate_months(conv: &Conv) -> Vec<(i32, u32)> {
    match conv.fiscal {
        Some(fy) => (4..=12)
            .map(|m| (fy - 1, m))
            .chain((1..=12).map(|m| (fy, m)))
            .collect(),
        None if !conv.months.is_empty() => conv.months.clone(),
        None => conv.month.into_iter().collect(),
    }
}

/// The reference rate for a conversion: units of `to` per `from`, and the month it was read in
/// (of several candidate months, the one whose rate is nearest the implied one).
pub(super) fn reference(rates: &Rates, conv: &Conv, max_gap: u32) -> Option<(Decimal, (i32, u32))> {
    candidate_months(conv)
        .into_iter()
        .filter_map(|ym| reference_in(rates, conv, ym, max_gap))
        .filter(|(r, _)| !r.is_zero())
        .min_by_key(|(r, _)| (conv.rate.rate / r - Decimal::ONE).abs())
}

fn reference_in(
    rates: &Rates,
    conv: &Conv,
    (y, m): (i32, u32),
    max_gap: u32,
) -> Option<(Decimal, (i32, u32))> {
    let (f, fy, fm) = rates.nearest(conv.rate.from, y, m, max_gap)?;
    let (t, _, _) = rates
        .nearest(conv.rate.to, fy, fm, 0)
        .or_else(|| rates.nearest(conv.rate.to, y, m, max_gap))?;
    Some((t.checked_div(f)?, (fy, fm)))
}

/// How a rate is quoted in messages: units of the non-dollar currency per dollar when one side
/// is the dollar, else units of `to` per `from`. Returns (value, unit label).
pub(super) fn quote(from: Currency, to: Currency, to_per_from: Decimal) -> (Decimal, String) {
    if from == USD {
        (to_per_from, format!("{to} per USD"))
    } else if to == USD && !to_per_from.is_zero() {
        (Decimal::ONE / to_per_from, format!("{from} per USD"))
    } else {
        (to_per_from, format!("{to} per {from}"))
    }
}

/// The deviation allowed for a conversion: the tolerance plus the rounding of both amounts.
pub(super) fn allowed(cx: &Cx, conv: &Conv, tol_pct: Decimal) -> Decimal {
    tol_pct / Decimal::ONE_HUNDRED
        + rounding_rel(converted_text(cx, conv.a, conv.b))
        + rounding_rel(converted_text(cx, conv.b, conv.a))
}

/// The text of the amount [`converted`] reads (its rounding counts): of a change converted
/// after its level reached, the part from its last ` to `.
fn converted_text<'a>(cx: &'a Cx, k: usize, other: usize) -> &'a str {
    let text = cx.claim_text(k);
    let change = matches!(
        cx.doc.claims[k].kind,
        crate::claims::ClaimKind::Money {
            value: crate::claims::Magnitude::Range(..),
            ..
        }
    ) && super::range_order::written_as_change(cx.text(), cx.doc.claims[k].span);
    match text.rfind(" to ") {
        Some(at) if change && other > k => &text[at + 4..],
        _ => text,
    }
}

/// The conversions this rule flags: (conversion, reference, month) whose implied rate is off
/// (worked out once per document and rule: DL302 asks again).
pub(super) fn flagged(cx: &Cx, spec: &RuleSpec) -> Vec<Flagged> {
    let mut done = cx.flagged.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, v)) = done.iter().find(|(code, _)| *code == spec.code) {
        return v.clone();
    }
    let v = read_flagged(cx, spec);
    done.push((spec.code.clone(), v.clone()));
    v
}

fn read_flagged(cx: &Cx, spec: &RuleSpec) -> Vec<Flagged> {
    let tol = spec.param_decimal("tolerance_pct").unwrap_or_default();
    let gap = spec.param_i64("max_month_gap").unwrap_or(0).max(0) as u32;
    let scale_tol = super::amount_conflict::scale_tolerance(cx);
    let mut out = Vec::new();
    for conv in conversions(cx) {
        let Some((r, ym)) = reference(cx.rates, conv, gap) else {
            continue;
        };
        if r.is_zero() {
            continue;
        }
        let ratio = conv.rate.rate / r;
        if scale_tol.is_some_and(|t| power_of_thousand(ratio, t).is_some()) {
            continue; // a scale slip: DL303
        }
        if (ratio - Decimal::ONE).abs() > allowed(cx, conv, tol) {
            out.push((conv.clone(), r, ym));
        }
    }
    out
}

/// A finding at a conversion's converted amount with what every conversion rule says of it: the
/// `amount`, `converted`, `implied` and `unit` variables, the amount converted as a related
/// mention, and both texts as evidence.
pub(super) fn conversion_hit(cx: &Cx, conv: &Conv) -> Hit {
    let (implied, unit) = quote(conv.rate.from, conv.rate.to, conv.rate.rate);
    let (amount, converted) = amount_texts(cx, conv);
    Hit::new(cx.doc.claims[conv.b].span, "implies {implied} {unit}")
        .var("amount", amount)
        .var("converted", converted)
        .var("implied", fmt_dec(implied, 4))
        .var("unit", unit)
        .related(
            None,
            cx.doc.claims[conv.a].span,
            "converted from this amount",
        )
        .evidence(cx.claim_text(conv.b))
        .evidence(cx.claim_text(conv.a))
}

pub fn check(cx: &Cx, spec: &RuleSpec) -> Vec<Finding> {
    flagged(cx, spec)
        .into_iter()
        .map(|(conv, r, (y, m))| {
            let (implied, _) = quote(conv.rate.from, conv.rate.to, conv.rate.rate);
            let (reference, _) = quote(conv.rate.from, conv.rate.to, r);
            let expected = fmt_money(conv.va * r, conv.rate.to);
            // how far the quoted rate is off, signed (`+55.7%`: more units per dollar)
            let dev = if reference.is_zero() {
                Decimal::ZERO
            } else {
                (implied / reference - Decimal::ONE) * Decimal::ONE_HUNDRED
            };
            let dev = format!(
                "{}{}",
                if dev.is_sign_positive() { "+" } else { "" },
                fmt_dec(dev, 1)
            );
            conversion_hit(cx, &conv)
                .var("reference", fmt_dec(reference, 4))
                .var("month", format!("{y}-{m:02}"))
                .var("expected", expected)
                .var("deviation_pct", dev)
                .finish(cx, spec)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Claim, ClaimKind, Magnitude};
    use crate::source::Span;

    fn yen(ambiguous: bool) -> Claim {
        Claim {
            span: Span { start: 0, end: 1 },
            kind: ClaimKind::Money {
                value: Magnitude::Exact(Decimal::ONE),
                currency: Currency::new("CNY"),
                ambiguous,
            },
            hedge: None,
            pair: None,
        }
    }

    #[test]
    fn an_ambiguous_sign_may_mean_every_currency_of_its_group() {
        let groups = vec![vec![Currency::new("JPY"), Currency::new("CNY")]];
        assert_eq!(readings(&yen(true), &groups), Some(groups[0].clone()));
        // `yuan` written out is no ambiguous sign; a currency in no group has one reading
        assert_eq!(readings(&yen(false), &groups), None);
        assert_eq!(readings(&yen(true), &[]), None);
    }
}
