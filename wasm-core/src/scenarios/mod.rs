//! Scenarios run on the event engine: a traffic spike with an autoscaler,
//! live migration, patch day, and a CloudSim-shaped datacenter run.
//!
//! # Parameters (the one layout description)
//! Each scenario has one table of [`ParamSpec`]s. The caller passes a flat
//! `f64` array holding the values in table order (choices and flags as
//! integers); a scenario may accept a variable-length tail after them (the
//! traffic spike's demand points). Names are dotted paths
//! (`autoscaler.cooldownS`) so the JSON schema of the CLI and the error
//! messages use the same names. Every default carries a short citation of
//! its published source (an entry of the site's references page) or says
//! "modelling choice". A row also holds
//! what a widget's control needs (step, log scale, the slider's range for the
//! lesson), so this table is the one place a parameter is declared:
//! `npm run generate` writes it to `src/sim/params.generated.ts`, from which
//! the widgets' controls, URL state, embed options, docs tables and the CLI
//! schema follow (see ARCHITECTURE.md, "A new parameter").
//!
//! # Results (one layout for every scenario)
//! `[rows, cols, nSummary, summary[nSummary]..., column 0[rows], column 1[rows], ...]`:
//! a header, named summary values, then the time series column by column so
//! each column is one contiguous typed-array view on the JS side.

// Which scenarios a build holds follows its Cargo features: the web's
// scenarios module has the first three, the datacenter run needs placement.
#[cfg(feature = "scenarios")]
pub mod cpu_throttle;
#[cfg(feature = "datacenter")]
pub mod datacenter;
#[cfg(feature = "scenarios")]
pub mod migration;
#[cfg(feature = "scenarios")]
pub mod patch_day;
#[cfg(feature = "scenarios")]
pub mod traffic_spike;

use crate::error::{Error, ErrorCode, Num};

/// Largest integer an f64 holds exactly; seeds may be up to this.
pub const MAX_SEED: f64 = 9_007_199_254_740_991.0;

/// Events a single run may process before it is an error.
pub const MAX_EVENTS: u64 = 50_000_000;

/// Label for defaults that are picks, not published figures.
pub const CHOICE: &str = "modelling choice";

// Start times of a container and of a container in a microVM, on one basis:
// `docker run` end to end, CLI and daemon included, from one measurement.
// Patch day and the traffic spike compare the two with these.
pub const DOCKER_RUN_RUNC_S: f64 = 0.607;
pub const DOCKER_RUN_RUNC_SOURCE: &str =
    "Quark container start benchmark: docker run with runc, 607 ms to the app's first command (CLI and daemon included)";
pub const DOCKER_RUN_KATA_S: f64 = 1.747;
pub const DOCKER_RUN_KATA_SOURCE: &str =
    "Quark container start benchmark: docker run with Kata Containers (a container in a lightweight VM), 1747 ms, on the same basis as the container's 607 ms";

/// One scenario parameter.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    pub name: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    /// Integers only (counts, choices, 0/1 flags).
    pub integer: bool,
    pub unit: &'static str,
    /// Where the default comes from (a short citation) or [`CHOICE`].
    pub source: &'static str,
    /// Granularity of a control (0: any value; integers default to 1).
    pub step: f64,
    /// Whether a slider spaces its positions logarithmically (ranges over
    /// several orders of magnitude).
    pub log: bool,
    /// The range a widget's control offers: the span that fits the lesson,
    /// inside [`min`, `max`] (the range the core accepts).
    pub slider_min: f64,
    pub slider_max: f64,
    /// Names this parameter had before (a unit made exact, say): a scenario
    /// file that uses one is told the new name rather than "unknown".
    pub formerly: &'static [&'static str],
}

impl ParamSpec {
    /// A parameter whose control offers its whole accepted range.
    pub const fn new(
        name: &'static str,
        default: f64,
        min: f64,
        max: f64,
        integer: bool,
        unit: &'static str,
        source: &'static str,
    ) -> ParamSpec {
        ParamSpec {
            name,
            default,
            min,
            max,
            integer,
            unit,
            source,
            step: if integer { 1.0 } else { 0.0 },
            log: false,
            slider_min: min,
            slider_max: max,
            formerly: &[],
        }
    }

