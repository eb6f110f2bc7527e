//! The calendar words people write in a log, in English, Portuguese, Spanish, French and German.
//!
//! One table ([`TABLE`]) holds every month and weekday name, their common abbreviations,
//! and the words for a week, quarter, half and year; headings, dates in the log and the
//! command-line periods all look words up here. A word matches whatever its case, with or
//! without accents (`março` = `marco`, `Mär` = `mar`, `août` = `aout`) and with or without
//! a trailing dot (`déc.`). Lookups fold the word into a stack buffer and binary-search
//! an index built once, so they never allocate: headings of a 100k-entry log go through
//! here. The months brag writes (`November 2026`, `Nov`) are spelt from [`MONTH_NAMES`],
//! through `YearMonth`.
//!
//! Words that mean different things in two languages are left out where the clash would
//! misread a date: Spanish `mar` (martes) is March, as in every other language here, and
//! German two-letter weekdays (`Mo`, `Di`, `Do`, `So`) are not weekdays.

use std::sync::OnceLock;

use chrono::Weekday;

/// What a calendar word means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// 1 = January ..= 12 = December.
    Month(u32),
    Weekday(Weekday),
    Unit(Unit),
}

/// A span of the calendar named by a word: `week`, `semana`, `Quartal`, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Week,
    Quarter,
    Half,
    Year,
}

/// The English month names, as the canonical heading writes them (`November 2026`):
/// each month row of [`TABLE`] opens with the same name in lowercase.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Every word, as people write it (accents included), grouped by what it means. The
/// first word of each month and weekday row is its English name, which suggestions print.
pub const TABLE: &[(Word, &[&str])] = &[
    (
        Word::Month(1),
        &[
            "january", "jan", "janeiro", "enero", "ene", "janvier", "janv", "januar", "jänner",
            "jän",
        ],
    ),
    (
        Word::Month(2),
        &[
            "february",
            "feb",
            "fevereiro",
            "fev",
            "febrero",
            "février",
            "févr",
            "fév",
            "februar",
        ],
    ),
    (
        Word::Month(3),
        &["march", "mar", "março", "marzo", "mars", "märz", "mär"],
    ),
    (
        Word::Month(4),
        &["april", "apr", "abril", "abr", "avril", "avr"],
    ),
    (Word::Month(5), &["may", "maio", "mayo", "mai"]),
    (
        Word::Month(6),
        &["june", "jun", "junho", "junio", "juin", "juni"],
    ),
    (
        Word::Month(7),
        &["july", "jul", "julho", "julio", "juillet", "juil", "juli"],
    ),
    (
        Word::Month(8),
        &["august", "aug", "agosto", "ago", "août", "aoû", "aout"],
    ),
    (
        Word::Month(9),
        &[
            "september",
            "sep",
            "sept",
            "setembro",
            "set",
            "septiembre",
            "setiembre",
            "septembre",
        ],
    ),
    (
        Word::Month(10),
        &[
            "october", "oct", "outubro", "out", "octubre", "octobre", "oktober", "okt",
        ],
    ),
    (
        Word::Month(11),
        &["november", "nov", "novembro", "noviembre", "novembre"],
    ),
    (
        Word::Month(12),
        &[
            "december",
            "dec",
            "dezembro",
            "dez",
            "diciembre",
            "dic",
            "décembre",
            "déc",
            "dezember",
        ],
    ),
    (
        Word::Weekday(Weekday::Mon),
        &[
            "monday",
            "mon",
            "segunda",
            "segunda-feira",
            "seg",
            "lunes",
            "lun",
            "lundi",
            "montag",
        ],
    ),
    (
        Word::Weekday(Weekday::Tue),
        &[
            "tuesday",
            "tue",
            "tues",
            "terça",
            "terça-feira",
            "ter",
            "martes",
            "mardi",
            "dienstag",
        ],
    ),
    (
        Word::Weekday(Weekday::Wed),
        &[
            "wednesday",
            "wed",
            "weds",
            "quarta",
            "quarta-feira",
            "qua",
            "miércoles",
            "mié",
            "mercredi",
            "mer",
            "mittwoch",
        ],
    ),
    (
        Word::Weekday(Weekday::Thu),
        &[
            "thursday",
            "thu",
            "thur",
            "thurs",
            "quinta",
            "quinta-feira",
            "qui",
            "jueves",
            "jue",
            "jeudi",
            "jeu",
            "donnerstag",
        ],
    ),
    (
        Word::Weekday(Weekday::Fri),
        &[
            "friday",
            "fri",
            "sexta",
            "sexta-feira",
            "sex",
            "viernes",
            "vie",
            "vendredi",
            "ven",
            "freitag",
        ],
    ),
    (
        Word::Weekday(Weekday::Sat),
        &[
            "saturday",
            "sat",
            "sábado",
            "sáb",
            "samedi",
            "sam",
            "samstag",
            "sonnabend",
        ],
    ),
    (
        Word::Weekday(Weekday::Sun),
        &[
            "sunday", "sun", "domingo", "dom", "dimanche", "dim", "sonntag",
        ],
    ),
    (
        Word::Unit(Unit::Week),
        &["week", "semana", "semaine", "woche", "kw"],
    ),
    (
        Word::Unit(Unit::Quarter),
        &["quarter", "trimestre", "quartal"],
    ),
    (Word::Unit(Unit::Half), &["half", "semestre", "halbjahr"]),
    (
        Word::Unit(Unit::Year),
        &["year", "ano", "año", "année", "jahr"],
    ),
];

