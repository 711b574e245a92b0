"""A ProcessPoolExecutor's map of small items: the cost of their trips to the worker processes and back.

usage: process_pool.py WORKERS ITEMS     prints {"whole": s} (making the executor, map, shutting it down)
"""
import json, sys, time
from concurrent.futures import ProcessPoolExecutor


def noop(item):
    return item


def main():
    workers, items = int(sys.argv[1]), int(sys.argv[2])
    start = time.time()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(noop, range(items)))
    print(json.dumps({"whole": time.time() - start}))


if __name__ == "__main__":
    main()
