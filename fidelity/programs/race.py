"""Lost updates on a shared counter: `counter += 1`, a call between the load and the store, or under a lock.

usage: race.py KIND THREADS COUNT     KIND: augmented | call | locked     prints {"lost": fraction}
"""
from __future__ import print_function
import json, sys, threading

counter = 0
lock = threading.Lock()


def noop():
    pass


def augmented(n):
    global counter
    for _ in range(n):
        counter += 1


def call(n):
    global counter
    for _ in range(n):
        x = counter
        noop()
        counter = x + 1


def locked(n):
    global counter
    for _ in range(n):
        with lock:
            x = counter
            noop()
            counter = x + 1


def main():
    kind, threads, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    target = {"augmented": augmented, "call": call, "locked": locked}[kind]
    workers = [threading.Thread(target=target, args=(count,)) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    expected = threads * count
    print(json.dumps({"lost": float(expected - counter) / expected}))


main()
