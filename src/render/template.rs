//! The md, html and txt packets: a minijinja template over the packet, with entries read
//! and prepared on worker threads while the template writes.
//!
//! The template gets the packet (title, case, highlights, scope growth, groups, goals,
//! next, and the author's review; `brag help templates` lists every variable). `highlights` and
//! each group's `entries` are lazy sequences: the
//! template asks for entry after entry, and a producer thread reads them from the log and
//! turns them into template values (Markdown rendered to safe HTML for `html`, to plain
//! text for `txt`) a chunk ahead, on every core. Output streams to the writer as it is
//! produced, and memory holds a few chunks of entries, never the whole log. A template
//! that reads a group twice, or groups out of order, still gets every entry: those it
//! asks for again are read again.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Mutex, mpsc};

use anyhow::{Result, anyhow};
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, context};

use crate::measurable::is_measurable;
use crate::model::Entry;
use crate::read::Detached;
use crate::render::packet::{ExportFormat, Group, Packet};
use crate::render::plural;
use crate::render::schema::{EntryView, notes};
use crate::render::{html, markdown, text};
use crate::templates::Template;

/// Entries prepared per batch: enough to keep both cores busy, few enough that the
/// batches in flight stay small.
const CHUNK: usize = 2048;

/// Everything a template run needs: the packet, the entries' source, and how to render.
#[derive(Debug)]
pub struct TemplateRun<'p> {
    pub packet: &'p Packet,
    pub format: ExportFormat,
    pub brief: bool,
    pub template: &'p Template,
    /// The entries: the highlights, then group 0's entries, then group 1's, and so on
    /// (a highlight is there twice).
    pub entries: Detached,
}

/// Compiles a template for `format`, so that a broken one is reported before anything
/// is read or written.
pub fn check(template: &Template, format: ExportFormat) -> Result<()> {
    let env = environment(format);
    env.template_from_named_str(&template.name, &template.source)
        .map(drop)
        .map_err(template_error)
}

/// The environment every packet template runs in.
fn environment(format: ExportFormat) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    // On in release builds too: it is what names the undefined value in an error
    // (`e.titel` is undefined), and costs nothing until a template fails.
    env.set_debug(true);
    let escape = if format == ExportFormat::Html {
        AutoEscape::Html
    } else {
        AutoEscape::None
    };
    env.set_auto_escape_callback(move |_| escape.clone());
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.add_filter("markdown", |text: &str| {
        Value::from_safe_string(html::block(text))
    });
    env.add_filter("markdown_inline", |text: &str| {
        Value::from_safe_string(html::inline(text))
    });
    env.add_filter("labelled", |body: Value, label: &str| {
        // A body that is not already safe HTML is text, and is escaped like any other.
        let body = if body.is_safe() {
            body.to_string()
        } else {
            html::escape(&body.to_string())
        };
        Value::from_safe_string(html::labelled(label, &body))
    });
    env.add_filter("no_headings", |text: &str| {
        crate::markdown::demote_headings(text).into_owned()
    });
    env.add_filter("plain", |text: &str| text::plain(text));
    env.add_filter("inert", |text: &str| markdown::inert(text));
    env.add_filter("one_line", |text: &str| markdown::one_line(text));
    env.add_filter("month_name", month_name);
    env.add_filter("plural", |count: usize, one: &str, many: &str| {
        plural(count, one, many)
    });
    env
}

/// `2026-11` -> `November 2026`; anything else unchanged.
fn month_name(text: &str) -> String {
    crate::model::YearMonth::parse(text).map_or_else(|| text.to_string(), |m| m.in_words())
}

/// `template PATH:LINE: problem`, with the template's own words for the problem.
fn template_error(error: minijinja::Error) -> anyhow::Error {
    if error.kind() == ErrorKind::WriteFailure {
        // Keep the io::Error in the chain: a closed pipe is not a failure.
        return anyhow::Error::new(error);
    }
    let mut message = format!("template {}", error.name().unwrap_or("(unnamed)"));
    if let Some(line) = error.line() {
        message.push_str(&format!(":{line}"));
    }
    message.push_str(&format!(": {}", error.kind()));
    if let Some(detail) = error.detail() {
        message.push_str(&format!(": {detail}"));
    }
    anyhow!(message)
}

