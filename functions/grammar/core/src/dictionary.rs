//! harper's curated dictionary as read-only tables built by `build.rs`.
//!
//! Nothing is built when an instance starts: lookups go through two FSTs over embedded bytes,
//! and a word's spelling (`[char]`) and metadata are decoded the first time they are asked for
//! and kept in statics that start out zeroed (so they cost no data segment either).

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use fst::{IntoStreamer, Map, Streamer};
use harper_core::spell::{CanonicalWordId, Dictionary, FuzzyMatchResult};
use harper_core::{CharStringExt, DictWordMetadata};
use levenshtein_automata::{LevenshteinAutomatonBuilder, DFA};

mod consts {
    include!(concat!(env!("OUT_DIR"), "/dict/consts.rs"));
}
use consts::{META_COUNT, WORD_COUNT};

macro_rules! table {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/dict/", $name))
    };
}

static WORDS_FST: &[u8] = table!("words.fst");
static FOLDED_FST: &[u8] = table!("folded.fst");
static UTF8: &[u8] = table!("utf8.bin");
static UTF8_OFF: &[u8] = table!("utf8_off.bin");
static META_IDX: &[u8] = table!("meta_idx.bin");
static META: &[u8] = table!("meta.bin");
static META_OFF: &[u8] = table!("meta_off.bin");
static GROUPS: &[u8] = table!("groups.bin");
static CANON: &[u8] = table!("canon.bin");

static WORDS: LazyLock<Map<&'static [u8]>> =
    LazyLock::new(|| Map::new(WORDS_FST).expect("words.fst is built by build.rs"));
static FOLDED: LazyLock<Map<&'static [u8]>> =
    LazyLock::new(|| Map::new(FOLDED_FST).expect("folded.fst is built by build.rs"));

static SPELLINGS: [OnceLock<Box<[char]>>; WORD_COUNT] = [const { OnceLock::new() }; WORD_COUNT];
static METADATA: [OnceLock<DictWordMetadata>; META_COUNT] = [const { OnceLock::new() }; META_COUNT];

/// Fuzzy matching stops at this edit distance. harper's spell checker backs off up to 4, but
/// suggestions that far away are almost never the intended word (they cost GLEU on JFLEG), and
/// a distance-3 Levenshtein automaton builder alone takes about a second to construct.
pub const MAX_FUZZY_DISTANCE: u8 = 2;

static AUTOMATA: [OnceLock<LevenshteinAutomatonBuilder>; MAX_FUZZY_DISTANCE as usize + 1] =
    [const { OnceLock::new() }; MAX_FUZZY_DISTANCE as usize + 1];

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(bytes[i * 4..i * 4 + 4].try_into().expect("4 bytes"))
}

fn spelling(index: u32) -> &'static [char] {
    SPELLINGS[index as usize].get_or_init(|| {
        let (start, end) = (
            u32_at(UTF8_OFF, index as usize) as usize,
            u32_at(UTF8_OFF, index as usize + 1) as usize,
        );
        std::str::from_utf8(&UTF8[start..end])
            .expect("build.rs writes UTF-8")
            .chars()
            .collect()
    })
}

fn metadata(index: u32) -> &'static DictWordMetadata {
    let id = u32_at(META_IDX, index as usize) as usize;
    METADATA[id].get_or_init(|| {
        let (start, end) = (
            u32_at(META_OFF, id) as usize,
            u32_at(META_OFF, id + 1) as usize,
        );
        postcard::from_bytes(&META[start..end]).expect("build.rs checked the round trip")
    })
}

fn exact_index(word: &[char]) -> Option<u32> {
    let key: String = word.iter().collect();
    WORDS.get(key).map(|v| v as u32)
}

/// Indices of every spelling that folds (normalised, lowercased) to the same key as `word`.
fn folded_indices(word: &[char]) -> impl Iterator<Item = u32> {
    let key: String = word.normalized().to_lower().iter().collect();
    let (single, group) = match FOLDED.get(key) {
        None => (None, None),
        Some(v) if v & (1 << 63) == 0 => (Some(v as u32), None),
        Some(v) => {
            let offset = (v & !(1 << 63)) as usize;
            let count = u32_at(GROUPS, offset) as usize;
            (None, Some(offset + 1..offset + 1 + count))
        }
    };
    single
        .into_iter()
        .chain(group.into_iter().flatten().map(|i| u32_at(GROUPS, i)))
}

