// Source notes as a reader sees them. The parameter tables' `source` fields
// were written as developer notes against shared/reference/figures.md
// ("figures §5 depot.dev", "idx …", "UNCONFIRMED"); readers get a
// human-readable short citation instead, plus the anchors of the entries on
// the references page it names, so a widget can link each number to its
// reference (the CLI prints the same text). test/widgets/citations.test.ts runs every table through this
// and rejects any working-note label that would reach a page.

export interface ReaderSource {
  /** The note with every working label replaced by a readable citation. */
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
} as const;
export type RefAnchor = keyof typeof REFS;

/** The short citation of a references anchor (for link text). */
export function refLabel(anchor: RefAnchor): string {
  return REFS[anchor];
}

/** [working label, readable citation, the references it names]. Longer and more specific labels first. */
const CITATIONS: readonly (readonly [RegExp, string, readonly RefAnchor[]])[] = [
  [/Docker Desktop: WSL 2 back end/g, 'Docker Desktop: WSL 2 back end', ['docker-desktop-wsl']],
  [/Felter RC25482 Table I, Linpack KVM tuned/g, 'Felter et al. 2014, Table I: Linpack on tuned KVM', ['felter-2014']],
  [/\(secondary idx \d+\)/g, '(secondary transcription)', []],
  [/\(primary-via-quote idx \d+\)/g, '(quoted)', []],
  [/figures §1\/§5:/g, 'Felter et al. 2014:', ['felter-2014']],
  [/Linpack KVM tuned/g, 'Felter et al. 2014, Linpack on tuned KVM', ['felter-2014']],
  [/\bFelter\b(?! et al)/g, 'Felter et al. 2014', ['felter-2014']],
  [
    /Firecracker SPECIFICATION\.md and NSDI’20/g,
    'Firecracker specification and Agache et al. 2020 (NSDI)',
    ['firecracker-spec', 'agache-2020'],
  ],
  [/Firecracker SPECIFICATION\.md Overhead/g, 'Firecracker specification: overhead', ['firecracker-spec']],
  [/Firecracker SPECIFICATION\.md/g, 'Firecracker specification', ['firecracker-spec']],
  [
    /measured VMM overhead, QEMU 131 MB \(secondary, blog idx \d+\)/g,
    'QEMU’s VMM overhead, 131 MB, as measured by Agache et al. 2020 (via a secondary summary)',
    ['agache-2020'],
  ],
  [/QEMU measured \(secondary\)/g, 'QEMU as measured by Agache et al. 2020 (via a secondary summary)', ['agache-2020']],
  [/LightVM §2/g, 'Manco et al. 2017 (LightVM)', ['manco-2017']],
  [/(?:Intel )?Clear Containers demo/g, 'Intel Clear Containers demo (Jones 2016)', ['jones-2016']],
  [/P4ContainerFlow report/g, 'P4ContainerFlow experiment report', ['p4containerflow']],
  [/lxc commit/g, 'LXC commit', ['lxc-criu-predump']],
  [/opnfv\/kvmfornfv live migration guide/g, 'OPNFV KVM for NFV live migration guide', ['opnfv-kvm-migration']],
  [/Clark et al\.(?:'s)?/g, '$&', ['clark-2005']],
  [/, figures §4;/g, ';', []],
  [/GoogleContainerTools\/distroless README/g, 'distroless README', ['distroless']],
  [/(?:QuarkContainer|Quark) doc\/perf_test\.md/g, 'Quark container start benchmark', ['quark-perf']],
  [/alpinelinux\/docker-alpine, docker-library docs/g, 'Alpine Docker README', ['alpine-docker']],
  [/alpinelinux\/docker-alpine README/g, 'Alpine Docker README', ['alpine-docker']],
  [/ ?\(docker-library\/docs\)/g, ' (Docker Official Images documentation: alpine)', ['docker-library-alpine']],
  [/depot\.dev/g, 'Depot', ['depot-boot']],
  [/kuasar-io\/kuasar Benchmark\.md/g, 'Kuasar benchmark', ['kuasar-bench']],
  [/(?:Kubernetes )?pod-overhead\.md/g, 'Kubernetes documentation (pod overhead)', ['k8s-pod-overhead']],
  [
    /reserve-compute-resources\.md Example Scenario/g,
    'Kubernetes documentation, reserve compute resources (example scenario)',
    ['k8s-reserve-compute'],
  ],
  [/resource-bin-packing\.md/g, 'Kubernetes documentation (resource bin packing)', ['k8s-bin-packing']],
  [/noderesources\/\*\.go/g, 'kube-scheduler source (noderesources plugins)', ['kube-scheduler-source']],
  [/noderesources\/most_allocated\.go/g, 'kube-scheduler source (most_allocated.go)', ['kube-scheduler-source']],
  [/\b(pod_resources|defaults|default_plugins)\.go\b/g, 'kube-scheduler source ($1.go)', ['kube-scheduler-source']],
  [/figures §4 last row/g, 'derived from the pre-copy mechanism of Clark et al. 2005', ['clark-2005']],
];

/** Working labels that carry no meaning for a reader, removed after the citations are in place. */
const CLEANUPS: readonly (readonly [RegExp, string])[] = [
  [/figures suggested presets: /g, ''],
  [/, figures §\d\)/g, ')'],
  [/figures §\d(?:\/§\d)?:? ?/g, ''],
  [/ UNCONFIRMED,/g, ' not in our sources,'],
  [/ UNCONFIRMED, §\d\)/g, ' not in our sources)'],
  [/ UNCONFIRMED \(§\d\)/g, ' not in our sources'],
  [/ UNCONFIRMED\b/g, ' not in our sources'],
  [/ \(secondary, blog idx \d+\)/g, ' (secondary)'],
  [/,? ?§\d\b/g, ''],
  [/\(Jones 2016\) \(secondary\)/g, '(Jones 2016, secondary)'],
  [/ {2,}/g, ' '],
];

/** A source note as a reader should see it, and the references it names. */
export function readerSource(raw: string): ReaderSource {
  let text = raw;
  const anchors: RefAnchor[] = [];
  for (const [re, label, named] of CITATIONS) {
    re.lastIndex = 0;
    if (!re.test(text)) continue;
    re.lastIndex = 0;
    text = text.replace(re, label);
    for (const a of named) if (!anchors.includes(a)) anchors.push(a);
  }
  for (const [re, by] of CLEANUPS) text = text.replace(re, by);
  return { text: text.trim(), anchors };
}

/** Labels that must never reach a reader (working notes of figures.md). */
export const WORKING_LABELS = /figures §|\bidx\b|UNCONFIRMED|§/;
