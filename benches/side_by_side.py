#!/usr/bin/env python3
"""Times brag binaries side by side on one log, in alternating runs, wall and CPU time.

    benches/side_by_side.py LOG RUNS OLD_BRAG NEW_BRAG [-- BRAG ARGS...]

Without BRAG ARGS it times `add` (the bench's add, on a fresh copy of LOG for every run,
beside `dd conv=fsync` as the floor of a durable write) and checks that every binary
leaves the same bytes. With them (say `list --since 2026-01-01`), it times that command
on LOG and checks that every binary prints the same bytes. Runs alternate between the
binaries, so a busy machine slows them alike; CPU time (user + system, from getrusage)
is steadier than wall time on a shared host. Not a test: nothing here asserts a time.
"""
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ADD = ["add", "Shipped the bench harness", "--situation", "s", "--task", "t",
       "--action", "a", "--result", "r 40%", "--date", "2026-03-20"]


def main():
    args = sys.argv[1:]
    brag_args = None
    if "--" in args:
        at = args.index("--")
        args, brag_args = args[:at], args[at + 1:]
    if len(args) < 3:
        sys.exit(__doc__)
    log, runs, binaries = args[0], int(args[1]), args[2:]
    scratch_dir = tempfile.mkdtemp(prefix="brag-side-by-side-")
    env = dict(os.environ, BRAG_TODAY="2026-03-31", NO_COLOR="1", TZ="UTC",
               HOME=scratch_dir, XDG_CONFIG_HOME=scratch_dir, XDG_DATA_HOME=scratch_dir)
    env.pop("BRAG_FILE", None)
    scratch = os.path.join(scratch_dir, "brag.md")
    names = binaries + (["dd conv=fsync"] if brag_args is None else [])
    wall = {name: [] for name in names}
    cpu = {name: [] for name in names}
    digests = {}
    for run in range(runs + 1):  # the first round warms the caches
        for name in names:
            if brag_args is None:
                shutil.copyfile(log, scratch)
            if name == "dd conv=fsync":
                command = ["dd", f"if={log}", f"of={scratch}.dd", "bs=1M", "conv=fsync",
                           "status=none"]
            elif brag_args is None:
                command = [name, "--file", scratch] + ADD
            else:
                command = [name, "--file", log] + brag_args
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                sys.exit(f"{name} failed ({done.returncode}): {done.stderr.decode()}")
            if run > 0:
                wall[name].append(elapsed)
                cpu[name].append(after.ru_utime - before.ru_utime
                                 + after.ru_stime - before.ru_stime)
            if name in binaries:
                output = open(scratch, "rb").read() if brag_args is None else done.stdout
                digests[name] = hashlib.sha256(output).hexdigest()[:16]
    ms = lambda values, pick: f"{pick(values) * 1000:8.1f} ms"
    print(f"| binary | wall median | wall min | CPU median | CPU min |")
    print(f"| --- | ---: | ---: | ---: | ---: |")
    for name in names:
        print(f"| {name} | {ms(wall[name], statistics.median)} | {ms(wall[name], min)} "
              f"| {ms(cpu[name], statistics.median)} | {ms(cpu[name], min)} |")
    same = len(set(digests.values())) == 1
    print(f"\n{runs} runs each; output {'identical' if same else 'DIFFERS'}: {digests}")
    shutil.rmtree(scratch_dir)
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
