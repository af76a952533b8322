//! The JSON shape of a claim (INTERFACES.md, `extract --format json`).

use super::{Claim, ClaimKind, Magnitude};
use serde_json::{json, Map, Value};

fn put_magnitude(m: &mut Map<String, Value>, key: &str, v: &Magnitude) {
    match *v {
        Magnitude::Exact(x) => {
            m.insert(key.into(), json!(x.normalize().to_string()));
        }
        Magnitude::Range(a, b) => {
            m.insert("min".into(), json!(a.normalize().to_string()));
            m.insert("max".into(), json!(b.normalize().to_string()));
        }
        Magnitude::AtLeast(x) => {
            m.insert(key.into(), json!(x.normalize().to_string()));
            m.insert("min".into(), json!(x.normalize().to_string()));
        }
        Magnitude::AtMost(x) => {
            m.insert(key.into(), json!(x.normalize().to_string()));
            m.insert("max".into(), json!(x.normalize().to_string()));
        }
    }
}

/// One claim as a JSON object; `text` is the source the claim's spans point into.
pub fn claim_json(c: &Claim, text: &str, claims: &[Claim]) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), json!(c.kind.name()));
    m.insert("text".into(), json!(c.span.of(text)));
    m.insert("start".into(), json!(c.span.start));
    m.insert("end".into(), json!(c.span.end));
    match &c.kind {
        ClaimKind::Money {
            value,
            currency,
            ambiguous,
        } => {
            put_magnitude(&mut m, "amount", value);
            m.insert("currency".into(), json!(currency.as_str()));
            if *ambiguous {
                m.insert("currency_ambiguous".into(), json!(true));
            }
        }
        ClaimKind::Percent { value, unit } => {
            put_magnitude(&mut m, "value", value);
            if *unit != super::PercentUnit::Percent {
                m.insert("unit".into(), json!(unit));
            }
        }
        ClaimKind::Date(d) => {
            m.insert("from".into(), json!(d.from.to_string()));
            m.insert("to".into(), json!(d.to.to_string()));
            m.insert("grain".into(), json!(d.grain));
            if d.fuzzy {
                m.insert("fuzzy".into(), json!(true));
            }
            if let Some(w) = d.weekday {
                m.insert("weekday".into(), json!(format!("{w:?}")));
            }
            if !d.year_stated {
                m.insert("year_inferred".into(), json!(true));
            }
            if d.relative {
                m.insert("relative".into(), json!(true));
            }
        }
        ClaimKind::InvalidDate { year, month, day } => {
            m.insert("year".into(), json!(year));
            m.insert("month".into(), json!(month));
            m.insert("day".into(), json!(day));
        }
        ClaimKind::Duration { value, unit } => {
            put_magnitude(&mut m, "amount", value);
            m.insert("unit".into(), json!(unit));
        }
        ClaimKind::Count { value, noun } => {
            put_magnitude(&mut m, "value", value);
            m.insert("noun".into(), json!(noun.of(text)));
        }
        ClaimKind::Number { value } => {
            m.insert("value".into(), json!(value.normalize().to_string()));
        }
        ClaimKind::Ratio { value } => put_magnitude(&mut m, "value", value),
    }
    if let Some(h) = c.hedge {
        m.insert("hedge".into(), json!(h));
    }
    if matches!(
        c.kind,
        ClaimKind::Money { .. } | ClaimKind::Duration { .. } | ClaimKind::Percent { .. }
    ) || c.hedge.is_some()
    {
        m.insert("approx".into(), json!(c.approx()));
    }
    if let Some(p) = c.pair.and_then(|p| claims.get(p)) {
        m.insert(
            "pair".into(),
            json!({"text": p.span.of(text), "start": p.span.start, "end": p.span.end}),
        );
    }
    Value::Object(m)
}
