//! Field labels: `**Situation**:`, `**Situation:**`, `Situation:`, `**S:**`, and synonyms.
//!
//! A label starts a line (after indentation and a list marker). The colon may be ASCII
//! or fullwidth (`：`), or the label may be followed by a dash (`**Impact** — ...`).
//! Unknown labels count only in bold (`**Links**:`), so prose such as `Note: ...`
//! stays prose. Single letters (`**S:**`, `R:`) are reported as such; the entry reader
//! keeps them only when at least two different STAR letters appear in the same entry.

use crate::model::FieldKey;
use crate::read::dates::{self, ReadDate};
use crate::words;

/// A label found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label<'a> {
    /// As written, without emphasis or colon.
    pub text: &'a str,
    pub key: FieldKey,
    /// `S`, `T`, `A` or `R` alone.
    pub single_letter: bool,
    /// Where the field's body starts, from the start of the examined text.
    pub body_offset: usize,
}

/// The field a label names, by its text: case, accents and `ß` ignored (`AÇÕES` =
/// `Acoes`, `Maßnahmen` = `Massnahmen`). English words are the synonyms DESIGN.md names;
/// the others are the STAR and date words of Portuguese, Spanish, French and German logs.
pub fn key_of(text: &str) -> Option<FieldKey> {
    word_key(text).or_else(|| compound_key(text))
}

/// A label of two or three words joined by `&`, `/`, `+` or `and` (`Context & Problem`,
/// `Execution and Impact`): the STAR field its known words agree on. Words of different
/// fields (`Actions & Results`), single letters (`R&D`) and the date, tags and scope
/// words name no field here: the label stays as written.
fn compound_key(text: &str) -> Option<FieldKey> {
    let mut key = None;
    for part in text
        .split(['&', '/', '+'])
        .flat_map(|part| part.split(" and "))
    {
        let part = part.trim();
        if part.chars().count() < 2 {
            return None;
        }
        match (word_key(part), key) {
            (None, _) => {}
            (Some(found), None) if FieldKey::STAR.contains(&found) => key = Some(found),
            (Some(found), Some(known)) if found == known => {}
            _ => return None,
        }
    }
    key
}

/// The field one word (or set phrase) names.
fn word_key(text: &str) -> Option<FieldKey> {
    let mut buffer = [0u8; 48];
    let folded = words::fold(text.trim(), &mut buffer)?;
    let key = match folded {
        b"date" | b"when" => FieldKey::Date,
        // `Data` is Portuguese for date; see `detect` for an English `**Data:**`.
        b"data" | b"fecha" | b"datum" => FieldKey::Date,
        b"tags" | b"tag" => FieldKey::Tags,
        b"scope" => FieldKey::Scope,
        b"period" => FieldKey::Period,
        b"section" => FieldKey::Section,
        b"situation" | b"context" | b"background" | b"problem" | b"s" => FieldKey::Situation,
        b"contexto" | b"situacao" | b"situacion" | b"contexte" | b"kontext" => FieldKey::Situation,
        b"task" | b"objective" | b"goal" | b"goals" | b"t" => FieldKey::Task,
        b"tarefa" | b"tarea" | b"tache" | b"aufgabe" => FieldKey::Task,
        b"actions" | b"action" | b"what i did" | b"a" => FieldKey::Actions,
        b"o que fiz" | b"o que eu fiz" | b"acoes" | b"acciones" | b"massnahmen" | b"aktionen" => {
            FieldKey::Actions
        }
        b"results" | b"result" | b"impact" | b"outcome" | b"outcomes" | b"r" => FieldKey::Results,
        b"resultado" | b"resultados" | b"impacto" | b"resultats" | b"ergebnis" | b"ergebnisse" => {
            FieldKey::Results
        }
        _ => return None,
    };
    Some(key)
}

/// Whether a label that reads as a date field also has a date for a body: `Data` is
/// Portuguese for date, but an English `**Data:** p95 fell` is about data.
fn dated_or_not_data(text: &str, body: &str) -> bool {
    let mut buffer = [0u8; 8];
    words::fold(text, &mut buffer) != Some(b"data".as_slice())
        || dates::read(body.trim(), None, None) != ReadDate::NotADate
}

