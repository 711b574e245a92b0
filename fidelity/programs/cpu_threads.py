"""CPU-bound threads against the same work done sequentially.

usage: cpu_threads.py THREADS COUNT     prints {"sequential": s, "threaded": s, "cpu_per_wall": r}
"""
from __future__ import print_function
import json, os, sys, threading, time


def countdown(n):
    while n > 0:
        n -= 1


def main():
    threads, count = int(sys.argv[1]), int(sys.argv[2])
    start = time.time()
    for _ in range(threads):
        countdown(count)
    sequential = time.time() - start

    workers = [threading.Thread(target=countdown, args=(count,)) for _ in range(threads)]
    cpu_start = sum(os.times()[:2])
    start = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    threaded = time.time() - start
    cpu = sum(os.times()[:2]) - cpu_start
    print(json.dumps({"sequential": sequential, "threaded": threaded, "cpu_per_wall": cpu / threaded}))


main()
