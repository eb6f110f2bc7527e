//! The one rule for "measurable": whether a Results text states a change that can be
//! checked. `brag add`'s hint, `brag check`, `brag stats` and `brag export` all ask here.
//!
//! A text is measurable when it holds at least one of:
//!
//! - a **percentage**: `40%`, `12 percent`, `3 pp`;
//! - a **currency amount**: `$12k`, `€3,000`, `40 USD`;
//! - a **multiplier**: `3x`, `10×`, `×2`, `3 times`, or the words doubled, tripled,
//!   quadrupled, halved;
//! - a **number with a unit**, durations included: `900 ms`, `12s`, `2 days`,
//!   `3 weeks`, `2 GB`, `500 rps`;
//! - a **before -> after**: two numbers joined by `->`, `→`, `=>` or `to`
//!   (`900 -> 540`, `from 40 to 15 min`);
//! - a **count** of people, teams, services and the like: `3 engineers`, `4 teams`,
//!   `12 new services`, `1.2M users`, `30 tickets`, and in words (`two engineers`,
//!   `zero escalations`).
//!
//! Otherwise numbers are written in digits and stand alone: digits that continue a word (`p95`,
//! `Q3`, `v2`, `k8s`) are names, not numbers, and so are dates and times (`2026-11-03`,
//! `11/2026`, `10:30`). A bare number (`in 2026`, `Python 3`, `#1234`, `top 3`) is not
//! a measurement, and link targets are never read.

/// Whether `text` states a measurable change (see the module's rule).
pub fn is_measurable(text: &str) -> bool {
    let tokens = tokens(text);
    tokens.iter().enumerate().any(|(at, token)| match token {
        Token::Word(word) if COUNT_WORDS.contains(&word.as_str()) => {
            counts_a_thing(&tokens, at + 1)
        }
        Token::Word(word) => MULTIPLIER_WORDS.contains(&word.as_str()),
        Token::Number { suffix } => number_is_measured(&tokens, at, suffix),
        Token::Symbol(_) => false,
    })
}

/// What a text is made of, for the rule: numbers, words and the symbols it cares about.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A standalone number; `suffix` is what is written right after it, lowercased
    /// (`ms` in `900ms`, `x` in `3x`, `k` in `12k`, `x1080` in `1920x1080`), empty if none.
    Number { suffix: String },
    /// A word, lowercased (letters and the digits inside it: `p95`).
    Word(String),
    /// `%`, a currency sign, `×`, an arrow (`->`, `=>` and `→` are all `→`), and
    /// every other mark that separates words.
    Symbol(char),
}

/// Is the number at `at` measured: by a sign before it, a unit after it, or a second
/// number it changes into?
fn number_is_measured(tokens: &[Token], at: usize, suffix: &str) -> bool {
    let before = at.checked_sub(1).and_then(|index| tokens.get(index));
    if matches!(before, Some(Token::Symbol(sign)) if CURRENCY_SIGNS.contains(sign) || *sign == '×')
    {
        return true;
    }
    let magnitude = MAGNITUDES.contains(&suffix);
    if !suffix.is_empty() && !magnitude && is_unit(suffix) {
        return true;
    }
    let mut next = at + 1;
    match tokens.get(next) {
        Some(Token::Symbol('%' | '×')) => return true,
        Some(Token::Word(word)) if !magnitude && MAGNITUDES.contains(&word.as_str()) => {
            next += 1;
        }
        _ => {}
    }
    let unit = matches!(tokens.get(next), Some(Token::Word(word)) if is_unit(word));
    unit || counts_a_thing(tokens, next) || changes_into_a_number(tokens, next)
}

/// Whether a count of something that is evidence starts at `at`: `engineers`, or one
/// word and then it (`new engineers`).
fn counts_a_thing(tokens: &[Token], at: usize) -> bool {
    let counted =
        |index: usize| matches!(tokens.get(index), Some(Token::Word(word)) if is_counted(word));
    counted(at) || (matches!(tokens.get(at), Some(Token::Word(_))) && counted(at + 1))
}

