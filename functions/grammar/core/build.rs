//! Builds harper's curated dictionary at compile time into compact read-only tables
//! (`$OUT_DIR/dict/*`) that `src/dictionary.rs` embeds. A WebAssembly runtime maps data
//! segments copy-on-write, so a fresh instance gets the whole dictionary without building it;
//! harper's own `FstDictionary::curated()` expands the affix rules on first use instead,
//! which takes most of a second in a fresh instance.
//!
//! Tables (integers little-endian):
//! - `words.fst`: canonical spelling -> word index (indices follow byte order of spellings)
//! - `utf8.bin` + `utf8_off.bin` (u32 x n+1): the spellings
//! - `meta_idx.bin` (u32 x n): word -> distinct metadata index
//! - `meta.bin` + `meta_off.bin` (u32 x m+1): distinct `DictWordMetadata`, postcard-encoded
//! - `folded.fst`: normalised lowercase spelling -> word index, or (1<<63 | offset into
//!   `groups.bin`) when several spellings fold together; a group is `count, index...` (u32)
//! - `canon.bin` (u64 hash, u32 index) x n, sorted by hash: harper's `CanonicalWordId`s

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use harper_core::spell::{CanonicalWordId, Dictionary, MutableDictionary};
use harper_core::{CharStringExt, DictWordMetadata};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("dict");
    std::fs::create_dir_all(&out).expect("creating $OUT_DIR/dict");

    let dict = MutableDictionary::curated();
    let mut words: Vec<(String, Vec<char>)> = dict
        .words_iter()
        .map(|w| (w.iter().collect::<String>(), w.to_vec()))
        .collect();
    words.sort_by(|a, b| a.0.cmp(&b.0));
    words.dedup_by(|a, b| a.0 == b.0);

    let mut words_fst = fst::MapBuilder::memory();
    let mut utf8 = Vec::new();
    let mut utf8_off = Vec::new();
    let mut meta_idx = Vec::new();
    let mut metas: Vec<Vec<u8>> = Vec::new();
    let mut meta_ids: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut folded: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut canon: Vec<(u64, u32)> = Vec::new();

    for (i, (spelling, chars)) in words.iter().enumerate() {
        let index = i as u32;
        words_fst
            .insert(spelling, u64::from(index))
            .expect("spellings are sorted and unique");
        push_u32(&mut utf8_off, utf8.len() as u32);
        utf8.extend_from_slice(spelling.as_bytes());

        let metadata = dict
            .get_word_metadata_exact(chars)
            .expect("every listed word has metadata");
        let encoded = postcard::to_allocvec(metadata).expect("metadata encodes");
        let decoded: DictWordMetadata = postcard::from_bytes(&encoded).expect("metadata decodes");
        assert_eq!(&decoded, metadata, "postcard must round-trip {spelling:?}");
        let next_id = metas.len() as u32;
        let id = *meta_ids.entry(encoded.clone()).or_insert_with(|| {
            metas.push(encoded);
            next_id
        });
        push_u32(&mut meta_idx, id);

        let key: String = chars.normalized().to_lower().iter().collect();
        folded.entry(key).or_default().push(index);
        canon.push((CanonicalWordId::from_word_chars(chars).hash, index));
    }
    push_u32(&mut utf8_off, utf8.len() as u32);

    let mut meta = Vec::new();
    let mut meta_off = Vec::new();
    for m in &metas {
        push_u32(&mut meta_off, meta.len() as u32);
        meta.extend_from_slice(m);
    }
    push_u32(&mut meta_off, meta.len() as u32);

    let mut folded_fst = fst::MapBuilder::memory();
    let mut groups = Vec::new();
    for (key, members) in &folded {
        let value = if let [single] = members.as_slice() {
            u64::from(*single)
        } else {
            let offset = (groups.len() / 4) as u64;
            push_u32(&mut groups, members.len() as u32);
            for m in members {
                push_u32(&mut groups, *m);
            }
            (1 << 63) | offset
        };
        folded_fst.insert(key, value).expect("keys are sorted");
    }

    canon.sort_unstable();
    let mut canon_bytes = Vec::with_capacity(canon.len() * 12);
    for (hash, index) in &canon {
        canon_bytes.extend_from_slice(&hash.to_le_bytes());
        canon_bytes.extend_from_slice(&index.to_le_bytes());
    }

    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out.join(name), bytes).unwrap_or_else(|e| panic!("writing {name}: {e}"));
    };
    write("words.fst", &words_fst.into_inner().expect("fst builds"));
    write("folded.fst", &folded_fst.into_inner().expect("fst builds"));
    write("utf8.bin", &utf8);
    write("utf8_off.bin", &utf8_off);
    write("meta_idx.bin", &meta_idx);
    write("meta.bin", &meta);
    write("meta_off.bin", &meta_off);
    write("groups.bin", &groups);
    write("canon.bin", &canon_bytes);
    build_tagger_tables(&out);
    write(
        "consts.rs",
        format!(
            "pub const WORD_COUNT: usize = {};\npub const META_COUNT: usize = {};\n",
            words.len(),
            metas.len()
        )
        .as_bytes(),
    );
}

/// harper-brill's tagger is a word -> part-of-speech table (27k words, most of its 660 KB JSON)
/// plus a short list of contextual patches. The table becomes `tagger/words.fst` (lowercase
/// word -> index into `tagger/tags.json`); the patches stay JSON (`tagger/patches.json`, with
/// an empty base that `src/tagger.rs` fills from the FST).
fn build_tagger_tables(out: &std::path::Path) {
    let out = out.join("tagger");
    std::fs::create_dir_all(&out).expect("creating $OUT_DIR/dict/tagger");
    let model =
        serde_json::to_value(&*harper_brill::brill_tagger()).expect("the tagger serialises");
    let mapping = model["base"]["mapping"]
        .as_object()
        .expect("a FreqDict base");
    let mut tags: Vec<String> = Vec::new();
    let mut entries: Vec<(&str, u64)> = Vec::new();
    for (word, tag) in mapping {
        let tag = tag.as_str().expect("tags are strings").to_string();
        let index = match tags.iter().position(|t| *t == tag) {
            Some(i) => i,
            None => {
                tags.push(tag);
                tags.len() - 1
            }
        };
        entries.push((word.as_str(), index as u64));
    }
    entries.sort();
    let mut fst = fst::MapBuilder::memory();
    for (word, index) in entries {
        fst.insert(word, index).expect("sorted unique words");
    }
    std::fs::write(out.join("words.fst"), fst.into_inner().expect("fst builds")).expect("writing");
    std::fs::write(
        out.join("tags.json"),
        serde_json::to_string(&tags).expect("json"),
    )
    .expect("writing");
    let patches = serde_json::json!({ "base": {}, "patches": model["patches"] });
    std::fs::write(out.join("patches.json"), patches.to_string()).expect("writing");
}

fn push_u32(buf: &mut Vec<u8>, value: u32) {
    buf.extend_from_slice(&value.to_le_bytes());
}
