//! Line-oriented digest grammar (nom for the line shapes).
//!
//! House style: a title line, then `N articles • summary`, paragraphs that end in `(source)`,
//! `Key Points`, bullets `  • … (source)`. Markdown drafts: `#` headings start topics, `-`/`*`
//! bullets are key points, paragraphs may wrap over several lines. Anything else is a paragraph.

use super::{sentences, Block, BlockKind, Citation, Digest, Topic};
use crate::source::{body_start, Span};
use nom::{
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while1},
    character::complete::{char, digit1, space0, space1},
    combinator::{map_res, opt, recognize},
    sequence::{delimited, pair, preceded, terminated, tuple},
    IResult,
};

/// The shape of one line.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    Blank,
    /// A `digest-lint-…` suppression directive (bare or in an HTML comment): not prose.
    Directive,
    /// `#`-heading; the offset of its text within the line.
    Heading(usize),
    /// `N articles • …`
    Articles(u32),
    KeyPointsHeader,
    /// A bullet; the offset of its text within the line.
    Bullet(usize),
    Text,
}

fn articles_line(s: &str) -> IResult<&str, u32> {
    terminated(
        map_res(digit1, str::parse::<u32>),
        tuple((
            space1,
            tag_no_case("article"),
            opt(char('s')),
            space0,
            alt((tag("•"), tag("·"), tag("-"), tag("|"))),
        )),
    )(s)
}

fn heading(s: &str) -> IResult<&str, &str> {
    recognize(pair(take_while1(|c| c == '#'), space1))(s)
}

fn bullet(s: &str) -> IResult<&str, &str> {
    recognize(tuple((
        space0,
        alt((tag("•"), tag("-"), tag("*"), tag("–"), tag("·"))),
        space1,
    )))(s)
}

fn key_points_header(s: &str) -> IResult<&str, &str> {
    let (rest, _) = preceded(
        opt(heading),
        terminated(tag_no_case("key points"), opt(char(':'))),
    )(s)?;
    if rest.trim().is_empty() {
        Ok(("", s))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Eof,
        )))
    }
}

fn classify(line: &str) -> Line {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Line::Blank;
    }
    let inner = trimmed
        .strip_prefix("<!--")
        .map_or(trimmed, |s| s.trim_start());
    if inner.starts_with("digest-lint-") || inner.starts_with("digest-lint:") {
        return Line::Directive;
    }
    // each shape is tried only when the line opens as it must (most lines are prose)
    let first = line.as_bytes()[0];
    if matches!(first, b'#' | b'k' | b'K') && key_points_header(line).is_ok() {
        return Line::KeyPointsHeader;
    }
    if first.is_ascii_digit() {
        if let Ok((_, n)) = articles_line(line) {
            return Line::Articles(n);
        }
    }
    if first == b'#' {
        if let Ok((_, marker)) = heading(line) {
            return Line::Heading(marker.len());
        }
    }
    // a bullet's marker (after spaces and tabs): `•`/`–` (0xE2 …), `-`, `*` or `·` (0xC2 0xB7)
    let marker = line.trim_start_matches([' ', '\t']).as_bytes().first();
    if matches!(marker, Some(0xE2 | b'-' | b'*' | 0xC2)) {
        if let Ok((_, marker)) = bullet(line) {
            return Line::Bullet(marker.len());
        }
    }
    Line::Text
}

/// `(reuters.com)` or `(news.bloomberglaw.com)` at the very end of `s`: the span within `s`.
fn trailing_citation(s: &str) -> Option<(usize, &str)> {
    let t = s.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let inner = &t[open + 1..t.len() - 1];
    let parsed: IResult<&str, &str> = delimited(
        space0,
        recognize(pair(
            take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-'),
            take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
        )),
        space0,
    )(inner);
    match parsed {
        Ok(("", domain)) if domain.contains('.') && !domain.ends_with('.') => Some((open, domain)),
        _ => None,
    }
}

