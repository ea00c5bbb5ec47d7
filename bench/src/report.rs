//! The benchmark's report, as Markdown.

use std::{fmt::Write, time::Duration};

use crate::{
    cases::{CREATE_BODY, Case, MIX, SMALL},
    machine::Machine,
    target::{Kind, Target},
    wrk::Figures,
};

/// One wrk run against one target.
pub struct Measure {
    /// The target's name.
    pub target: String,
    /// What was asked.
    pub case: Case,
    /// What wrk measured in the median round (by requests per second).
    pub figures: Figures,
    /// Requests per second of every round, in order.
    pub rounds: Vec<f64>,
    /// Resident bytes of the server before the run.
    pub rss_before: Option<u64>,
    /// Resident bytes of the server after the run.
    pub rss_after: Option<u64>,
}

impl Measure {
    /// The measure of a target's rounds: the median round's figures (the
    /// lower of the two middle ones for an even count).
    pub fn of_rounds(
        target: String,
        case: Case,
        rounds: Vec<Figures>,
        rss_before: Option<u64>,
        rss_after: Option<u64>,
    ) -> Measure {
        let rates: Vec<f64> = rounds.iter().map(|f| f.requests_per_second).collect();
        let mut by_rate: Vec<Figures> = rounds;
        by_rate.sort_by(|a, b| a.requests_per_second.total_cmp(&b.requests_per_second));
        let middle = by_rate.len().saturating_sub(1) / 2;
        let figures = if by_rate.is_empty() {
            Figures::default()
        } else {
            by_rate.swap_remove(middle)
        };
        Measure {
            target,
            case,
            figures,
            rounds: rates,
            rss_before,
            rss_after,
        }
    }
}

/// A target's memory before and after its classes were filled.
pub struct Memory {
    /// The target's name.
    pub target: String,
    /// Resident bytes before.
    pub before: Option<u64>,
    /// Resident bytes after the classes were filled.
    pub after: Option<u64>,
    /// Objects stored in between.
    pub objects: usize,
}

/// Everything one run measured.
pub struct Run {
    /// Seconds per round.
    pub seconds: u32,
    /// Rounds per measure.
    pub rounds: u32,
    /// How long the machine took to be idle before the endpoints, in all.
    pub settled: Duration,
    /// Objects in the large class.
    pub objects: usize,
    /// wrk threads.
    pub threads: u32,
    /// wrk connections.
    pub connections: u32,
    /// True for the CI smoke.
    pub smoke: bool,
    /// Seconds of load before each measure, not counted.
    pub warm_up: u32,
    /// Where it ran.
    pub machine: Machine,
    /// The load averages when the run ended.
    pub load_after: String,
    /// The targets measured.
    pub targets: Vec<Target>,
    /// Versions the Parse targets gave (/serverInfo).
    pub versions: Vec<(String, String)>,
    /// Every wrk run.
    pub measures: Vec<Measure>,
    /// Memory per stored object, per Parse target.
    pub memory: Vec<Memory>,
    /// Startup times of the reference server to a first /health answer.
    pub startups: Vec<Duration>,
    /// The whole suite against the embedded server, when timed.
    pub suite: Option<SuiteRun>,
}

/// One run of the whole suite against the embedded reference server.
#[derive(Debug)]
pub struct SuiteRun {
    /// Wall time of the process, start to exit.
    pub elapsed: Duration,
    /// Its last summary line (`conformance: N passed, ...`).
    pub summary: String,
    /// Whether it exited with success.
    pub passed: bool,
}

/// The reference server's name in the measures.
const REFERENCE: &str = "reference server";
/// Parse Server's.
const PARSE_SERVER: &str = "Parse Server";
/// The bare hyper server's.
const BARE: &str = "bare hyper";

impl Run {
    fn find(&self, target: &str, case: Case) -> Option<&Figures> {
        self.measure(target, case).map(|m| &m.figures)
    }

    /// A target's measure of a case.
    fn measure(&self, target: &str, case: Case) -> Option<&Measure> {
        self.measures
            .iter()
            .find(|m| m.target == target && m.case == case)
    }