fn automaton(max_distance: u8) -> &'static LevenshteinAutomatonBuilder {
    AUTOMATA[max_distance as usize]
        .get_or_init(|| LevenshteinAutomatonBuilder::new(max_distance, true))
}

fn search(dfa: &DFA, best: &mut Vec<(u32, u8)>) {
    let mut stream = WORDS.search_with_state(dfa).into_stream();
    while let Some((_, value, state)) = stream.next() {
        let distance = dfa.distance(state).to_u8();
        let index = value as u32;
        match best.iter_mut().find(|(i, _)| *i == index) {
            Some(entry) => entry.1 = entry.1.min(distance),
            None => best.push((index, distance)),
        }
    }
}

/// The curated dictionary, answered from the compile-time tables. All instances share the
/// same statics, so this is a zero-sized handle.
#[derive(Debug, Clone, Copy, Default)]
pub struct StaticDictionary;

impl StaticDictionary {
    pub fn new() -> Self {
        Self
    }
}

impl Dictionary for StaticDictionary {
    fn contains_word(&self, word: &[char]) -> bool {
        folded_indices(word).next().is_some()
    }

    fn contains_word_str(&self, word: &str) -> bool {
        self.contains_word(&word.chars().collect::<Vec<_>>())
    }

    fn contains_exact_word(&self, word: &[char]) -> bool {
        exact_index(word).is_some()
    }

    fn contains_exact_word_str(&self, word: &str) -> bool {
        WORDS.contains_key(word)
    }

