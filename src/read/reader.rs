//! The reader's one face: [`Reader`] opens a log's text, selects the entries a
//! [`Filter`] wants, reads or streams them, and finds one by id. What makes it fast (the
//! line scan, the facts a scan tells without reading an entry, both cores) stays
//! behind it: a command asks for entries and gets them.

use std::collections::HashSet;
use std::sync::Arc;

use anyhow::Result;
use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::filter::Filter;
use crate::model::{Entry, Scope, YearMonth, contains_ignore_ascii_case};
use crate::period::DateRange;
use crate::read::entry::{self, Block, FactsToScan, ScannedFacts};
use crate::read::heading::PeriodHeading;
use crate::read::lookup;
use crate::read::parse::{
    MonthSection, Order, Skeleton, detect_order, same_slug_start, skeleton, slug,
};
use crate::threads::{parallel, parallel_map};

/// What is known of an entry before its fields are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head<'a> {
    /// Index into the reader's blocks (file order).
    pub(super) block: usize,
    /// Index into the reader's heads (date order).
    pub(super) position: usize,
    pub title: &'a str,
    /// Exact: from a line scan where that decides it, else from reading the entry.
    pub date: Option<NaiveDate>,
    /// The entry's period, known with its date.
    pub period: Option<PeriodHeading>,
    /// Known without reading the entry where the reader was asked for them (see
    /// [`Reader::for_filter`]); `None`: not looked for, or left undecided by the scan.
    pub(super) tags: Option<Vec<&'a str>>,
    pub(super) scope: Option<Option<Scope>>,
}

/// A log's entries, identified, dated and sorted, read only when asked for.
///
/// Commands choose entries ([`Reader::select`], [`Reader::find`]) and read only those,
/// a chunk at a time ([`Reader::stream`]), so a 100k-entry log never holds every parsed
/// entry in memory at once.
#[derive(Debug)]
pub struct Reader<'a> {
    src: &'a str,
    /// In file order.
    blocks: Vec<Block>,
    /// In date order (undated last, file order within a day).
    heads: Vec<Head<'a>>,
    months: Vec<MonthSection>,
    order: Order,
    /// Diagnostics about headings and month order; entries add their own when read.
    diagnostics: Vec<Diagnostic>,
    /// For each head, the position of the first head of its run of same-date heads.
    day_starts: Vec<usize>,
    /// For each head in a run longer than [`SHORT_DAY`], how many heads before it in the
    /// run share its slug (0 elsewhere): made on the first id asked for in such a run.
    suffixes: std::sync::OnceLock<Vec<u32>>,
}

/// What a filter can see of an entry without reading it: its date, the tags and scope
/// a line scan of its block told, and its raw text.
#[derive(Debug)]
pub struct Glance<'g> {
    src: &'g str,
    block: &'g Block,
    pub date: Option<NaiveDate>,
    /// The days the entry's period covers (see [`Head::period`]).
    pub period: Option<DateRange>,
    /// `None`: not told by the scan (read the entry to know).
    pub tags: Option<&'g [&'g str]>,
    pub scope: Option<Option<Scope>>,
}

impl Glance<'_> {
    /// Whether `needle` occurs anywhere in the entry's raw text, ignoring ASCII case:
    /// every tag, scope and text the entry shows does.
    pub fn mentions(&self, needle: &str) -> bool {
        contains_ignore_ascii_case(&self.src[self.block.span.clone()], needle)
    }

    /// Whether a line scan sees `needle` (lowercase) in text the entry shows; `false`
    /// means only that the scan cannot tell.
    pub fn shows(&self, needle: &str) -> bool {
        entry::shows_text(self.src, self.block, needle)
    }
}

/// What a table row shows of an entry: told by a line scan where it can, else read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary<'a> {
    pub date: Option<NaiveDate>,
    pub month: Option<YearMonth>,
    pub period: Option<PeriodHeading>,
    pub title: &'a str,
    pub tags: Vec<&'a str>,
    pub scope: Option<Scope>,
}

