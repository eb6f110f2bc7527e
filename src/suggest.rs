//! Did-you-mean: the known word closest to a mistyped one (`quater` -> `quarter`,
//! `on-call` -> `oncall`), and the period heading a mistyped one meant (`Spetember 2026`
//! -> `September 2026`).

use crate::read::heading::{self, Enclosing};
use crate::words;

/// The candidate closest to `word`: equal once case, `-`, `_` and spaces are ignored, or
/// within a small edit distance (one edit per three letters, at least one). Ties go to
/// the first candidate.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest(
        &Folded::of(word),
        candidates
            .into_iter()
            .map(|candidate| (Folded::of(candidate), candidate)),
    )
}

/// A word folded for [`nearest`]: its characters, and the set of them as bits (see
/// [`letters`]).
struct Folded {
    chars: Vec<char>,
    letters: u64,
}

impl Folded {
    fn of(word: &str) -> Self {
        let chars = fold(word);
        let letters = letters(&chars);
        Folded { chars, letters }
    }

    /// Whether `other` may lie within `limit` edits, by two tests that cost far less
    /// than [`distance`]: the lengths differ by at most `limit`, and neither word has
    /// more than `limit` characters the other lacks (an edit brings in at most one).
    fn may_be_within(&self, other: &Folded, limit: usize) -> bool {
        let lacking = |a: u64, b: u64| (a & !b).count_ones() as usize;
        self.chars.len().abs_diff(other.chars.len()) <= limit
            && lacking(self.letters, other.letters) <= limit
            && lacking(other.letters, self.letters) <= limit
    }
}

/// The set of characters in `chars`, one bit per character (by its code modulo 64):
/// two words that share no bit share no character.
fn letters(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0, |set, &c| set | 1 << (u32::from(c) % 64))
}

/// [`closest`] on words already folded: the first candidate at the least distance from
/// `wanted`, within one edit per three letters. A candidate that
/// [`Folded::may_be_within`] shows further than the best so far is not compared, which
/// keeps a title's words cheap to try against every calendar word.
fn nearest<'a, C: std::borrow::Borrow<Folded>>(
    wanted: &Folded,
    candidates: impl Iterator<Item = (C, &'a str)>,
) -> Option<&'a str> {
    if wanted.chars.is_empty() {
        return None;
    }
    let mut limit = (wanted.chars.len() / 3).max(1);
    let mut best = None;
    let mut rows = Vec::new();
    for (folded, candidate) in candidates {
        let folded = folded.borrow();
        if !wanted.may_be_within(folded, limit) {
            continue;
        }
        let found = distance(&wanted.chars, &folded.chars, &mut rows);
        if found <= limit {
            best = Some(candidate);
            // Ties go to the first: a later candidate must be strictly closer.
            match found.checked_sub(1) {
                Some(closer) => limit = closer,
                None => break,
            }
        }
    }
    best
}

/// The calendar word (of any language in [`words::TABLE`]) that `word` is a misspelling
/// of, by [`nearest`]; `None` for a calendar word itself. Remembered for the thread's
/// next calls: a log's titles repeat their words, and each short title with a number is
/// tried (see `heading::may_be_misspelt`).
fn calendar_word_near(word: &str) -> Option<&'static str> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    /// Enough for the distinct words of a career's titles; past it the memo starts over.
    const REMEMBERED: usize = 1 << 14;
    thread_local! {
        static SEEN: RefCell<HashMap<Box<str>, Option<&'static str>>> =
            RefCell::new(HashMap::new());
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(&found) = seen.get(word) {
            return found;
        }
        let found = words::lookup(word).is_none().then(|| {
            nearest(
                &Folded::of(word),
                calendar_words()
                    .iter()
                    .map(|(folded, name)| (folded, *name)),
            )
        });
        let found = found.flatten();
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        seen.insert(word.into(), found);
        found
    })
}

