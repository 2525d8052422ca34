//! Isolation profiles: VM, container, microVM (and a Kata-in-Firecracker pod
//! variant), each a set of overrideable parameters. Every default carries a
//! short citation of its source (an entry of the site's references page) and
//! says whether it is a published value or a modelling choice (a pick inside a
//! published range, or a structural assumption). Results carry these citations.
//!
//! A profile turns an app's request into an instance's footprint on a host:
//!   cpu  = ceil(app cpu / cpuEfficiency) + cpuOverheadMillis
//!   mem  = app mem + guestOsMemMiB + vmmOverheadMiB
//!   disk = app disk + diskOverheadMiB
//! The difference between footprint and request is what the results report
//! as spent on guest OSes / VMMs rather than apps.

use crate::error::{check_range, Error};
use crate::placement::Footprint;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    pub key: &'static str,
    pub value: f64,
    pub unit: &'static str,
    /// A short citation of the source, e.g. "Firecracker specification".
    pub source: &'static str,
    pub modelling_choice: bool,
    /// Whether placement uses it (the others feed scenarios and prose).
    pub placement: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub id: &'static str,
    pub name: &'static str,
    pub params: Vec<Param>,
}

const fn p(
    key: &'static str,
    value: f64,
    unit: &'static str,
    source: &'static str,
    modelling_choice: bool,
    placement: bool,
) -> Param {
    Param {
        key,
        value,
        unit,
        source,
        modelling_choice,
        placement,
    }
}

/// The preset profiles, in a stable order.
pub fn presets() -> Vec<Profile> {
    vec![
        Profile {
            id: "vm",
            name: "VM (KVM guest running a general-purpose distro)",
            params: vec![
                p("guestOsMemMiB", 256.0, "MiB", "Manco et al. 2017 (LightVM) range 'hundreds of MB to several GB'; exact idle RAM not in our sources", true, true),
                p("vmmOverheadMiB", 131.0, "MiB", "QEMU’s VMM overhead, 131 MB, as measured by Agache et al. 2020 (via a secondary summary)", false, true),
                p("cpuOverheadMillis", 0.0, "millicores", "no published per-guest CPU reservation; CPU cost modelled by cpuEfficiency", true, true),
                p("cpuEfficiency", 0.98, "fraction", "Felter et al. 2014, Table I: Linpack on tuned KVM -2 % (secondary transcription)", false, true),
                p("diskOverheadMiB", 600.0, "MiB", "Manco et al. 2017 (LightVM) image size range; Ubuntu qcow2 size not in our sources", true, true),
                p("bootMs", 8000.0, "ms", "Depot Ubuntu cloud image 7-9 s, midpoint", true, false),
                p("imageSizeMB", 600.0, "MB", "Manco et al. 2017 (LightVM) range; suggested preset", true, false),
            ],
        },
        Profile {
            id: "container",
            name: "Container (runc/Docker, shared kernel)",
            params: vec![
                p("guestOsMemMiB", 0.0, "MiB", "no guest OS; runtime-shim overhead not in our sources", true, true),
                p("vmmOverheadMiB", 0.0, "MiB", "structural: no VMM", true, true),
                p("cpuOverheadMillis", 0.0, "millicores", "structural: no guest OS", true, true),
                p("cpuEfficiency", 1.0, "fraction", "Felter et al. 2014: Linpack on Docker 'almost identical' to native (quoted)", false, true),
                p("diskOverheadMiB", 0.0, "MiB", "structural: image layers shared by all instances on a host; writable layer ignored", true, true),
                p("startMs", 607.0, "ms", "Quark container start benchmark, docker run with runc, end to end", false, false),
                p("imageSizeMB", 5.0, "MB", "alpine image 'only 5 MB' (Docker Official Images documentation: alpine)", false, false),
            ],
        },
        Profile {
            id: "microvm",
            name: "MicroVM (Firecracker)",
            params: vec![
                p("guestOsMemMiB", 20.0, "MiB", "Intel Clear Containers demo (Jones 2016) ~20 MB (secondary), borrowed for a minimal guest kernel", true, true),
                p("vmmOverheadMiB", 5.0, "MiB", "Firecracker specification: overhead <= 5 MiB", false, true),
                p("cpuOverheadMillis", 0.0, "millicores", "no published per-microVM CPU reservation; CPU cost modelled by cpuEfficiency", true, true),
                p("cpuEfficiency", 0.95, "fraction", "Firecracker specification guest CPU > 95 % of bare metal (bound used as value)", true, true),
                p("diskOverheadMiB", 5.0, "MiB", "alpine 5 MB used as a minimal rootfs size", true, true),
                p("bootMs", 125.0, "ms", "Firecracker specification InstanceStart to /sbin/init <= 125 ms (bound used as value)", true, false),
                p("vmmStartMs", 12.0, "ms", "Firecracker specification, typical wall clock 12 ms (range 6-60)", false, false),
                p("createRatePerCorePerSec", 5.0, "1/s", "Firecracker docs/design.md", false, false),
            ],
        },
        Profile {
            id: "kata-fc",
            name: "Sandboxed pod (Kata Containers on Firecracker)",
            params: vec![
                p("guestOsMemMiB", 120.0, "MiB", "Kubernetes documentation (pod overhead): ~120 MiB per pod for the VM and guest OS", false, true),
                p("vmmOverheadMiB", 0.0, "MiB", "included in the pod overhead above", true, true),
                p("cpuOverheadMillis", 250.0, "millicores", "Kubernetes documentation (pod overhead): 250m per pod", false, true),
                p("cpuEfficiency", 1.0, "fraction", "CPU cost carried by the 250m overhead instead", true, true),
                p("diskOverheadMiB", 0.0, "MiB", "no published figure", true, true),
                p("startMs", 900.0, "ms", "Kuasar Benchmark.md Kata pod start 850-950 ms, midpoint", true, false),
            ],
        },
    ]
}

