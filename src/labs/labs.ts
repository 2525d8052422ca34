// The guided steps of every terminal lab: the command a reader runs, what to
// look for, and the check that reads the guest's output (src/labs/checker.ts).
// Each lab starts from the same saved state (a fresh shell at `lab# `), so a
// lab's steps may depend on earlier steps of the same lab only.
// `expected` is the guest's real output (recorded from this guest), shown as
// the transcript for readers whose device cannot run the lab; the tests run
// every step in the guest and check it against `check`.
import type { StepCheck } from './checker.ts';

export interface LabStep {
  id: string;
  title: string;
  /** One line, sent to the shell as typed. */
  command: string;
  /** What to look for in the output (plain text, one or two sentences). */
  look: string;
  check: StepCheck;
  /** The output to expect (abridged where marked with …). */
  expected: string;
}

export interface LabDef {
  id: string;
  title: string;
  /** The lab's page, relative to the site base. */
  page: string;
  steps: LabStep[];
}

/** A step still running after this tells the reader their device is slow (src/labs/Lab.tsx). */
export const SLOW_STEP_MS = 30_000;
/** So does a start whose shell is ready later than this after the download (a typical laptop: about a second). */
export const SLOW_START_MS = 8_000;

export const NAMESPACES: LabDef = {
  id: 'namespaces',
  title: 'Namespaces',
  page: 'labs/namespaces/',
  steps: [
    {
      id: 'whoami',
      title: 'Your shell is an ordinary process',
      command: 'echo "I am PID $$ on $(hostname)"; ps',
      look: 'Your shell has a PID well above 1, and ps lists every process of the VM: PID 1 is /init, then kernel threads and your shell.',
      check: {
        pass: '^I am PID (?!1$)\\d+ on v86$',
        hint: 'Expected a line "I am PID <number> on v86". Did the command run in the lab shell (prompt lab#)?',
      },
      expected:
        'I am PID 71 on v86\nPID   USER     TIME  COMMAND\n    1 0         0:00 {init} /bin/sh /init\n    2 0         0:00 [kthreadd]\n…\n   71 0         0:00 sh\n   72 0         0:00 ps',
    },
    {
      id: 'pid',
      title: 'A new PID namespace: the shell becomes PID 1',
      command: `unshare --pid --fork --mount-proc sh -c 'echo "inside: PID=$$"; ps'`,
      look: "Inside the new PID namespace the shell is PID 1 and ps sees only two processes: the shell and ps itself. The VM's other processes still run; they are just not visible from here.",
      check: {
        pass: '^inside: PID=1$',
        hint: 'Expected "inside: PID=1". unshare needs --fork so that the child, not unshare itself, is the first process of the namespace.',
      },
      expected:
        'inside: PID=1\nPID   USER     TIME  COMMAND\n    1 0         0:00 sh -c echo "inside: PID=$$"; ps\n    2 0         0:00 ps',
    },
    {
      id: 'uts',
      title: 'A UTS namespace: its own host name',
      command: `unshare --uts sh -c 'hostname container; echo "inside: $(hostname)"'; echo "outside: $(hostname)"`,
      look: 'The host name changed inside the namespace only: outside it is still v86.',
      check: {
        pass: '^inside: container\\n(?:[^\\n]*\\n)*?outside: v86$',
        hint: 'Expected "inside: container" and then "outside: v86".',
      },
      expected: 'inside: container\noutside: v86',
    },
    {
      id: 'mount',
      title: 'A mount namespace: mounts nobody else sees',
      command: `mkdir -p /tmp/m; unshare --mount sh -c 'mount -t tmpfs none /tmp/m; touch /tmp/m/secret; echo "inside: $(ls /tmp/m)"'; echo "outside: [$(ls /tmp/m)]"`,
      look: 'Inside, a fresh tmpfs is mounted on /tmp/m and holds "secret". Outside, /tmp/m is still the empty directory: the mount existed only in the namespace, and went away with it.',
      check: {
        pass: '^inside: secret\\n(?:[^\\n]*\\n)*?outside: \\[\\]$',
        hint: 'Expected "inside: secret" and then "outside: []".',
      },
      expected: 'inside: secret\noutside: []',
    },
    {
      id: 'veth',
      title: 'A network namespace starts with nothing but loopback',
      command: `ip link add host0 type veth; ip -o link | cut -d' ' -f2; unshare --net sh -c 'echo "inside:"; ip -o link | cut -d" " -f2'`,
      look: 'The VM now has a veth pair: host0 and its peer veth0, two ends of one virtual cable (BusyBox names the peer itself). A new network namespace sees none of it: only its own loopback device, lo.',
      check: {
        pass: '^inside:\\nlo:$',
        absent: '^inside:\\n(?:[^\\n]*\\n)*?veth',
        hint: 'Expected "inside:" followed by "lo:" only.',
      },
      expected: 'lo:\nveth0@host0:\nhost0@veth0:\ninside:\nlo:',
    },
    {
      id: 'connect',
      title: 'Wire the namespace to the VM with the veth pair',
      command: `unshare --net sleep 600 & while [ "$(readlink /proc/$!/ns/net)" = "$(readlink /proc/$$/ns/net)" ]; do usleep 100000; done; ip link set veth0 netns $!; ip addr add 10.0.0.1/24 dev host0; ip link set host0 up; nsenter -t $! -n sh -c 'ip link set veth0 name eth0; ip addr add 10.0.0.2/24 dev eth0; ip link set eth0 up; ip -o -4 addr'; ping -c 2 10.0.0.2`,
      look: 'A sleeping process gets a network namespace of its own (the loop waits until unshare has made it). veth0 moved into that namespace, was renamed eth0 there and got 10.0.0.2; the VM kept host0 with 10.0.0.1. The ping crosses from one network namespace to the other: this is how a container gets its network.',
      check: {
        pass: '^2 packets transmitted, 2 packets received, 0% packet loss$',
        hint: 'Expected the ping to receive 2 packets. Run the previous step first (it creates the veth pair); after a reset, run both again.',
      },
      expected:
        '2: eth0    inet 10.0.0.2/24 scope global eth0\\ …\nPING 10.0.0.2 (10.0.0.2): 56 data bytes\n64 bytes from 10.0.0.2: seq=0 ttl=64 time=3.272 ms\n64 bytes from 10.0.0.2: seq=1 ttl=64 time=0.921 ms\n\n--- 10.0.0.2 ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = 0.921/2.096/3.272 ms',
    },
  ],
};

