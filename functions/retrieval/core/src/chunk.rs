//! Sentence- and paragraph-preserving chunking.
//!
//! Sizes are in estimated model tokens: UAX #29 words × 4/3, the usual ratio of WordPiece
//! tokens to English words (all-MiniLM-L6-v2 truncates at 256 word pieces, BM25 does not
//! care). Offsets are **character** (Unicode scalar value) offsets into the extracted text,
//! so clients in any language can slice with them after decoding; byte offsets are kept
//! internally.

use unicode_segmentation::UnicodeSegmentation;

use crate::extract::Extracted;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkConfig {
    /// A chunk never exceeds this, unless one sentence alone does (then it is split at words).
    pub max_tokens: usize,
    /// A chunk at least this large ends at the next paragraph boundary rather than running on.
    pub min_tokens: usize,
    /// Whole trailing sentences of a chunk, up to this many tokens, start the next chunk too.
    pub overlap_tokens: usize,
}

impl Default for ChunkConfig {
    fn default() -> Self {
        Self {
            max_tokens: 500,
            min_tokens: 300,
            overlap_tokens: 50,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub text: String,
    /// Character offsets of `text` in the extracted document text, `start..end`.
    pub start: usize,
    pub end: usize,
    pub tokens: usize,
    /// Headings in force where the chunk starts, outermost first.
    pub headings: Vec<String>,
}

impl Chunk {
    /// The text to index and embed: the heading path first, so a chunk deep in a section still
    /// matches its section's topic. Skips the path when the chunk starts with its own heading.
    pub fn contextual_text(&self) -> String {
        contextual_text(&self.headings, &self.text)
    }
}

/// A chunk's text with its headings in front, unless the text starts with the innermost
/// one already: what is indexed and embedded for it.
pub fn contextual_text(headings: &[String], text: &str) -> String {
    match headings.last() {
        Some(last) if !text.starts_with(last.as_str()) => {
            format!("{}\n{}", headings.join(" > "), text)
        }
        _ => text.to_string(),
    }
}

pub fn estimate_tokens(text: &str) -> usize {
    (text.unicode_words().count() * 4).div_ceil(3)
}

/// A sentence (or a piece of an overlong one): byte range and size.
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    tokens: usize,
    /// First unit of a paragraph: a preferred place to end the previous chunk.
    paragraph_start: bool,
}

fn units(text: &str, max_tokens: usize) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut paragraph_start = 0;
    let push_paragraph = |para_start: usize, para_end: usize, units: &mut Vec<Unit>| {
        let paragraph = &text[para_start..para_end];
        let mut first = true;
        for (offset, sentence) in paragraph.split_sentence_bound_indices() {
            let trimmed = sentence.trim();
            if trimmed.is_empty() {
                continue;
            }
            let start = para_start + offset + (sentence.len() - sentence.trim_start().len());
            let end = start + trimmed.len();
            let tokens = estimate_tokens(trimmed);
            // Stray punctuation or numbering between sentences joins the sentence before it.
            if tokens == 0 && !first {
                if let Some(last) = units.last_mut() {
                    last.end = end;
                    continue;
                }
            }
            if tokens > max_tokens {
                split_run_on(text, start, end, max_tokens, first, units);
            } else {
                units.push(Unit {
                    start,
                    end,
                    tokens,
                    paragraph_start: first,
                });
            }
            first = false;
        }
    };
    // Paragraphs: separated by a line holding only whitespace.
    let mut line_start = 0;
    let mut blank_run = false;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank && !blank_run {
            push_paragraph(paragraph_start, line_start, &mut units);
        }
        if !blank && blank_run {
            paragraph_start = line_start;
        }
        blank_run = blank;
        line_start += line.len();
    }
    if !blank_run {
        push_paragraph(paragraph_start, text.len(), &mut units);
    }
    units
}

/// An overlong UAX #29 sentence is often several sentences in lowercase text (the rules do
/// not end a sentence before a lowercase word, for abbreviations): split it after `.`, `!` or
/// `?` followed by whitespace first, and only cut at words what is still too long.
fn split_run_on(
    text: &str,
    start: usize,
    end: usize,
    max_tokens: usize,
    paragraph_start: bool,
    units: &mut Vec<Unit>,
) {
    let span = &text[start..end];
    let mut piece_start = 0;
    let mut first = paragraph_start;
    let push = |from: usize, to: usize, first: bool, units: &mut Vec<Unit>| {
        let piece = span[from..to].trim();
        if piece.is_empty() {
            return;
        }
        let s = start + from + (span[from..to].len() - span[from..to].trim_start().len());
        let e = s + piece.len();
        let tokens = estimate_tokens(piece);
        if tokens > max_tokens {
            split_long(text, s, e, max_tokens, first, units);
        } else {
            units.push(Unit {
                start: s,
                end: e,
                tokens,
                paragraph_start: first,
            });
        }
    };
    let mut chars = span.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
            push(piece_start, i + 1, first, units);
            first = false;
            piece_start = i + 1;
        }
    }
    push(piece_start, span.len(), first, units);
}

