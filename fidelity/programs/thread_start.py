"""CPU-bound threads started one after another, as a program starts its workers: when each first runs.

usage: thread_start.py THREADS COUNT INTERVAL     prints {"starts": [s, ...]} (from the first start() call)
"""
from __future__ import print_function
import json, sys, threading, time

starts = {}


def countdown(index, n):
    starts[index] = time.time()
    while n > 0:
        n -= 1


def main():
    threads, count, interval = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    if hasattr(sys, "setswitchinterval"):
        sys.setswitchinterval(interval)
    workers = [threading.Thread(target=countdown, args=(i, count)) for i in range(threads)]
    begin = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(json.dumps({"starts": [starts[i] - begin for i in range(threads)]}))


main()