    /// The control's granularity.
    pub const fn step(self, step: f64) -> ParamSpec {
        ParamSpec { step, ..self }
    }

    /// A logarithmic slider.
    pub const fn log(self) -> ParamSpec {
        ParamSpec { log: true, ..self }
    }

    /// Earlier names of this parameter (see [`ParamSpec::formerly`]).
    pub const fn formerly(self, formerly: &'static [&'static str]) -> ParamSpec {
        ParamSpec { formerly, ..self }
    }

    /// The control's range (the lesson's span; the core still accepts `min..=max`).
    pub const fn slider(self, slider_min: f64, slider_max: f64) -> ParamSpec {
        ParamSpec {
            slider_min,
            slider_max,
            ..self
        }
    }
}

/// Shorthand for [`ParamSpec::new`], so that each scenario's table stays one
/// row per parameter.
pub const fn p(
    name: &'static str,
    default: f64,
    min: f64,
    max: f64,
    integer: bool,
    unit: &'static str,
    source: &'static str,
) -> ParamSpec {
    ParamSpec::new(name, default, min, max, integer, unit, source)
}

/// A preset's replacement of a default: `(variant, name, value, source)`.
pub type Override = (u32, &'static str, f64, &'static str);

/// A lesson preset: the values one button of a widget sets, for every run
/// (variant `""`) or for one variant's run, with the sources of those values
/// (joined with "; " in the spec).
pub struct Lesson {
    pub id: &'static str,
    pub sources: &'static [&'static str],
    /// `(variant or "", parameter, value)`.
    pub values: &'static [(&'static str, &'static str, f64)],
}

/// A named output (column or summary value) with its unit.
pub type Output = (&'static str, &'static str);

/// Scenario kinds across the ABI.
pub const KIND_TRAFFIC_SPIKE: u32 = 1;
pub const KIND_MIGRATION: u32 = 2;
pub const KIND_PATCH_DAY: u32 = 3;
pub const KIND_DATACENTER: u32 = 4;
pub const KIND_CPU_THROTTLE: u32 = 5;

struct Tables {
    /// The scenario's name in files and URLs (`traffic-spike`).
    name: &'static str,
    params: &'static [ParamSpec],
    overrides: &'static [Override],
    lessons: &'static [Lesson],
    variants: &'static [&'static str],
    columns: &'static [Output],
    summary: &'static [Output],
}

fn tables(kind: u32) -> Result<Tables, Error> {
    match kind {
        #[cfg(feature = "scenarios")]
        KIND_TRAFFIC_SPIKE => Ok(Tables {
            name: "traffic-spike",
            params: traffic_spike::PARAMS,
            overrides: traffic_spike::OVERRIDES,
            lessons: traffic_spike::LESSONS,
            variants: traffic_spike::VARIANTS,
            columns: traffic_spike::COLUMNS,
            summary: traffic_spike::SUMMARY,
        }),
        #[cfg(feature = "scenarios")]
        KIND_MIGRATION => Ok(Tables {
            name: "migration",
            params: migration::PARAMS,
            overrides: migration::OVERRIDES,
            lessons: &[],
            variants: migration::VARIANTS,
            columns: migration::COLUMNS,
            summary: migration::SUMMARY,
        }),
        #[cfg(feature = "scenarios")]
        KIND_PATCH_DAY => Ok(Tables {
            name: "patch-day",
            params: patch_day::PARAMS,
            overrides: patch_day::OVERRIDES,
            lessons: patch_day::LESSONS,
            variants: patch_day::VARIANTS,
            columns: patch_day::COLUMNS,
            summary: patch_day::SUMMARY,
        }),
        #[cfg(feature = "datacenter")]
        KIND_DATACENTER => Ok(Tables {
            name: "datacenter",
            params: datacenter::PARAMS,
            overrides: datacenter::OVERRIDES,
            lessons: &[],
            variants: datacenter::VARIANTS,
            columns: datacenter::COLUMNS,
            summary: datacenter::SUMMARY,
        }),
        #[cfg(feature = "scenarios")]
        KIND_CPU_THROTTLE => Ok(Tables {
            name: "cpu-throttle",
            params: cpu_throttle::PARAMS,
            overrides: cpu_throttle::OVERRIDES,
            lessons: &[],
            variants: cpu_throttle::VARIANTS,
            columns: cpu_throttle::COLUMNS,
            summary: cpu_throttle::SUMMARY,
        }),
        _ => Err(missing_kind(kind)),
    }
}