/// Renders the packet through the job's template to `out`.
pub fn render(job: TemplateRun<'_>, out: &mut dyn Write) -> Result<()> {
    let env = environment(job.format);
    let template = env
        .template_from_named_str(&job.template.name, &job.template.source)
        .map_err(template_error)?;
    let source = Arc::new(Source {
        entries: job.entries,
        format: job.format,
    });
    preflight(&template, job.packet, job.brief, &source)?;
    let (sender, receiver) = mpsc::sync_channel::<Vec<Value>>(1);
    let feed = Arc::new(Feed {
        source: Arc::clone(&source),
        state: Mutex::new(FeedState {
            chunks: Some(receiver),
            buffer: VecDeque::new(),
            next: 0,
        }),
    });
    let lazy = |start: usize, len: usize| {
        Value::from_object(GroupEntries {
            feed: Arc::clone(&feed),
            start,
            len,
        })
    };
    let ctx = packet_context(job.packet, job.brief, job.format, lazy);
    let format = job.format;
    source.entries.read_ahead(
        CHUNK,
        |entry| entry_value(entry, format),
        // The template is done (or failed): stop.
        move |values| sender.send(values).is_ok(),
        || {
            // Let the producer go when the template is done, whether or not it read every
            // entry, and even if rendering panics (the scope would otherwise wait forever).
            let _release = Release(&feed);
            if job.format == ExportFormat::Txt {
                let mut wrapping = text::Wrapping::new(&mut *out, text::WIDTH);
                template
                    .render_captured_to(ctx, &mut wrapping)
                    .map(drop)
                    .map_err(template_error)
                    .and_then(|()| wrapping.finish().map(drop).map_err(anyhow::Error::from))
            } else {
                template
                    .render_captured_to(ctx, &mut *out)
                    .map(drop)
                    .map_err(template_error)
            }
        },
    )
}

/// A group for templates: its name, kind, description, count, entries, and for each
/// entry the other groups it belongs to (`also`).
fn group_value(group: &Group, entries: Value) -> Value {
    context! {
        name => group.name.clone(),
        kind => group.kind,
        description => group.description.clone(),
        count => group.members.len(),
        also => Value::from_object(Also(group.also.clone())),
        entries => entries,
    }
}

/// A group's `also`: for each entry, the other groups it fits, made a template value
/// only when asked for (most are empty, and a month can hold thousands of entries).
#[derive(Debug)]
struct Also(Vec<Vec<String>>);

