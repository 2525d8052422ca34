//! The scoring configuration, validated as kube-scheduler validates its
//! plugin arguments (pkg/scheduler/apis/config/validation/
//! validation_pluginargs.go, the same at v1.35.4 and v1.37.2):
//! NodeResourcesFit's resources need weights in (0, 100] and may repeat a
//! resource; BalancedAllocation's must each have weight 1 and appear once;
//! the shape needs at least one point, utilizations increasing in
//! [0, 100], scores in [0, 10]. An empty resource list passes kube's
//! validation but makes Score fail ("resources not found"), so it is
//! rejected here.

use super::resources::MAX_RESOURCES;
use super::strategies::MAX_CUSTOM_PRIORITY_SCORE;
use crate::error::{Error, ErrorCode};

/// `base[i].leaf`, the name of a field of a list item (built only for messages).
#[inline(never)]
pub fn indexed(base: &str, i: usize, leaf: &str) -> String {
    format!("{}[{}].{}", base, i, leaf)
}

/// `check_range` on `base[i].leaf`, naming the field only when it fails.
pub fn check_at(
    base: &str,
    i: usize,
    leaf: &str,
    v: f64,
    min: f64,
    max: f64,
) -> Result<f64, Error> {
    if v.is_finite() && v >= min && v <= max {
        Ok(v)
    } else {
        Err(Error::out_of_range(&indexed(base, i, leaf), v, min, max))
    }
}

/// Resource entries in one plugin's configuration.
pub const MAX_CONFIG_RESOURCES: usize = 4 * MAX_RESOURCES;
/// The Kubernetes minor versions modelled (1.OLDEST_MINOR to 1.NEWEST_MINOR).
pub const OLDEST_MINOR: u32 = 35;
pub const NEWEST_MINOR: u32 = 37;

/// The Kubernetes version whose kube-scheduler is modelled. The plugins
/// differ only in BalancedAllocation's formula, changed in v1.36.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KubeVersion {
    pub minor: u32,
}

impl KubeVersion {
    pub const NEWEST: KubeVersion = KubeVersion {
        minor: NEWEST_MINOR,
    };

    /// From a minor version number; 0 = the newest modelled.
    pub fn new(minor: f64) -> Result<KubeVersion, Error> {
        if minor == 0.0 {
            return Ok(KubeVersion::NEWEST);
        }
        if !(minor >= OLDEST_MINOR as f64 && minor <= NEWEST_MINOR as f64 && minor == minor.trunc())
        {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                "kubeVersion",
                format!(
                    "kubeVersion must be 1.{} to 1.{} (the versions modelled), got 1.{}",
                    OLDEST_MINOR,
                    NEWEST_MINOR,
                    crate::num::Num(minor)
                ),
            ));
        }
        Ok(KubeVersion {
            minor: minor as u32,
        })
    }

    /// BalancedAllocation scores the change in balance (v1.36 and later).
    #[inline]
    pub fn balance_change(self) -> bool {
        self.minor >= 36
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    LeastAllocated = 0,
    MostAllocated = 1,
    RequestedToCapacityRatio = 2,
    BalancedAllocation = 3,
}

impl Strategy {
    pub fn from_u32(v: u32) -> Result<Strategy, Error> {
        match v {
            0 => Ok(Strategy::LeastAllocated),
            1 => Ok(Strategy::MostAllocated),
            2 => Ok(Strategy::RequestedToCapacityRatio),
            3 => Ok(Strategy::BalancedAllocation),
            _ => Err(Error::out_of_range("strategy", v as f64, 0.0, 3.0)),
        }
    }
}

/// One entry of a plugin's `resources`: a resource number and its weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub resource: usize,
    pub weight: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScoreConfig {
    pub strategy: Strategy,
    pub resources: Vec<Entry>,
    /// (utilization 0–100, score 0–10) points, utilization increasing.
    pub shape: Vec<(i64, i64)>,
    pub version: KubeVersion,
    /// The field the entries came from, for messages ("resources").
    pub field: &'static str,
}

impl ScoreConfig {
    /// kube's defaults: cpu and memory with weight 1, shape (0, 0)–(100, 10).
    pub fn new(strategy: Strategy) -> ScoreConfig {
        ScoreConfig {
            strategy,
            resources: vec![
                Entry {
                    resource: 0,
                    weight: 1,
                },
                Entry {
                    resource: 1,
                    weight: 1,
                },
            ],
            shape: vec![(0, 0), (100, 10)],
            version: KubeVersion::NEWEST,
            field: "resources",
        }
    }

    pub fn with_weights(strategy: Strategy, weights: &[(usize, i64)]) -> ScoreConfig {
        let mut c = ScoreConfig::new(strategy);
        c.resources = weights
            .iter()
            .map(|&(resource, weight)| Entry { resource, weight })
            .collect();
        c
    }