impl Profile {
    pub fn get(&self, key: &str) -> Option<f64> {
        self.params.iter().find(|q| q.key == key).map(|q| q.value)
    }

    /// Replaces a parameter's value; the result marks it as a user override.
    pub fn set(&mut self, key: &str, value: f64) -> Result<(), Error> {
        let q = self
            .params
            .iter_mut()
            .find(|q| q.key == key)
            .ok_or_else(|| {
                Error::new(
                    crate::ErrorCode::OutOfRange,
                    key,
                    format!("{} is not a parameter of profile {}", key, self.id),
                )
            })?;
        q.value = value;
        q.source = "user override";
        q.modelling_choice = true;
        Ok(())
    }

    /// The footprint parameters placement uses.
    pub fn footprint(&self) -> Result<Footprint, Error> {
        let g = |k: &str| self.get(k).unwrap_or(0.0);
        Footprint::new(
            g("guestOsMemMiB") + g("vmmOverheadMiB"),
            g("cpuOverheadMillis"),
            self.get("cpuEfficiency").unwrap_or(1.0),
            g("diskOverheadMiB"),
        )
    }
}

pub fn preset(id: &str) -> Option<Profile> {
    presets().into_iter().find(|p| p.id == id)
}

/// Hosts from the Kubernetes documentation's "Allocatable worked example" (kubernetes/website
/// reserve-compute-resources.md): 16 CPU, 32 GiB, 100 GiB; reserves are
/// kube-reserved + system-reserved + hard eviction (1 + 0.5 CPU; 2 + 1 GiB +
/// 500 MiB; 1 + 1 GiB + 10 % of 100 GiB).
pub const EXAMPLE_NODE: ([u32; 3], [u32; 3], &str) = (
    [16_000, 32_768, 102_400],
    [1_500, 3_584, 12_288],
    "Kubernetes documentation, reserve compute resources (example scenario) (allocatable 14.5 CPU, 28.5 Gi, 88 Gi)",
);

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn num(x: f64) -> String {
    // Presets are small finite decimals: `push_num` writes their shortest
    // round-trip form, valid JSON, without core::fmt's float code.
    let mut s = String::new();
    crate::error::push_num(&mut s, x);
    s
}