export const CGROUPS: LabDef = {
  id: 'cgroups',
  title: 'cgroups',
  page: 'labs/cgroups/',
  steps: [
    {
      id: 'create',
      title: 'Make a cgroup with a 16 MiB memory limit',
      command:
        'mkdir /sys/fs/cgroup/demo && echo +memory +cpu > /sys/fs/cgroup/cgroup.subtree_control && echo 16M > /sys/fs/cgroup/demo/memory.max && cat /sys/fs/cgroup/demo/memory.max',
      look: 'A cgroup is a directory in the cgroup2 filesystem. The kernel reads back the limit in bytes: 16 MiB is 16777216.',
      check: {
        pass: '^16777216$',
        hint: 'Expected 16777216. If mkdir says the directory exists, this step already ran: press Reset to start over.',
      },
      expected: '16777216',
    },
    {
      id: 'oom',
      title: 'Run a process over the limit',
      command: `sh -c 'echo $$ > /sys/fs/cgroup/demo/cgroup.procs; exec dd if=/dev/zero of=/tmp/big bs=1M count=64'; echo "exit code $?"`,
      look: 'dd writes 64 MiB into /tmp (a tmpfs, so the data is memory charged to the cgroup). At 16 MiB the kernel\'s OOM killer kills dd: the kernel logs "Memory cgroup out of memory: Killed process … (dd)" and the shell reports exit code 137 (128 + signal 9, SIGKILL). Only the child moved into the cgroup; your shell stays outside it.',
      check: {
        pass: '^exit code 137$',
        hint: 'Expected "exit code 137". Run the first step before this one.',
      },
      expected:
        '[   42.123456] Memory cgroup out of memory: Killed process 90 (dd) total-vm:3348kB, anon-rss:948kB, file-rss:4kB, shmem-rss:1500kB, UID:0 pgtables:16kB oom_score_adj:0\nKilled\nexit code 137',
    },
    {
      id: 'events',
      title: "Read the cgroup's memory events",
      command: 'cat /sys/fs/cgroup/demo/memory.events; ls -l /tmp/big',
      look: 'memory.events counts what happened in the group: oom_kill 1 is the kill you just caused. The file dd left behind stopped just short of 16 MiB.',
      check: {
        pass: '^oom_kill 1$',
        hint: 'Expected a line "oom_kill 1". Run the first two steps before this one.',
      },
      expected:
        'low 0\nhigh 0\nmax 35\noom 1\noom_kill 1\noom_group_kill 0\n-rw-r--r--    1 0        0         15708160 Jan  1 00:00 /tmp/big',
    },
    {
      id: 'cpu-limit',
      title: 'Limit a cgroup to a fifth of a CPU',
      command:
        'mkdir /sys/fs/cgroup/slow && echo "20000 100000" > /sys/fs/cgroup/slow/cpu.max && cat /sys/fs/cgroup/slow/cpu.max',
      look: 'cpu.max is a quota and a period in microseconds: 20 ms of CPU time in every 100 ms, a fifth of one CPU.',
      check: {
        pass: '^20000 100000$',
        hint: 'Expected "20000 100000". Run the first step before this one (it turns on the cpu controller for child groups).',
      },
      expected: '20000 100000',
    },
    {
      id: 'cpu-inside',
      title: 'Run some work inside it',
      command: `time sh -c 'echo $$ > /sys/fs/cgroup/slow/cgroup.procs; i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done'; grep throttled /sys/fs/cgroup/slow/cpu.stat`,
      look: '"real" (time on the clock) comes out about five times "user" (CPU time the loop used): the kernel ran the group 20 ms in every 100 ms and made it wait the rest. cpu.stat counts the periods in which the group was throttled.',
      check: {
        pass: '^nr_throttled [1-9]\\d*$',
        hint: 'Expected "nr_throttled" above 0. Run the previous cpu.max step first.',
      },
      expected: 'real\t0m 5.43s\nuser\t0m 1.17s\nsys\t0m 0.08s\nnr_throttled 48\nthrottled_usec 4025043',
    },
  ],
};

