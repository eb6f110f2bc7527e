//! Deterministic brag logs for benchmarks, in the shape `../shared/bench/gen_logs.py` writes.
//!
//! Same pools, same proportions, same layout as the Python generator's `to_brag`: a
//! `# Achievement log` title, `## Month YYYY` headings oldest first, and one `### Title` entry
//! per achievement with `- **Field**:` lines. Entries fall on random days over the ten years up
//! to 2026-03-31. The random stream is our own (splitmix64), so the text differs from Python's
//! for the same seed, but it is the same for every run with the same seed, and the sizes match
//! (about 0.57 MB per 1,000 entries).
//!
//! [`generate_bullets`] writes the same entries in the bullet style of hand-kept logs (issue
//! #13): day headings (`### Tuesday 2026-03-03`) under the months, and one top-level bullet
//! per entry (`- **Title**`) with its fields as sub-items.

use chrono::{Datelike, NaiveDate};

const TAGS: &[&str] = &[
    "performance",
    "search",
    "reliability",
    "security",
    "mentoring",
    "hiring",
    "cost",
    "incident",
    "migration",
    "observability",
    "testing",
    "docs",
    "leadership",
    "cross-team",
    "customer",
];
const SCOPES: &[&str] = &["task", "milestone", "project", "product", "business"];
const SYSTEMS: &[&str] = &[
    "search",
    "checkout",
    "billing",
    "ingestion pipeline",
    "mobile app",
    "auth service",
    "data warehouse",
    "CI fleet",
    "notifications",
    "admin console",
];
const METRICS: &[(&str, &str)] = &[
    ("p95 latency", "ms"),
    ("queue depth", "jobs"),
    ("error rate", "%"),
    ("build time", "min"),
    ("cloud spend", "k$/month"),
    ("page load time", "ms"),
    ("MTTR", "min"),
    ("flaky test rate", "%"),
    ("deploy time", "min"),
    ("memory footprint", "MB"),
];
const TECH: &[&str] = &[
    "PostgreSQL 16",
    "Kubernetes",
    "gRPC",
    "Rust",
    "Kafka",
    "OpenTelemetry",
    "Terraform",
];
const TITLES: &[&str] = &[
    "Cut {system} {metric} by {pct}%",
    "Reduced {system} {metric} from {a} to {b}",
    "Shipped {tech} support in {system}",
    "Led the {system} migration to {tech}",
    "Mentored {n} engineers through their first on-call",
    "Resolved a SEV{sev} outage in {system}",
    "Automated {system} release notes",
    "Wrote the RFC for {system} sharding",
    "Hired {n} engineers for the {system} team",
    "Ran the {system} security review",
];
const SITUATIONS: &[&str] = &[
    "The {system} {metric} had grown to {a} after traffic tripled.",
    "Customers kept reporting slow pages; {metric} sat at {a} for weeks.",
    "The {system} still ran on a hand-rolled stack nobody wanted to own.",
    "Every {system} release needed {n} hours of manual checks.",
    "The team had {n} open reqs and no structured interview loop.",
    "An audit found {n} services sharing one admin credential.",
    "On-call pages for {system} doubled quarter over quarter, mostly tail latency alerts.",
];
const TASKS: &[&str] = &[
    "Bring {metric} under {b} without new hardware.",
    "Own the plan and land it this quarter.",
    "Make the {system} boring to operate.",
    "Get {n} new engineers productive within a month.",
    "Close the audit finding before the renewal.",
];
const ACTIONS: &[&str] = &[
    "Profiled the hot path with `perf` and found N+1 lookups.",
    "Added a batched fetch and a small LRU cache.",
    "Wrote a design doc and got sign-off from {n} teams.",
    "Moved the {system} to {tech} behind a feature flag.",
    "Paired with {n} engineers on the rollout runbook.",
    "Set up dashboards in [Grafana](https://grafana.example.com/d/{n}) for {metric}.",
    "Replaced the cron job with `systemd` timers and alerts.",
    "Ran a load test at {n}x peak and fixed the throughput cliff it showed.",
    "Documented the on-call playbook in the [wiki](https://wiki.example.com/{system}/{n}).",
];
const SUBS: &[&str] = &[
    "Started with the slowest {n} endpoints.",
    "Kept a rollback switch for each step.",
    "Measured with `hyperfine` before and after.",
    "Reviewed every change with the owning team.",
];
const RESULTS: &[&str] = &[
    "{metric} fell from {a} to {b}; infra cost down {pct}%.",
    "{metric} dropped {pct}% and stayed there for {n} weeks.",
    "Zero pages for {system} in the {n} weeks after launch.",
    "{n} engineers now ship to {system} on their own.",
    "Saved about {n}0 engineer-hours a month.",
    "Audit finding closed {n} days early.",
];
/// Month names as the headings spell them (`## November 2026`): the reader's own.
pub use brag::words::MONTH_NAMES as MONTHS;

