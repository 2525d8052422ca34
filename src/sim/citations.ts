// Source notes as a reader sees them. Every parameter table's `source` field
// (the core's and the widgets') is written as a short, human-readable
// citation ("Quark container start benchmark: docker run with runc, 607 ms");
// this finds the references it names, so a widget can link each number to
// its entry on the references page (the CLI prints the same text).
// test/widgets/citations.test.ts checks every table: no working-note label,
// and every named reference has its anchor.

export interface ReaderSource {
  /** The note as written. */
  text: string;
  /** Anchors on the references page of the sources the note names, in order, without repeats. */
  anchors: RefAnchor[];
}

/** Reference anchors and the short citation a link to each shows. */
const REFS = {
  'felter-2014': 'Felter et al. 2014',
  'firecracker-spec': 'Firecracker specification',
  'agache-2020': 'Agache et al. 2020',
  'manco-2017': 'Manco et al. 2017',
  'jones-2016': 'Jones 2016',
  p4containerflow: 'P4ContainerFlow report',
  'lxc-criu-predump': 'LXC commit',
  'opnfv-kvm-migration': 'OPNFV KVM for NFV',
  'clark-2005': 'Clark et al. 2005',
  distroless: 'distroless README',
  'quark-perf': 'Quark benchmark',
  'alpine-docker': 'Alpine Docker README',
  'docker-library-alpine': 'Docker Official Images: alpine',
  'depot-boot': 'Depot',
  'kuasar-bench': 'Kuasar benchmark',
  'k8s-pod-overhead': 'Kubernetes: pod overhead',
  'k8s-reserve-compute': 'Kubernetes: reserve compute resources',
  'k8s-bin-packing': 'Kubernetes: resource bin packing',
  'kube-scheduler-source': 'kube-scheduler source',
  'docker-desktop-wsl': 'Docker Desktop: WSL 2 back end',
  'dslab-vm-placement': 'DSLab: VM placement benchmark',
} as const;
export type RefAnchor = keyof typeof REFS;

/** The short citation of a references anchor (for link text). */
export function refLabel(anchor: RefAnchor): string {
  return REFS[anchor];
}

/**
 * The citations a source note may contain, each with the references it
 * names, in the order links are listed. Notes are written for readers in the
 * first place (the core's tables and the widgets' own), so this only finds
 * the references to link.
 */
const CITATIONS: readonly (readonly [RegExp, readonly RefAnchor[]])[] = [
  [/Docker Desktop: WSL 2 back end/, ['docker-desktop-wsl']],
  [/Felter et al\. 2014/, ['felter-2014']],
  [/Firecracker specification/, ['firecracker-spec']],
  [/Agache et al\. 2020/, ['agache-2020']],
  [/Manco et al\. 2017/, ['manco-2017']],
  [/Jones 2016/, ['jones-2016']],
  [/P4ContainerFlow experiment report/, ['p4containerflow']],
  [/LXC commit/, ['lxc-criu-predump']],
  [/OPNFV KVM for NFV live migration guide/, ['opnfv-kvm-migration']],
  [/Clark et al\./, ['clark-2005']],
  [/distroless README/, ['distroless']],
  [/Quark container start benchmark/, ['quark-perf']],
  [/Alpine Docker README/, ['alpine-docker']],
  [/Docker Official Images documentation: alpine/, ['docker-library-alpine']],
  [/\bDepot\b/, ['depot-boot']],
  [/Kuasar benchmark/, ['kuasar-bench']],
  [/Kubernetes documentation \(pod overhead\)/, ['k8s-pod-overhead']],
  [/Kubernetes documentation, reserve compute resources/, ['k8s-reserve-compute']],
  [/Kubernetes documentation \(resource bin packing\)/, ['k8s-bin-packing']],
  [/kube-scheduler source/, ['kube-scheduler-source']],
  [/DSLab: VM placement benchmark/, ['dslab-vm-placement']],
];

/** A source note as a reader sees it, and the references it names. */
export function readerSource(raw: string): ReaderSource {
  const anchors: RefAnchor[] = [];
  for (const [re, named] of CITATIONS) {
    if (!re.test(raw)) continue;
    for (const a of named) if (!anchors.includes(a)) anchors.push(a);
  }
  return { text: raw.trim(), anchors };
}

/** Working-note labels that must never reach a reader (a test keeps them out of every source note). */
export const WORKING_LABELS = /figures §|\bidx\b|UNCONFIRMED|§/;