    pub fn validate(&self) -> Result<(), Error> {
        let f = self.field;
        if self.resources.is_empty() {
            return Err(Error::new(
                ErrorCode::Inconsistent,
                f,
                format!("{} must list at least one resource", f),
            ));
        }
        if self.resources.len() > MAX_CONFIG_RESOURCES {
            return Err(Error::new(
                ErrorCode::LimitExceeded,
                f,
                format!(
                    "{} has {} entries; the limit is {}",
                    f,
                    self.resources.len(),
                    MAX_CONFIG_RESOURCES
                ),
            ));
        }
        for (i, e) in self.resources.iter().enumerate() {
            let wf = indexed(f, i, "weight");
            if self.strategy == Strategy::BalancedAllocation {
                if e.weight != 1 {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        &wf,
                        format!("{} must be 1 for BalancedAllocation, got {}", wf, e.weight),
                    ));
                }
                if self.resources[..i].iter().any(|o| o.resource == e.resource) {
                    let nf = indexed(f, i, "name");
                    return Err(Error::new(
                        ErrorCode::Inconsistent,
                        &nf,
                        format!(
                            "{} repeats a resource; BalancedAllocation lists each resource once",
                            nf
                        ),
                    ));
                }
            } else if !(1..=100).contains(&e.weight) {
                return Err(Error::out_of_range(&wf, e.weight as f64, 1.0, 100.0));
            }
        }
        if self.strategy == Strategy::RequestedToCapacityRatio {
            if self.shape.is_empty() {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    "shape",
                    "shape needs at least one point".to_string(),
                ));
            }
            for (i, &(u, s)) in self.shape.iter().enumerate() {
                if !(0..=100).contains(&u) {
                    return Err(Error::out_of_range(
                        &indexed("shape", i, "utilization"),
                        u as f64,
                        0.0,
                        100.0,
                    ));
                }
                if !(0..=MAX_CUSTOM_PRIORITY_SCORE).contains(&s) {
                    return Err(Error::out_of_range(
                        &indexed("shape", i, "score"),
                        s as f64,
                        0.0,
                        10.0,
                    ));
                }
                if i > 0 && u <= self.shape[i - 1].0 {
                    let f = indexed("shape", i, "utilization");
                    return Err(Error::new(
                        ErrorCode::Inconsistent,
                        &f,
                        format!(
                            "{} must be greater than the previous point's utilization",
                            f
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// A scheduling run: NodeResourcesFit with a strategy plus BalancedAllocation.
#[derive(Clone, Debug, PartialEq)]
pub struct SchedConfig {
    /// NodeResourcesFit's scoring strategy (not BalancedAllocation).
    pub fit: ScoreConfig,
    /// BalancedAllocation's resources (strategy BalancedAllocation).
    pub balanced: ScoreConfig,
    pub fit_weight: i64,
    /// 0 disables the BalancedAllocation plugin.
    pub balanced_weight: i64,
    /// percentageOfNodesToScore: 0 = kube's adaptive default, 100 = all.
    pub percentage_of_nodes_to_score: i64,
}

impl SchedConfig {
    /// kube's default plugins: NodeResourcesFit with `strategy` and
    /// BalancedAllocation over cpu and memory, weights 1 and 1.
    pub fn new(strategy: Strategy) -> SchedConfig {
        let mut balanced = ScoreConfig::new(Strategy::BalancedAllocation);
        balanced.field = "balancedResources";
        SchedConfig {
            fit: ScoreConfig::new(strategy),
            balanced,
            fit_weight: 1,
            balanced_weight: 1,
            percentage_of_nodes_to_score: 100,
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        self.fit.validate()?;
        self.balanced.validate()?;
        if self.fit.strategy == Strategy::BalancedAllocation {
            return Err(Error::new(ErrorCode::Inconsistent, "strategy", "strategy must be a NodeResourcesFit strategy; BalancedAllocation is the separate plugin (balancedWeight)".to_string()));
        }
        if self.balanced.strategy != Strategy::BalancedAllocation
            || self.balanced.version != self.fit.version
        {
            return Err(Error::new(
                ErrorCode::Inconsistent,
                "balancedResources",
                "BalancedAllocation's configuration must be for the same version".to_string(),
            ));
        }
        for (name, v) in [
            ("fitWeight", self.fit_weight),
            ("balancedWeight", self.balanced_weight),
            (
                "percentageOfNodesToScore",
                self.percentage_of_nodes_to_score,
            ),
        ] {
            if !(0..=100).contains(&v) {
                return Err(Error::out_of_range(name, v as f64, 0.0, 100.0));
            }
        }
        Ok(())
    }
}