/// Whether `text` can name a field: at most 40 letters, digits, spaces and `/&-'.()`,
/// starting with a letter.
pub fn is_label_text(text: &str) -> bool {
    let count = text.chars().count();
    (1..=40).contains(&count)
        && text.starts_with(|c: char| c.is_alphabetic())
        && !text.ends_with(' ')
        && text.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '/' | '&' | '-' | '\'' | '.' | '(' | ')')
        })
}

/// The label `text`, if it can be one; an unknown word is [`FieldKey::Other`], which only
/// a bold label may be (see [`detect`]).
fn label<'a>(line: &str, text: &'a str, body_offset: usize) -> Option<Label<'a>> {
    if !is_label_text(text) {
        return None;
    }
    let key = match key_of(text) {
        Some(FieldKey::Date) if !dated_or_not_data(text, &line[body_offset..]) => FieldKey::Other,
        key => key.unwrap_or(FieldKey::Other),
    };
    Some(Label {
        text,
        key,
        single_letter: text.len() == 1,
        body_offset,
    })
}

/// Length of a separator that ends a label: `:`, `：`, or a spaced dash.
fn separator(after: &str) -> Option<usize> {
    if after.starts_with(':') {
        return Some(1);
    }
    if after.starts_with('：') {
        return Some('：'.len_utf8());
    }
    for dash in [" - ", " – ", " — "] {
        if after.starts_with(dash) {
            return Some(dash.len());
        }
        let bare = dash.trim_end();
        if after == bare || after.trim_end() == bare {
            return Some(after.len());
        }
    }
    None
}

/// Skips the spaces after a separator.
fn body_from(line: &str, at: usize) -> usize {
    at + line[at..].len() - line[at..].trim_start_matches([' ', '\t']).len()
}