impl<'a> From<&Entry<'a>> for Summary<'a> {
    fn from(entry: &Entry<'a>) -> Self {
        Self {
            date: entry.date,
            month: entry.month,
            period: entry.period,
            title: entry.title,
            tags: entry.tags.clone(),
            scope: entry.scope,
        }
    }
}

/// A day with at most this many entries has its ids' suffixes counted by comparing
/// titles; a longer one uses a table of slugs made once (see [`Reader::id`]).
const SHORT_DAY: usize = 16;

/// Entries chosen per batch when testing candidates in full.
const BATCH: usize = 4096;

impl<'a> Reader<'a> {
    /// The log's entries, each with its date.
    pub fn new(src: &'a str) -> Self {
        Self::with_facts(src, FactsToScan::DATE)
    }

    /// The log's entries, each with its date and the tags and scope `filter` looks at
    /// where the same line scan can tell them: one pass over the entries for both.
    pub fn for_filter(src: &'a str, filter: &Filter) -> Self {
        Self::with_facts(
            src,
            FactsToScan {
                date: true,
                tags: filter.looks_at_tags(),
                scope: filter.looks_at_scope(),
            },
        )
    }

    /// The entries, with each head's date and the `wanted` tags and scope that the same
    /// line scan can tell.
    fn with_facts(src: &'a str, wanted: FactsToScan) -> Self {
        // The marks and period sections (for `brag add`) are dropped here, before the
        // heads are built: a large log's peak memory stays low.
        let Skeleton {
            blocks,
            months,
            mut diagnostics,
            ..
        } = skeleton(src);
        let order = detect_order(&months, &mut diagnostics);
        diagnostics.sort_by_key(|d| d.offset);
        let heads = heads(src, &blocks, wanted);
        let day_starts = day_starts(&heads);
        Self {
            src,
            blocks,
            heads,
            months,
            order,
            diagnostics,
            day_starts,
            suffixes: std::sync::OnceLock::new(),
        }
    }