impl Object for Also {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0
            .get(key.as_usize()?)
            .map(|names| Value::from(names.clone()))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The template's variables: the packet, with `highlights` and `groups` carrying their
/// entries. `entries(start, len)` gives the entries at `start..start + len` of the
/// packet's order: the highlights, then each group's members.
fn packet_context(
    packet: &Packet,
    brief: bool,
    format: ExportFormat,
    entries: impl Fn(usize, usize) -> Value,
) -> Value {
    let highlights = entries(0, packet.highlights.len());
    let mut start = packet.highlights.len();
    let groups: Vec<Value> = packet
        .groups
        .iter()
        .map(|group| {
            let members = entries(start, group.members.len());
            start += group.members.len();
            group_value(group, members)
        })
        .collect();
    context! {
        highlights => highlights,
        groups => groups,
        brief => brief,
        format => format.as_str(),
        ..Value::from(Serde(packet))
    }
}

/// Renders the template with only the first entry of each group, to nowhere: a mistake
/// in a template (an unknown variable or filter) is then reported before any output is
/// written, rather than halfway through a streamed packet.
fn preflight(
    template: &minijinja::Template<'_, '_>,
    packet: &Packet,
    brief: bool,
    source: &Source,
) -> Result<()> {
    let first = |start: usize, len: usize| -> Value {
        let first: Vec<Value> = (start < source.entries.len() && len > 0)
            .then(|| source.value(start))
            .into_iter()
            .collect();
        Value::from(first)
    };
    template
        .render_captured_to(
            packet_context(packet, brief, source.format, first),
            std::io::sink(),
        )
        .map(drop)
        .map_err(template_error)
}

/// The log text and the entries to prepare, shared by the producer and the feed.
#[derive(Debug)]
struct Source {
    entries: Detached,
    format: ExportFormat,
}

impl Source {
    /// The template value of the entry at `position`.
    fn value(&self, position: usize) -> Value {
        entry_value(&self.entries.read(position), self.format)
    }
}

/// An entry for templates: the `brag list` schema, plus `measurable`, `headline`, and the
/// Markdown bodies rendered for the format (`html` or `plain`).
pub fn entry_value(entry: &Entry<'_>, format: ExportFormat) -> Value {
    let schema = Value::from(Serde(EntryView(entry)));
    let headline = markdown::headline(entry);
    let measurable = entry
        .star
        .results
        .is_some_and(|results| is_measurable(results.raw));
    let mut extra = vec![
        ("measurable", Value::from(measurable)),
        ("headline", Value::from(headline.clone())),
    ];
    match format {
        ExportFormat::Html => extra.push((
            "html",
            rendered(
                entry,
                headline.as_deref(),
                |text| Value::from_safe_string(html::block(text)),
                |text| Value::from_safe_string(html::inline(text)),
            ),
        )),
        ExportFormat::Txt => extra.push((
            "plain",
            rendered(
                entry,
                headline.as_deref(),
                |text| Value::from(text::plain(text)),
                |text| Value::from(text::plain(text)),
            ),
        )),
        _ if !needs_inert(entry) => {}
        _ => {
            // Markdown passes through as written, with raw HTML made inert.
            let inert = |text: &str| Value::from(markdown::inert(text));
            extra.push(("title", inert(entry.title)));
            extra.push((
                "tags",
                Value::from(
                    entry
                        .tags
                        .iter()
                        .map(|tag| markdown::inert(tag))
                        .collect::<Vec<_>>(),
                ),
            ));
            extra.retain(|(key, _)| *key != "headline");
            extra.push((
                "headline",
                headline.as_deref().map_or(Value::from(()), inert),
            ));
            let bodies = rendered(entry, None, inert, inert);
            for key in ["situation", "task", "actions", "results", "notes", "fields"] {
                if let Ok(value) = bodies.get_attr(key) {
                    extra.push((key, value));
                }
            }
        }
    }
    Value::from_object(TemplateEntry { schema, extra })
}

/// Whether any of the entry's text could hold raw HTML (a `<`) or a line ending in
/// spaces: only then does the Markdown packet need other values than the schema's.
fn needs_inert(entry: &Entry<'_>) -> bool {
    let suspect = |text: &str| {
        text.contains('<')
            || text.contains(" \n")
            || text.contains(" \r\n")
            || text.contains("\t\n")
            || text.ends_with([' ', '\t'])
    };
    suspect(entry.title)
        || entry.tags.iter().any(|tag| suspect(tag))
        || entry.fields.iter().any(|field| suspect(field.body.raw))
        || entry.notes.iter().any(|note| suspect(note.raw))
}

/// An entry for templates: the schema's map, and what brag adds to it.
#[derive(Debug)]
struct TemplateEntry {
    schema: Value,
    extra: Vec<(&'static str, Value)>,
}

impl Object for TemplateEntry {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let name = key.as_str()?;
        match self.extra.iter().find(|(known, _)| *known == name) {
            Some((_, value)) => Some(value.clone()),
            None => self
                .schema
                .get_item(key)
                .ok()
                .filter(|value| !value.is_undefined()),
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let schema_keys = self.schema.try_iter().into_iter().flatten();
        let extra_keys = self.extra.iter().map(|(key, _)| Value::from(*key));
        Enumerator::Values(schema_keys.chain(extra_keys).collect())
    }
}

/// The entry's Markdown bodies rendered with `block` (and the headline with `inline`),
/// under the schema's names; a missing body is `none`.
fn rendered(
    entry: &Entry<'_>,
    headline: Option<&str>,
    block: impl Fn(&str) -> Value,
    inline: impl Fn(&str) -> Value,
) -> Value {
    let body = |text: Option<String>| text.map_or(Value::from(()), |text| block(&text));
    let mut fields: Vec<(Value, Value)> = Vec::new();
    for field in entry.other_fields() {
        let label = Value::from(field.label);
        if !fields.iter().any(|(known, _)| *known == label) {
            // A label written twice is joined, as in the schema's `fields`.
            let joined: Vec<String> = entry
                .other_fields()
                .filter(|other| other.label == field.label)
                .map(|other| other.body.to_string())
                .collect();
            fields.push((label, block(&joined.join("\n\n"))));
        }
    }
    let mut bodies: Vec<(Value, Value)> = Vec::with_capacity(7);
    bodies.extend(
        entry
            .star
            .iter()
            .map(|(key, text)| (Value::from(key.name()), body(text.map(|t| t.to_string())))),
    );
    bodies.extend([
        (Value::from("notes"), body(notes(entry))),
        (Value::from("fields"), Value::from_object(Map(fields))),
        (
            Value::from("headline"),
            headline.map_or(Value::from(()), inline),
        ),
    ]);
    Value::from_object(Map(bodies))
}

/// A map that keeps its keys in order (the schema's order) and its values as given
/// (safe HTML stays safe).
#[derive(Debug)]
struct Map(Vec<(Value, Value)>);

impl Object for Map {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0
            .iter()
            .find(|(known, _)| known.as_str() == key.as_str())
            .map(|(_, value)| value.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.0.iter().map(|(key, _)| key.clone()).collect())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.0.len())
    }
}

