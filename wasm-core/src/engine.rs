//! A discrete-event engine.
//!
//! Events wait in a binary heap ordered by `(time, sequence)`: the sequence
//! number is the order of scheduling, so two events at the same time run in
//! the order they were scheduled and a run is fully defined by its inputs and
//! seed. One [`Rng`] belongs to the engine; models draw from it through
//! [`Engine::rng`], so the same seed gives the same trace natively and in wasm.
//!
//! A model implements [`Model::handle`], which dispatches to `on_<event>`
//! methods (the dslab convention). Handlers schedule further events through
//! the engine. Runs can be stepped a bounded number of events at a time so a
//! caller (the ABI, a worker) can report progress and cancel between steps.
//!
//! Every processed event is folded into a 64-bit trace hash over
//! `(time bits, sequence, model event code)`; equal hashes across native and
//! wasm are the determinism check. Times are `f64` seconds, always finite and
//! non-negative (checked on scheduling), so comparing their bit patterns as
//! integers orders them correctly.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::error::{Error, ErrorCode, Num};
use crate::rng::Rng;

/// Hard limit on events waiting at once; beyond it a run is an error, not an OOM.
pub const MAX_QUEUED_EVENTS: usize = 10_000_000;

struct Entry<E> {
    time_bits: u64,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.time_bits == other.time_bits && self.seq == other.seq
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    // BinaryHeap is a max-heap: reverse so the earliest (time, seq) pops first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.time_bits, other.seq).cmp(&(self.time_bits, self.seq))
    }
}

/// A simulation model: the state that events act on.
pub trait Model {
    type Event: Copy;
    /// Handles one event at `engine.now()`; usually a `match` calling `on_<event>`.
    fn handle(&mut self, engine: &mut Engine<Self::Event>, event: Self::Event)
        -> Result<(), Error>;
    /// A number identifying the event kind and its payload, folded into the trace hash.
    fn event_code(event: &Self::Event) -> u64;
}

/// What a bounded step ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    /// The budget of events ran out; more events are waiting.
    Paused,
    /// No event is left before the end time.
    Finished,
}

pub struct Engine<E> {
    now: f64,
    end_time: f64,
    seq: u64,
    heap: BinaryHeap<Entry<E>>,
    rng: Rng,
    processed: u64,
    max_events: u64,
    trace: u64,
}

/// FxHash-style mixing: cheap, and enough to tell two traces apart.
#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95)
}

impl<E: Copy> Engine<E> {
    /// An engine whose run stops at `end_time` seconds or after `max_events`
    /// events (exceeding the latter is a `LimitExceeded` error).
    pub fn new(seed: u64, end_time: f64, max_events: u64) -> Engine<E> {
        Engine {
            now: 0.0,
            end_time,
            seq: 0,
            heap: BinaryHeap::new(),
            rng: Rng::new(seed),
            processed: 0,
            max_events,
            trace: 0xCBF2_9CE4_8422_2325,
        }
    }