/// Splits one overlong sentence at word boundaries into pieces of at most `max_tokens`.
fn split_long(
    text: &str,
    start: usize,
    end: usize,
    max_tokens: usize,
    paragraph_start: bool,
    units: &mut Vec<Unit>,
) {
    let words_per_piece = (max_tokens * 3 / 4).max(1);
    let sentence = &text[start..end];
    let word_starts: Vec<usize> = sentence.unicode_word_indices().map(|(i, _)| i).collect();
    let mut first = paragraph_start;
    for piece in 0..word_starts.len().div_ceil(words_per_piece) {
        let from = if piece == 0 {
            0
        } else {
            word_starts[piece * words_per_piece]
        };
        let to = word_starts
            .get((piece + 1) * words_per_piece)
            .copied()
            .unwrap_or(sentence.len());
        let piece_text = sentence[from..to].trim_end();
        units.push(Unit {
            start: start + from,
            end: start + from + piece_text.len(),
            tokens: estimate_tokens(piece_text),
            paragraph_start: first,
        });
        first = false;
    }
}

pub fn chunk(doc: &Extracted, config: &ChunkConfig) -> Vec<Chunk> {
    let max = config.max_tokens.max(1);
    let units = units(&doc.text, max);
    let mut chunks = Vec::new();
    // Byte → char offsets, walked forward once.
    let mut char_index = CharIndex::new(&doc.text);
    let mut i = 0;
    while i < units.len() {
        let mut tokens = units[i].tokens;
        let mut j = i + 1;
        while j < units.len() {
            let u = units[j];
            if tokens + u.tokens > max || (u.paragraph_start && tokens >= config.min_tokens) {
                break;
            }
            tokens += u.tokens;
            j += 1;
        }
        let (start, end) = (units[i].start, units[j - 1].end);
        chunks.push(Chunk {
            text: doc.text[start..end].to_string(),
            start: char_index.chars_before(start),
            end: char_index.chars_before(end),
            tokens,
            headings: doc.heading_path(start),
        });
        if j == units.len() {
            break;
        }
        // Overlap: whole sentences from the end of this chunk, never the whole chunk.
        let mut next = j;
        let mut overlap = 0;
        while next > i + 1 && overlap + units[next - 1].tokens <= config.overlap_tokens {
            overlap += units[next - 1].tokens;
            next -= 1;
        }
        i = next;
    }
    chunks
}