/// The error for a kind this build does not hold (or that does not exist).
fn missing_kind(kind: u32) -> Error {
    let name = match kind {
        KIND_TRAFFIC_SPIKE => "traffic spike",
        KIND_MIGRATION => "migration",
        KIND_PATCH_DAY => "patch day",
        KIND_DATACENTER => "datacenter",
        KIND_CPU_THROTTLE => "CPU throttling",
        _ => return Error::out_of_range("scenario", kind as f64, 1.0, 5.0),
    };
    let part = if kind == KIND_DATACENTER {
        "datacenter"
    } else {
        "scenarios"
    };
    Error::new(
        ErrorCode::Inconsistent,
        "scenario",
        format!(
            "the {} scenario (scenario {}) is not in this core module; it is in the {} module",
            name, kind, part
        ),
    )
}

/// The default parameter values of `kind` for preset `variant`, and each value's source.
pub fn preset(kind: u32, variant: u32) -> Result<(Vec<f64>, Vec<&'static str>), Error> {
    let t = tables(kind)?;
    if variant as usize >= t.variants.len() {
        return Err(Error::out_of_range(
            "variant",
            variant as f64,
            0.0,
            (t.variants.len() - 1) as f64,
        ));
    }
    let mut values: Vec<f64> = t.params.iter().map(|p| p.default).collect();
    let mut sources: Vec<&'static str> = t.params.iter().map(|p| p.source).collect();
    for &(v, name, value, source) in t.overrides {
        if v == variant {
            if let Some(i) = t.params.iter().position(|p| p.name == name) {
                values[i] = value;
                sources[i] = source;
            }
        }
    }
    Ok((values, sources))
}

/// Values per parameter in [`spec_numbers`].
pub const SPEC_STRIDE: usize = 8;

/// Numeric spec of `kind`/`variant`: per parameter
/// `[default, min, max, integer, step, log, sliderMin, sliderMax]`.
pub fn spec_numbers(kind: u32, variant: u32) -> Result<Vec<f64>, Error> {
    let t = tables(kind)?;
    let (values, _) = preset(kind, variant)?;
    let mut out = Vec::with_capacity(t.params.len() * SPEC_STRIDE);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    for (p, v) in t.params.iter().zip(values) {
        out.extend_from_slice(&[
            v,
            p.min,
            p.max,
            flag(p.integer),
            p.step,
            flag(p.log),
            p.slider_min,
            p.slider_max,
        ]);
    }
    Ok(out)
}

