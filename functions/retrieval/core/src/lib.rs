//! The retrieval engine, free of any host: everything here runs and is tested natively, and
//! the `retrieval` component is glue around it.
//!
//! * [`extract`]: markdown and HTML to plain text, headings kept as context.
//! * [`chunk`]: sentence- and paragraph-preserving chunks with overlap and offsets.
//! * [`lexical`]: the tokeniser shared by indexing and queries, and an in-memory BM25.
//! * [`fusion`]: Reciprocal Rank Fusion.
//! * [`multipart`]: `multipart/form-data` document uploads.
//! * [`queue`]: indexing of large documents across invocations.
//! * [`pgvector`]: dense search with pgvector's HNSW index on PostgreSQL, where installed.
//! * [`vector`]: cosine similarity and compact vector encodings (f32 and int8).
//! * [`vector_index`]: dense search: IVF over int8 vectors, or pgvector.
//! * [`eval`]: the Cranfield collection and the ranking metrics of the quality benchmark.

pub mod chunk;
pub mod eval;
pub mod extract;
pub mod fusion;
pub mod lexical;
pub mod multipart;
pub mod pgvector;
pub mod queue;
pub mod service;
/// The store and embedder as the Spin components (HTTP function and library) configure them.
#[cfg(feature = "spin")]
pub mod spin;
pub mod vector;
pub mod vector_index;

pub use chunk::{chunk, estimate_tokens, Chunk, ChunkConfig};
pub use extract::{extract, ContentType, Extracted, Heading};
pub use fusion::{rrf, DEFAULT_RRF_K};
pub use lexical::{tokenize, Bm25Index, Bm25Params};
pub use vector::{cosine, decode_f32, encode_f32, Quantized};
