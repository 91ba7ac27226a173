//! harper-brill's part-of-speech tagger without its JSON model load.
//!
//! The model's frequency table is an FST built by `build.rs`; only the short list of
//! contextual patches is deserialised (on the first check of an instance), and the result is
//! installed as the tagger every harper `Document` uses (`harper_core::set_pos_tagger`). The
//! tags are exactly those of harper-brill's `brill_tagger()` (a unit test compares them).

use std::sync::{LazyLock, Once};

use fst::Map;
use harper_brill::{BrillTagger, Tagger, UPOS};
use serde::Deserialize;

static WORDS_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dict/tagger/words.fst"));
static TAGS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/dict/tagger/tags.json"));
static PATCHES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/dict/tagger/patches.json"));

static WORDS: LazyLock<Map<&'static [u8]>> =
    LazyLock::new(|| Map::new(WORDS_FST).expect("words.fst is built by build.rs"));
static TAGS: LazyLock<Vec<UPOS>> =
    LazyLock::new(|| serde_json::from_str(TAGS_JSON).expect("tags.json is built by build.rs"));

/// harper-brill's `FreqDict` (most frequent tag of each lowercase word), read from the FST.
/// Deserialises from `{}`: its data is not in the JSON.
#[derive(Debug, Default, Deserialize)]
pub struct FstFreqDict {}

impl Tagger for FstFreqDict {
    fn tag_sentence(&self, sentence: &[String]) -> Vec<Option<UPOS>> {
        sentence
            .iter()
            .map(|word| WORDS.get(word.to_lowercase()).map(|i| TAGS[i as usize]))
            .collect()
    }
}

pub fn tagger() -> BrillTagger<FstFreqDict> {
    serde_json::from_str(PATCHES_JSON).expect("patches.json is built by build.rs")
}

/// Installs [`tagger`] for every harper `Document` of this instance (once).
pub fn install() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        harper_core::set_pos_tagger(Box::new(tagger()));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_like_harper_brill() {
        let ours = tagger();
        let theirs = harper_brill::brill_tagger();
        for sentence in [
            "The quick brown fox jumps over the lazy dog .",
            "I have a apple and she have two , they goes to school every days .",
            "Colourless green ideas sleep furiously in Paris on Monday !",
        ] {
            let words: Vec<String> = sentence.split(' ').map(str::to_string).collect();
            assert_eq!(
                ours.tag_sentence(&words),
                theirs.tag_sentence(&words),
                "{sentence}"
            );
        }
    }
}
