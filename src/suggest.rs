//! Did-you-mean: the known word closest to a mistyped one (`quater` -> `quarter`,
//! `on-call` -> `oncall`), and the period heading a mistyped one meant (`Spetember 2026`
//! -> `September 2026`).

use crate::read::heading::{self, Enclosing};
use crate::words;

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

/// The heading `text` meant, when a misspelt calendar word keeps it from reading as a
/// period: `Spetember 2026` -> `September 2026`, `**Novmber**` -> `**November**`. Each
/// word that is not a calendar word is replaced by the closest one (in any language of
/// [`words`], keeping the word's capitals); the result must read as a period, under
/// some year when it names none. `None` when no such heading is found: `Q5 2026` has no
/// misspelt word, and `Projects` is no period.
pub fn period_heading(text: &str) -> Option<String> {
    let candidates = || {
        words::TABLE
            .iter()
            .flat_map(|(_, names)| names.iter().copied())
    };
    let mut fixed = String::with_capacity(text.len() + 4);
    let mut changed = false;
    for piece in text.split_inclusive(char::is_whitespace) {
        // The word's letters, without emphasis, brackets or punctuation around them.
        let start = piece.find(char::is_alphabetic).unwrap_or(piece.len());
        let end = piece
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphabetic())
            .map_or(start, |(at, c)| at + c.len_utf8())
            .max(start);
        let core = &piece[start..end];
        let replacement = (core.chars().count() >= 3
            && core.chars().all(char::is_alphabetic)
            && words::lookup(core).is_none())
        .then(|| closest(core, candidates()))
        .flatten();
        fixed.push_str(&piece[..start]);
        match replacement {
            Some(word) => {
                fixed.push_str(&same_capitals(core, word));
                changed = true;
            }
            None => fixed.push_str(core),
        }
        fixed.push_str(&piece[end..]);
    }
    // A year for headings such as `Novmber` that take theirs from an enclosing heading.
    let some_year = Enclosing {
        year: Some(2000),
        month: None,
    };
    (changed && heading::period(&fixed, some_year).is_some()).then_some(fixed)
}

/// `word` with the capitals of `like`: all capitals, a capital first, or as it is.
fn same_capitals(like: &str, word: &str) -> String {
    let mut letters = like.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    if first_upper && letters.all(char::is_uppercase) {
        return word.to_uppercase();
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if first_upper => first.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    }
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
    }

    #[test]
    fn misspelt_period_headings() {
        let cases = [
            ("Spetember 2026", Some("September 2026")),
            ("Novmber", Some("November")),
            ("novmber 2026", Some("november 2026")),
            ("NOVMBER 2026", Some("NOVEMBER 2026")),
            (
                "**Spetember 2026** (promo)",
                Some("**September 2026** (promo)"),
            ),
            ("Decmber 2025 - review", Some("December 2025 - review")),
            ("Janury 2026", Some("January 2026")),
            ("Febuary 2026", Some("February 2026")),
            ("Mrach 2026", Some("March 2026")),
            ("Setembor de 2026", Some("Setembro de 2026")),
            ("Agsto 2026", Some("Agosto 2026")),
            ("Weak of 2026-10-05", Some("Week of 2026-10-05")),
            ("Augst to Spetember 2024", Some("August to September 2024")),
            ("Q5 2026", None),
            ("September 2026", None),
            ("Projects", None),
            ("Shipped the importer", None),
            ("Cut p95 latency by 40%", None),
            ("", None),
            ("é ü", None),
        ];
        for (text, expected) in cases {
            assert_eq!(period_heading(text).as_deref(), expected, "{text:?}");
        }
        assert_eq!(distance("monhts", "months"), 1);
    }
}
