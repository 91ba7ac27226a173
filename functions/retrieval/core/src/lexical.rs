//! The lexical side: one tokeniser for documents and queries, and BM25 over an in-memory
//! index (the benchmark's reference implementation; the component's SQL engines score the
//! same tokens).

use std::collections::HashMap;

/// Lowercased alphanumeric runs (Unicode-aware), optionally without English stopwords.
pub fn tokenize(text: &str, drop_stopwords: bool) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .filter(|t| !drop_stopwords || !is_stopword(t))
        .collect()
}

/// The tokens joined by spaces: what the SQL full-text engines index, so their own
/// tokenisers (FTS5 `unicode61`, PostgreSQL `simple`) see exactly our tokens.
pub fn normalized(text: &str, drop_stopwords: bool) -> String {
    tokenize(text, drop_stopwords).join(" ")
}

pub fn is_stopword(token: &str) -> bool {
    STOPWORDS.binary_search(&token).is_ok()
}

/// Common English function words (sorted, for binary search).
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bm25Params {
    pub k1: f64,
    pub b: f64,
}

impl Default for Bm25Params {
    fn default() -> Self {
        Self { k1: 1.2, b: 0.75 }
    }
}

/// Lucene's BM25 idf, never negative: ln(1 + (N − df + 0.5) / (df + 0.5)).
pub fn idf(documents: f64, document_frequency: f64) -> f64 {
    (1.0 + (documents - document_frequency + 0.5) / (document_frequency + 0.5)).ln()
}

/// One term's contribution given its frequency in a document of length `dl`.
pub fn term_score(params: Bm25Params, idf: f64, tf: f64, dl: f64, avgdl: f64) -> f64 {
    idf * tf * (params.k1 + 1.0) / (tf + params.k1 * (1.0 - params.b + params.b * dl / avgdl))
}

#[derive(Debug, Default)]
pub struct Bm25Index {
    postings: HashMap<String, Vec<(u32, u32)>>,
    lengths: Vec<u32>,
    total_length: u64,
}

impl Bm25Index {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document's tokens; documents are numbered 0, 1, ... in insertion order.
    pub fn add(&mut self, tokens: &[String]) -> u32 {
        let id = self.lengths.len() as u32;
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for t in tokens {
            *counts.entry(t).or_default() += 1;
        }
        for (term, tf) in counts {
            self.postings
                .entry(term.to_string())
                .or_default()
                .push((id, tf));
        }
        self.lengths.push(tokens.len() as u32);
        self.total_length += tokens.len() as u64;
        id
    }

    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// The `top_k` best documents, best first; a repeated query term counts each time (as a
    /// Lucene boolean query of its terms does). Ties go to the lower document number.
    pub fn search(&self, query: &[String], params: Bm25Params, top_k: usize) -> Vec<(u32, f64)> {
        if self.is_empty() {
            return Vec::new();
        }
        let n = self.lengths.len() as f64;
        let avgdl = (self.total_length as f64 / n).max(1e-9);
        let mut scores: HashMap<u32, f64> = HashMap::new();
        for term in query {
            let Some(postings) = self.postings.get(term) else {
                continue;
            };
            let idf = idf(n, postings.len() as f64);
            for &(doc, tf) in postings {
                let dl = f64::from(self.lengths[doc as usize]);
                *scores.entry(doc).or_default() +=
                    term_score(params, idf, f64::from(tf), dl, avgdl);
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(top_k);
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokenize(s, false)
    }

    #[test]
    fn tokens_are_lowercase_alphanumeric_runs() {
        assert_eq!(
            toks("Mach-2 flow, über ALLES!"),
            vec!["mach", "2", "flow", "über", "alles"]
        );
        assert_eq!(tokenize("The flow of the air", true), vec!["flow", "air"]);
        assert_eq!(normalized("Hello,  World", false), "hello world");
    }

    #[test]
    fn stopwords_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn bm25_matches_hand_computed_scores() {
        let mut index = Bm25Index::new();
        index.add(&toks("wing lift wing"));
        index.add(&toks("drag"));
        index.add(&toks("lift drag drag drag"));
        let p = Bm25Params::default();
        let results = index.search(&toks("wing"), p, 10);
        assert_eq!(results.len(), 1);
        let avgdl = 8.0 / 3.0;
        let expected = idf(3.0, 1.0) * 2.0 * 2.2 / (2.0 + 1.2 * (0.25 + 0.75 * 3.0 / avgdl));
        assert!((results[0].1 - expected).abs() < 1e-12);
        // A shorter document wins on equal tf; more occurrences win over length.
        let results = index.search(&toks("lift"), p, 10);
        assert_eq!(results[0].0, 0);
        let results = index.search(&toks("drag"), p, 1);
        assert_eq!(results, vec![(2, results[0].1)]);
        assert!(index.search(&toks("nothing"), p, 10).is_empty());
    }
}
