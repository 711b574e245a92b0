"""Threads that sleep (and so release the GIL) against the same sleeps in a row.

usage: sleepers.py THREADS REPEATS SECONDS     prints {"sequential": s, "threaded": s}
"""
from __future__ import print_function
import json, sys, threading, time


def sleeper(repeats, seconds):
    for _ in range(repeats):
        time.sleep(seconds)


def main():
    threads, repeats, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    start = time.time()
    sleeper(threads * repeats, seconds)
    sequential = time.time() - start
    workers = [threading.Thread(target=sleeper, args=(repeats, seconds)) for _ in range(threads)]
    start = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(json.dumps({"sequential": sequential, "threaded": time.time() - start}))


main()
