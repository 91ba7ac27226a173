//! The Cranfield collection (SMART format) and the ranking metrics of the quality benchmark.

use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The `.I` number.
    pub id: u32,
    pub title: String,
    pub author: String,
    pub source: String,
    pub text: String,
}

/// Parses SMART records (`.I id`, then `.T`, `.A`, `.B`, `.W` fields); CRLF or LF.
pub fn parse_smart(content: &str) -> Vec<Record> {
    let mut records = Vec::new();
    let mut current: Option<Record> = None;
    let mut field: Option<char> = None;
    for line in content.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(id) = line.strip_prefix(".I") {
            records.extend(current.take());
            current = Some(Record {
                id: id.trim().parse().unwrap_or(0),
                ..Default::default()
            });
            field = None;
            continue;
        }
        if let [b'.', f @ (b'T' | b'A' | b'B' | b'W')] = line.trim_end().as_bytes() {
            field = Some(*f as char);
            continue;
        }
        let (Some(record), Some(f)) = (current.as_mut(), field) else {
            continue;
        };
        let target = match f {
            'T' => &mut record.title,
            'A' => &mut record.author,
            'B' => &mut record.source,
            _ => &mut record.text,
        };
        if !target.is_empty() {
            target.push('\n');
        }
        target.push_str(line);
    }
    records.extend(current);
    records
}

/// Relevance grades per query (1-based position in `cran.qry`) and document id. Grades
/// 1..=4 (1 = most relevant) are relevant; -1 and anything else are not, and are dropped.
pub fn parse_qrels(content: &str) -> HashMap<u32, HashMap<u32, i32>> {
    let mut qrels: HashMap<u32, HashMap<u32, i32>> = HashMap::new();
    for line in content.lines() {
        let mut parts = line.split_whitespace().map(str::parse::<i32>);
        let (Some(Ok(q)), Some(Ok(d)), Some(Ok(g))) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if (1..=4).contains(&g) && q > 0 && d > 0 {
            qrels.entry(q as u32).or_default().insert(d as u32, g);
        }
    }
    qrels
}

pub struct Cranfield {
    pub documents: Vec<Record>,
    /// Queries in file order; query `i` (0-based) is judged as number `i + 1`.
    pub queries: Vec<Record>,
    pub qrels: HashMap<u32, HashMap<u32, i32>>,
}

impl Cranfield {
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        let read = |name: &str| std::fs::read_to_string(dir.join(name));
        Ok(Self {
            documents: parse_smart(&read("cran.all.1400")?),
            queries: parse_smart(&read("cran.qry")?),
            qrels: parse_qrels(&read("cranqrel")?),
        })
    }

    /// Judgements of the query at `position` (0-based), if any document is relevant to it.
    pub fn judgements(&self, position: usize) -> Option<&HashMap<u32, i32>> {
        self.qrels
            .get(&(position as u32 + 1))
            .filter(|j| !j.is_empty())
    }
}

/// Gain of a grade: 5 − grade for 1..=4 (4 for the most relevant), else 0.
fn gain(grade: Option<&i32>) -> f64 {
    match grade {
        Some(&g) if (1..=4).contains(&g) => f64::from(5 - g),
        _ => 0.0,
    }
}

/// nDCG@k with graded gains and log2(rank + 1) discounts; the ideal ranking is every judged
/// relevant document by gain.
pub fn ndcg_at(ranking: &[u32], judged: &HashMap<u32, i32>, k: usize) -> f64 {
    let dcg: f64 = ranking
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, d)| gain(judged.get(d)) / (i as f64 + 2.0).log2())
        .sum();
    let mut ideal: Vec<f64> = judged.values().map(|g| gain(Some(g))).collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, g)| g / (i as f64 + 2.0).log2())
        .sum();
    if idcg == 0.0 {
        0.0
    } else {
        dcg / idcg
    }
}

