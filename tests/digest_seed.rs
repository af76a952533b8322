//! The seed digest's structure: the house style the parser is built for.

use digest_lint::digest::{parse, BlockKind};

const SEED: &str = include_str!("../seeds/000_3d2181f76b2227e1.txt");

#[test]
fn seed_topics_blocks_and_citations() {
    let d = parse(SEED);
    let titles: Vec<&str> = (0..d.topics.len())
        .filter_map(|t| d.topic_title(SEED, t))
        .collect();
    assert_eq!(titles.len(), d.topics.len(), "no untitled preamble");
    assert_eq!(
        titles.first(),
        Some(&"China discourages Nvidia AI chip purchases and Nvidia's market limbo")
    );
    assert_eq!(
        titles.last(),
        Some(&"Regulation and content-safety rules shaping Chinese AI products")
    );
    assert!(titles.contains(&"Export controls, trade probes and industrial-policy actions"));
    // Every topic has its `N articles` line, three paragraphs and a Key Points list.
    for t in &d.topics {
        let blocks = &d.blocks[t.blocks.clone()];
        assert!(t.articles.is_some());
        let count = |k| blocks.iter().filter(|b| b.kind == k).count();
        assert_eq!(count(BlockKind::Title), 1);
        assert_eq!(count(BlockKind::Summary), 1);
        assert_eq!(
            count(BlockKind::Paragraph),
            3,
            "topic {:?}",
            t.title.of(SEED)
        );
        assert_eq!(count(BlockKind::KeyPointsHeader), 1);
        assert!(count(BlockKind::KeyPoint) >= 3);
    }
    // The MOFCOM key point: cited, its citation outside its text span.
    let kp = d
        .blocks
        .iter()
        .find(|b| b.span.of(SEED).contains("around Sept 14–15, 2025"))
        .unwrap();
    assert_eq!(kp.kind, BlockKind::KeyPoint);
    assert_eq!(kp.citation.as_ref().unwrap().source, "afn.net");
    assert!(!kp.span.of(SEED).contains("(afn.net)"));
    // Sentence spans stay inside their block and in order.
    for (i, b) in d.blocks.iter().enumerate() {
        let mut last = b.span.start;
        for s in &d.sentences[b.sentences.clone()] {
            assert_eq!(s.block, i);
            assert!(b.span.contains(s.span) && s.span.start >= last);
            last = s.span.end;
        }
    }
}

#[test]
fn uncited_blocks_in_the_seed_are_the_ones_without_a_source() {
    let d = parse(SEED);
    let uncited: Vec<&str> = d
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::KeyPoint))
        .filter(|b| b.citation.is_none())
        .map(|b| b.span.of(SEED))
        .collect();
    // The global-expansion topic cites nothing: its three paragraphs and three key points.
    assert_eq!(uncited.len(), 6, "{uncited:#?}");
    assert!(uncited
        .iter()
        .any(|t| t.starts_with("Since mid-2025 Chinese tech firms")));
}