/// All presets as JSON text (for `virtlab presets` and widgets).
pub fn presets_json() -> String {
    let mut o = String::from("{\"profiles\":[");
    for (i, pr) in presets().iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        o.push_str(&format!(
            "{{\"id\":{},\"name\":{},\"params\":[",
            esc(pr.id),
            esc(pr.name)
        ));
        for (j, q) in pr.params.iter().enumerate() {
            if j > 0 {
                o.push(',');
            }
            o.push_str(&format!(
                "{{\"key\":{},\"value\":{},\"unit\":{},\"source\":{},\"modellingChoice\":{},\"placement\":{}}}",
                esc(q.key), num(q.value), esc(q.unit), esc(q.source), q.modelling_choice, q.placement
            ));
        }
        o.push_str("]}");
    }
    o.push_str("],\"policies\":[");
    for (i, k) in crate::placement::PolicyKind::ALL.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        o.push_str(&esc(k.name()));
    }
    let (cap, res, src) = EXAMPLE_NODE;
    o.push_str(&format!(
        "],\"hosts\":[{{\"id\":\"k8s-example-node\",\"capacity\":{{\"cpuMillis\":{},\"memMiB\":{},\"diskMiB\":{}}},\"reserve\":{{\"cpuMillis\":{},\"memMiB\":{},\"diskMiB\":{}}},\"source\":{}}}],",
        cap[0], cap[1], cap[2], res[0], res[1], res[2], esc(src)
    ));
    o.push_str(&format!(
        "\"kube\":{{\"defaultMilliCpuRequest\":{},\"defaultMemoryRequestBytes\":{},\"maxNodeScore\":100,\"defaultWeights\":{{\"NodeResourcesFit\":1,\"NodeResourcesBalancedAllocation\":1}},\"versions\":{{\"oldest\":\"1.{}\",\"newest\":\"1.{}\"}},\"source\":\"kube-scheduler source (pod_resources.go), kube-scheduler source (default_plugins.go), kube-scheduler source (defaults.go)\"}}}}",
        crate::kube::DEFAULT_MILLI_CPU_REQUEST, crate::kube::DEFAULT_MEMORY_REQUEST,
        crate::kube::OLDEST_MINOR, crate::kube::NEWEST_MINOR
    ));
    o
}

/// Checks a user-supplied footprint parameter.
pub fn check_param(field: &str, value: f64, max: f64) -> Result<f64, Error> {
    check_range(field, value, 0.0, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_source_and_the_placement_keys() {
        for pr in presets() {
            for q in &pr.params {
                assert!(!q.source.is_empty(), "{} {}", pr.id, q.key);
            }
            for k in [
                "guestOsMemMiB",
                "vmmOverheadMiB",
                "cpuOverheadMillis",
                "cpuEfficiency",
                "diskOverheadMiB",
            ] {
                assert!(pr.get(k).is_some(), "{} lacks {}", pr.id, k);
            }
            pr.footprint().unwrap();
        }
    }

    #[test]
    fn vm_costs_more_than_microvm_costs_more_than_container() {
        let f = |id: &str| {
            preset(id)
                .unwrap()
                .footprint()
                .unwrap()
                .apply(&[1000, 512, 0])
        };
        let (vm, mv, ct) = (f("vm"), f("microvm"), f("container"));
        assert_eq!(ct, [1000, 512, 0]);
        assert_eq!(mv, [1053, 512 + 25, 5]); // ceil(1000 / 0.95) = 1053
        assert_eq!(vm, [1021, 512 + 387, 600]); // ceil(1000 / 0.98) = 1021
        assert!(vm[1] > mv[1] && mv[1] > ct[1]);
    }

    #[test]
    fn overrides_are_marked_and_json_parses_shape() {
        let mut pr = preset("vm").unwrap();
        pr.set("guestOsMemMiB", 512.0).unwrap();
        assert_eq!(pr.get("guestOsMemMiB"), Some(512.0));
        assert!(pr.set("nope", 1.0).is_err());
        let j = presets_json();
        assert!(j.starts_with("{\"profiles\":[{\"id\":\"vm\"") && j.ends_with("}}"));
        assert!(j.contains("\"modellingChoice\":true"));
    }
}