/// The last day an entry can fall on; the first is the day after the same date ten years
/// earlier, as in `gen_logs.py --end 2026-03-31 --years 10`.
const LAST_DAY: (i32, u32, u32) = (2026, 3, 31);
const YEARS: i32 = 10;

/// Writes `n` seeded entries as one brag Markdown log.
pub fn generate(n: usize, seed: u64) -> String {
    canonical_log(&draw_entries(n, seed))
}

/// `entries` as brag writes them: the title, then a `## Month YYYY` heading before each
/// month's first entry and a `### Title` entry each.
fn canonical_log(entries: &[Drawn]) -> String {
    let mut out = String::with_capacity(entries.len() * 600 + 64);
    out.push_str("# Achievement log\n");
    let mut month = None;
    for entry in entries {
        push_month(&mut out, &mut month, entry.date);
        out.push('\n');
        entry.canonical(&mut out);
    }
    out
}

/// Short titles that hold a number, as hand-kept logs write them (`Design review 17`).
const SHORT_TITLES: &[&str] = &[
    "Design review",
    "Shipped release",
    "Postmortem",
    "Interviewed candidate",
    "Mentoring session",
];

/// The same `n` seeded entries as [`generate`], titled with a short phrase and a number
/// (`Design review 17`): titles of three words or fewer with a number are the ones the
/// reader tries as misspelt period headings (`Spetember 2026`), so this log times that.
pub fn generate_short_titles(n: usize, seed: u64) -> String {
    let mut entries = draw_entries(n, seed);
    for (at, entry) in entries.iter_mut().enumerate() {
        entry.title = format!("{} {}", SHORT_TITLES[at % SHORT_TITLES.len()], at % 1000);
    }
    canonical_log(&entries)
}

/// The same `n` seeded entries as [`generate`], in the bullet style: a day heading for
/// every day that has entries (an entry without a Date under the first of its month), and
/// one bullet entry per achievement with its fields as sub-items.
pub fn generate_bullets(n: usize, seed: u64) -> String {
    let entries = draw_entries(n, seed);
    let mut out = String::with_capacity(n * 620 + 64);
    out.push_str("# Achievement log\n");
    let mut month = None;
    let mut day = None;
    for entry in &entries {
        push_month(&mut out, &mut month, entry.date);
        if day != Some(entry.date) {
            day = Some(entry.date);
            out.push_str("\n### ");
            out.push_str(&entry.date.format("%A %Y-%m-%d").to_string());
            out.push_str("\n\n");
        }
        entry.bullet(&mut out);
    }
    out
}

/// `## Month YYYY` (after a blank line) when `date` opens a new month.
fn push_month(out: &mut String, month: &mut Option<(i32, u32)>, date: NaiveDate) {
    if *month != Some((date.year(), date.month())) {
        *month = Some((date.year(), date.month()));
        out.push_str("\n## ");
        out.push_str(MONTHS[date.month0() as usize]);
        out.push(' ');
        out.push_str(&date.year().to_string());
        out.push('\n');
    }
}