/// Text spec of `kind`/`variant`, one line each:
/// `scenario\t<name>`, `variant\t<name>`, `param\t<name>\t<unit>\t<source>`,
/// `formerly\t<name>\t<earlier name>` (after its param), `column\t<name>\t<unit>`,
/// `lesson\t<id>\t<sources>`, `set\t<lesson>\t<variant or empty>\t<param>\t<value>`,
/// `summary\t<name>\t<unit>`, in table order. The TS mirror is tested against it.
pub fn spec_text(kind: u32, variant: u32) -> Result<String, Error> {
    let t = tables(kind)?;
    let (_, sources) = preset(kind, variant)?;
    let mut s = format!("scenario\t{}\n", t.name);
    for v in t.variants {
        s.push_str(&format!("variant\t{}\n", v));
    }
    for (p, src) in t.params.iter().zip(sources) {
        s.push_str(&format!("param\t{}\t{}\t{}\n", p.name, p.unit, src));
        for old in p.formerly {
            s.push_str(&format!("formerly\t{}\t{}\n", p.name, old));
        }
    }
    for l in t.lessons {
        s.push_str(&format!("lesson\t{}\t{}\n", l.id, l.sources.join("; ")));
        for (v, name, value) in l.values {
            s.push_str(&format!(
                "set\t{}\t{}\t{}\t{}\n",
                l.id,
                v,
                name,
                Num(*value)
            ));
        }
    }
    for (n, u) in t.columns {
        s.push_str(&format!("column\t{}\t{}\n", n, u));
    }
    for (n, u) in t.summary {
        s.push_str(&format!("summary\t{}\t{}\n", n, u));
    }
    Ok(s)
}

/// Checks `values` against `specs` (range and integrality); returns the tail
/// after the table. `allow_tail` says whether extra values may follow.
pub fn validate<'a>(
    specs: &[ParamSpec],
    values: &'a [f64],
    allow_tail: bool,
) -> Result<&'a [f64], Error> {
    if values.len() < specs.len() || (!allow_tail && values.len() != specs.len()) {
        return Err(Error::new(
            ErrorCode::BadBuffer,
            "params",
            format!(
                "expected {} parameter values{}, got {}",
                specs.len(),
                if allow_tail { " or more" } else { "" },
                values.len()
            ),
        ));
    }
    for (p, &v) in specs.iter().zip(values) {
        check(p, v)?;
    }
    Ok(&values[specs.len()..])
}

/// Checks one value against its spec.
pub fn check(p: &ParamSpec, v: f64) -> Result<f64, Error> {
    if !(v.is_finite() && v >= p.min && v <= p.max) || (p.integer && v.floor() != v) {
        let kind = if p.integer { "an integer" } else { "a number" };
        return Err(Error::new(
            ErrorCode::OutOfRange,
            p.name,
            format!(
                "{} must be {} from {} to {}, got {}",
                p.name,
                kind,
                Num(p.min),
                Num(p.max),
                Num(v)
            ),
        ));
    }
    Ok(v)
}

/// Looks up a validated value by name (a tiny linear search: tables are short).
pub fn get(specs: &[ParamSpec], values: &[f64], name: &str) -> Result<f64, Error> {
    match specs.iter().position(|p| p.name == name) {
        Some(i) if i < values.len() => Ok(values[i]),
        _ => Err(Error::new(
            ErrorCode::Inconsistent,
            name,
            format!("unknown parameter {}", name),
        )),
    }
}

/// Packs a result in the common layout (see the module docs).
pub fn pack(summary: &[f64], columns: &[Vec<f64>]) -> Vec<f64> {
    let rows = columns.first().map_or(0, |c| c.len());
    let mut out = Vec::with_capacity(3 + summary.len() + rows * columns.len());
    out.push(rows as f64);
    out.push(columns.len() as f64);
    out.push(summary.len() as f64);
    out.extend_from_slice(summary);
    for c in columns {
        out.extend_from_slice(c);
    }
    out
}

/// Splits a 64-bit trace hash into two exactly representable f64 halves (high, low).
pub fn hash_halves(h: u64) -> [f64; 2] {
    [(h >> 32) as f64, (h & 0xFFFF_FFFF) as f64]
}

/// A scenario run in progress, steppable so callers can report progress and cancel.
pub enum Sim {
    #[cfg(feature = "scenarios")]
    TrafficSpike(Box<traffic_spike::TrafficSim>),
    #[cfg(feature = "scenarios")]
    Migration(Box<migration::MigrationSim>),
    #[cfg(feature = "scenarios")]
    PatchDay(Box<patch_day::PatchSim>),
    #[cfg(feature = "datacenter")]
    Datacenter(Box<datacenter::DatacenterSim>),
    #[cfg(feature = "scenarios")]
    CpuThrottle(Box<cpu_throttle::ThrottleSim>),
}