/// Converts ascending byte offsets to character offsets without rescanning from the start;
/// overlap makes offsets step back a little, which restarts the scan from the beginning.
struct CharIndex<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn chars_before(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract, ContentType};

    fn plain(text: &str) -> Extracted {
        extract(ContentType::Plain, text)
    }

    /// A capitalised sentence (UAX #29 does not end a sentence before a lowercase word).
    fn sentence(n: usize, words: usize) -> String {
        let body: Vec<String> = (0..words).map(|w| format!("w{n}x{w}")).collect();
        format!("W{}.", &body.join(" ")[1..])
    }

    #[test]
    fn small_document_is_one_chunk_with_offsets() {
        let doc = plain("  Héllo wörld. Second one!\n");
        let chunks = chunk(&doc, &ChunkConfig::default());
        assert_eq!(chunks.len(), 1);
        let c = &chunks[0];
        assert_eq!(c.text, "Héllo wörld. Second one!");
        let chars: Vec<char> = doc.text.chars().collect();
        assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.text);
    }

    #[test]
    fn chunks_respect_the_limit_and_never_cut_sentences() {
        // 60 sentences of 30 words (40 tokens): 12 fit in 500 tokens.
        let text: Vec<String> = (0..60).map(|n| sentence(n, 30)).collect();
        let doc = plain(&text.join(" "));
        let config = ChunkConfig {
            max_tokens: 500,
            min_tokens: 300,
            overlap_tokens: 50,
        };
        let chunks = chunk(&doc, &config);
        assert!(chunks.len() >= 5);
        let chars: Vec<char> = doc.text.chars().collect();
        for c in &chunks {
            assert!(c.tokens <= 500, "{}", c.tokens);
            assert!(
                c.text.starts_with('W') && c.text.ends_with('.'),
                "cut sentence: {}",
                c.text
            );
            assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.text);
        }
        // One 40-token sentence of overlap between neighbours.
        for pair in chunks.windows(2) {
            let last_sentence = pair[0].text.rsplit(". ").next().unwrap();
            assert!(pair[1].text.starts_with(last_sentence), "no overlap");
            assert!(pair[1].start < pair[0].end);
        }
        // Every sentence is in some chunk.
        for s in &text {
            assert!(chunks.iter().any(|c| c.text.contains(s.as_str())));
        }
    }

    #[test]
    fn paragraph_boundaries_end_chunks_once_large_enough() {
        let para = |p: usize| {
            (0..8)
                .map(|n| sentence(p * 10 + n, 30))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let doc = plain(&format!("{}\n\n{}\n\n{}", para(1), para(2), para(3)));
        // 8 × 40 = 320 tokens per paragraph: each paragraph is its own chunk.
        let chunks = chunk(
            &doc,
            &ChunkConfig {
                overlap_tokens: 0,
                ..Default::default()
            },
        );
        assert_eq!(chunks.len(), 3);
        assert!(chunks[1].text.starts_with("W20x0") && chunks[1].text.ends_with("w27x29."));
    }

    #[test]
    fn an_overlong_sentence_is_split_at_words() {
        let doc = plain(&sentence(0, 1000));
        let chunks = chunk(
            &doc,
            &ChunkConfig {
                overlap_tokens: 0,
                ..Default::default()
            },
        );
        assert!(chunks.len() >= 3);
        for c in &chunks {
            assert!(c.tokens <= 500);
            assert!(c.text.starts_with(['w', 'W']));
        }
        let total: usize = chunks
            .iter()
            .map(|c| c.text.split_whitespace().count())
            .sum();
        assert_eq!(total, 1000);
    }

    #[test]
    fn headings_travel_with_chunks() {
        // Each sentence is ~333 tokens, so every sentence closes its own chunk (min 300,
        // max 500): one chunk opens the section, one starts inside it, one opens the next.
        let md = format!(
            "# Top\n\n## Part A\n\n{}\n\n{}\n\n## Part B\n\n{}",
            sentence(1, 250),
            sentence(2, 250),
            sentence(3, 250)
        );
        let doc = extract(ContentType::Markdown, &md);
        let chunks = chunk(
            &doc,
            &ChunkConfig {
                overlap_tokens: 0,
                ..Default::default()
            },
        );
        assert_eq!(chunks.len(), 3, "{chunks:#?}");

        let opening = &chunks[0];
        assert!(
            opening.text.starts_with("Top\n\nPart A\n\nW1x0"),
            "{}",
            opening.text
        );
        // The path where the chunk starts; the chunk's own text shows the rest.
        assert_eq!(opening.headings, vec!["Top"]);
        // The chunk already starts with its heading, so the path is not repeated as context.
        assert_eq!(opening.contextual_text(), opening.text);

        let inside = &chunks[1];
        assert!(inside.text.starts_with("W2x0"), "{}", inside.text);
        assert_eq!(inside.headings, vec!["Top", "Part A"]);
        assert_eq!(
            inside.contextual_text(),
            format!("Top > Part A\n{}", inside.text)
        );

        let next = &chunks[2];
        assert!(next.text.starts_with("Part B\n\nW3x0"), "{}", next.text);
        assert_eq!(next.headings, vec!["Top", "Part B"]);
        assert_eq!(next.contextual_text(), next.text);
    }

    #[test]
    fn lowercase_run_on_text_still_splits_at_sentence_ends() {
        let lower: Vec<String> = (0..30).map(|n| sentence(n, 30).to_lowercase()).collect();
        let doc = plain(&lower.join(" "));
        let chunks = chunk(
            &doc,
            &ChunkConfig {
                overlap_tokens: 0,
                ..Default::default()
            },
        );
        assert!(chunks.len() >= 3);
        for c in &chunks {
            assert!(c.tokens <= 500);
            assert!(c.text.ends_with('.'), "cut sentence: {}", c.text);
        }
    }

    #[test]
    fn empty_text_has_no_chunks() {
        assert!(chunk(&plain(" \n\n \n"), &ChunkConfig::default()).is_empty());
    }
}