/// `n` seeded entries in date order.
fn draw_entries(n: usize, seed: u64) -> Vec<Drawn> {
    let mut rng = SplitMix64(seed);
    let (last, first) = date_range();
    let span = u64::try_from(last.num_days_from_ce() - first.num_days_from_ce() + 1)
        .expect("the date range runs forwards");
    let mut days: Vec<i32> = (0..n)
        .map(|_| {
            let offset = i32::try_from(rng.below(span)).expect("ten years of days fit in i32");
            first.num_days_from_ce() + offset
        })
        .collect();
    days.sort_unstable();

    let mut entries: Vec<Drawn> = days
        .into_iter()
        .map(|day| {
            let date = NaiveDate::from_num_days_from_ce_opt(day).expect("day is in range");
            Drawn::draw(&mut rng, date)
        })
        .collect();
    // An entry without a Date takes the first day of its month; a stable sort keeps the rest
    // in the order they were drawn, as Python's `list.sort` does.
    entries.sort_by_key(|entry| entry.date);
    entries
}

/// `n` entries in one month, none with a Date, so all fall on 2026-03-01 and their ids
/// are told apart only by title; titles repeat every 1,000 entries, so most ids carry a
/// `-N` suffix. The shape that once made reading quadratic (issue #14).
pub fn one_month(n: usize) -> String {
    let mut out = String::with_capacity(n * 64 + 64);
    out.push_str("# Achievement log\n\n## March 2026\n");
    for k in 0..n {
        out.push_str(&format!(
            "\n### Fixed flaky test {}\n- **Results**: {k} retries saved\n",
            k % 1000
        ));
    }
    out
}

fn date_range() -> (NaiveDate, NaiveDate) {
    let (year, month, day) = LAST_DAY;
    let last = NaiveDate::from_ymd_opt(year, month, day).expect("LAST_DAY is a date");
    let first = NaiveDate::from_ymd_opt(year - YEARS, month, day)
        .and_then(|d| d.succ_opt())
        .expect("ten years before LAST_DAY is a date");
    (last, first)
}

/// One entry's parts, drawn once and written in either style.
struct Drawn {
    /// The date it sorts under: its Date, else the first of its month.
    date: NaiveDate,
    has_date: bool,
    title: String,
    tags: Vec<&'static str>,
    scope: Option<&'static str>,
    situation: String,
    task: Option<String>,
    /// Each action with its sub-items.
    actions: Vec<(String, Vec<String>)>,
    results: Option<String>,
}

impl Drawn {
    fn draw(rng: &mut SplitMix64, drawn: NaiveDate) -> Self {
        let facts = Facts::draw(rng);
        let has_date = rng.unit() > 0.1;
        let title = rng.choose(TITLES);
        let tags = if rng.unit() > 0.08 {
            let count = rng.range(1, 4);
            rng.sample(TAGS, count)
        } else {
            Vec::new()
        };
        let scope = (rng.unit() < 0.25).then(|| rng.choose(SCOPES));
        let situation_count = rng.range(1, 3);
        let situations = rng.sample(SITUATIONS, situation_count);
        let task = (rng.unit() > 0.15).then(|| rng.choose(TASKS));
        let action_count = rng.range(1, 5);
        let actions: Vec<(&str, Vec<&str>)> = rng
            .sample(ACTIONS, action_count)
            .into_iter()
            .map(|action| {
                let subs = if rng.unit() < 0.3 {
                    let count = rng.range(1, 3);
                    rng.sample(SUBS, count)
                } else {
                    Vec::new()
                };
                (action, subs)
            })
            .collect();
        let results = (rng.unit() > 0.05).then(|| rng.choose(RESULTS));

        let fill = |template: &str| {
            let mut out = String::new();
            facts.fill(&mut out, template);
            out
        };
        let mut situation = String::new();
        for (i, part) in situations.iter().enumerate() {
            if i > 0 {
                situation.push(' ');
            }
            facts.fill(&mut situation, part);
        }
        Drawn {
            date: if has_date {
                drawn
            } else {
                drawn.with_day(1).expect("every month has a first day")
            },
            has_date,
            title: fill(title),
            tags,
            scope,
            situation,
            task: task.map(fill),
            actions: actions
                .into_iter()
                .map(|(action, subs)| (fill(action), subs.into_iter().map(fill).collect()))
                .collect(),
            results: results.map(fill),
        }
    }

