//! Finding the one entry a person means by what they type: an id, the start of one,
//! part of one, or words of the title.

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::read::parse;
use crate::read::{Head, Reader};

/// Whether an entry, by its id and head, matches what was typed.
type Rule<'r, 'a> = dyn Fn(&str, &Head<'a>) -> bool + 'r;

/// How many candidates an ambiguous match lists.
const SHOWN: usize = 10;

/// The entry `wanted` names: the entry with that id; else the one whose id starts with
/// it; else the one whose id holds it (`cut-checkout`); else the one whose title has all
/// its words. Where several match at the first rule that matches any, the error lists
/// them.
pub fn find<'i, 'a>(index: &'i Reader<'a>, wanted: &str) -> Result<&'i Head<'a>> {
    let ids: Vec<(String, &Head<'a>)> = index
        .heads()
        .iter()
        .map(|head| (index.id(head), head))
        .collect();
    if let Some((_, head)) = ids.iter().find(|(id, _)| id == wanted) {
        return Ok(head);
    }
    let words = parse::slug_words(wanted);
    let title_has_words = |head: &Head<'_>| {
        let title = parse::slug_words(head.title);
        let title: Vec<&str> = title.split('-').collect();
        !words.is_empty() && words.split('-').all(|word| title.contains(&word))
    };
    let rules: [(&str, &Rule<'_, 'a>); 3] = [
        ("the start of", &|id, _| id.starts_with(wanted)),
        ("part of", &|id, _| !words.is_empty() && id.contains(&words)),
        ("in the titles of", &|_, head| title_has_words(head)),
    ];
    for (how, rule) in rules {
        let matches: Vec<&(String, &Head<'a>)> =
            ids.iter().filter(|(id, head)| rule(id, head)).collect();
        match matches.as_slice() {
            [] => continue,
            [(_, one)] => return Ok(one),
            many => {
                let shown: Vec<String> = many
                    .iter()
                    .take(SHOWN)
                    .map(|(id, head)| format!("{id}  {}", head.title))
                    .collect();
                let more = match many.len().saturating_sub(SHOWN) {
                    0 => String::new(),
                    more => format!("\n  ... and {more} more"),
                };
                bail!(
                    "{wanted:?} is {how} {} entries; give more of the id:\n  {}{more}",
                    many.len(),
                    shown.join("\n  ")
                )
            }
        }
    }
    bail!("no entry matches {wanted:?}\n  `brag list --ids` shows every entry with its id")
}

/// The id of the entry of `index` with this date and title (ignoring case and the
/// spaces at either end): the one that a new entry with them would duplicate.
pub fn same_date_and_title(index: &Reader<'_>, date: NaiveDate, title: &str) -> Option<String> {
    let title = title.trim();
    index
        .heads()
        .iter()
        .find(|head| head.date == Some(date) && head.title.trim().eq_ignore_ascii_case(title))
        .map(|head| index.id(head))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "## November 2026\n\
        ### Cut checkout time in half\n- **Date**: 2026-11-03\n\
        ### Cut p95 search latency\n- **Date**: 2026-11-04\n\
        ### Mentored Ana on search\n- **Date**: 2026-11-05\n";

    #[test]
    fn ids_prefixes_parts_and_title_words_find_one_entry() {
        let index = Reader::new(LOG);
        let found = |wanted: &str| find(&index, wanted).map(|head| index.id(head));
        let cases: &[(&str, Result<&str, &str>)] = &[
            (
                "2026-11-03-cut-checkout-time-in-half",
                Ok("2026-11-03-cut-checkout-time-in-half"),
            ),
            ("2026-11-04", Ok("2026-11-04-cut-p95-search-latency")),
            ("cut-checkout", Ok("2026-11-03-cut-checkout-time-in-half")),
            ("Cut Checkout", Ok("2026-11-03-cut-checkout-time-in-half")),
            ("latency p95", Ok("2026-11-04-cut-p95-search-latency")),
            ("ana", Ok("2026-11-05-mentored-ana-on-search")),
            ("2026-11", Err("\"2026-11\" is the start of 3 entries")),
            ("cut", Err("\"cut\" is part of 2 entries")),
            ("search", Err("\"search\" is part of 2 entries")),
            ("half checkout-x", Err("no entry matches")),
            ("!!", Err("no entry matches")),
        ];
        for (wanted, expected) in cases {
            match (found(wanted), expected) {
                (Ok(id), Ok(expected)) => assert_eq!(&id, expected, "{wanted}"),
                (Err(error), Err(expected)) => {
                    assert!(error.to_string().starts_with(expected), "{wanted}: {error}")
                }
                (found, expected) => panic!("{wanted}: {found:?}, expected {expected:?}"),
            }
        }
    }

    #[test]
    fn an_ambiguous_match_lists_ids_and_titles() {
        let index = Reader::new(LOG);
        let error = find(&index, "cut").expect_err("two").to_string();
        assert_eq!(
            error,
            "\"cut\" is part of 2 entries; give more of the id:\n  \
             2026-11-03-cut-checkout-time-in-half  Cut checkout time in half\n  \
             2026-11-04-cut-p95-search-latency  Cut p95 search latency"
        );
    }
}
