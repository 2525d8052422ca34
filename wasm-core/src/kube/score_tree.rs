//! A max tree over every node's total for one pod request, kept current as
//! pods bind (the scheduler's score cache).

/// Every node's total for one pod request (−1 = fails the filter) under a
/// max tree whose inner nodes hold the index of the best leaf (ties to the
/// lower index). Only the node that receives a pod changes state, so after
/// each placement one leaf per cached request is rescored: the same scores
/// as scoring every node again, without recomputing the unchanged ones.
/// Used only when every node is scored (then the scan order is 0..n and
/// kube's first-best tie rule means the lowest index).
pub(crate) struct ScoreTree {
    pub(crate) pod: [Option<i64>; 2],
    size: usize,
    val: Vec<i64>,
    best: Vec<u32>,
}

impl ScoreTree {
    pub(crate) fn build(pod: [Option<i64>; 2], totals: Vec<i64>) -> ScoreTree {
        let n = totals.len();
        let size = n.max(1).next_power_of_two();
        let mut val = totals;
        val.resize(size, -1);
        let mut best = vec![0u32; 2 * size];
        for h in 0..size {
            best[size + h] = h as u32;
        }
        let mut t = ScoreTree {
            pod,
            size,
            val,
            best,
        };
        for i in (1..size).rev() {
            t.best[i] = t.pick(i);
        }
        t
    }

    #[inline]
    fn pick(&self, i: usize) -> u32 {
        let (l, r) = (self.best[2 * i], self.best[2 * i + 1]);
        if self.val[r as usize] > self.val[l as usize] {
            r
        } else {
            l
        }
    }

    pub(crate) fn set(&mut self, h: usize, v: i64) {
        self.val[h] = v;
        let mut i = (self.size + h) >> 1;
        while i >= 1 {
            self.best[i] = self.pick(i);
            i >>= 1;
        }
    }

    /// The best node and its total, if any node passes the filter.
    pub(crate) fn winner(&self) -> Option<(usize, i64)> {
        let b = self.best[1] as usize;
        if self.val[b] >= 0 {
            Some((b, self.val[b]))
        } else {
            None
        }
    }
}
