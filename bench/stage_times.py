#!/usr/bin/env python3
"""Times whole builds stage by stage, to see what a setting or a change adds to a build.

    python3 bench/stage_times.py ROUNDS CORPORA BASE VARIANT BINARY...

CORPORA holds one site folder per variant, named `<corpus>-<variant>` or just `<variant>`
(for example digest-10000-nomentions and digest-10000-noextract: the same content/ with
`[extract]` switched in dossier.toml). Each round builds every (variant, binary) pair once, in
an order shuffled by the round number: in a fixed order the pair that follows another pays
for the memory that one left behind, and on a virtual machine that alone moved a build by
0.4 s. Prints, per binary, the minimum of each stage (DOSSIER_TIMINGS) for BASE and VARIANT,
what VARIANT adds (with the difference of the stage's medians beside it), the minimum and
median of the whole build's wall time, the median of each round's difference in wall time
and in CPU time, and the middle half (first to third quartile) of the rounds' wall differences.
"""

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict


def build(binary, site, output):
    env = dict(os.environ, DOSSIER_TIMINGS="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(
        [binary, "--root", site, "build", "-q", "-o", output],
        env=env, capture_output=True, text=True, check=True,
    )
    total = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stages = {}
    for line in done.stderr.splitlines():
        if line.startswith("timing:"):
            seconds, name = line[len("timing:"):].split(" s ", 1)
            # "checking links in 10694 files" and "... 10680 files" are the same stage.
            name = " ".join("N" if w.isdigit() else w for w in name.split())
            stages[name] = float(seconds)
    return total, cpu, stages


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    rounds, corpora, base, variant = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    binaries = [os.path.abspath(b) for b in sys.argv[5:]]
    sites = {}
    for v in (base, variant):
        names = [n for n in os.listdir(corpora) if n == v or n.endswith("-" + v)]
        if len(names) != 1:
            sys.exit(f"{corpora} needs exactly one folder for {v}, has {names}")
        sites[v] = os.path.join(corpora, names[0])
    totals = defaultdict(list)
    cpus = defaultdict(list)
    minima = defaultdict(dict)
    samples = defaultdict(lambda: defaultdict(list))
    pairs = [(v, b) for v in (base, variant) for b in binaries]
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as tmp:
        for r in range(rounds):
            random.Random(r).shuffle(pairs)
            for v, b in pairs:
                # A fresh output folder each time; removing the last one is not timed.
                output = os.path.join(tmp, "out")
                shutil.rmtree(output, ignore_errors=True)
                total, cpu, stages = build(b, sites[v], output)
                totals[(b, v)].append(total)
                cpus[(b, v)].append(cpu)
                for name, seconds in stages.items():
                    minima[(b, v)][name] = min(seconds, minima[(b, v)].get(name, seconds))
                    samples[(b, v)][name].append(seconds)
    for b in binaries:
        lo, hi = minima[(b, base)], minima[(b, variant)]
        top = lambda m: sum(s for n, s in m.items() if not n.startswith("render:"))
        tb, tv = totals[(b, base)], totals[(b, variant)]
        print(f"{b}: {variant} adds {top(hi) - top(lo):.3f} s (sum of stage minima); "
              f"whole build min {min(tv) - min(tb):+.3f} s, median "
              f"{statistics.median(tv) - statistics.median(tb):+.3f} s "
              f"({statistics.median(tb):.2f} -> {statistics.median(tv):.2f} s, {rounds} rounds)")
        # Each round's two builds ran minutes apart at most: the median of the rounds'
        # differences is steadier than the difference of the medians.
        cb, cv = cpus[(b, base)], cpus[(b, variant)]
        print(f"   paired by round, median: wall {paired(tb, tv):+.3f} s, "
              f"CPU (user + system) {paired(cb, cv):+.3f} s "
              f"({statistics.median(cb):.2f} -> {statistics.median(cv):.2f} s)")
        # How far the rounds spread: on a shared virtual machine, more than most changes move.
        if rounds >= 4:
            q1, _, q3 = statistics.quantiles([v - b for b, v in zip(tb, tv)], n=4)
            print(f"   paired wall, middle half of the rounds: {q1:+.3f} to {q3:+.3f} s")
        for name in hi:
            med = lambda v: statistics.median(samples[(b, v)].get(name, [0.0]))
            print(f"   {hi[name] - lo.get(name, 0.0):+.3f}  (median {med(variant) - med(base):+.3f})  {name}")


def paired(base, variant):
    return statistics.median(v - b for b, v in zip(base, variant))


if __name__ == "__main__":
    main()
