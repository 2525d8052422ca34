//! Workload generators, all drawing from the one seeded [`Rng`]
//! (xoshiro256**, see rng.rs). Output: app requests, row-major
//! [cpuMillis, memMiB] per workload.
//!
//! - uniform: cpu and memory each uniform over whole numbers in [min, max];
//! - dslab: the DSLab benchmark mix, vCPUs from {1, 2, 4, 8} (as 1000 to
//!   8000 millicores) × memory from {512, 1024, 2048} MB (taken as MiB),
//!   each combination equally likely;
//! - heavy-tailed: a bounded discrete Pareto over octaves. With probability
//!   `q` a size doubles again, so P(size ≥ min·2^k) = q^k, the tail of a
//!   Pareto with α = −log2 q; sizes are capped at `max` and uniform within an
//!   octave. Built only from integer draws and multiplications so native and
//!   wasm produce identical sizes (no pow/log, whose last bits differ across
//!   libm implementations).

use crate::error::{check_range, Error, ErrorCode};
use crate::rng::Rng;

pub const MAX_GENERATED: usize = 10_000_000;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Generator {
    Uniform {
        cpu: (u32, u32),
        mem: (u32, u32),
    },
    Dslab,
    HeavyTailed {
        cpu: (u32, u32),
        mem: (u32, u32),
        q: f64,
    },
}

fn range(field: &str, r: (f64, f64)) -> Result<(u32, u32), Error> {
    let lo = check_range(&format!("{}.min", field), r.0, 0.0, u32::MAX as f64)?;
    let hi = check_range(&format!("{}.max", field), r.1, lo, u32::MAX as f64)?;
    if lo != lo.trunc() || hi != hi.trunc() {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            field,
            format!("{} bounds must be whole numbers", field),
        ));
    }
    Ok((lo as u32, hi as u32))
}

impl Generator {
    /// kind 0 uniform, 1 dslab, 2 heavy-tailed; p = [cpuMin, cpuMax, memMin, memMax, q].
    pub fn from_params(kind: u32, p: &[f64; 5]) -> Result<Generator, Error> {
        match kind {
            0 => Ok(Generator::Uniform {
                cpu: range("cpuMillis", (p[0], p[1]))?,
                mem: range("memMiB", (p[2], p[3]))?,
            }),
            1 => Ok(Generator::Dslab),
            2 => {
                let cpu = range("cpuMillis", (p[0], p[1]))?;
                let mem = range("memMiB", (p[2], p[3]))?;
                if cpu.0 == 0 || mem.0 == 0 {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        "min",
                        "heavy-tailed sizes need min ≥ 1".to_string(),
                    ));
                }
                Ok(Generator::HeavyTailed {
                    cpu,
                    mem,
                    q: check_range("q", p[4], 0.0, 0.95)?,
                })
            }
            _ => Err(Error::out_of_range("kind", kind as f64, 0.0, 2.0)),
        }
    }
}

fn uniform(r: &mut Rng, (lo, hi): (u32, u32)) -> u32 {
    lo + r.below(hi as u64 - lo as u64 + 1) as u32
}

fn octave(r: &mut Rng, (lo, hi): (u32, u32), q: f64) -> u32 {
    let mut a = lo as u64;
    while a * 2 <= hi as u64 && r.next_f64() < q {
        a *= 2;
    }
    let top = (a * 2 - 1).min(hi as u64);
    (a + r.below(top - a + 1)) as u32
}

pub fn generate(g: &Generator, n: usize, seed: u64) -> Result<Vec<u32>, Error> {
    if n > MAX_GENERATED {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            "count",
            format!("count is {}; the limit is {}", n, MAX_GENERATED),
        ));
    }
    let mut r = Rng::new(seed);
    let mut out = Vec::with_capacity(2 * n);
    for _ in 0..n {
        let (c, m) = match *g {
            Generator::Uniform { cpu, mem } => (uniform(&mut r, cpu), uniform(&mut r, mem)),
            Generator::Dslab => {
                let v = r.below(12) as u32;
                ((1 << (v % 4)) * 1000, (1 << (v / 4)) * 512)
            }
            Generator::HeavyTailed { cpu, mem, q } => {
                (octave(&mut r, cpu, q), octave(&mut r, mem, q))
            }
        };
        out.push(c);
        out.push(m);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dslab_mix_covers_all_twelve_shapes() {
        let v = generate(&Generator::Dslab, 12_000, 1).unwrap();
        let mut seen = std::collections::BTreeMap::new();
        for c in v.chunks(2) {
            *seen.entry((c[0], c[1])).or_insert(0) += 1;
        }
        assert_eq!(seen.len(), 12);
        assert!(seen.values().all(|&k| (800..1200).contains(&k)));
        assert!(seen.contains_key(&(8000, 2048)) && seen.contains_key(&(1000, 512)));
    }

    #[test]
    fn heavy_tail_halves_per_octave_and_respects_bounds() {
        let g = Generator::from_params(2, &[100.0, 100_000.0, 64.0, 65536.0, 0.5]).unwrap();
        let v = generate(&g, 100_000, 2).unwrap();
        let big = v.chunks(2).filter(|c| c[0] >= 200).count();
        let bigger = v.chunks(2).filter(|c| c[0] >= 400).count();
        assert!((45_000..55_000).contains(&big), "{}", big);
        assert!((22_000..28_000).contains(&bigger), "{}", bigger);
        assert!(v
            .chunks(2)
            .all(|c| (100..=100_000).contains(&c[0]) && (64..=65536).contains(&c[1])));
    }

    #[test]
    fn uniform_is_seeded_and_validated() {
        let g = Generator::from_params(0, &[100.0, 200.0, 10.0, 10.0, 0.0]).unwrap();
        assert_eq!(generate(&g, 50, 9).unwrap(), generate(&g, 50, 9).unwrap());
        assert_ne!(generate(&g, 50, 9).unwrap(), generate(&g, 50, 10).unwrap());
        assert_eq!(
            Generator::from_params(0, &[5.0, 1.0, 0.0, 0.0, 0.0])
                .unwrap_err()
                .field,
            "cpuMillis.max"
        );
        assert!(generate(&g, MAX_GENERATED + 1, 0).is_err());
    }
}