/// Every name of [`words::TABLE`], folded once for [`nearest`].
fn calendar_words() -> &'static [(Folded, &'static str)] {
    static FOLDED: std::sync::OnceLock<Vec<(Folded, &'static str)>> = std::sync::OnceLock::new();
    FOLDED.get_or_init(|| {
        words::TABLE
            .iter()
            .flat_map(|(_, names)| names.iter())
            .map(|&name| (Folded::of(name), name))
            .collect()
    })
}

/// The heading `text` meant, when a misspelt calendar word keeps it from reading as a
/// period: `Spetember 2026` -> `September 2026`, `**Novmber**` -> `**November**`. Each
/// word that is not a calendar word is replaced by the closest one (in any language of
/// [`words`], keeping the word's capitals); the result must read as a period, under
/// some year when it names none. `None` when no such heading is found: `Q5 2026` has no
/// misspelt word, and `Projects` is no period.
pub fn period_heading(text: &str) -> Option<String> {
    meant_period(text, heading::may_name_period(text))
}

/// [`period_heading`] for a reader that knows already whether `text` as written may name
/// a period ([`heading::may_name_period`], which looks at the first word alone): a title
/// such as `Reviewed design 12`, whose first word is no misspelt calendar word, is then
/// dismissed without another look.
pub fn meant_period(text: &str, may_name_as_written: bool) -> Option<String> {
    let mut fixed = String::with_capacity(text.len() + 4);
    let mut changed = false;
    let mut opened = false;
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
        let replacement = (core.chars().count() >= 3 && core.chars().all(char::is_alphabetic))
            .then(|| calendar_word_near(core))
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
        // The first word decides whether a heading can name a period at all (see
        // `heading::period`); unchanged, it decides as it did as written.
        if !opened && piece.contains(char::is_alphanumeric) {
            opened = true;
            let may_name = match replacement {
                Some(_) => heading::may_name_period(&fixed),
                None => may_name_as_written,
            };
            if !may_name {
                return None;
            }
        }
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

fn fold(word: &str) -> Vec<char> {
    word.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, by characters:
/// the optimal string alignment distance. `rows` is scratch space, kept between calls
/// so that trying many candidates allocates once.
fn distance(a: &[char], b: &[char], rows: &mut Vec<usize>) -> usize {
    // The last three rows of the table: row i starts at `(i % 3) * width`.
    let width = b.len() + 1;
    rows.clear();
    rows.resize(3 * width, 0);
    for (j, cell) in rows[..width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (this, last, before) = (
            (i % 3) * width,
            ((i - 1) % 3) * width,
            ((i + 1) % 3) * width,
        );
        rows[this] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[last + j] + 1)
                .min(rows[this + j - 1] + 1)
                .min(rows[last + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[before + j - 2] + 1);
            }
            rows[this + j] = best;
        }
    }
    rows[(a.len() % 3) * width + b.len()]
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
        // A closer candidate later wins; of two as close, the first.
        assert_eq!(closest("abcdef", ["abxdxf", "abcdxf"]), Some("abcdxf"));
        assert_eq!(closest("abcdef", ["abcdxf", "abcdex"]), Some("abcdxf"));
    }

    #[test]
    fn distance_counts_each_kind_of_edit() {
        let cases = [
            ("kitten", "sitting", 3),
            ("monhts", "months", 1),
            ("ab", "ba", 1),
            ("ca", "abc", 3),
            ("", "abc", 3),
            ("abc", "", 3),
            ("same", "same", 0),
            ("jänner", "janner", 1),
        ];
        let mut rows = Vec::new();
        for (a, b, expected) in cases {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(distance(&a, &b, &mut rows), expected, "{a:?} {b:?}");
        }
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
            // The first word as written decides; a later one is still put right.
            ("6 Novmber 2026", Some("6 November 2026")),
            ("Mrch 2026", Some("March 2026")),
            ("Reviewed Novmber 2026", None),
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
    }
}