/// `-> 540`, `to 540`, `→ $540`: from `at`, a change into a second number.
fn changes_into_a_number(tokens: &[Token], at: usize) -> bool {
    // The first number's unit may stand between it and the arrow: `900 ms -> 540 ms`.
    let at = match tokens.get(at) {
        Some(Token::Word(word)) if is_unit(word) => at + 1,
        _ => at,
    };
    let joined = match tokens.get(at) {
        Some(Token::Symbol('→')) => true,
        Some(Token::Word(word)) => word == "to",
        _ => false,
    };
    let after = match tokens.get(at + 1) {
        Some(Token::Symbol(sign)) if CURRENCY_SIGNS.contains(sign) => tokens.get(at + 2),
        other => other,
    };
    joined && matches!(after, Some(Token::Number { .. }))
}

fn is_unit(word: &str) -> bool {
    UNITS.split_ascii_whitespace().any(|unit| unit == word)
}

/// A thing whose count is evidence: `3 engineers`, `4 teams`. Singular or plural.
fn is_counted(word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    COUNTED
        .split_ascii_whitespace()
        .any(|counted| counted == word || counted == singular)
}

/// The text as tokens, link targets and dates left out. A word takes the digits that
/// follow its letters (`p95`), and a number the letters and digits that follow its
/// digits (`40ms`, `1920x1080`), so digits inside a word never start a number.
fn tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == ']' && text[at + 1..].starts_with('(') {
            // A link target: `[dashboard](https://example.com/d/42)` is not evidence.
            if let Some(close) = text[at..].find(')') {
                while chars.peek().is_some_and(|&(index, _)| index <= at + close) {
                    chars.next();
                }
                continue;
            }
        }
        if c.is_ascii_digit() {
            tokens.extend(number(text, at, &mut chars));
        } else if c.is_alphabetic() {
            let mut word = c.to_lowercase().collect::<String>();
            while let Some(&(_, next)) = chars.peek() {
                if !(next.is_alphanumeric() || next == '_') {
                    break;
                }
                word.extend(next.to_lowercase());
                chars.next();
            }
            tokens.push(Token::Word(word));
        } else if let Some(arrow) = arrow(text, at, c) {
            for _ in 1..arrow {
                chars.next();
            }
            tokens.push(Token::Symbol('→'));
        } else if !c.is_whitespace() && !matches!(c, '*' | '_' | '`' | '~' | '+') {
            tokens.push(Token::Symbol(c));
        }
    }
    tokens
}

