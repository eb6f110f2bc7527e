//! Did-you-mean: the known word closest to a mistyped one (`quater` -> `quarter`,
//! `on-call` -> `oncall`).

/// The candidate closest to `word`: equal once case, `-`, `_` and spaces are ignored, or
/// within a small edit distance (one edit per three letters, at least one). Ties go to
/// the first candidate.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = fold(word);
    if wanted.is_empty() {
        return None;
    }
    let most = (wanted.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (distance(&wanted, &fold(candidate)), candidate))
        .filter(|&(distance, _)| distance <= most)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

fn fold(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, by characters:
/// the optimal string alignment distance.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_words_are_suggested_and_far_ones_not() {
        let words = ["quarter", "month", "oncall", "performance"];
        let cases = [
            ("quater", Some("quarter")),
            ("on-call", Some("oncall")),
            ("On_Call", Some("oncall")),
            ("monht", Some("month")),
            ("perf", None),
            ("", None),
            ("xyz", None),
        ];
        for (word, expected) in cases {
            assert_eq!(closest(word, words), expected, "{word}");
        }
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("monhts", "months"), 1);
    }
}
