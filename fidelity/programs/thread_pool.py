"""A ThreadPoolExecutor's map: CPU-bound jobs against the same jobs in a row, and jobs that sleep.

usage: thread_pool.py WORKERS ITEMS COUNT SLEEP
prints {"sequential": s, "pooled": s, "sleeping": s} (the CPU-bound jobs in a row and through the pool; the
sleeping jobs through the pool)
"""
import json, sys, time
from concurrent.futures import ThreadPoolExecutor


def countdown(n):
    while n > 0:
        n -= 1


def main():
    workers, items, count, pause = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    countdown(count // 4)  # warm up
    start = time.time()
    for _ in range(items):
        countdown(count)
    sequential = time.time() - start
    start = time.time()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(countdown, [count] * items))
    pooled = time.time() - start
    start = time.time()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(time.sleep, [pause] * items))
    sleeping = time.time() - start
    print(json.dumps({"sequential": sequential, "pooled": pooled, "sleeping": sleeping}))


main()
