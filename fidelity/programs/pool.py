"""Two CPU-bound jobs: in a row, in two threads, and in a pool of two processes.

usage: pool.py COUNT     prints {"sequential": s, "threads": s, "pool": s}
"""
from __future__ import print_function
import json, multiprocessing, sys, threading, time


def countdown(n):
    while n > 0:
        n -= 1


def main():
    count = int(sys.argv[1])
    start = time.time()
    countdown(count)
    countdown(count)
    sequential = time.time() - start

    workers = [threading.Thread(target=countdown, args=(count,)) for _ in range(2)]
    start = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    threads = time.time() - start

    start = time.time()
    pool = multiprocessing.Pool(2)
    pool.map(countdown, [count, count])
    pool.close()
    pool.join()
    print(json.dumps({"sequential": sequential, "threads": threads, "pool": time.time() - start}))


if __name__ == "__main__":
    main()