    /// `### Title` and `- **Field**:` lines, ending in a newline.
    fn canonical(&self, out: &mut String) {
        out.push_str("### ");
        out.push_str(&self.title);
        out.push('\n');
        self.fields(out, "", self.has_date);
    }

    /// `- **Title**` and its fields as sub-items, ending in a newline; its day heading
    /// gives its date.
    fn bullet(&self, out: &mut String) {
        out.push_str("- **");
        out.push_str(&self.title);
        out.push_str("**\n");
        self.fields(out, "  ", false);
    }

    /// The `- **Field**:` lines (a Date one if `with_date`), each indented by `indent`.
    fn fields(&self, out: &mut String, indent: &str, with_date: bool) {
        let mut field = |label: &str, body: &str| {
            out.push_str(indent);
            out.push_str("- **");
            out.push_str(label);
            out.push_str("**:");
            if !body.is_empty() {
                out.push(' ');
                out.push_str(body);
            }
            out.push('\n');
        };
        if with_date {
            field("Date", &self.date.to_string());
        }
        if !self.tags.is_empty() {
            field("Tags", &self.tags.join(", "));
        }
        if let Some(scope) = self.scope {
            field("Scope", scope);
        }
        field("Situation", &self.situation);
        if let Some(task) = &self.task {
            field("Task", task);
        }
        field("Actions", "");
        for (action, subs) in &self.actions {
            out.push_str(indent);
            out.push_str("  - ");
            out.push_str(action);
            out.push('\n');
            for sub in subs {
                out.push_str(indent);
                out.push_str("    - ");
                out.push_str(sub);
                out.push('\n');
            }
        }
        if let Some(results) = &self.results {
            out.push_str(indent);
            out.push_str("- **Results**: ");
            out.push_str(results);
            out.push('\n');
        }
    }
}

/// One consistent set of facts per entry, shared by all its fields (`context` in Python).
struct Facts {
    metric: &'static str,
    system: &'static str,
    tech: &'static str,
    pct: String,
    a: String,
    b: String,
    n: String,
    sev: String,
}

impl Facts {
    fn draw(rng: &mut SplitMix64) -> Self {
        let (metric, unit) = rng.choose(METRICS);
        let a = rng.range(20, 2000);
        let b = a * rng.range(30, 90) / 100;
        Facts {
            metric,
            system: rng.choose(SYSTEMS),
            tech: rng.choose(TECH),
            pct: rng.range(5, 80).to_string(),
            a: format!("{a} {unit}"),
            b: format!("{b} {unit}"),
            n: rng.range(2, 12).to_string(),
            sev: rng.range(1, 3).to_string(),
        }
    }

    /// Appends `template` with every `{name}` replaced by the fact of that name.
    fn fill(&self, out: &mut String, template: &str) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..]
                .find('}')
                .map(|i| open + i)
                .expect("every `{` in a template closes");
            out.push_str(self.get(&rest[open + 1..close]));
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
    }

    fn get(&self, name: &str) -> &str {
        match name {
            "metric" => self.metric,
            "system" => self.system,
            "tech" => self.tech,
            "pct" => &self.pct,
            "a" => &self.a,
            "b" => &self.b,
            "n" => &self.n,
            "sev" => &self.sev,
            other => panic!("template names an unknown fact {{{other}}}"),
        }
    }
}

/// splitmix64: tiny, fast and good enough to draw benchmark data; not for anything else.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (multiply-shift; the bias is far below what a benchmark sees).
    fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }

    /// A number in `low..high`, like Python's `randrange(low, high)`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below((high - low) as u64) as usize
    }

    /// A float in `[0, 1)`, like Python's `random()`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn choose<T: Copy>(&mut self, pool: &[T]) -> T {
        pool[self.range(0, pool.len())]
    }

    /// `count` distinct items of `pool` in random order, like Python's `random.sample`.
    fn sample<T: Copy>(&mut self, pool: &[T], count: usize) -> Vec<T> {
        let mut items = pool.to_vec();
        for i in 0..count {
            let j = self.range(i, items.len());
            items.swap(i, j);
        }
        items.truncate(count);
        items
    }
}