export const LAYERS: LabDef = {
  id: 'layers',
  title: 'Layers',
  page: 'labs/layers/',
  steps: [
    {
      id: 'mount',
      title: 'Mount an overlay: a read-only lower layer, a writable upper one',
      command:
        'mkdir -p /tmp/o/lower /tmp/o/upper /tmp/o/work /tmp/o/merged; echo "from the image" > /tmp/o/lower/hello.txt; echo "old file" > /tmp/o/lower/old.txt; mount -t overlay overlay -o lowerdir=/tmp/o/lower,upperdir=/tmp/o/upper,workdir=/tmp/o/work /tmp/o/merged; grep overlay /proc/mounts; ls /tmp/o/merged',
      look: "The merged directory shows the lower layer's files (an image layer); the upper directory is empty so far. /proc/mounts lists the overlay with its three directories.",
      check: {
        pass: '^overlay /tmp/o/merged overlay rw',
        hint: 'Expected a line "overlay /tmp/o/merged overlay rw,…" from /proc/mounts. If mkdir or mount failed, press Reset and run this step again.',
      },
      expected:
        'overlay /tmp/o/merged overlay rw,relatime,lowerdir=/tmp/o/lower,upperdir=/tmp/o/upper,workdir=/tmp/o/work 0 0\nhello.txt  old.txt',
    },
    {
      id: 'copy-up',
      title: 'Change a file: copy-up',
      command:
        'echo "changed by the container" >> /tmp/o/merged/hello.txt; ls /tmp/o/upper; echo "upper:"; cat /tmp/o/upper/hello.txt; echo "lower:"; cat /tmp/o/lower/hello.txt',
      look: 'Writing to a lower file copied it up: the upper directory now holds hello.txt with both lines, while the lower layer still has the original. Image layers are never changed; each container has its own upper layer.',
      check: {
        pass: '^upper:\\nfrom the image\\nchanged by the container\\nlower:\\nfrom the image$',
        hint: 'Expected the upper copy with both lines and the lower file unchanged. Run the first step before this one.',
      },
      expected: 'hello.txt\nupper:\nfrom the image\nchanged by the container\nlower:\nfrom the image',
    },
    {
      id: 'whiteout',
      title: 'Delete a file: a whiteout',
      command: 'rm /tmp/o/merged/old.txt; ls /tmp/o/merged; ls -l /tmp/o/upper; ls /tmp/o/lower',
      look: 'old.txt is gone from the merged view, but the lower layer still has it. The upper layer records the deletion as a whiteout: a character device with device number 0, 0 under the same name.',
      check: {
        pass: '^c[-rwx]{9}\\s+\\d+\\s+0\\s+0\\s+0,\\s+0 .*old\\.txt$',
        hint: 'Expected a character device "c--------- … 0, 0 … old.txt" in the upper directory. Run the first step before this one.',
      },
      expected:
        'hello.txt\ntotal 4\n-rw-r--r--    1 0        0               40 Jan  1 00:01 hello.txt\nc---------    1 0        0           0,   0 Jan  1 00:01 old.txt\nhello.txt  old.txt',
    },
    {
      id: 'rootfs',
      title: 'Prepare a container: an overlay root and a cgroup',
      command:
        'mkdir -p /tmp/c/upper /tmp/c/work /tmp/c/root && mount -t overlay overlay -o lowerdir=/images/tiny,upperdir=/tmp/c/upper,workdir=/tmp/c/work /tmp/c/root && echo +memory > /sys/fs/cgroup/cgroup.subtree_control && mkdir /sys/fs/cgroup/c1 && echo 32M > /sys/fs/cgroup/c1/memory.max && cat /tmp/c/root/etc/os-release',
      look: "/images/tiny is a tiny image: BusyBox and an os-release file. Mounted as the lower layer of a new overlay, it becomes the container's root filesystem; the cgroup c1 will hold the container's processes with 32 MiB of memory.",
      check: {
        pass: '^PRETTY_NAME="tiny container image \\(BusyBox\\)"$',
        hint: "Expected the image's os-release. If mkdir says c1 exists, press Reset and run this step again.",
      },
      expected: 'NAME="tiny"\nPRETTY_NAME="tiny container image (BusyBox)"',
    },
    {
      id: 'start',
      title: 'Start the container: cgroup, namespaces, chroot',
      command: `sh -c 'echo $$ > /sys/fs/cgroup/c1/cgroup.procs; exec unshare --pid --uts --mount --ipc --fork chroot /tmp/c/root /bin/sh -c "hostname c1; mount -t proc proc /proc; PS1=\\"c1# \\" exec sh"'`,
      look: 'The prompt changes to c1#: you are in a shell that the kernel has put in its own cgroup, PID, UTS, mount and IPC namespaces, with the overlay as its root. That is all a container is.',
      check: {
        pass: '(?:^|\\n)c1# $',
        hint: 'Expected the prompt "c1# ". Run the previous step first.',
      },
      expected: 'c1# ',
    },
    {
      id: 'inside',
      title: 'Look around inside',
      command: 'echo "PID $$ on $(hostname)"; cat /etc/os-release | head -1; ps; echo hi > /root/note.txt',
      look: "PID 1, host name c1, the tiny image's os-release, and only the container's own processes. The note you wrote lands in the container's upper layer.",
      check: {
        pass: '^PID 1 on c1$',
        hint: 'Expected "PID 1 on c1". Run this at the c1# prompt (after the previous step).',
      },
      expected:
        'PID 1 on c1\nNAME="tiny"\nPID   USER     TIME  COMMAND\n    1 0         0:00 sh\n    4 0         0:00 ps',
    },
    {
      id: 'outside',
      title: 'Leave, and look from the VM',
      command: 'exit',
      look: 'Back at lab#, run: ls -R /tmp/c/upper; cat /sys/fs/cgroup/c1/memory.peak. The note is in the upper layer, the image is untouched, and the cgroup recorded the memory the container used.',
      check: {
        pass: '(?:^|\\n)lab# $',
        hint: 'Expected the lab# prompt again.',
      },
      expected: 'lab# ',
    },
  ],
};

