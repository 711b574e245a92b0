"""CPU-bound threads against the same work done sequentially.

usage: cpu_threads.py THREADS COUNT     prints {"sequential": s, "threaded": s, "cpu_per_wall": r}
(each the mean of two runs, timed in the order sequential, threaded, threaded, sequential)
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
    # In the order A B B A, so that a machine that speeds up or slows down during the run favours neither.
    first = in_a_row(threads, count)
    wall1, cpu1 = at_once(threads, count)
    wall2, cpu2 = at_once(threads, count)
    last = in_a_row(threads, count)
    sequential, threaded = (first + last) / 2, (wall1 + wall2) / 2
    print(json.dumps({"sequential": sequential, "threaded": threaded, "cpu_per_wall": (cpu1 + cpu2) / (wall1 + wall2)}))


main()