/// The first `**` (or `__`) in `text`: found with memchr, without building a searcher.
fn find_pair(text: &str, byte: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = memchr::memchr(byte, &bytes[from..]) {
        let at = from + found;
        if bytes.get(at + 1) == Some(&byte) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The label at the start of `line` (which has no indentation or list marker).
pub fn detect(line: &str) -> Option<Label<'_>> {
    for delimiter in ["**", "__"] {
        let Some(rest) = line.strip_prefix(delimiter) else {
            continue;
        };
        let close = find_pair(rest, delimiter.as_bytes()[0])?;
        let inner = &rest[..close];
        let after_start = 2 + close + 2;
        let after = &line[after_start..];
        // `**Label:**` / `**Label：**`
        if let Some(text) = inner.strip_suffix(':').or_else(|| inner.strip_suffix('：')) {
            return label(line, text, body_from(line, after_start));
        }
        // `**Label**:` / `**Label** — `
        if let Some(length) = separator(after) {
            return label(line, inner, body_from(line, after_start + length));
        }
        // `**Actions**` alone on its line, followed by a nested list.
        if after.trim().is_empty() && key_of(inner).is_some() {
            return label(line, inner, line.len());
        }
        return None;
    }
    // Plain `Label:` / `Label -`: known labels only.
    let end = line.char_indices().take(42).find_map(|(at, c)| match c {
        ':' | '：' => Some(at),
        ' ' if separator(&line[at..]).is_some() => Some(at),
        _ => None,
    })?;
    let text = &line[..end];
    let length = separator(&line[end..])?;
    label(line, text, body_from(line, end + length)).filter(|l| !l.key.bold_only())
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldKey::*;

    #[test]
    fn labels_in_every_style() {
        type Expected = Option<(&'static str, FieldKey, &'static str)>;
        #[rustfmt::skip]
        let cases: &[(&str, Expected)] = &[
            ("**Situation**: Search was slow.", Some(("Situation", Situation, "Search was slow."))),
            ("**Situation:** Search was slow.", Some(("Situation", Situation, "Search was slow."))),
            ("Situation: Search was slow.", Some(("Situation", Situation, "Search was slow."))),
            ("Situation： fullwidth", Some(("Situation", Situation, "fullwidth"))),
            ("**Situation：** fullwidth", Some(("Situation", Situation, "fullwidth"))),
            ("**Impact** — p95 fell", Some(("Impact", Results, "p95 fell"))),
            ("Impact - p95 fell", Some(("Impact", Results, "p95 fell"))),
            ("__Context__: x", Some(("Context", Situation, "x"))),
            ("**What I did**:", Some(("What I did", Actions, ""))),
            ("**Actions**", Some(("Actions", Actions, ""))),
            ("**Objective**: y", Some(("Objective", Task, "y"))),
            ("Outcome: z", Some(("Outcome", Results, "z"))),
            ("**Links**: [a](b)", Some(("Links", Other, "[a](b)"))),
            ("**S:** s", Some(("S", Situation, "s"))),
            ("R: r", Some(("R", Results, "r"))),
            ("**Date**: 2026-11-03", Some(("Date", Date, "2026-11-03"))),
            // Period and section: in bold only, as a plain word starts prose as often.
            ("**Period**: 2025-Q3", Some(("Period", Period, "2025-Q3"))),
            ("**Section:** Projects", Some(("Section", Section, "Projects"))),
            ("Period: a quiet one", None),
            ("Section: prose", None),
            ("Note: prose stays prose", None),
            ("**Bold** words in a sentence", None),
            ("Profiled the planner: found N+1", None),
            ("**2026-11-03**: a date is not a label", None),
            ("**Links**", None),
            ("plain text", None),
            ("**unclosed", None),
            ("", None),
            // Parentheses in labels, and date labels.
            ("**Skills shown (L5):** ownership", Some(("Skills shown (L5)", Other, "ownership"))),
            ("**Skills shown (L5)**: ownership", Some(("Skills shown (L5)", Other, "ownership"))),
            ("Skills shown (L5): prose stays prose", None),
            ("**Data:** 2026-02-06", Some(("Data", Date, "2026-02-06"))),
            ("**Data:** 6 de fevereiro de 2026", Some(("Data", Date, "6 de fevereiro de 2026"))),
            // English `Data` about data is no date.
            ("**Data:** p95 fell from 900 ms", Some(("Data", Other, "p95 fell from 900 ms"))),
            ("Data: p95 fell", None),
            ("**Fecha:** 14 Abr 2026", Some(("Fecha", Date, "14 Abr 2026"))),
            ("Datum: 3. März 2026", Some(("Datum", Date, "3. März 2026"))),
            ("Date: Nov 3", Some(("Date", Date, "Nov 3"))),
            ("**Situação：** x", Some(("Situação", Situation, "x"))),
            ("**O que fiz**", Some(("O que fiz", Actions, ""))),
            ("**S** - s", Some(("S", Situation, "s"))),
            ("**R：** r", Some(("R", Results, "r"))),
        ];
        for (line, expected) in cases {
            let found = detect(line).map(|l| (l.text, l.key, &line[l.body_offset..]));
            assert_eq!(found, *expected, "detecting in {line:?}");
        }
    }

    /// Every word DESIGN.md names, as (label, field): one row each, written out, so that
    /// a word mapped to the wrong field fails here.
    const SYNONYMS: &[(&str, FieldKey)] = &[
        ("Date", Date),
        ("When", Date),
        ("Tags", Tags),
        ("Tag", Tags),
        ("Scope", Scope),
        ("Situation", Situation),
        ("Context", Situation),
        ("Background", Situation),
        ("Problem", Situation),
        ("Task", Task),
        ("Objective", Task),
        ("Goal", Task),
        ("Goals", Task),
        ("Action", Actions),
        ("Actions", Actions),
        ("What I did", Actions),
        ("Result", Results),
        ("Results", Results),
        ("Impact", Results),
        ("Outcome", Results),
        ("Outcomes", Results),
    ];

    /// The STAR and date words of Portuguese, Spanish, French and German logs.
    const OTHER_LANGUAGES: &[(&str, FieldKey)] = &[
        // Portuguese
        ("Contexto", Situation),
        ("Situação", Situation),
        ("Situacao", Situation),
        ("Tarefa", Task),
        ("O que fiz", Actions),
        ("Ações", Actions),
        ("Acoes", Actions),
        ("Resultado", Results),
        ("Resultados", Results),
        ("Impacto", Results),
        ("Data", Date),
        // Spanish
        ("Situación", Situation),
        ("Tarea", Task),
        ("Acciones", Actions),
        ("Fecha", Date),
        // French
        ("Contexte", Situation),
        ("Tâche", Task),
        ("Tache", Task),
        ("Résultats", Results),
        // German
        ("Kontext", Situation),
        ("Aufgabe", Task),
        ("Maßnahmen", Actions),
        ("Massnahmen", Actions),
        ("Aktionen", Actions),
        ("Ergebnis", Results),
        ("Ergebnisse", Results),
        ("Datum", Date),
    ];

    #[test]
    fn other_languages_in_every_form() {
        for &(word, key) in OTHER_LANGUAGES {
            for form in FORMS {
                for word in [word.to_string(), word.to_uppercase(), word.to_lowercase()] {
                    // A date label keeps its date only with a date for a body.
                    let body = if key == Date { "2026-02-06" } else { "body" };
                    let line = form.replace("{}", &word).replace("body", body);
                    let found = detect(&line).map(|l| (l.text, l.key, &line[l.body_offset..]));
                    assert_eq!(
                        found,
                        Some((word.as_str(), key, body)),
                        "detecting in {line:?}"
                    );
                }
            }
        }
    }

    /// Every way to write a label and its separator: `{}` is the label's word.
    const FORMS: &[&str] = &[
        "**{}**: body",
        "**{}:** body",
        "**{}**：body",
        "**{}：** body",
        "**{}** - body",
        "**{}** – body",
        "**{}** — body",
        "__{}__: body",
        "__{}:__ body",
        "{}: body",
        "{}：body",
        "{} - body",
        "{} – body",
        "{} — body",
    ];

    #[test]
    fn every_synonym_in_every_form() {
        for &(word, key) in SYNONYMS {
            for form in FORMS {
                for word in [word.to_string(), word.to_uppercase(), word.to_lowercase()] {
                    let line = form.replace("{}", &word);
                    let found = detect(&line).map(|l| (l.text, l.key, &line[l.body_offset..]));
                    assert_eq!(
                        found,
                        Some((word.as_str(), key, "body")),
                        "detecting in {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn single_letters_in_every_form() {
        for (letter, key) in [
            ("S", Situation),
            ("T", Task),
            ("A", Actions),
            ("R", Results),
        ] {
            for form in FORMS {
                let line = form.replace("{}", letter);
                let label = detect(&line).unwrap_or_else(|| panic!("no label in {line:?}"));
                assert_eq!((label.key, label.single_letter), (key, true), "{line:?}");
            }
        }
    }

    #[test]
    fn a_dash_without_spaces_or_a_word_after_the_label_is_no_separator() {
        for line in [
            "Impact-driven work",
            "Result—no spaces",
            "Results are in",
            "**Impact**-driven",
            "**Impact** driven",
            // A lone `*` is no closing `**`, and no part of a label.
            "**a*b**: x",
            "**Impact*: x",
            "**Res*ults**: x",
            "**Impact*:: x",
        ] {
            assert_eq!(detect(line), None, "{line:?}");
        }
    }

    #[test]
    fn a_dash_at_the_end_of_the_line_leaves_an_empty_body() {
        for line in [
            "**Impact** —",
            "**Impact** — ",
            "**Impact** -  ",
            "Impact –",
            "**Impact** —\t",
            "Impact -\t",
        ] {
            let label = detect(line).unwrap_or_else(|| panic!("no label in {line:?}"));
            assert_eq!(
                (label.key, line[label.body_offset..].trim()),
                (Results, ""),
                "{line:?}"
            );
        }
    }

    #[test]
    fn joined_words_name_the_star_field_they_agree_on() {
        for (text, key) in [
            ("Context & Problem", Some(Situation)),
            ("Background / Context", Some(Situation)),
            ("Execution and Impact", Some(Results)),
            ("Execution & Impact", Some(Results)),
            ("Goal + Approach", Some(Task)),
            ("Actions & Results", None),
            ("Leadership & Initiative", None),
            ("R&D", None),
            ("Date & Time", None),
            ("Tags / Skills", None),
            ("Impact", Some(Results)),
        ] {
            assert_eq!(key_of(text), key, "{text:?}");
        }
        let label = detect("**Context & Problem:** the old search ignored synonyms");
        assert_eq!(label.map(|label| label.key), Some(Situation));
    }
}
