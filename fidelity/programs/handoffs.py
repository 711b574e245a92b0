"""How long a CPU-bound thread runs between GIL hand-offs, with another CPU-bound thread beside it.

Each thread notes when it resumes after a pause longer than half the interval: it lost the GIL in between.
usage: handoffs.py INTERVAL SECONDS     prints {"mean_run": s, "switches_per_second": n}
"""
from __future__ import print_function
import json, sys, threading, time

clock = getattr(time, "perf_counter", time.time)


def spin(seconds, pause, resumes):
    end = clock() + seconds
    last = clock()
    while True:
        now = clock()
        if now - last > pause:
            resumes.append(now)
        last = now
        if now > end:
            break


def main():
    interval, seconds = float(sys.argv[1]), float(sys.argv[2])
    sys.setswitchinterval(interval)
    resumes = [[], []]
    pause = max(interval / 2, 50e-6)
    workers = [threading.Thread(target=spin, args=(seconds, pause, resumes[i])) for i in range(2)]
    start = clock()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = clock() - start
    switches = len(resumes[0]) + len(resumes[1])
    print(json.dumps({"mean_run": elapsed / (switches + 1), "switches_per_second": switches / elapsed}))


main()