/// The meaning of `word`, whatever its case or accents, with a trailing dot or not.
pub fn lookup(word: &str) -> Option<Word> {
    let word = word.strip_suffix('.').unwrap_or(word);
    let key = packed(word)?;
    let index = index();
    index
        .binary_search_by_key(&key, |&(key, _)| key)
        .ok()
        .map(|at| index[at].1)
}

/// The month a name or abbreviation in any of the languages names: `Nov`, `março` -> 3.
pub fn month(word: &str) -> Option<u32> {
    match lookup(word)? {
        Word::Month(month) => Some(month),
        _ => None,
    }
}

/// The weekday a name or abbreviation names: `Fri`, `sexta-feira`, `Mittwoch`.
pub fn weekday(word: &str) -> Option<Weekday> {
    match lookup(word)? {
        Word::Weekday(day) => Some(day),
        _ => None,
    }
}

/// The unit a word names: `week`, `semana`, `trimestre`, `Quartal`.
pub fn unit(word: &str) -> Option<Unit> {
    match lookup(word)? {
        Word::Unit(unit) => Some(unit),
        _ => None,
    }
}

/// The English names of the months and weekdays, lowercase: the first word of each row.
pub fn english_names() -> impl Iterator<Item = &'static str> {
    TABLE.iter().filter_map(|&(word, names)| match word {
        Word::Month(_) | Word::Weekday(_) => names.first().copied(),
        Word::Unit(_) => None,
    })
}

/// `text` lowercased, with accents and `ß` folded to ASCII, into `buffer`; `None` when
/// it holds anything but letters, spaces, `-` and `'`, or does not fit.
///
/// Labels (`O que fiz`, `Maßnahmen`) are folded the same way as calendar words.
pub fn fold<'b>(text: &str, buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut length = 0;
    fold_bytes(text, |byte| {
        *buffer.get_mut(length)? = byte;
        length += 1;
        Some(())
    })?;
    Some(&buffer[..length])
}

/// `text` folded as [`fold`] does, packed into an integer one byte after another: a
/// binary search over integers is several times faster than over strings, and the table's
/// words are read for every heading. No folded byte is zero, so two words never share a
/// key. `None` past 16 bytes: no word of the table is that long.
fn packed(text: &str) -> Option<u128> {
    let mut key: u128 = 0;
    let mut length = 0;
    fold_bytes(text, |byte| {
        length += 1;
        (length <= 16).then(|| key = key << 8 | u128::from(byte))
    })?;
    Some(key)
}

/// Gives `push` each byte of `text` folded: ASCII letters lowercased, accented Latin
/// letters without their accent, `ß` as `ss`; spaces, `-` and `'` kept; `None` at any
/// other character, or when `push` says no.
fn fold_bytes(text: &str, mut push: impl FnMut(u8) -> Option<()>) -> Option<()> {
    for c in text.chars() {
        if c.is_ascii() {
            if !(c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\'')) {
                return None;
            }
            push(c.to_ascii_lowercase() as u8)?;
            continue;
        }
        let ascii = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                b'a'
            }
            'ç' | 'Ç' => b'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => b'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => b'i',
            'ñ' | 'Ñ' => b'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => b'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => b'u',
            'ß' => {
                push(b's')?;
                b's'
            }
            _ => return None,
        };
        push(ascii)?;
    }
    Some(())
}