    /// Reads the entries of `heads`, in their order, on every core for a large batch.
    pub fn read(&self, heads: &[&Head<'a>]) -> (Vec<Entry<'a>>, Vec<Diagnostic>) {
        parallel(
            heads,
            |_, part| self.read_here(part),
            |(mut entries, mut diagnostics), (mut more, mut found)| {
                entries.append(&mut more);
                diagnostics.append(&mut found);
                (entries, diagnostics)
            },
        )
    }

    /// Reads the entries of `heads` on this thread.
    fn read_here(&self, heads: &[&Head<'a>]) -> (Vec<Entry<'a>>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let entries = heads
            .iter()
            .map(|head| {
                let mut entry = entry::read(self.src, &self.blocks[head.block], &mut diagnostics);
                entry.id = self.id(head);
                entry
            })
            .collect();
        (entries, diagnostics)
    }

    /// Reads the entries of `heads` and renders them to bytes, both on worker threads,
    /// while this thread writes the previous chunk's bytes to `out`, in order. Output
    /// streams, and memory stays at a few chunks whatever the size of the log.
    ///
    /// `render` gets the position (in `heads`) of the first entry it is given.
    pub fn stream(
        &self,
        heads: &[&Head<'a>],
        render: impl Fn(usize, &[Entry<'a>]) -> anyhow::Result<Vec<u8>> + Sync,
        out: &mut impl std::io::Write,
    ) -> anyhow::Result<()> {
        let (chunks, received) = std::sync::mpsc::sync_channel(1);
        read_ahead(
            heads,
            STREAM_CHUNK,
            |first, chunk| {
                parallel(
                    chunk,
                    |offset, part| render(first + offset, &self.read_here(part).0),
                    |a, b| {
                        let (mut a, mut b) = (a?, b?);
                        a.append(&mut b);
                        Ok(a)
                    },
                )
            },
            // The writer stopped early (an error, or a closed pipe): stop.
            move |bytes| chunks.send(bytes).is_ok(),
            || {
                for bytes in received {
                    out.write_all(&bytes?)?;
                }
                Ok(())
            },
        )
    }

    /// The entry's stable id: its slug, with `-2`, `-3` for later entries (in date
    /// order) whose slug is the same. A slug starts with the date, so only the heads of
    /// the same day are compared, and a later entry never renames an earlier one.
    ///
    /// Linear in the number of entries: on a short day the earlier heads are compared
    /// (at most [`SHORT_DAY`]); a long day's suffixes come from one table of slugs.
    pub fn id(&self, head: &Head<'_>) -> String {
        let base = slug(head.title, head.date);
        let day_start = self.day_starts.get(head.position).copied().unwrap_or(0);
        let day_len = self.heads[day_start..]
            .iter()
            .take(SHORT_DAY + 1)
            .take_while(|other| other.date == head.date)
            .count();
        let same = if day_len <= SHORT_DAY {
            self.heads[day_start..head.position]
                .iter()
                .filter(|other| {
                    same_slug_start(other.title, head.title)
                        && slug(other.title, other.date) == base
                })
                .count()
        } else {
            let suffixes = self.suffixes.get_or_init(|| long_day_suffixes(&self.heads));
            suffixes.get(head.position).map_or(0, |&n| n as usize)
        };
        if same == 0 {
            base
        } else {
            format!("{base}-{}", same + 1)
        }
    }

    /// Reads the entries of `heads` on every core and keeps only what `look` takes from
    /// each, in order: a pass over a large log that never holds every parsed entry.
    pub fn map<R: Send>(
        &self,
        heads: &[&Head<'a>],
        look: impl Fn(&Entry<'a>) -> R + Sync,
    ) -> Vec<R> {
        parallel_map(heads, |_, head| {
            look(&entry::read(
                self.src,
                &self.blocks[head.block],
                &mut Vec::new(),
            ))
        })
    }

    /// Every head, in date order.
    pub(super) fn heads(&self) -> &[Head<'a>] {
        &self.heads
    }

    /// Every head, in date order.
    pub fn all(&self) -> Vec<&Head<'a>> {
        self.heads.iter().collect()
    }

    /// The tags and scope (as `wanted`) that the head does not know yet and a line scan
    /// of its block can tell without reading it (see [`entry::quick`]). What the head
    /// knows is not scanned again and stays `None` here: take it from the head.
    fn facts(&self, head: &Head<'a>, wanted: FactsToScan) -> ScannedFacts<'a> {
        let scan = FactsToScan {
            date: false,
            tags: wanted.tags && head.tags.is_none(),
            scope: wanted.scope && head.scope.is_none(),
        };
        if scan.tags || scan.scope {
            entry::quick(self.src, &self.blocks[head.block], None, scan)
        } else {
            ScannedFacts::default()
        }
    }

    /// The tags and scope of each head that it knows or a line scan of its block tells
    /// (as `wanted`), without reading any entry.
    fn told(&self, heads: &[&Head<'a>], wanted: FactsToScan) -> Vec<ScannedFacts<'a>> {
        parallel_map(heads, |_, head| {
            let scanned = self.facts(head, wanted);
            ScannedFacts {
                tags: head.tags.clone().or(scanned.tags),
                scope: head.scope.or(scanned.scope),
                ..scanned
            }
        })
    }

    /// The entries `filter` chooses, in output order: oldest first (newest first with
    /// `reverse`), keeping the `limit` most recent. Each entry is first judged on what a
    /// glance tells ([`Filter::decide`]); only those left undecided are read.
    pub fn select(&self, filter: &Filter) -> Vec<&Head<'a>> {
        let wanted = FactsToScan {
            date: false,
            tags: filter.looks_at_tags(),
            scope: filter.looks_at_scope(),
        };
        let decisions = parallel_map(&self.heads, |_, head| {
            let scanned = self.facts(head, wanted);
            filter.decide(&Glance {
                src: self.src,
                block: &self.blocks[head.block],
                date: head.date,
                period: head.period.map(|period| period.range),
                tags: head.tags.as_deref().or(scanned.tags.as_deref()),
                scope: head.scope.or(scanned.scope),
            })
        });
        let mut chosen = Vec::new();
        let mut undecided = Vec::new();
        for (head, decision) in self.heads.iter().zip(decisions) {
            match decision {
                Some(true) => chosen.push(head),
                Some(false) => {}
                None => undecided.push(head),
            }
        }
        for batch in undecided.chunks(BATCH) {
            let (entries, _) = self.read(batch);
            chosen.extend(
                batch
                    .iter()
                    .zip(&entries)
                    .filter(|(_, entry)| filter.matches(entry))
                    .map(|(head, _)| *head),
            );
        }
        chosen.sort_by_key(|head| head.position);
        if let Some(limit) = filter.limit {
            chosen.drain(..chosen.len().saturating_sub(limit));
        }
        if filter.reverse {
            chosen.reverse();
        }
        chosen
    }

    /// What a table shows of each head: from a line scan where it tells the tags and
    /// scope, else from reading the entry.
    pub fn summaries(&self, heads: &[&Head<'a>]) -> Vec<Summary<'a>> {
        let told = self.told(heads, FactsToScan::ALL);
        let unknown: Vec<&Head<'a>> = heads
            .iter()
            .zip(&told)
            .filter(|(_, told)| told.tags.is_none() || told.scope.is_none())
            .map(|(head, _)| *head)
            .collect();
        // Read in the heads' order, so they come back in the order they are needed.
        let (entries, _) = self.read(&unknown);
        let mut read = entries.iter();
        heads
            .iter()
            .zip(told)
            .filter_map(|(head, told)| match (told.tags, told.scope) {
                (Some(tags), Some(scope)) => Some(Summary {
                    date: head.date,
                    month: self.month(head),
                    period: head.period,
                    title: head.title,
                    tags,
                    scope,
                }),
                _ => read.next().map(Summary::from),
            })
            .collect()
    }

    /// For each head, whether the entry carries one of `tags` (lowercase), reading only
    /// the entries whose text mentions one and whose tags a line scan cannot tell.
    pub fn carrying_any(&self, heads: &[&Head<'a>], tags: &[String]) -> Vec<bool> {
        let mentions = |head: &&Head<'a>| {
            let text = &self.src[self.blocks[head.block].span.clone()];
            tags.iter()
                .any(|tag| !tag.is_ascii() || contains_ignore_ascii_case(text, tag))
        };
        let candidates: Vec<&Head<'a>> = heads.iter().copied().filter(mentions).collect();
        let tags_only = FactsToScan {
            date: false,
            tags: true,
            scope: false,
        };
        let lowercase =
            |found: &[&str]| -> Vec<String> { found.iter().map(|t| t.to_lowercase()).collect() };
        let told: Vec<Option<Vec<String>>> = self
            .told(&candidates, tags_only)
            .into_iter()
            .map(|told| told.tags.as_deref().map(lowercase))
            .collect();
        let unknown: Vec<&Head<'a>> = candidates
            .iter()
            .zip(&told)
            .filter(|(_, found)| found.is_none())
            .map(|(head, _)| *head)
            .collect();
        let mut read = self
            .map(&unknown, |entry| lowercase(&entry.tags))
            .into_iter();
        let carrying: HashSet<usize> = candidates
            .iter()
            .zip(told)
            .filter_map(|(head, found)| {
                let found = found.or_else(|| read.next()).unwrap_or_default();
                found
                    .iter()
                    .any(|tag| tags.contains(tag))
                    .then_some(head.position)
            })
            .collect();
        heads
            .iter()
            .map(|head| carrying.contains(&head.position))
            .collect()
    }

    /// The entry `wanted` names: the entry with that id, else the one whose id starts
    /// with it or holds it, else the one whose title has all its words; an ambiguous or
    /// unknown `wanted` is an error that lists the candidates.
    pub fn find(&self, wanted: &str) -> Result<&Head<'a>> {
        lookup::find(self, wanted)
    }

    /// The entry whose id is exactly `id`.
    pub fn with_id(&self, id: &str) -> Option<&Head<'a>> {
        self.heads.iter().find(|head| self.id(head) == id)
    }

    /// The id of the entry with this date and title (ignoring case and the spaces at
    /// either end): the one that a new entry with them would duplicate.
    pub fn same_date_and_title(&self, date: NaiveDate, title: &str) -> Option<String> {
        lookup::same_date_and_title(self, date, title)
    }

    /// Reads one entry, with its id.
    pub fn read_one(&self, head: &Head<'a>) -> Entry<'a> {
        let mut entry = entry::read(self.src, &self.blocks[head.block], &mut Vec::new());
        entry.id = self.id(head);
        entry
    }

    /// The 1-based line of the entry's title.
    pub fn line(&self, head: &Head<'_>) -> usize {
        self.blocks[head.block].line_no
    }

    /// The month heading the entry is filed under, else its date's month.
    pub fn month(&self, head: &Head<'_>) -> Option<YearMonth> {
        self.blocks[head.block]
            .context
            .month
            .or(head.date.map(YearMonth::of))
    }

    /// The month heading the entry is filed under.
    pub fn filed_under(&self, head: &Head<'_>) -> Option<YearMonth> {
        self.blocks[head.block].context.month
    }

    /// The byte where the entry's block starts.
    pub fn start(&self, head: &Head<'_>) -> usize {
        self.blocks[head.block].span.start
    }

    /// Each entry's Markdown, in file order.
    pub fn entry_texts(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.blocks
            .iter()
            .map(|block| &self.src[block.span.clone()])
    }

    /// The text before the first entry (the whole log when it has none).
    pub fn preamble(&self) -> &'a str {
        self.blocks.first().map_or(self.src, |block| {
            self.src.get(..block.span.start).unwrap_or(self.src)
        })
    }

    /// The entries of `heads`, to be read later on any thread, without the reader:
    /// `text` is the text this reader reads, owned.
    pub fn detach(&self, text: Arc<String>, heads: &[&Head<'a>]) -> Detached {
        debug_assert!(std::ptr::eq(text.as_str(), self.src));
        Detached {
            text,
            entries: heads
                .iter()
                .map(|head| (self.blocks[head.block].clone(), self.id(head)))
                .collect(),
        }
    }

    /// The entry blocks in file order, for the writer's checks.
    pub(crate) fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The head of block `number` (in file order).
    pub(crate) fn head_of_block(&self, number: usize) -> Option<&Head<'a>> {
        self.heads.iter().find(|head| head.block == number)
    }

    /// What [`parse`](super::parse::parse) keeps once every entry is read.
    pub(super) fn into_outline(self) -> (Vec<MonthSection>, Order, Vec<Diagnostic>) {
        (self.months, self.order, self.diagnostics)
    }
}

/// Entries chosen by a [`Reader`], owned, to be read on other threads later: for a
/// renderer that asks for entries one at a time, from a thread that cannot borrow.
#[derive(Debug)]
pub struct Detached {
    text: Arc<String>,
    entries: Vec<(Block, String)>,
}

impl Detached {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads the entry at `position`, with its id.
    pub fn read(&self, position: usize) -> Entry<'_> {
        let (block, id) = &self.entries[position];
        let mut entry = entry::read(&self.text, block, &mut Vec::new());
        entry.id.clone_from(id);
        entry
    }

    /// Reads every entry in order, `chunk` at a time on every core, turns each into a
    /// `T` with `look`, and hands each chunk to `take` on a worker thread while `consume`
    /// runs on this one; `take` returning `false` stops the reading.
    pub fn read_ahead<T: Send, R>(
        &self,
        chunk: usize,
        look: impl Fn(&Entry<'_>) -> T + Sync,
        take: impl FnMut(Vec<T>) -> bool + Send,
        consume: impl FnOnce() -> R,
    ) -> R {
        let positions: Vec<usize> = (0..self.entries.len()).collect();
        read_ahead(
            &positions,
            chunk,
            |_, part| parallel_map(part, |_, &position| look(&self.read(position))),
            take,
            consume,
        )
    }
}

/// The one read-ahead pipeline: on a worker thread, `produce` makes the value of each
/// `chunk` of `items` in turn (given the position of its first item; on every core as it
/// likes) and `take` hands it on, until `take` says stop or the items end; meanwhile
/// `consume` runs on this thread. Memory holds what `take` keeps, never every value.
fn read_ahead<T: Sync, R, O>(
    items: &[T],
    chunk: usize,
    produce: impl Fn(usize, &[T]) -> R + Sync,
    mut take: impl FnMut(R) -> bool + Send,
    consume: impl FnOnce() -> O,
) -> O {
    let produce = &produce;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (number, part) in items.chunks(chunk).enumerate() {
                if !take(produce(number * chunk, part)) {
                    break;
                }
            }
        });
        consume()
    })
}

/// For each head (in date order), the position of the first head of the same date.
fn day_starts(heads: &[Head<'_>]) -> Vec<usize> {
    let mut start = 0;
    heads
        .iter()
        .enumerate()
        .map(|(position, head)| {
            if position > 0 && heads[position - 1].date != head.date {
                start = position;
            }
            start
        })
        .collect()
}

/// For each head in a day of more than [`SHORT_DAY`] heads, how many earlier heads of
/// the day have the same slug; 0 for the others.
fn long_day_suffixes(heads: &[Head<'_>]) -> Vec<u32> {
    let mut suffixes = vec![0; heads.len()];
    let mut start = 0;
    while start < heads.len() {
        let date = heads[start].date;
        let len = heads[start..]
            .iter()
            .take_while(|head| head.date == date)
            .count();
        if len > SHORT_DAY {
            let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
            for (offset, head) in heads[start..start + len].iter().enumerate() {
                let count = seen.entry(slug(head.title, head.date)).or_insert(0);
                suffixes[start + offset] = *count;
                *count += 1;
            }
        }
        start += len;
    }
    suffixes
}

/// Entries read per batch when streaming: large enough to keep both cores busy.
const STREAM_CHUNK: usize = 4096;

/// Titles, dates and the `wanted` tags and scope of every block (reading only those
/// whose date a line scan cannot decide), sorted by date.
fn heads<'a>(src: &'a str, blocks: &[Block], wanted: FactsToScan) -> Vec<Head<'a>> {
    let wanted = FactsToScan {
        date: true,
        ..wanted
    };
    let mut heads = parallel_map(blocks, |index, block| {
        let (title, title_date) = entry::title(src, block);
        let quick = entry::quick(src, block, title_date, wanted);
        let (date, period, tags, scope) = match (quick.date, quick.period) {
            (Some(date), Some(period)) => (date, period, quick.tags, quick.scope),
            _ => {
                // Undecided: read it, and keep what the read tells.
                let entry = entry::read(src, block, &mut Vec::new());
                (
                    entry.date,
                    entry.period,
                    Some(entry.tags),
                    Some(entry.scope),
                )
            }
        };
        Head {
            block: index,
            position: 0,
            title,
            date,
            period,
            tags,
            scope,
        }
    });
    heads.sort_by_key(|head| (head.date.is_none(), head.date, head.block));
    for (position, head) in heads.iter_mut().enumerate() {
        head.position = position;
    }
    heads
}

#[cfg(test)]
mod tests {
    use super::SHORT_DAY;
    use crate::read::parse::{parse, slug};

    /// A month of `n` undated entries (all on its first day) whose titles repeat.
    fn one_day(n: usize) -> String {
        let titles = [
            "Fixed flaky test",
            "Fixed flaky tests",
            "Fixed flaky test!",
            "Mentored Ana",
        ];
        let mut src = String::from("# Log\n\n## March 2026\n");
        for k in 0..n {
            src.push_str(&format!(
                "\n### {}\n- **Results**: {k}\n",
                titles[k % titles.len()]
            ));
        }
        src
    }

    #[test]
    fn ids_count_same_slugs_the_same_on_short_and_long_days() {
        for n in [1, 5, SHORT_DAY, SHORT_DAY + 1, 100] {
            let src = one_day(n);
            let log = parse(&src);
            assert_eq!(log.entries.len(), n);
            let mut seen: std::collections::HashMap<String, usize> = Default::default();
            for entry in &log.entries {
                let base = slug(entry.title, entry.date);
                let count = seen.entry(base.clone()).or_insert(0);
                *count += 1;
                let expected = match *count {
                    1 => base,
                    n => format!("{base}-{n}"),
                };
                assert_eq!(entry.id, expected, "{n} entries");
            }
        }
    }
}