impl Sim {
    pub fn new(kind: u32, values: &[f64]) -> Result<Sim, Error> {
        match kind {
            #[cfg(feature = "scenarios")]
            KIND_TRAFFIC_SPIKE => Ok(Sim::TrafficSpike(Box::new(traffic_spike::TrafficSim::new(
                values,
            )?))),
            #[cfg(feature = "scenarios")]
            KIND_MIGRATION => Ok(Sim::Migration(Box::new(migration::MigrationSim::new(
                values,
            )?))),
            #[cfg(feature = "scenarios")]
            KIND_PATCH_DAY => Ok(Sim::PatchDay(Box::new(patch_day::PatchSim::new(values)?))),
            #[cfg(feature = "datacenter")]
            KIND_DATACENTER => Ok(Sim::Datacenter(Box::new(datacenter::DatacenterSim::new(
                values,
            )?))),
            #[cfg(feature = "scenarios")]
            KIND_CPU_THROTTLE => Ok(Sim::CpuThrottle(Box::new(cpu_throttle::ThrottleSim::new(
                values,
            )?))),
            _ => Err(missing_kind(kind)),
        }
    }

    /// Processes at most `budget` events; `true` once the run is complete.
    pub fn step(&mut self, budget: u64) -> Result<bool, Error> {
        match self {
            #[cfg(feature = "scenarios")]
            Sim::TrafficSpike(s) => s.step(budget),
            #[cfg(feature = "scenarios")]
            Sim::Migration(s) => s.step(budget),
            #[cfg(feature = "scenarios")]
            Sim::PatchDay(s) => s.step(budget),
            #[cfg(feature = "datacenter")]
            Sim::Datacenter(s) => s.step(budget),
            #[cfg(feature = "scenarios")]
            Sim::CpuThrottle(s) => s.step(budget),
        }
    }

    /// `[done, progress 0..1, events processed]`.
    pub fn status(&self) -> [f64; 3] {
        match self {
            #[cfg(feature = "scenarios")]
            Sim::TrafficSpike(s) => s.status(),
            #[cfg(feature = "scenarios")]
            Sim::Migration(s) => s.status(),
            #[cfg(feature = "scenarios")]
            Sim::PatchDay(s) => s.status(),
            #[cfg(feature = "datacenter")]
            Sim::Datacenter(s) => s.status(),
            #[cfg(feature = "scenarios")]
            Sim::CpuThrottle(s) => s.status(),
        }
    }

    /// The packed result; an error until the run is complete.
    pub fn result(&self) -> Result<Vec<f64>, Error> {
        match self {
            #[cfg(feature = "scenarios")]
            Sim::TrafficSpike(s) => s.result(),
            #[cfg(feature = "scenarios")]
            Sim::Migration(s) => s.result(),
            #[cfg(feature = "scenarios")]
            Sim::PatchDay(s) => s.result(),
            #[cfg(feature = "datacenter")]
            Sim::Datacenter(s) => s.result(),
            #[cfg(feature = "scenarios")]
            Sim::CpuThrottle(s) => s.result(),
        }
    }
}

/// Runs a scenario to completion and returns its packed result.
pub fn run(kind: u32, values: &[f64]) -> Result<Vec<f64>, Error> {
    let mut sim = Sim::new(kind, values)?;
    while !sim.step(u64::MAX)? {}
    sim.result()
}

pub(crate) fn not_finished() -> Error {
    Error::new(
        ErrorCode::Inconsistent,
        "handle",
        "the run has not finished; step it to completion first".to_string(),
    )
}