    /// A table row's first two cells: the endpoint and its class's size.
    fn endpoint_cells(&self, case: Case) -> String {
        format!(
            "| {} | {}",
            case.name(),
            case.objects(self.objects)
                .map_or(String::new(), |n| n.to_string())
        )
    }

    /// The bare hyper measure a case compares with: the same mix, a POST
    /// for the writes, a GET for the rest.
    fn bare_for(&self, case: Case) -> Option<&Figures> {
        let same = match case {
            Case::Mixed => Case::Mixed,
            c if c.writes() => Case::Create,
            _ => Case::UsersMe,
        };
        self.find(BARE, same)
    }

    fn has(&self, target: &str) -> bool {
        self.targets.iter().any(|t| t.name == target)
    }

    fn median_startup(&self) -> Option<Duration> {
        let mut sorted = self.startups.clone();
        sorted.sort();
        sorted.get(sorted.len() / 2).copied()
    }
}

/// The whole report.
pub fn markdown(run: &Run) -> String {
    let mut out = String::new();
    let m = &run.machine;
    let _ = writeln!(out, "# Benchmarks\n");
    if run.smoke {
        let _ = writeln!(
            out,
            "**CI smoke** (`bench/run.sh --smoke`): 1-second measures on small classes, a \
             debug build, bcrypt cost 4. It shows that the benchmark runs; its figures mean \
             nothing.\n"
        );
    }
    let parse_version = run
        .versions
        .iter()
        .find(|(t, _)| t == PARSE_SERVER)
        .map_or(String::new(), |(_, v)| format!(" {v}"));
    let _ = writeln!(
        out,
        "Written by `bench/run.sh` on {}. Measured in one run on one machine, each \
         endpoint on every server in turn: {}. **Ratios measured in one run are the figures to \
         trust**; absolute numbers move from run to run and with the machine's load.\n",
        m.date,
        run.targets
            .iter()
            .map(|t| match (t.kind, t.name.as_str()) {
                (Kind::Bare, _) => "a bare hyper server answering a fixed 50-byte JSON \
                                    (the physical limit)"
                    .to_owned(),
                (_, REFERENCE) => format!("the reference server ({} build)", build()),
                (_, PARSE_SERVER) => format!("Parse Server{parse_version} on PostgreSQL"),
                (_, name) => name.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        out,
        "- Machine: {}, {} cores, {:.1} GiB RAM, Linux {}; load average (1, 5, 15 min) when \
         the run began: {}, when it ended: {}.",
        m.cpu,
        m.cores,
        m.memory as f64 / 1073741824.0,
        m.kernel,
        m.load,
        run.load_after
    );
    let _ = writeln!(
        out,
        "- Method: `{}` (`wrk -t{} -c{} -d{}s --latency`), loopback (127.0.0.1), the load \
         generator on the same 2 cores as the server; client requests with the REST API \
         key; {}; {}; before each endpoint the command waited for the machine to be idle \
         (CPUs under 15% busy over half a second, 20 s at most; {:.1} s in all); servers and \
         wrk started by the command.\n",
        if m.wrk.is_empty() { "wrk" } else { &m.wrk },
        run.threads,
        run.connections,
        run.seconds,
        if run.rounds > 1 {
            format!(
                "each measure is {} rounds of that, the servers taking turns round by round, \
                 and each figure is a server's median round (the requests per second of every \
                 round follow the first table)",
                run.rounds
            )
        } else {
            "one round per measure".to_owned()
        },
        if run.warm_up > 0 {
            format!(
                "each measure follows {} s of the same load, not counted (a warm-up)",
                run.warm_up
            )
        } else {
            "no warm-up".to_owned()
        },
        run.settled.as_secs_f64()
    );

    throughput(&mut out, run);
    rounds(&mut out, run);
    targets(&mut out, run);
    memory(&mut out, run);
    notes(&mut out, run);
    out
}

/// The cargo profile of this build (the reference server's is the same).
fn build() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

/// `1234`, or an empty cell.
fn rate(f: Option<&Figures>) -> String {
    f.map_or(String::new(), |f| format!("{:.0}", f.requests_per_second))
}

/// `0.41 / 3.63`, or an empty cell.
fn latency(f: Option<&Figures>) -> String {
    f.map_or(String::new(), |f| {
        format!("{:.2} / {:.2}", f.p50_ms, f.p99_ms)
    })
}

/// `15.4x`, or an empty cell.
fn ratio(a: Option<&Figures>, b: Option<&Figures>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b.requests_per_second > 0.0 => {
            let r = a.requests_per_second / b.requests_per_second;
            if r >= 10.0 {
                format!("{r:.0}x")
            } else if r >= 0.1 {
                format!("{r:.2}x")
            } else {
                format!("{r:.4}x")
            }
        }
        _ => String::new(),
    }
}

fn mib(bytes: Option<u64>) -> String {
    bytes.map_or("unknown".into(), |b| {
        format!("{:.1} MiB", b as f64 / 1048576.0)
    })
}

fn throughput(out: &mut String, run: &Run) {
    let ps = run.has(PARSE_SERVER);
    let bare = run.has(BARE);
    let _ = writeln!(out, "## Requests per second and latency\n");
    let mut head = "| endpoint | objects | reference req/s | p50 / p99 ms".to_owned();
    let mut rule = "|---|---:|---:|---:".to_owned();
    if ps {
        head += " | Parse Server req/s | p50 / p99 ms";
        rule += "|---:|---:";
    }
    if bare {
        head += " | bare hyper req/s | p50 / p99 ms";
        rule += "|---:|---:";
    }
    if ps {
        head += " | reference / Parse Server";
        rule += "|---:";
    }
    if bare {
        head += " | reference / bare hyper";
        rule += "|---:";
    }
    if ps && bare {
        head += " | bare hyper / Parse Server (the ceiling)";
        rule += "|---:";
    }
    head += " | errors |";
    rule += "|---:|";
    let _ = writeln!(out, "{head}\n{rule}");
    for case in Case::all() {
        let reference = run.find(REFERENCE, case);
        if reference.is_none() {
            continue;
        }
        let theirs = run.find(PARSE_SERVER, case);
        let limit = run.find(BARE, case);
        let mut row = format!(
            "{} | {} | {}",
            run.endpoint_cells(case),
            rate(reference),
            latency(reference)
        );
        if ps {
            let _ = write!(row, " | {} | {}", rate(theirs), latency(theirs));
        }
        if bare {
            let _ = write!(row, " | {} | {}", rate(limit), latency(limit));
        }
        if ps {
            let _ = write!(row, " | {}", ratio(reference, theirs));
        }
        if bare {
            let _ = write!(row, " | {}", ratio(reference, run.bare_for(case)));
        }
        if ps && bare {
            let _ = write!(row, " | {}", ratio(run.bare_for(case), theirs));
        }
        let errors: Vec<String> = [REFERENCE, PARSE_SERVER, BARE]
            .iter()
            .filter(|t| run.has(t))
            .map(|t| {
                run.find(t, case)
                    .map_or("–".into(), |f| f.errors.to_string())
            })
            .collect();
        let _ = writeln!(row, " | {} |", errors.join(" / "));
        out.push_str(&row);
    }
    let _ = writeln!(
        out,
        "\nErrors are non-2xx answers plus socket errors, per server ({}). The bare hyper \
         server answers the same JSON to anything, so it is measured three times: a GET \
         (with the headers of GET /users/me), a POST with a create's body, and the mixed \
         workload; `reference / bare hyper` compares each GET with its GET, POST /login and \
         the creates with its POST, the mix with its mix. `bare hyper / Parse Server` is the \
         most any server could reach against Parse Server on this machine: where it is under \
         50x, so is every server.\n",
        [REFERENCE, PARSE_SERVER, BARE]
            .iter()
            .filter(|t| run.has(t))
            .copied()
            .collect::<Vec<_>>()
            .join(" / ")
    );
}

/// Requests per second of every round, when there were several.
fn rounds(out: &mut String, run: &Run) {
    if run.rounds < 2 {
        return;
    }
    let names: Vec<&str> = [REFERENCE, PARSE_SERVER, BARE]
        .into_iter()
        .filter(|t| run.has(t))
        .collect();
    let _ = writeln!(
        out,
        "Requests per second of each round, in the order they ran (the servers took turns \
         in each round):\n"
    );
    let _ = writeln!(
        out,
        "| endpoint | objects | {} |\n|---|---:|{}",
        names.join(" | "),
        "---|".repeat(names.len())
    );
    for case in Case::all() {
        let mut row = run.endpoint_cells(case);
        for name in &names {
            let rates = run.measure(name, case).map_or(String::new(), |m| {
                m.rounds
                    .iter()
                    .map(|r| format!("{r:.0}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            let _ = write!(row, " | {rates}");
        }
        let _ = writeln!(out, "{row} |");
    }
    out.push('\n');
}

/// The targets for the reference server, against this run.
fn targets(out: &mut String, run: &Run) {
    let _ = writeln!(out, "## The reference server against issue 14's targets\n");
    let _ = writeln!(out, "| target | measured here | met |");
    let _ = writeln!(out, "|---|---|---|");
    let met = |ok: bool| if ok { "yes" } else { "no" };
    if let (Some(me), Some(limit)) = (
        run.find(REFERENCE, Case::UsersMe),
        run.find(BARE, Case::UsersMe),
    ) {
        let share = me.requests_per_second / limit.requests_per_second;
        let _ = writeln!(
            out,
            "| GET /users/me at 70% or more of bare hyper | {:.0}% ({:.0} / {:.0} req/s) | {} |",
            share * 100.0,
            me.requests_per_second,
            limit.requests_per_second,
            met(share >= 0.7)
        );
    }
    if run.has(PARSE_SERVER) {
        let mut ratios: Vec<(String, f64)> = Case::all()
            .into_iter()
            .filter_map(|case| {
                let a = run.find(REFERENCE, case)?;
                let b = run.find(PARSE_SERVER, case)?;
                let objects = case
                    .objects(run.objects)
                    .map_or(String::new(), |n| format!(", {n} objects"));
                Some((
                    format!("{}{objects}", case.name()),
                    a.requests_per_second / b.requests_per_second,
                ))
            })
            .collect();
        ratios.sort_by(|a, b| a.1.total_cmp(&b.1));
        let below: Vec<String> = ratios
            .iter()
            .filter(|(_, r)| *r < 50.0)
            .map(|(name, r)| format!("{name} ({r:.1}x)"))
            .collect();
        let lowest = ratios
            .first()
            .map_or("none".into(), |(n, r)| format!("{r:.1}x ({n})"));
        let _ = writeln!(
            out,
            "| every endpoint at 50x Parse Server or more, at {} objects too | lowest {lowest}; below 50x: {} | {} |",
            run.objects,
            if below.is_empty() {
                "none".into()
            } else {
                below.join("; ")
            },
            met(below.is_empty())
        );
    }
    if let Some(median) = run.median_startup() {
        let min = run.startups.iter().min().copied().unwrap_or_default();
        let max = run.startups.iter().max().copied().unwrap_or_default();
        let _ = writeln!(
            out,
            "| startup to a first /health answer under 20 ms | median {:.1} ms over {} starts (min {:.1}, max {:.1}) | {} |",
            median.as_secs_f64() * 1000.0,
            run.startups.len(),
            min.as_secs_f64() * 1000.0,
            max.as_secs_f64() * 1000.0,
            met(median < Duration::from_millis(20))
        );
    }
    if let Some(per_object) = run
        .memory
        .iter()
        .find(|m| m.target == REFERENCE)
        .and_then(per_object)
    {
        let _ = writeln!(
            out,
            "| memory per small object at most 600 bytes | {per_object:.0} bytes (resident growth over {} stored objects) | {} |",
            run.memory
                .iter()
                .find(|m| m.target == REFERENCE)
                .map_or(0, |m| m.objects),
            met(per_object <= 600.0)
        );
    }
    match &run.suite {
        Some(suite) => {
            let _ = writeln!(
                out,
                "| the whole suite against the embedded server under 5 s | {:.1} s (`parse-conformance` release build, wall time; {}) | {} |",
                suite.elapsed.as_secs_f64(),
                suite.summary,
                met(suite.passed && suite.elapsed < Duration::from_secs(5))
            );
            let _ = writeln!(out);
        }
        None => {
            let _ = writeln!(
                out,
                "\nThe whole suite against the embedded server is not timed in this run \
                 (`--suite` names the runner to time).\n"
            );
        }
    }
}

fn per_object(m: &Memory) -> Option<f64> {
    Some(m.after?.saturating_sub(m.before?) as f64 / m.objects as f64)
}

fn memory(out: &mut String, run: &Run) {
    let _ = writeln!(out, "## Memory\n");
    let _ = writeln!(
        out,
        "Resident memory (VmRSS of /proc/<pid>/status) of each server process.\n"
    );
    let _ = writeln!(
        out,
        "| server | before storing | after storing | objects stored | bytes per object |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    for m in &run.memory {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            m.target,
            mib(m.before),
            mib(m.after),
            m.objects,
            per_object(m).map_or("unknown".into(), |b| format!("{b:.0}"))
        );
    }
    let _ = writeln!(
        out,
        "\nBefore each measure's warm-up and after the measure (the creates and the mix \
         store objects; the logins store sessions):\n"
    );
    let _ = writeln!(out, "| endpoint | objects | server | before | after |");
    let _ = writeln!(out, "|---|---:|---|---:|---:|");
    for measure in &run.measures {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            measure.case.name(),
            measure
                .case
                .objects(run.objects)
                .map_or(String::new(), |n| n.to_string()),
            measure.target,
            mib(measure.rss_before),
            mib(measure.rss_after)
        );
    }
    let _ = writeln!(out);
}

fn notes(out: &mut String, run: &Run) {
    let _ = writeln!(out, "## What is measured\n");
    let _ = writeln!(
        out,
        "- Objects: `{{\"name\": \"n<i>\", \"group\": i % 50, \"flag\": i even}}`, stored \
         through /batch (50 per batch) with the master key, without ACL, in a class of \
         {SMALL} and one of {}. The finds read `limit=10` without a constraint, with \
         `where={{\"group\":7}}` (1 object in 50 matches) and with `where={{\"name\":\"n42\"}}` \
         (one matches); one request goes out before each find's measure (what a server \
         builds lazily, as an index, is built then, as a warm-up would).",
        run.objects
    );
    let _ = writeln!(
        out,
        "- GET /users/me sends the session token of a user signed up before; POST /login \
         sends that user's name and password (each login makes a new session). bcrypt cost: {}.",
        run.targets
            .iter()
            .filter(|t| t.kind == Kind::Parse)
            .map(|t| format!("{} {}", t.name, t.bcrypt))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let _ = writeln!(
        out,
        "- POST /classes/C sends `{CREATE_BODY}` into a class made before (client requests \
         may not create classes)."
    );
    let _ = writeln!(out, "- Mixed read/write: {MIX}.");
    let _ = writeln!(
        out,
        "- The bare hyper server (`bench/src/bin/bare-hyper.rs`): hyper 1 on tokio's \
         multi-threaded runtime, no framework; it reads each request's body and answers \
         `{{\"objectId\":\"AbCdEf1234\",\"createdAt\":\"2026-11-30\"}}` (50 bytes) with 200."
    );
    let _ = writeln!(
        out,
        "- Startup: from the spawn of the binary to its first 200 answer to GET \
         /parse/health (polled every 0.2 ms over fresh connections), over fresh processes \
         and the measured one."
    );
    if run.has(PARSE_SERVER) {
        let _ = writeln!(
            out,
            "- Parse Server: the main instance `targets/parse-server/start.sh` starts (on a \
             fresh database; the script also starts its five other instances, idle here), \
             stopped at the end by `stop.sh`. Its memory is the Node.js process only \
             (PostgreSQL holds the rows)."
        );
    }
}