/// Prepared entries arriving from the producer, in order, and the way back to any entry.
#[derive(Debug)]
struct Feed {
    source: Arc<Source>,
    state: Mutex<FeedState>,
}

#[derive(Debug)]
struct FeedState {
    /// `None` once the template is done.
    chunks: Option<mpsc::Receiver<Vec<Value>>>,
    buffer: VecDeque<Value>,
    /// The position of `buffer`'s first value.
    next: usize,
}

impl Feed {
    /// The entry at `position`: from the producer when the template reads in order (the
    /// usual case), skipping what it passed over; read again when it goes back.
    fn get(&self, position: usize) -> Value {
        let streamed = match self.state.lock() {
            Ok(mut state) => state.take(position),
            Err(_) => None,
        };
        streamed.unwrap_or_else(|| self.source.value(position))
    }

    fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.chunks = None;
            state.buffer.clear();
        }
    }
}

/// Closes the feed when dropped.
struct Release<'f>(&'f Feed);

impl Drop for Release<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

impl FeedState {
    fn take(&mut self, position: usize) -> Option<Value> {
        if position < self.next {
            return None;
        }
        loop {
            if position < self.next + self.buffer.len() {
                self.buffer.drain(..position - self.next);
                self.next = position + 1;
                return self.buffer.pop_front();
            }
            self.next += self.buffer.len();
            self.buffer.clear();
            let chunk = self.chunks.as_ref()?.recv().ok()?;
            self.buffer.extend(chunk);
        }
    }
}

/// A group's `entries`: a sequence of known length whose items come from the feed.
#[derive(Debug)]
struct GroupEntries {
    feed: Arc<Feed>,
    start: usize,
    len: usize,
}

impl Object for GroupEntries {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        (index < self.len).then(|| self.feed.get(self.start + index))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.len)
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.len)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::templates;

    #[test]
    fn built_in_templates_compile_for_their_formats() {
        for format in [ExportFormat::Md, ExportFormat::Html, ExportFormat::Txt] {
            let template =
                templates::choose(format, None, Path::new("/nonexistent")).expect("built in");
            assert_eq!(template.name, templates::default_name(format));
            check(&template, format).expect("compiles");
        }
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name("2026-11"), "November 2026");
        assert_eq!(month_name("2026-13"), "2026-13");
        assert_eq!(month_name("soon"), "soon");
    }
}
