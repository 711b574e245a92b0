"""CPU-bound threads against the same work done sequentially.

usage: cpu_threads.py THREADS COUNT
prints {"sequential": s, "threaded": s, "cpu_per_wall": r, "ratio": r} (the times of the whole work, timed in
three rounds of sequential, threaded, threaded, sequential; the ratio threaded / sequential is the rounds' median)
"""
from __future__ import print_function
import json, os, sys, threading, time


def countdown(n):
    while n > 0:
        n -= 1


def in_a_row(threads, count):
    start = time.time()
    for _ in range(threads):
        countdown(count)
    return time.time() - start


def at_once(threads, count):
    workers = [threading.Thread(target=countdown, args=(count,)) for _ in range(threads)]
    cpu_start = sum(os.times()[:2])
    start = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.time() - start
    return wall, sum(os.times()[:2]) - cpu_start


def main():
    threads, count = int(sys.argv[1]), int(sys.argv[2])
    countdown(count // 4)  # warm up: the first timed stretch must not pay for a cold core
    # Three rounds in the order A B B A, each a third of the work, so that a machine that speeds up or slows down
    # favours neither; the ratio is the median of the rounds', which one disturbed round does not move.
    part = max(count // 3, 1)
    sequential = threaded = cpu = 0.0
    ratios = []
    for _ in range(3):
        first = in_a_row(threads, part)
        wall1, cpu1 = at_once(threads, part)
        wall2, cpu2 = at_once(threads, part)
        last = in_a_row(threads, part)
        ratios.append((wall1 + wall2) / (first + last))
        sequential += first + last
        threaded += wall1 + wall2
        cpu += cpu1 + cpu2
    ratios.sort()
    print(json.dumps({"sequential": sequential / 2, "threaded": threaded / 2, "cpu_per_wall": cpu / threaded,
                      "ratio": ratios[1]}))


main()