/// Parses a digest. Never fails: text that fits no shape becomes paragraphs.
pub fn parse(text: &str) -> Digest {
    let body = body_start(text);
    let bytes = text.as_bytes();
    let mut lines: Vec<(Span, Line)> = Vec::with_capacity(text.len() / 64 + 1);
    // each line without its line ending (as `LineIndex::line_span` gives it)
    let mut start = 0;
    loop {
        let nl = memchr::memchr(b'\n', &bytes[start..]).map(|p| start + p);
        let mut end = nl.unwrap_or(text.len());
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let mut span = Span::new(start, end);
        if span.start < body {
            span.start = body.min(span.end);
        }
        lines.push((span, classify(span.of(text))));
        match nl {
            Some(p) => start = p + 1,
            None => break,
        }
    }

    let mut b = Builder::new(text);
    let mut i = 0;
    while i < lines.len() {
        let (span, ref kind) = lines[i];
        match *kind {
            Line::Blank | Line::Directive => {}
            Line::Heading(skip) => {
                b.start_topic(Span::new(span.start + skip, span.end), None);
            }
            Line::Articles(n) => {
                if let Some(t) = b.topics.last_mut() {
                    t.articles.get_or_insert(n);
                }
                b.push(BlockKind::Summary, span);
            }
            Line::KeyPointsHeader => b.push(BlockKind::KeyPointsHeader, span),
            Line::Bullet(skip) => {
                b.push(BlockKind::KeyPoint, Span::new(span.start + skip, span.end))
            }
            Line::Text => {
                // A house-style title: a text line whose next non-blank line is `N articles • …`.
                let next = lines[i + 1..]
                    .iter()
                    .find(|(_, l)| !matches!(l, Line::Blank | Line::Directive));
                if let Some((_, Line::Articles(n))) = next {
                    b.start_topic(span, Some(*n));
                } else {
                    // A Markdown paragraph runs on over following text lines.
                    let mut end = span.end;
                    while let Some((s, Line::Text)) = lines.get(i + 1) {
                        let after = lines[i + 2..].iter().find(|(_, l)| *l != Line::Blank);
                        if matches!(after, Some((_, Line::Articles(_)))) {
                            break;
                        }
                        end = s.end;
                        i += 1;
                    }
                    b.push(BlockKind::Paragraph, Span::new(span.start, end));
                }
            }
        }
        i += 1;
    }
    b.finish()
}