    pub fn now(&self) -> f64 {
        self.now
    }
    pub fn end_time(&self) -> f64 {
        self.end_time
    }
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }
    pub fn processed(&self) -> u64 {
        self.processed
    }
    pub fn queued(&self) -> usize {
        self.heap.len()
    }
    /// The hash of every event processed so far, in order.
    pub fn trace_hash(&self) -> u64 {
        self.trace
    }
    /// Fraction of simulated time done, in [0, 1].
    pub fn progress(&self) -> f64 {
        if self.end_time > 0.0 {
            (self.now / self.end_time).clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// Schedules `event` at absolute `time` (not before now). Events after the
    /// end time are dropped silently: the run never reaches them.
    #[inline]
    pub fn schedule_at(&mut self, time: f64, event: E) -> Result<(), Error> {
        // Not finite (NaN included) or in the past.
        if !time.is_finite() || time < self.now {
            return Err(Error::new(
                ErrorCode::Inconsistent,
                "time",
                format!(
                    "an event was scheduled at {} s, before the current time {} s or not finite",
                    Num(time),
                    Num(self.now)
                ),
            ));
        }
        if time > self.end_time {
            return Ok(());
        }
        if self.heap.len() >= MAX_QUEUED_EVENTS {
            return Err(Error::new(
                ErrorCode::LimitExceeded,
                "events",
                format!("more than {} events are waiting at once", MAX_QUEUED_EVENTS),
            ));
        }
        // +0.0 and -0.0 must order alike; now >= 0 so only +0.0 can appear, but normalise anyway.
        let t = if time == 0.0 { 0.0 } else { time };
        self.heap.push(Entry {
            time_bits: t.to_bits(),
            seq: self.seq,
            event,
        });
        self.seq += 1;
        Ok(())
    }

    /// Schedules `event` `delay` seconds from now.
    #[inline]
    pub fn schedule_in(&mut self, delay: f64, event: E) -> Result<(), Error> {
        let t = self.now + delay;
        self.schedule_at(t, event)
    }

    /// Processes at most `budget` events; see [`StepOutcome`].
    pub fn step<M: Model<Event = E>>(
        &mut self,
        model: &mut M,
        budget: u64,
    ) -> Result<StepOutcome, Error> {
        let mut left = budget;
        while left > 0 {
            let entry = match self.heap.pop() {
                Some(e) => e,
                None => {
                    self.now = self.end_time;
                    return Ok(StepOutcome::Finished);
                }
            };
            if self.processed >= self.max_events {
                return Err(Error::new(
                    ErrorCode::LimitExceeded,
                    "events",
                    format!(
                        "the run needs more than {} events; shorten it or coarsen its time step",
                        self.max_events
                    ),
                ));
            }
            self.now = f64::from_bits(entry.time_bits);
            self.processed += 1;
            self.trace = mix(
                mix(mix(self.trace, entry.time_bits), entry.seq),
                M::event_code(&entry.event),
            );
            model.handle(self, entry.event)?;
            left -= 1;
        }
        if self.heap.is_empty() {
            self.now = self.end_time;
            Ok(StepOutcome::Finished)
        } else {
            Ok(StepOutcome::Paused)
        }
    }

    /// Runs to the end.
    pub fn run<M: Model<Event = E>>(&mut self, model: &mut M) -> Result<(), Error> {
        while self.step(model, u64::MAX)? == StepOutcome::Paused {}
        Ok(())
    }
}

/// The "hold" benchmark model: `entities` tokens, each rescheduling itself
/// after a uniform random delay in [0, 2·mean). Every event touches the heap
/// and the PRNG, the classic way to time an event list.
pub struct HoldModel {
    pub mean_delay_s: f64,
}

#[derive(Clone, Copy, Debug)]
pub struct Tick(pub u32);

impl Model for HoldModel {
    type Event = Tick;
    fn handle(&mut self, engine: &mut Engine<Tick>, event: Tick) -> Result<(), Error> {
        self.on_tick(engine, event.0)
    }
    fn event_code(event: &Tick) -> u64 {
        event.0 as u64
    }
}

impl HoldModel {
    fn on_tick(&mut self, engine: &mut Engine<Tick>, entity: u32) -> Result<(), Error> {
        let delay = engine.rng().next_f64() * 2.0 * self.mean_delay_s;
        engine.schedule_in(delay, Tick(entity))
    }
}

/// Result of [`run_hold`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HoldRun {
    pub events: u64,
    pub trace_hash: u64,
    pub end_time_s: f64,
}

/// Limits of the hold benchmark's inputs.
pub const MAX_HOLD_EVENTS: f64 = 1e9;
pub const MAX_HOLD_ENTITIES: f64 = 1e6;

