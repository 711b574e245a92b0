"""A producer thread and a consumer thread passing items through a queue.Queue.

usage: queue_handoff.py ITEMS MAXSIZE     prints {"per_item": s} (wall time per item; MAXSIZE 0: no limit)
"""
from __future__ import print_function
import json, sys, threading, time

try:
    import queue
except ImportError:  # Python 2
    import Queue as queue


def produce(q, items):
    for i in range(items):
        q.put(i)


def consume(q, items):
    for _ in range(items):
        q.get()


def main():
    items, maxsize = int(sys.argv[1]), int(sys.argv[2])
    q = queue.Queue(maxsize)
    threads = [threading.Thread(target=produce, args=(q, items)), threading.Thread(target=consume, args=(q, items))]
    start = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps({"per_item": (time.time() - start) / items}))


main()
