"""Two CPU-bound jobs: in a row, in two threads, and in a pool of two processes.

usage: pool.py COUNT     prints {"sequential": s, "threads": s, "pool": s}
"""
from __future__ import print_function
import json, multiprocessing, sys, threading, time


def countdown(n):
    while n > 0:
        n -= 1


def in_a_row(count):
    start = time.time()
    countdown(count)
    countdown(count)
    return time.time() - start


def in_threads(count):
    workers = [threading.Thread(target=countdown, args=(count,)) for _ in range(2)]
    start = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.time() - start


def in_a_pool(count):
    start = time.time()
    pool = multiprocessing.Pool(2)
    pool.map(countdown, [count, count])
    pool.close()
    pool.join()
    return time.time() - start


def main():
    count = int(sys.argv[1])
    countdown(count // 4)  # warm up
    # Sequential and threads in the order A B (pool) B A, so that a drifting machine favours neither.
    first, threads1 = in_a_row(count), in_threads(count)
    pool = in_a_pool(count)
    threads2, last = in_threads(count), in_a_row(count)
    print(json.dumps({"sequential": (first + last) / 2, "threads": (threads1 + threads2) / 2, "pool": pool}))


if __name__ == "__main__":
    main()