/// Runs the hold model for exactly `events` events with `entities` tokens.
pub fn run_hold(events: f64, entities: f64, seed: f64) -> Result<HoldRun, Error> {
    let events = crate::error::check_range("events", events, 1.0, MAX_HOLD_EVENTS)?.floor() as u64;
    let entities =
        crate::error::check_range("entities", entities, 1.0, MAX_HOLD_ENTITIES)?.floor() as u32;
    let seed = crate::error::check_range("seed", seed, 0.0, 9_007_199_254_740_991.0)? as u64;
    let mut engine: Engine<Tick> = Engine::new(seed, f64::MAX, events);
    let mut model = HoldModel { mean_delay_s: 1.0 };
    for i in 0..entities {
        let t = engine.rng().next_f64() * 2.0;
        engine.schedule_at(t, Tick(i))?;
    }
    engine.step(&mut model, events)?;
    Ok(HoldRun {
        events: engine.processed(),
        trace_hash: engine.trace_hash(),
        end_time_s: engine.now(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records the order events run in.
    struct Recorder {
        seen: Vec<(f64, u32)>,
    }
    impl Model for Recorder {
        type Event = Tick;
        fn handle(&mut self, engine: &mut Engine<Tick>, event: Tick) -> Result<(), Error> {
            self.seen.push((engine.now(), event.0));
            Ok(())
        }
        fn event_code(event: &Tick) -> u64 {
            event.0 as u64
        }
    }

    #[test]
    fn equal_times_run_in_scheduling_order() {
        let mut e: Engine<Tick> = Engine::new(1, 100.0, 1000);
        e.schedule_at(5.0, Tick(1)).unwrap();
        e.schedule_at(2.0, Tick(2)).unwrap();
        e.schedule_at(5.0, Tick(3)).unwrap();
        e.schedule_at(0.0, Tick(4)).unwrap();
        e.schedule_at(5.0, Tick(5)).unwrap();
        e.schedule_at(200.0, Tick(6)).unwrap(); // after the end: never runs
        let mut m = Recorder { seen: Vec::new() };
        e.run(&mut m).unwrap();
        assert_eq!(
            m.seen,
            vec![(0.0, 4), (2.0, 2), (5.0, 1), (5.0, 3), (5.0, 5)]
        );
        assert_eq!(e.now(), 100.0);
    }

    #[test]
    fn rejects_past_and_non_finite_times() {
        let mut e: Engine<Tick> = Engine::new(1, 10.0, 10);
        let mut m = Recorder { seen: Vec::new() };
        e.schedule_at(3.0, Tick(0)).unwrap();
        e.step(&mut m, 1).unwrap();
        assert_eq!(
            e.schedule_at(2.0, Tick(0)).unwrap_err().code,
            ErrorCode::Inconsistent
        );
        assert!(e.schedule_in(f64::NAN, Tick(0)).is_err());
        assert!(e.schedule_in(f64::INFINITY, Tick(0)).is_err());
    }

    #[test]
    fn event_limit_is_an_error() {
        let err = {
            let mut e: Engine<Tick> = Engine::new(3, f64::MAX, 50);
            let mut m = HoldModel { mean_delay_s: 1.0 };
            e.schedule_at(0.0, Tick(0)).unwrap();
            e.run(&mut m).unwrap_err()
        };
        assert_eq!(
            (err.code, err.field.as_str()),
            (ErrorCode::LimitExceeded, "events")
        );
    }

    #[test]
    fn same_seed_same_trace_and_stepping_does_not_change_it() {
        let a = run_hold(10_000.0, 100.0, 42.0).unwrap();
        let b = run_hold(10_000.0, 100.0, 42.0).unwrap();
        let c = run_hold(10_000.0, 100.0, 43.0).unwrap();
        assert_eq!(a, b);
        assert_ne!(a.trace_hash, c.trace_hash);
        assert_eq!(a.events, 10_000);

        let mut e: Engine<Tick> = Engine::new(42, f64::MAX, 10_000);
        let mut m = HoldModel { mean_delay_s: 1.0 };
        for i in 0..100 {
            let t = e.rng().next_f64() * 2.0;
            e.schedule_at(t, Tick(i)).unwrap();
        }
        while e.processed() < 10_000 {
            e.step(&mut m, 777.min(10_000 - e.processed())).unwrap();
        }
        assert_eq!(e.trace_hash(), a.trace_hash);
    }

    #[test]
    fn hold_validates_inputs() {
        assert_eq!(run_hold(0.0, 1.0, 1.0).unwrap_err().field, "events");
        assert_eq!(run_hold(10.0, 2e6, 1.0).unwrap_err().field, "entities");
        assert_eq!(run_hold(10.0, 1.0, -1.0).unwrap_err().field, "seed");
    }
}