    fn fuzzy_match(
        &'_ self,
        word: &[char],
        max_distance: u8,
        max_results: usize,
    ) -> Vec<FuzzyMatchResult<'_>> {
        if max_distance > MAX_FUZZY_DISTANCE {
            return Vec::new();
        }
        let query: String = word.normalized().iter().collect();
        let lower = query.to_lowercase();
        let mut best = Vec::new();
        // Nearest words first: a distance-2 walk of the FST visits far more states than a
        // distance-1 walk, and when a word one edit away exists it is nearly always the fix.
        for distance in 1..=max_distance {
            let builder = automaton(distance);
            search(&builder.build_dfa(&query), &mut best);
            if lower != query {
                search(&builder.build_dfa(&lower), &mut best);
            }
            if best.iter().any(|(_, d)| *d > 0) {
                break;
            }
        }
        let mut results: Vec<FuzzyMatchResult<'_>> = best
            .into_iter()
            .filter(|(_, distance)| *distance > 0)
            .map(|(index, edit_distance)| FuzzyMatchResult {
                word: spelling(index),
                edit_distance,
                metadata: Cow::Borrowed(metadata(index)),
            })
            .collect();
        results.sort_unstable_by(|a, b| {
            a.edit_distance
                .cmp(&b.edit_distance)
                .then_with(|| a.word.cmp(b.word))
        });
        results.truncate(max_results);
        results
    }

    fn fuzzy_match_str(
        &'_ self,
        word: &str,
        max_distance: u8,
        max_results: usize,
    ) -> Vec<FuzzyMatchResult<'_>> {
        self.fuzzy_match(&word.chars().collect::<Vec<_>>(), max_distance, max_results)
    }

    fn get_correct_capitalization_of(&self, word: &[char]) -> Option<&'_ [char]> {
        let mut indices = folded_indices(word);
        let first = indices.next()?;
        indices.next().is_none().then(|| spelling(first))
    }

    fn get_correct_capitalizations_of(
        &self,
        word: &[char],
    ) -> Box<dyn Iterator<Item = &[char]> + Send + '_> {
        Box::new(
            folded_indices(word)
                .map(spelling)
                .collect::<Vec<_>>()
                .into_iter(),
        )
    }

    fn get_word_metadata(&self, word: &[char]) -> Option<Cow<'_, DictWordMetadata>> {
        let mut indices = folded_indices(word);
        let first = metadata(indices.next()?);
        match indices.next() {
            None => Some(Cow::Borrowed(first)),
            Some(second) => {
                let mut merged = first.clone();
                merged.merge(metadata(second));
                for index in indices {
                    merged.merge(metadata(index));
                }
                Some(Cow::Owned(merged))
            }
        }
    }

    fn get_word_metadata_str(&self, word: &str) -> Option<Cow<'_, DictWordMetadata>> {
        self.get_word_metadata(&word.chars().collect::<Vec<_>>())
    }

    fn get_word_metadata_exact(&self, word: &[char]) -> Option<&DictWordMetadata> {
        exact_index(word).map(metadata)
    }

    fn words_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a [char]> + Send + 'a> {
        Box::new((0..WORD_COUNT as u32).map(|i| -> &'a [char] { spelling(i) }))
    }

    fn word_count(&self) -> usize {
        WORD_COUNT
    }

    fn get_word_from_id(&self, id: &CanonicalWordId) -> Option<&[char]> {
        let entries = CANON.len() / 12;
        let hash_at =
            |i: usize| u64::from_le_bytes(CANON[i * 12..i * 12 + 8].try_into().expect("8 bytes"));
        let (mut lo, mut hi) = (0, entries);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if hash_at(mid) < id.hash {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo < entries && hash_at(lo) == id.hash).then(|| {
            let index = u32::from_le_bytes(
                CANON[lo * 12 + 8..lo * 12 + 12]
                    .try_into()
                    .expect("4 bytes"),
            );
            spelling(index)
        })
    }

    fn find_words_with_prefix(&self, prefix: &[char]) -> Vec<Cow<'_, [char]>> {
        let prefix: String = prefix.iter().collect();
        let matcher = fst::automaton::Str::new(&prefix);
        let mut stream = WORDS
            .search(fst::Automaton::starts_with(matcher))
            .into_stream();
        let mut found = Vec::new();
        while let Some((_, index)) = stream.next() {
            found.push(Cow::Borrowed(spelling(index as u32)));
        }
        found
    }

    fn find_words_with_common_prefix(&self, word: &[char]) -> Vec<Cow<'_, [char]>> {
        (1..=word.len())
            .filter_map(|len| exact_index(&word[..len]))
            .map(|index| Cow::Borrowed(spelling(index)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use harper_core::spell::MutableDictionary;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn agrees_with_harpers_curated_dictionary() {
        let ours = StaticDictionary;
        let theirs = MutableDictionary::curated();
        assert_eq!(ours.word_count(), theirs.word_count());
        for word in [
            "the", "The", "apple", "APPLE", "Paris", "paris", "don't", "colour", "xqzv", "US", "us",
        ] {
            let w = chars(word);
            assert_eq!(ours.contains_word(&w), theirs.contains_word(&w), "{word}");
            assert_eq!(
                ours.contains_exact_word(&w),
                theirs.contains_exact_word(&w),
                "{word}"
            );
            assert_eq!(
                ours.get_word_metadata(&w).map(Cow::into_owned),
                theirs.get_word_metadata(&w).map(Cow::into_owned),
                "{word}"
            );
            assert_eq!(
                ours.get_word_metadata_exact(&w),
                theirs.get_word_metadata_exact(&w),
                "{word}"
            );
            let id = CanonicalWordId::from_word_chars(&w);
            assert_eq!(
                ours.get_word_from_id(&id),
                theirs.get_word_from_id(&id),
                "{word}"
            );
        }
    }

    #[test]
    fn fuzzy_match_finds_close_words_and_skips_exact() {
        let found = StaticDictionary.fuzzy_match_str("speling", 2, 50);
        let words: Vec<String> = found.iter().map(|r| r.word.iter().collect()).collect();
        assert!(words.contains(&"spelling".to_string()), "{words:?}");
        assert!(found
            .iter()
            .all(|r| r.edit_distance > 0 && r.edit_distance <= 2));
        assert!(StaticDictionary
            .fuzzy_match_str("speling", 3, 50)
            .is_empty());
    }

    #[test]
    fn prefix_search() {
        let found = StaticDictionary.find_words_with_prefix(&chars("appl"));
        assert!(found
            .iter()
            .any(|w| w.as_ref() == chars("apple").as_slice()));
    }
}