/// The number whose first digit is at `start` (already taken from `chars`), with its
/// attached suffix; `None` for a date, a time or a version (digits joined by `-`, `/`,
/// `:` or a second `.`).
fn number(
    text: &str,
    start: usize,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Option<Token> {
    let mut last = '0';
    let mut joins = 0;
    let mut dotted = 0;
    while let Some(&(at, c)) = chars.peek() {
        let digit_follows = text[at + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(|next| next.is_ascii_digit());
        let takes = c.is_ascii_digit()
            || (matches!(c, ',' | '.' | '-' | '/' | ':') && last.is_ascii_digit() && digit_follows);
        if !takes {
            break;
        }
        match c {
            '-' | '/' | ':' => joins += 1,
            '.' => dotted += 1,
            _ => {}
        }
        last = c;
        chars.next();
    }
    let digits_end = chars.peek().map_or(text.len(), |&(at, _)| at);
    let mut suffix = String::new();
    while let Some(&(_, c)) = chars.peek() {
        if !c.is_alphanumeric() {
            break;
        }
        suffix.extend(c.to_lowercase());
        chars.next();
    }
    let digits = &text[start..digits_end];
    if joins > 0 || dotted > 1 || is_decade(digits, &suffix) {
        return None;
    }
    Some(Token::Number { suffix })
}

/// `1990s`: a decade, not seconds.
fn is_decade(digits: &str, suffix: &str) -> bool {
    suffix == "s" && digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
}

/// How many characters the arrow at `at` takes, if one starts there.
fn arrow(text: &str, at: usize, c: char) -> Option<usize> {
    if matches!(c, '→' | '⇒' | '⟶' | '➜' | '➔') {
        return Some(1);
    }
    let rest = &text[at..];
    ["->", "=>", "-->"]
        .iter()
        .filter(|arrow| rest.starts_with(**arrow))
        .map(|arrow| arrow.len())
        .max()
}

const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹', '₩', '¢'];

/// Letters after a number that scale it rather than name a unit: `12k users`, `$1.2M`.
const MAGNITUDES: &[&str] = &["k", "m", "mm", "b", "bn", "thousand", "million", "billion"];

const MULTIPLIER_WORDS: &[&str] = &["doubled", "tripled", "quadrupled", "halved"];

/// Numbers written as words, which count only what [`COUNTED`] lists: `two engineers`,
/// `zero escalations`. ("one" is left out: it is a pronoun as often as a number.)
const COUNT_WORDS: &[&str] = &[
    "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "dozen", "dozens",
];

/// Units, lowercased and separated by spaces: what a number right before one measures.
const UNITS: &str = "\
    percent pct pp bps x times usd eur gbp brl jpy inr dollar dollars euro euros pound \
    pounds reais ns µs us ms msec millisecond milliseconds s sec secs second seconds min \
    mins minute minutes h hr hrs hour hours d day days wk wks week weeks mo month months y \
    yr yrs year years sprint sprints quarter quarters b kb mb gb tb pb kib mib gib tib byte \
    bytes kbps mbps gbps rps qps rpm tps ops fps hz khz mhz ghz loc";

/// What a count of is evidence, in the singular (a plural `s` is taken off), separated
/// by spaces.
const COUNTED: &str = "\
    people person engineer developer dev designer team squad org organization department \
    company companies service microservice system customer user client member hire intern \
    report mentee student candidate interview partner account stakeholder repo repository \
    repositories app application product country countries region market ticket bug incident \
    escalation outage alert page test pr commit line deploy deployment release request \
    queries query error crash crashes server host node machine instance cluster dashboard \
    doc session talk workshop download signup lead deal subscriber visitor feature job \
    pipeline build file step hop table endpoint call click order transaction event";

#[cfg(test)]
mod tests {
    use super::is_measurable;

    /// The rule, phrase by phrase: half measurable, half not.
    #[test]
    fn measurable_phrases() {
        let measurable = [
            "Cut p95 latency by 40%",
            "Conversion up 12 percent",
            "Uptime 99.95 %",
            "Saved $12k a year",
            "€3,000 less per month",
            "Cost 40 USD instead of more",
            "3x throughput",
            "10× fewer pages",
            "Throughput ×2 on the same hardware",
            "Doubled the throughput",
            "Halved the build time",
            "p95 900 ms -> 540 ms",
            "p95 900→540",
            "Pages went from 40 to 15",
            "Cold start 12s => 3s",
            "Build time is 4 min now",
            "Onboarding takes 2 days",
            "Shipped 3 weeks early",
            "Uses 2 GB less memory",
            "Sustains 500 rps",
            "Mentored 3 engineers",
            "Adopted by 4 teams",
            "Migrated 12 new services",
            "Serves 1.2M users",
            "Closed 30 tickets",
            "Hired four engineers",
            "Both took solo shifts; zero escalations.",
            "**40%** fewer alerts",
            "_40%_ fewer pages",
        ];
        let not_measurable = [
            "p95 is better.",
            "",
            "Much faster now.",
            "Customers loved it",
            "Shipped v2 of the API",
            "Launched in Q3 2026",
            "Released on 2026-11-03",
            "Released 2026-11-03 to 2026-11-10",
            "Migrated to Python 3",
            "Fixed bug #1234",
            "Top 3 priority for the org",
            "Phase 2 is done",
            "HTTP/2 everywhere",
            "k8s cluster upgraded",
            "Latency improved significantly",
            "See [the dashboard](https://example.com/d/42-ms)",
            "ISO 27001 audit passed",
            "Reduced p99 and p50",
            "Rewrote the 1990s-era billing code",
            "Demo at 10:30 went well",
            "Version 1.2.3 is live",
            "Runs at 1920x1080 now",
            "The 2nd attempt worked",
            "Everyone agreed, finally",
            "One of the teams liked it",
            "Two of us agreed it was better",
            "Results: TBD",
            "Closed it. [Proof](javascript:alert(1))",
            "See [run 2](https://ci.example.com/42)",
        ];
        assert!(measurable.len() >= 20 && not_measurable.len() >= 20);
        for phrase in measurable {
            assert!(is_measurable(phrase), "should be measurable: {phrase:?}");
        }
        for phrase in not_measurable {
            assert!(
                !is_measurable(phrase),
                "should not be measurable: {phrase:?}"
            );
        }
    }

    #[test]
    fn odd_text_never_panics() {
        for text in [
            "]", "](", "9", "9.", "9-", "->", "é9", "9é", "$", "×", "1 to", "0x",
        ] {
            let _ = is_measurable(text);
        }
    }
}