export const WHAT_IS_A_VM: LabDef = {
  id: 'what-is-a-vm',
  title: 'What is a VM?',
  page: 'labs/what-is-a-vm/',
  steps: [
    {
      id: 'uname',
      title: 'The guest runs its own kernel',
      command: 'uname -a',
      look: "This is the guest's kernel, Debian's Linux 6.1 for 32-bit x86 (i686), booted inside your browser. Your own computer's kernel is something else entirely.",
      check: {
        pass: '^Linux v86 6\\.1\\.0-57-686 .* i686 GNU/Linux$',
        hint: 'Expected a line starting "Linux v86 6.1.0-57-686".',
      },
      expected: 'Linux v86 6.1.0-57-686 #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-3 (2026-11-26) i686 GNU/Linux',
    },
    {
      id: 'cpu',
      title: 'Its own (virtual) hardware',
      command: `grep -m1 'model name' /proc/cpuinfo; nproc; free -m | head -2`,
      look: 'The CPU is whatever the emulator presents, one core, and about 95 MiB of usable memory out of the 128 MiB the emulator gave the VM: the guest kernel keeps the rest.',
      check: {
        pass: '^model name\\s*:',
        hint: 'Expected a "model name" line from /proc/cpuinfo.',
      },
      expected:
        'model name\t: …\n1\n              total        used        free      shared  buff/cache   available\nMem:             95           6          82           2           8          84',
    },
    {
      id: 'dmesg',
      title: 'It booted like a PC',
      command: 'dmesg | head -4; dmesg | grep -m2 -i -e "BIOS-provided" -e "Command line"',
      look: "The kernel's own boot log: it was loaded by a BIOS (SeaBIOS) and probed emulated hardware, exactly as on a physical PC. Every VM pays for this boot, and for a kernel in memory.",
      check: {
        pass: '^\\[\\s*0\\.000000\\] Linux version 6\\.1\\.0-57-686',
        hint: 'Expected the kernel\'s first boot message, "[    0.000000] Linux version 6.1.0-57-686 …".',
      },
      expected:
        '[    0.000000] Linux version 6.1.0-57-686 (debian-kernel@lists.debian.org) …\n[    0.000000] BIOS-provided physical RAM map:\n…\n[    0.000000] Kernel command line: console=ttyS0 quiet init_on_free=1',
    },
    {
      id: 'container-kernel',
      title: 'A container inside it shares that kernel',
      command: `unshare --pid --uts --mount --fork --mount-proc sh -c 'hostname box; echo "container $(hostname): PID $$, kernel $(uname -r), booted $(cut -d" " -f1 /proc/uptime) s ago"'`,
      look: 'The container has its own host name and PID 1, but the same kernel, up since the VM booted: a container has no kernel and no boot of its own.',
      check: {
        pass: '^container box: PID 1, kernel 6\\.1\\.0-57-686, booted [\\d.]+ s ago$',
        hint: 'Expected "container box: PID 1, kernel 6.1.0-57-686, …".',
      },
      expected: 'container box: PID 1, kernel 6.1.0-57-686, booted 61.35 s ago',
    },
  ],
};