struct Builder<'a> {
    text: &'a str,
    topics: Vec<Topic>,
    blocks: Vec<Block>,
    sentences: Vec<super::Sentence>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            topics: Vec::new(),
            blocks: Vec::new(),
            sentences: Vec::new(),
        }
    }

    fn start_topic(&mut self, title: Span, articles: Option<u32>) {
        self.close_topic();
        let at = self.blocks.len();
        self.topics.push(Topic {
            title,
            span: title,
            articles,
            blocks: at..at,
        });
        self.push(BlockKind::Title, title);
    }

    fn close_topic(&mut self) {
        let n = self.blocks.len();
        if let Some(t) = self.topics.last_mut() {
            t.blocks.end = n;
            if let Some(last) = self.blocks.last() {
                t.span.end = t.span.end.max(
                    last.citation
                        .as_ref()
                        .map_or(last.span.end, |c| c.span.end + 1),
                );
            }
        }
    }

    fn push(&mut self, kind: BlockKind, span: Span) {
        if self.topics.is_empty() {
            // Text before any title belongs to an untitled preamble topic.
            self.topics.push(Topic {
                title: Span::new(span.start, span.start),
                span: Span::new(span.start, span.start),
                articles: None,
                blocks: 0..0,
            });
        }
        let raw = span.of(self.text);
        let trimmed = raw.trim_end();
        let mut content = Span::new(span.start, span.start + trimmed.len());
        let citation = if matches!(kind, BlockKind::Paragraph | BlockKind::KeyPoint) {
            trailing_citation(trimmed).map(|(open, domain)| {
                // the domain follows the parenthesis and any spaces or tabs before it
                let pad = trimmed[open + 1..].len()
                    - trimmed[open + 1..].trim_start_matches([' ', '\t']).len();
                let inner = open + 1 + pad;
                content.end = span.start + trimmed[..open].trim_end().len();
                Citation {
                    span: Span::new(span.start + inner, span.start + inner + domain.len()),
                    source: domain.to_string(),
                }
            })
        } else {
            None
        };
        let block = self.blocks.len();
        let first = self.sentences.len();
        if matches!(
            kind,
            BlockKind::Paragraph | BlockKind::KeyPoint | BlockKind::Summary
        ) {
            sentences::split(self.text, content, block, &mut self.sentences);
        } else {
            self.sentences.push(super::Sentence {
                span: content,
                block,
            });
        }
        let topic = self.topics.len() - 1;
        self.blocks.push(Block {
            kind,
            span: content,
            topic,
            citation,
            sentences: first..self.sentences.len(),
        });
    }

    fn finish(mut self) -> Digest {
        self.close_topic();
        Digest {
            topics: self.topics,
            blocks: self.blocks,
            sentences: self.sentences,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUSE: &str = "Title one\n\n3 articles • About things.\n\nFirst para. Second sentence here. (reuters.com)\n\nKey Points\n  • A point on Sept. 13, 2025. (afn.net)\n  • Another point\n\nTitle two\n\n1 article • More.\n\nText.\n";

    #[test]
    fn house_style_topics_and_citations() {
        let d = parse(HOUSE);
        assert_eq!(d.topics.len(), 2);
        assert_eq!(d.topic_title(HOUSE, 0), Some("Title one"));
        assert_eq!(d.topics[0].articles, Some(3));
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            vec![
                Title,
                Summary,
                Paragraph,
                KeyPointsHeader,
                KeyPoint,
                KeyPoint,
                Title,
                Summary,
                Paragraph
            ]
        );
        let para = &d.blocks[2];
        assert_eq!(para.span.of(HOUSE), "First para. Second sentence here.");
        assert_eq!(para.citation.as_ref().unwrap().source, "reuters.com");
        assert_eq!(
            para.citation.as_ref().unwrap().span.of(HOUSE),
            "reuters.com"
        );
        assert_eq!(para.sentences.len(), 2);
        let kp = &d.blocks[4];
        assert_eq!(kp.span.of(HOUSE), "A point on Sept. 13, 2025.");
        assert_eq!(kp.sentences.len(), 1, "Sept. is an abbreviation");
        assert!(d.blocks[5].citation.is_none());
    }

    #[test]
    fn markdown_drafts() {
        let md = "# Topic A\n\nA paragraph that\nwraps lines. (ft.com)\n\n## Key Points\n- one (x.com)\n* two\n\n# Topic B\nbody\n";
        let d = parse(md);
        assert_eq!(d.topics.len(), 2);
        assert_eq!(d.topic_title(md, 0), Some("Topic A"));
        let p = &d.blocks[1];
        assert_eq!(p.kind, BlockKind::Paragraph);
        assert_eq!(p.span.of(md), "A paragraph that\nwraps lines.");
        assert_eq!(d.blocks[2].kind, BlockKind::KeyPointsHeader);
        assert_eq!(d.blocks[3].span.of(md), "one");
        assert_eq!(d.blocks[4].span.of(md), "two");
    }

    #[test]
    fn directives_are_not_prose() {
        let t = "<!-- digest-lint-disable-next-line DL201 -->\nA fact.\ndigest-lint-disable-file DL501\n";
        let d = parse(t);
        assert_eq!(d.blocks.len(), 1);
        assert_eq!(d.blocks[0].span.of(t), "A fact.");
    }

    #[test]
    fn plain_text_bom_crlf_and_empty() {
        let t = "\u{feff}Just a line.\r\nAnother.\r\n";
        let d = parse(t);
        assert_eq!(d.topics.len(), 1);
        assert_eq!(d.blocks[0].span.of(t), "Just a line.\r\nAnother.");
        assert_eq!(parse("").blocks.len(), 0);
    }
}
