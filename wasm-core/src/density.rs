//! How many identical apps fit in one host's memory when each app carries a
//! per-instance overhead (a guest OS for a VM, almost nothing for a container).

use crate::error::{check_range, Error};

/// Largest host the model accepts: 64 TiB of memory, in MiB.
pub const MAX_MEM_MIB: f64 = 64.0 * 1024.0 * 1024.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HostFitInput {
    pub host_mem_mib: f64,
    pub host_reserve_mib: f64,
    pub app_mem_mib: f64,
    pub overhead_mib: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HostFit {
    pub apps: u64,
    pub app_mem_mib: f64,
    pub overhead_mem_mib: f64,
    pub free_mem_mib: f64,
}

pub fn host_fit(input: &HostFitInput) -> Result<HostFit, Error> {
    let host = check_range("hostMemMiB", input.host_mem_mib, 1.0, MAX_MEM_MIB)?;
    let reserve = check_range("hostReserveMiB", input.host_reserve_mib, 0.0, host)?;
    let app = check_range("appMemMiB", input.app_mem_mib, 1.0, MAX_MEM_MIB)?;
    let overhead = check_range("overheadMiB", input.overhead_mib, 0.0, MAX_MEM_MIB)?;
    let usable = host - reserve;
    // Both bounds are finite and app >= 1, so the quotient is finite and small.
    let apps = (usable / (app + overhead)).floor() as u64;
    let n = apps as f64;
    Ok(HostFit {
        apps,
        app_mem_mib: n * app,
        overhead_mem_mib: n * overhead,
        free_mem_mib: usable - n * (app + overhead),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn input(host: f64, reserve: f64, app: f64, overhead: f64) -> HostFitInput {
        HostFitInput {
            host_mem_mib: host,
            host_reserve_mib: reserve,
            app_mem_mib: app,
            overhead_mib: overhead,
        }
    }

    #[test]
    fn overhead_reduces_density() {
        let vm = host_fit(&input(65536.0, 2048.0, 256.0, 256.0)).unwrap();
        let ct = host_fit(&input(65536.0, 2048.0, 256.0, 0.0)).unwrap();
        assert_eq!(vm.apps, 124); // 63488 / 512
        assert_eq!(ct.apps, 248); // 63488 / 256
        assert_eq!(vm.overhead_mem_mib, 124.0 * 256.0);
    }

    #[test]
    fn parts_add_up_to_usable_memory() {
        let r = host_fit(&input(1000.0, 10.0, 97.0, 13.0)).unwrap();
        assert_eq!(r.apps, 9);
        assert_eq!(r.app_mem_mib + r.overhead_mem_mib + r.free_mem_mib, 990.0);
        assert!(r.free_mem_mib < 110.0);
    }

    #[test]
    fn rejects_bad_fields_by_name() {
        let e = host_fit(&input(f64::NAN, 0.0, 1.0, 0.0)).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_str()),
            (ErrorCode::OutOfRange, "hostMemMiB")
        );
        let e = host_fit(&input(100.0, 200.0, 1.0, 0.0)).unwrap_err();
        assert_eq!(e.field, "hostReserveMiB");
        let e = host_fit(&input(100.0, 0.0, 0.0, 0.0)).unwrap_err();
        assert_eq!(e.field, "appMemMiB");
        let e = host_fit(&input(100.0, 0.0, 1.0, -1.0)).unwrap_err();
        assert_eq!(e.field, "overheadMiB");
        assert!(e.message.contains("overheadMiB") && e.message.contains("0 to"));
    }
}
