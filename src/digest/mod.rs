//! The structure of a digest: topics, blocks (title, summary, paragraphs, key points), their
//! citations and sentences, each with its byte span. See `parse` for the grammar.

mod parse;
mod sentences;

pub use parse::parse;

use crate::source::Span;
use serde::Serialize;
use std::ops::Range;

/// What a block is within its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The topic's title line (house style) or a Markdown heading.
    Title,
    /// The `N articles • summary` line under a title.
    Summary,
    Paragraph,
    /// The `Key Points` header line.
    KeyPointsHeader,
    /// A bullet: `  • …`, `- …` or `* …`.
    KeyPoint,
}

/// A source cited at the end of a block: `(reuters.com)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub span: Span,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's text, without bullet marker or trailing citation.
    pub span: Span,
    pub topic: usize,
    pub citation: Option<Citation>,
    /// Indexes into [`Digest::sentences`].
    pub sentences: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    pub block: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    /// The title text (empty for the untitled preamble topic).
    pub title: Span,
    /// From the title to the end of the topic's last block.
    pub span: Span,
    /// `N` of the `N articles • …` line, when there is one.
    pub articles: Option<u32>,
    /// Indexes into [`Digest::blocks`].
    pub blocks: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Digest {
    pub topics: Vec<Topic>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
}

impl Digest {
    /// The index of the block holding byte `offset`, if any.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.span.end <= offset);
        (i < self.blocks.len() && self.blocks[i].span.start <= offset).then_some(i)
    }

    /// The index of the sentence holding byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The topic's title text, or `None` for the untitled preamble.
    pub fn topic_title<'a>(&self, text: &'a str, topic: usize) -> Option<&'a str> {
        let t = self.topics.get(topic)?;
        (!t.title.is_empty()).then(|| t.title.of(text))
    }
}