/// Every word of the table, packed, sorted for a binary search: built once.
fn index() -> &'static [(u128, Word)] {
    static INDEX: OnceLock<Vec<(u128, Word)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<(u128, Word)> = TABLE
            .iter()
            .flat_map(|&(word, names)| {
                names
                    .iter()
                    .filter_map(move |name| Some((packed(name)?, word)))
            })
            .collect();
        index.sort_by_key(|&(key, _)| key);
        index.dedup();
        index
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::*;

    #[test]
    fn words_in_every_language_and_spelling() {
        let cases: &[(&str, Option<Word>)] = &[
            ("Jan", Some(Word::Month(1))),
            ("january", Some(Word::Month(1))),
            ("JANEIRO", Some(Word::Month(1))),
            ("enero", Some(Word::Month(1))),
            ("janv.", Some(Word::Month(1))),
            ("Jänner", Some(Word::Month(1))),
            ("fev", Some(Word::Month(2))),
            ("Février", Some(Word::Month(2))),
            ("fevrier", Some(Word::Month(2))),
            ("févr.", Some(Word::Month(2))),
            ("março", Some(Word::Month(3))),
            ("marco", Some(Word::Month(3))),
            ("MARÇO", Some(Word::Month(3))),
            ("Mär", Some(Word::Month(3))),
            ("März", Some(Word::Month(3))),
            ("marz", Some(Word::Month(3))),
            ("mars", Some(Word::Month(3))),
            ("abr", Some(Word::Month(4))),
            ("Avr.", Some(Word::Month(4))),
            ("mayo", Some(Word::Month(5))),
            ("Mai", Some(Word::Month(5))),
            ("maio", Some(Word::Month(5))),
            ("juin", Some(Word::Month(6))),
            ("Juni", Some(Word::Month(6))),
            ("juillet", Some(Word::Month(7))),
            ("août", Some(Word::Month(8))),
            ("aout", Some(Word::Month(8))),
            ("AGO", Some(Word::Month(8))),
            ("sept.", Some(Word::Month(9))),
            ("setembro", Some(Word::Month(9))),
            ("setiembre", Some(Word::Month(9))),
            ("Okt", Some(Word::Month(10))),
            ("out", Some(Word::Month(10))),
            ("noviembre", Some(Word::Month(11))),
            ("déc.", Some(Word::Month(12))),
            ("Dez", Some(Word::Month(12))),
            ("dic", Some(Word::Month(12))),
            ("Monday", Some(Word::Weekday(Mon))),
            ("segunda-feira", Some(Word::Weekday(Mon))),
            ("Terça", Some(Word::Weekday(Tue))),
            ("miércoles", Some(Word::Weekday(Wed))),
            ("Mittwoch", Some(Word::Weekday(Wed))),
            ("thurs", Some(Word::Weekday(Thu))),
            ("vendredi", Some(Word::Weekday(Fri))),
            ("sáb.", Some(Word::Weekday(Sat))),
            ("Sonntag", Some(Word::Weekday(Sun))),
            ("Week", Some(Word::Unit(Unit::Week))),
            ("Semana", Some(Word::Unit(Unit::Week))),
            ("KW", Some(Word::Unit(Unit::Week))),
            ("trimestre", Some(Word::Unit(Unit::Quarter))),
            ("Quartal", Some(Word::Unit(Unit::Quarter))),
            ("semestre", Some(Word::Unit(Unit::Half))),
            ("año", Some(Word::Unit(Unit::Year))),
            // Not words of the table.
            ("Mayday", None),
            ("Novem", None),
            ("No", None),
            ("Do", None),
            ("", None),
            (".", None),
            ("nov..", None),
            ("2026", None),
            ("İ", None),
            ("a-very-long-word-that-does-not-fit-the-buffer", None),
        ];
        for &(word, expected) in cases {
            assert_eq!(lookup(word), expected, "looking up {word:?}");
        }
    }

    #[test]
    fn no_two_meanings_fold_to_the_same_word() {
        let index = index();
        for pair in index.windows(2) {
            assert_ne!(pair[0].0, pair[1].0, "{:?} has two meanings", pair[0].0);
        }
        // Every word folds: none is dropped for a character `fold` does not know.
        for (_, names) in TABLE {
            for name in *names {
                assert!(lookup(name).is_some(), "{name} does not fold");
            }
        }
    }

    #[test]
    fn english_names_come_first() {
        let names: Vec<&str> = english_names().collect();
        for (name, written) in names.iter().zip(MONTH_NAMES) {
            assert_eq!(*name, written.to_lowercase());
        }
        assert_eq!(names.len(), 19);
        assert_eq!(
            (names[0], names[8], names[18]),
            ("january", "september", "sunday")
        );
    }
}