/// Average precision over the whole ranking (binary relevance).
pub fn average_precision(ranking: &[u32], judged: &HashMap<u32, i32>) -> f64 {
    let relevant = judged.len();
    if relevant == 0 {
        return 0.0;
    }
    let mut hits = 0;
    let mut sum = 0.0;
    for (i, d) in ranking.iter().enumerate() {
        if judged.contains_key(d) {
            hits += 1;
            sum += f64::from(hits) / (i as f64 + 1.0);
        }
    }
    sum / relevant as f64
}

pub fn recall_at(ranking: &[u32], judged: &HashMap<u32, i32>, k: usize) -> f64 {
    if judged.is_empty() {
        return 0.0;
    }
    let found = ranking
        .iter()
        .take(k)
        .filter(|d| judged.contains_key(d))
        .count();
    found as f64 / judged.len() as f64
}

pub fn precision_at(ranking: &[u32], judged: &HashMap<u32, i32>, k: usize) -> f64 {
    let found = ranking
        .iter()
        .take(k)
        .filter(|d| judged.contains_key(d))
        .count();
    found as f64 / k as f64
}

/// Means over the judged queries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    pub queries: usize,
    pub ndcg_at_10: f64,
    pub map: f64,
    pub recall_at_100: f64,
    pub precision_at_10: f64,
}

/// `rankings[i]` is the ranking for query position `i`.
pub fn evaluate(
    rankings: &[Vec<u32>],
    qrels: &dyn Fn(usize) -> Option<HashMap<u32, i32>>,
) -> Metrics {
    let mut m = Metrics::default();
    for (i, ranking) in rankings.iter().enumerate() {
        let Some(judged) = qrels(i) else { continue };
        m.queries += 1;
        m.ndcg_at_10 += ndcg_at(ranking, &judged, 10);
        m.map += average_precision(ranking, &judged);
        m.recall_at_100 += recall_at(ranking, &judged, 100);
        m.precision_at_10 += precision_at(ranking, &judged, 10);
    }
    if m.queries > 0 {
        let n = m.queries as f64;
        m.ndcg_at_10 /= n;
        m.map /= n;
        m.recall_at_100 /= n;
        m.precision_at_10 /= n;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_records_parse_with_crlf() {
        let text = ".I 1\r\n.T\r\nwing lift .\r\n.A\r\nsmith\r\n.B\r\nj. 1\r\n.W\r\nwing lift .\r\n  more text\r\n.I 002\r\n.W\r\nwhat ?\r\n";
        let r = parse_smart(text);
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].id, r[0].title.as_str(), r[0].author.as_str()),
            (1, "wing lift .", "smith")
        );
        assert_eq!(r[0].text, "wing lift .\n  more text");
        assert_eq!((r[1].id, r[1].text.as_str()), (2, "what ?"));
    }

    #[test]
    fn qrels_drop_non_relevant_grades() {
        let q = parse_qrels("1 184 2 \r\n1 29 -1\r\n2 5 4\r\n");
        assert_eq!(q[&1].len(), 1);
        assert_eq!(q[&2][&5], 4);
    }

    #[test]
    fn metrics_of_a_known_ranking() {
        let judged: HashMap<u32, i32> = [(1, 1), (2, 4)].into_iter().collect();
        // Perfect ranking.
        assert!((ndcg_at(&[1, 2, 3], &judged, 10) - 1.0).abs() < 1e-12);
        // Swapped: DCG = 1/1 + 4/log2(3); IDCG = 4 + 1/log2(3).
        let expected = (1.0 + 4.0 / 3f64.log2()) / (4.0 + 1.0 / 3f64.log2());
        assert!((ndcg_at(&[2, 1], &judged, 10) - expected).abs() < 1e-12);
        assert!((average_precision(&[3, 1, 4, 2], &judged) - (0.5 + 0.5) / 2.0).abs() < 1e-12);
        assert!((recall_at(&[3, 1], &judged, 100) - 0.5).abs() < 1e-12);
        assert!((precision_at(&[1, 3], &judged, 10) - 0.1).abs() < 1e-12);
    }
}
