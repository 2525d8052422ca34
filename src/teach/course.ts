// The course as a path: for each article, what it assumes, the question it
// answers and a one-paragraph recap. The landing page, each article's opening
// and closing boxes, the printable summaries and the teacher's page are all
// drawn from this one table. Titles come from the articles themselves and
// reading times are counted from their text (readingMinutes), never typed.

export const COURSE = [
  {
    slug: 'why-virtualize',
    assumes: 'No prior knowledge: what an operating system and a server are.',
    answers: 'Why did one application per server give way to virtual machines, and what did that leave unsolved?',
    recap:
      'One application per physical server was simple but wasted most of each machine. Virtualization let one server run many isolated virtual machines, each with its own operating system, which bought consolidation, isolation, encapsulation and hardware independence. The price is a complete guest OS per application, paid in memory, disk, boot time and patching.',
  },
  {
    slug: 'virtual-machines-and-hypervisors',
    assumes: 'Why virtualization was adopted.',
    answers: 'How does a hypervisor run several operating systems on one machine, and what does each guest OS cost?',
    recap:
      'A hypervisor gives each guest virtual hardware; type 1 runs on the hardware, type 2 inside a host OS. Classic x86 resisted trap-and-emulate, which binary translation, paravirtualization and then hardware support (VT-x, AMD-V) overcame. Compute now runs close to native speed, but I/O through an emulator, the memory and disk of each guest OS and its boot time still cost.',
  },
  {
    slug: 'vms-at-scale',
    assumes: 'What a guest OS is and what it costs.',
    answers: 'Why does one VM per application waste a host when applications are small?',
    recap:
      'The guest OS is a fixed cost per VM, so the smaller the applications, the larger the share of a host spent on copies of an operating system. Disk images, boot times and kernels to patch multiply the same way. Operators answered with memory overcommit, page sharing and slimmer guests, each with a limit: a slim guest is still a kernel to build, boot and patch.',
  },
  {
    slug: 'containers',
    assumes: 'Processes and kernels; why per-VM overhead hurts at scale.',
    answers: 'What is a container, and how do namespaces, cgroups and image layers make it small and fast?',
    recap:
      'A container is a group of ordinary processes on the host kernel, given a private view of the system by namespaces and limits by cgroups. Its files come from an image of read-only layers, shared between containers through overlayfs, with no kernel of its own. Published measurements put its run-time overhead close to native, networking through NAT being the main exception.',
  },
  {
    slug: 'density-and-scheduling',
    assumes: 'How containers and VMs use a host’s memory and CPU.',
    answers: 'How are workloads packed onto hosts, and why do containers pack more densely?',
    recap:
      'Placing workloads on hosts is bin packing in several dimensions, and capacity can be stranded in one dimension while another fills. Containers pack more densely because they carry no guest OS and need not be rounded up to instance sizes. Kubernetes filters nodes, then scores them; its default score spreads pods, and bin-packing scores pack them.',
  },
  {
    slug: 'deployment-speed-and-scaling',
    assumes: 'Images and layers; how an instance starts.',
    answers: 'Why does start time decide how well a service survives a traffic spike?',
    recap:
      'A VM boots an operating system; a container starts a process, once its image layers are on the host. An autoscaler reacts to measured load, so until new instances are ready, the running ones carry the spike alone: the slower the start, the more requests are dropped. Layer caches, small images and headroom shorten or cover that gap.',
  },
  {
    slug: 'portability-and-migration',
    assumes: 'What a VM and a container contain.',
    answers: 'How do you move a running workload to another host, and when is it worth it?',
    recap:
      'Images make containers portable between hosts, and a running VM can be moved by pre-copy live migration: memory is copied while the guest runs, then a short pause sends the rest. That works while the link is much faster than the guest dirties memory. Containers can be checkpointed and restored with CRIU, but the process tree is frozen meanwhile, so orchestrators usually replace containers rather than move them.',
  },
  {
    slug: 'maintenance-and-patching',
    assumes: 'Kernels in VMs and containers; rolling updates.',
    answers: 'How many kernels must be patched, and how long does a patch day take?',
    recap:
      'Every kernel must be patched: one per VM plus the hosts, against only the hosts for containers. Containers still need patched images and rebuilt layers. Patch days run in rolling waves limited by how many apps may be down at once; one kernel vulnerability reaches every container on a host, but only one VM.',
  },
  {
    slug: 'isolation-and-security',
    assumes: 'Namespaces, cgroups and the shared kernel.',
    answers: 'Where do VMs still win, and how do sandboxes and microVMs narrow the gap?',
    recap:
      'A container shares the host kernel, a larger attack surface than a hypervisor’s virtual hardware interface, and one kernel exploit can reach every container on the host. Capabilities, seccomp, user namespaces and mandatory access control harden containers; gVisor, Kata Containers and Firecracker microVMs move the boundary back towards a VM while keeping the container interface. Untrusted or multi-tenant code is where VMs still win.',
  },
  {
    slug: 'ecosystem-today',
    assumes: 'Containers, scheduling and isolation.',
    answers: 'Who does what among Docker, containerd, runc, OCI and Kubernetes, and where did the VMs go?',
    recap:
      'Docker made containers easy to build and ship; OCI standardised images and runtimes, containerd and runc run them, and Kubernetes schedules them across a cluster through the Container Runtime Interface. RuntimeClass lets one cluster mix plain containers, gVisor sandboxes and VM-isolated pods. VMs did not disappear: cluster nodes are often cloud VMs, and serverless platforms run containers in microVMs.',
  },
  {
    slug: 'choosing',
    assumes: 'The trade-offs of the whole course.',
    answers: 'Which to choose for a given workload: a VM, a container or a microVM?',
    recap:
      'Choose by asking, in order: does the workload need its own kernel, will it run untrusted code next to other tenants, can it be replaced rather than moved, must it scale quickly, and are there many small services. Containers win on density and start time, VMs and microVMs on isolation and on running their own kernel, and real systems often combine them, such as containers inside VMs or pods inside microVMs.',
  },
] as const;

export type CourseSlug = (typeof COURSE)[number]['slug'];
export type CourseStep = (typeof COURSE)[number];

/**
 * Reading speed for the times shown: 200 words per minute, a modelling
 * choice at the slow end of the 175–300 wpm range Brysbaert (2019) found for
 * silent reading of English non-fiction (mean 238), because the articles are
 * technical and carry figures. Trying the widgets takes longer.
 */
export const WORDS_PER_MINUTE = 200;

/** Words a reader reads in an MDX body: no frontmatter, imports, code, SVG or markup. */
export function proseWords(mdx: string): number {
  const text = mdx
    .replace(/^---[\s\S]*?\n---\n/, '')
    .replace(/^(import|export) .*$/gm, '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#*_`[\]|>-]/g, ' ');
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,%]*/gu) ?? []).length;
}

export function readingMinutes(mdx: string): number {
  return Math.max(1, Math.round(proseWords(mdx) / WORDS_PER_MINUTE));
}

export function courseIndex(slug: string): number {
  return COURSE.findIndex((s) => s.slug === slug);
}

/** The bullet points after an article's "**Learning objectives.**" line, as plain text. */
export function learningObjectives(mdx: string): string[] {
  const start = mdx.indexOf('**Learning objectives.**');
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of mdx.slice(start).split('\n').slice(1)) {
    if (line.trim() === '') {
      if (out.length) break;
      continue;
    }
    if (!line.startsWith('- ')) break;
    out.push(
      line
        .slice(2)
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[*_`]/g, '')
        .trim(),
    );
  }
  return out;
}
