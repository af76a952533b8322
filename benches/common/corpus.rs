//! A deterministic generator of house-style digests for benchmarks.
//!
//! Each digest is a few topics in the seed's style (title, `N articles • summary`, paragraphs with
//! citations, `Key Points` bullets), with numbers, dates, currencies and hedges varied by a simple
//! LCG so the scanner sees realistic, non-repeating claims. Reuse it from a bench with
//! `#[path = "common/corpus.rs"] mod corpus;`.
#![allow(dead_code)]

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ABBR: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const FIRMS: [&str; 10] = [
    "Tencent",
    "Alibaba",
    "Baidu",
    "ByteDance",
    "Huawei",
    "Cambricon",
    "SMIC",
    "Nvidia",
    "TSMC",
    "Samsung",
];
const SOURCES: [&str; 6] = [
    "reuters.com",
    "ft.com",
    "scmp.com",
    "bloomberg.com",
    "cnbc.com",
    "wired.com",
];
const HEDGES: [&str; 6] = ["", "~", "about ", "roughly ", "nearly ", "more than "];
const FUZZY: [&str; 3] = ["early", "mid\u{2011}", "late"];

fn money(r: &mut Lcg) -> String {
    let whole = 1 + r.below(90);
    let frac = r.below(100);
    match r.below(6) {
        0 => format!("{}${}.{:02}bn", r.pick(&HEDGES), whole, frac),
        1 => format!(
            "{whole}.{} billion yuan (~${}.{:02}bn)",
            frac % 10,
            whole / 7 + 1,
            frac
        ),
        2 => format!("{}US${whole}.{}bn", r.pick(&HEDGES), frac % 10),
        3 => format!(
            "\u{20ac}{whole}.{}bn, or about ${}.{}bn,",
            frac % 10,
            whole + 1,
            frac % 10
        ),
        4 => format!("${whole}M"),
        _ => format!("CN\u{a5}{},000,000", whole * 10),
    }
}

fn date(r: &mut Lcg, year: u64) -> String {
    let m = r.below(12) as usize;
    let d = 1 + r.below(27);
    match r.below(7) {
        0 => format!("{} {d}, {year}", ABBR[m]),
        1 => format!("{} {d}\u{2013}{}, {year}", ABBR[m], d + 1),
        2 => format!("{} {year}", MONTHS[m]),
        3 => format!("{} {} {year}", r.pick(&FUZZY), MONTHS[m]),
        4 => format!(
            "{}\u{2013}{} {year}",
            MONTHS[m.min(10)],
            MONTHS[m.min(10) + 1]
        ),
        5 => format!("around {} {d}\u{2013}{}", ABBR[m], d + 1),
        _ => format!("end\u{2011}{year}"),
    }
}

fn percent(r: &mut Lcg) -> String {
    let a = 1 + r.below(60);
    match r.below(4) {
        0 => format!("~{a}.{}%", r.below(10)),
        1 => format!("{a}\u{2013}{}%", a + 1 + r.below(9)),
        2 => format!(">{a}%"),
        _ => format!("{a} basis points"),
    }
}

/// Prose without claims, as most of the seed is: the seed states one claim per ~320 bytes.
const PROSE: [&str; 6] = [
    "this matters because the dispute accelerates the push to scale domestic accelerators, complicates revenue and supply plans, raises geopolitical trade and national\u{2011}security tensions and could reshape global hardware supply chains and software ecosystems",
    "key players include the largest internet and cloud firms as major buyers, regulators and agencies, foundry and memory suppliers and packaging partners, and rival vendors of domestic accelerators",
    "observers include research firms, wire services and regional media monitoring issuance, yields and the policy debate, while executives framed the move as a strategic advantage for the ecosystem",
    "the trend signals a strategic, technology\u{2011}level decoupling in which firms accept lower per\u{2011}chip performance in exchange for sovereignty, scale and predictable supply",
    "governments are using blacklists, export controls, sanctions and advisories to harden supply chains, while allies coordinate attribution and mitigation and companies weigh reciprocal measures",
    "\u{201c}the whole narrative has really changed,\u{201d} an analyst said, a commonly cited view used in coverage to explain investor sentiment shifting from scepticism to conviction",
];