/** The Race lab has one scripted step: this command starts a container in a freshly booted VM. */
export const RACE_CONTAINER_COMMAND = `mkdir -p /tmp/r/u /tmp/r/w /tmp/r/root /sys/fs/cgroup/race && mount -t overlay overlay -o lowerdir=/images/tiny,upperdir=/tmp/r/u,workdir=/tmp/r/w /tmp/r/root && sh -c 'echo $$ > /sys/fs/cgroup/race/cgroup.procs; exec unshare --pid --uts --mount --fork chroot /tmp/r/root /bin/sh -c "echo CONTAINER-UP-\\$\\$"'`;
/** The container's first output: its shell printing its own PID, 1. */
export const RACE_CONTAINER_READY = /^CONTAINER-UP-1$/m;

export const RACE: LabDef = {
  id: 'race',
  title: 'Race: boot a VM, start a container',
  page: 'labs/race/',
  steps: [
    {
      id: 'container',
      title: 'Start a container in the freshly booted VM',
      command: RACE_CONTAINER_COMMAND,
      look: 'The container (an overlay root, a cgroup, new PID, UTS and mount namespaces) prints CONTAINER-UP-1: its first process is PID 1 in its own namespace.',
      check: { pass: '^CONTAINER-UP-1$', hint: 'Expected CONTAINER-UP-1.' },
      expected: 'CONTAINER-UP-1',
    },
  ],
};

export const LABS: readonly LabDef[] = [WHAT_IS_A_VM, NAMESPACES, CGROUPS, LAYERS, RACE];

export function labById(id: string): LabDef | undefined {
  return LABS.find((l) => l.id === id);
}