/// cos(x) from + − × ÷ only, so native and wasm agree to the bit (libm's cos
/// may differ between platforms in the last place). Error below 1e-15.
pub fn det_cos(x: f64) -> f64 {
    const TWO_PI: f64 = std::f64::consts::TAU;
    const PI: f64 = std::f64::consts::PI;
    if !x.is_finite() {
        return f64::NAN;
    }
    let mut r = x - (x / TWO_PI).floor() * TWO_PI; // [0, 2π)
    if r > PI {
        r -= TWO_PI; // (−π, π]
    }
    // cos is even; fold into [0, π/2] with cos(π − r) = −cos(r).
    let mut r = if r < 0.0 { -r } else { r };
    let mut sign = 1.0;
    if r > PI / 2.0 {
        r = PI - r;
        sign = -1.0;
    }
    // Taylor series to r^22 (|r| ≤ π/2: remainder < 1e-17).
    let r2 = r * r;
    let mut term = 1.0;
    let mut sum = 1.0;
    let mut k = 1.0;
    while k < 23.0 {
        term *= -r2 / (k * (k + 1.0));
        sum += term;
        k += 2.0;
    }
    sign * sum
}

/// ln(x) for x > 0 from + − × ÷ only (bit-identical natively and in wasm,
/// like [`det_cos`]): x = m·2ᵏ with m in [1, 2), then
/// ln m = 2·atanh((m − 1)/(m + 1)) by its series. Error below 1e-15 relative.
pub fn det_ln(x: f64) -> f64 {
    const LN2: f64 = std::f64::consts::LN_2;
    if x.is_nan() || x <= 0.0 || !x.is_finite() {
        return f64::NAN;
    }
    let (mut m, mut k) = (x, 0.0);
    while m >= 2.0 {
        m /= 2.0;
        k += 1.0;
    }
    while m < 1.0 {
        m *= 2.0;
        k -= 1.0;
    }
    let z = (m - 1.0) / (m + 1.0); // [0, 1/3)
    let z2 = z * z;
    let (mut term, mut sum, mut n) = (z, 0.0, 1.0);
    while n < 60.0 {
        sum += term / n;
        term *= z2;
        n += 2.0;
    }
    2.0 * sum + k * LN2
}

/// eˣ from + − × ÷ only: x = k·ln 2 + r with |r| ≤ ln 2 / 2, Taylor series for eʳ.
pub fn det_exp(x: f64) -> f64 {
    const LN2: f64 = std::f64::consts::LN_2;
    if x.is_nan() {
        return f64::NAN;
    }
    if x > 709.0 {
        return f64::INFINITY;
    }
    if x < -745.0 {
        return 0.0;
    }
    let k = (x / LN2 + 0.5).floor();
    let r = x - k * LN2;
    let (mut term, mut sum, mut n) = (1.0, 1.0, 1.0);
    while n < 25.0 {
        term *= r / n;
        sum += term;
        n += 1.0;
    }
    let mut i = 0.0;
    while i < k {
        sum *= 2.0;
        i += 1.0;
    }
    while i > k {
        sum /= 2.0;
        i -= 1.0;
    }
    sum
}