fn sentence(r: &mut Lcg, year: u64) -> String {
    if r.below(3) > 0 {
        return r.pick(&PROSE).to_string();
    }
    let f = r.pick(&FIRMS);
    let g = r.pick(&FIRMS);
    match r.below(8) {
        0 => format!(
            "{f} sold {} of offshore\u{2011}RMB bonds in a three\u{2011}tranche deal (5-, 10- and 30\u{2011}year) on {}, while {g} completed a zero\u{2011}coupon convertible offering earmarked for cloud and data\u{2011}centre expansion",
            money(r),
            date(r, year)
        ),
        1 => format!(
            "{f} plans to produce {}{},000 Ascend 910C chips in {} and up to ~1.{} million dies next year, according to people familiar with the matter",
            r.pick(&HEDGES),
            100 + r.below(900),
            year + 1,
            r.below(10)
        ),
        2 => format!(
            "shares of {f} rose {} in {} as investors priced in accelerated AI spending and product roadmaps, with coupons reported at {} (5y)",
            percent(r),
            date(r, year),
            percent(r)
        ),
        3 => format!(
            "regulators moved in {} to revoke waivers for {g}, moving to a licensing regime with a roughly {}\u{2011}day transition and limiting expansions",
            date(r, year),
            30 * (1 + r.below(6))
        ),
        4 => format!(
            "{f}'s Qwen3\u{2011}235B and Seedream 4.0 models run on Kunlun P800 and H20 parts, and the authors report ~{}\u{d7} speedups and {} accuracy lifts",
            2 + r.below(8),
            percent(r)
        ),
        5 => format!(
            "{g} reached roughly {} million monthly active users in {}, overtaking rivals whose user counts fell for {} years",
            10 + r.below(300),
            date(r, year),
            ["two", "three", "four", "five"][r.below(4) as usize]
        ),
        6 => format!(
            "a deal reported at {} was announced on {} and the parties expect closing in {}",
            money(r),
            date(r, year),
            date(r, year)
        ),
        _ => format!(
            "analysts at {g} said the dispute accelerates the push to scale domestic accelerators, complicates revenue and supply plans and raises geopolitical tensions over export licensing"
        ),
    }
}

/// One digest of a few topics; `i` seeds its numbers.
pub fn digest(i: u64) -> String {
    let mut r = Lcg(i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03);
    let year = 2015 + r.below(12);
    let mut out = String::new();
    for _ in 0..(3 + r.below(4)) {
        let f = r.pick(&FIRMS);
        out.push_str(&format!("{f} and rivals race to fund AI buildout\n\n"));
        out.push_str(&format!(
            "{} articles \u{2022} Reports and reactions around {f} and its peers, market uncertainty and opportunity for domestic vendors.\n\n",
            2 + r.below(12)
        ));
        for _ in 0..3 {
            let mut p = String::new();
            for k in 0..(2 + r.below(3)) {
                let s = sentence(&mut r, year);
                if k == 0 {
                    let mut c = s.chars();
                    if let Some(first) = c.next() {
                        p.extend(first.to_uppercase());
                        p.push_str(c.as_str());
                    }
                } else {
                    p.push_str("; ");
                    p.push_str(&s);
                }
            }
            out.push_str(&format!("{p}. ({})\n\n", r.pick(&SOURCES)));
        }
        out.push_str("Key Points\n");
        for _ in 0..3 {
            let s = sentence(&mut r, year);
            out.push_str(&format!("  \u{2022} {s}. ({})\n", r.pick(&SOURCES)));
        }
        out.push('\n');
    }
    out
}

/// At least `bytes` bytes of digests, one after another.
pub fn corpus(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 16 * 1024);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&digest(i));
        i += 1;
    }
    out
}

/// Digest-sized documents, as the CLI sees files, until they hold at least `megabytes` MiB:
/// the documents and their total size in bytes. `env` names a variable that may shrink it for
/// quick runs.
pub fn digests(megabytes: usize, env: &str) -> (Vec<String>, usize) {
    let mb = std::env::var(env)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(megabytes);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < mb << 20 {
        let d = digest(docs.len() as u64);
        total += d.len();
        docs.push(d);
    }
    (docs, total)
}