/// xᵉ for x ≥ 0 (0ᵉ = 0 for e > 0, x⁰ = 1), deterministic across platforms.
pub fn det_pow(x: f64, e: f64) -> f64 {
    if e == 0.0 {
        return 1.0;
    }
    if x == 0.0 {
        return 0.0;
    }
    det_exp(e * det_ln(x))
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Helpers the scenario tests share: run a preset with some parameters
    //! changed by name, and read a summary value or a column by name from the
    //! packed result `[rows, cols, nSummary, summary…, columns…]`.
    use super::{preset, run, Output, ParamSpec};
    use crate::error::Error;

    pub fn run_with(
        kind: u32,
        params: &[ParamSpec],
        variant: u32,
        edit: &[(&str, f64)],
    ) -> Result<Vec<f64>, Error> {
        let (mut v, _) = preset(kind, variant)?;
        for &(n, x) in edit {
            v[params.iter().position(|p| p.name == n).expect("known")] = x;
        }
        run(kind, &v)
    }

    pub fn summary(outputs: &[Output], v: &[f64], name: &str) -> f64 {
        v[3 + outputs.iter().position(|s| s.0 == name).unwrap()]
    }

    pub fn column(outputs: &[Output], v: &[f64], name: &str) -> Vec<f64> {
        let rows = v[0] as usize;
        let base = 3 + v[2] as usize + rows * outputs.iter().position(|c| c.0 == name).unwrap();
        v[base..base + rows].to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn det_pow_matches_libm() {
        for &x in &[
            1e-9_f64, 0.006, 0.5, 1.0, 1.5, 2.0, 16.0, 1000.0, 65536.0, 1e12,
        ] {
            for &e in &[0.0, 0.25, 0.5, 0.75, 1.0] {
                let want = x.powf(e);
                assert!(
                    (det_pow(x, e) - want).abs() <= 1e-13 * want.max(1.0),
                    "{}^{}",
                    x,
                    e
                );
            }
        }
        assert_eq!(det_pow(0.0, 0.5), 0.0);
        assert!((det_ln(std::f64::consts::E) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn det_cos_matches_libm() {
        let mut x = -50.0;
        while x < 50.0 {
            assert!((det_cos(x) - x.cos()).abs() < 1e-13, "{}", x);
            x += 0.0137;
        }
    }

    #[test]
    fn every_table_is_consistent() {
        for kind in 1..=5 {
            let t = tables(kind).unwrap();
            for (i, p) in t.params.iter().enumerate() {
                assert!(p.min <= p.max, "{}", p.name);
                assert!(
                    t.params[..i].iter().all(|q| q.name != p.name),
                    "duplicate {}",
                    p.name
                );
                assert!(!p.source.is_empty(), "{}", p.name);
                // An earlier name points at one parameter and is no current one.
                for old in p.formerly {
                    assert!(
                        t.params.iter().all(|q| q.name != *old),
                        "{} is current",
                        old
                    );
                    assert!(
                        t.params[..i].iter().all(|q| !q.formerly.contains(old)),
                        "{} renamed twice",
                        old
                    );
                }
            }
            for &(v, name, _, _) in t.overrides {
                assert!((v as usize) < t.variants.len());
                assert!(
                    t.params.iter().any(|p| p.name == name),
                    "override of unknown {}",
                    name
                );
            }
            for l in t.lessons {
                assert!(!l.sources.is_empty(), "{}", l.id);
                for &(v, name, x) in l.values {
                    assert!(v.is_empty() || t.variants.contains(&v), "{}: {}", l.id, v);
                    let p = t.params.iter().find(|p| p.name == name);
                    let p = p.unwrap_or_else(|| panic!("{}: unknown {}", l.id, name));
                    check(p, x).unwrap();
                    // A lesson's value is one the widget's control offers.
                    assert!(x >= p.slider_min && x <= p.slider_max, "{}: {}", l.id, name);
                }
            }
            for v in 0..t.variants.len() as u32 {
                let (values, _) = preset(kind, v).unwrap();
                for (p, &x) in t.params.iter().zip(&values) {
                    check(p, x).unwrap();
                }
                // Every preset runs.
                run(kind, &values).unwrap();
            }
            assert!(preset(kind, t.variants.len() as u32).is_err());
        }
        assert_eq!(tables(9).err().unwrap().field, "scenario");
    }

    #[test]
    fn spec_text_lists_earlier_names_after_their_parameter() {
        let text = spec_text(KIND_TRAFFIC_SPIKE, 0).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| *l == "formerly\tprofile.pullMiBps\tprofile.pullMBps")
            .unwrap();
        assert!(lines[at - 1].starts_with("param\tprofile.pullMiBps\t"));
    }

    #[test]
    fn validate_names_the_field() {
        let (mut values, _) = preset(KIND_TRAFFIC_SPIKE, 0).unwrap();
        let i = traffic_spike::PARAMS
            .iter()
            .position(|p| p.name == "autoscaler.cooldownS")
            .unwrap();
        values[i] = -1.0;
        let e = validate(traffic_spike::PARAMS, &values, true).unwrap_err();
        assert_eq!(e.field, "autoscaler.cooldownS");
        assert!(e.message.contains("from 0 to"));
        let e = validate(traffic_spike::PARAMS, &values[..3], true).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadBuffer);
    }
}
