"""The time one iteration of small loops takes on the interpreter that runs this script, in nanoseconds: the
figures giltutor's opcode times for that version are fitted to (MachineModel, docs/engine-model.md).

Each loop runs N times per round, the rounds interleaved so that a slow spell of the machine falls on all loops
alike; the best round is printed. Usage: python3 scripts/measure-opcode-times.py [ROUNDS]"""
import sys
import time

N = 2_000_000
counter = 0


def f():
    pass


def empty(n):
    for _ in range(n):
        pass


def countdown(n):
    while n > 0:
        n -= 1


def global_increment(n):
    global counter
    for _ in range(n):
        counter += 1


def global_load(n):
    for _ in range(n):
        counter


def local_add(n):
    x = 0
    for _ in range(n):
        x = x + 1


def call(n):
    for _ in range(n):
        f()


LOOPS = [empty, countdown, global_increment, global_load, local_add, call]


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    best = {loop.__name__: float("inf") for loop in LOOPS}
    for _ in range(rounds):
        for loop in LOOPS:
            start = time.perf_counter()
            loop(N)
            best[loop.__name__] = min(best[loop.__name__], (time.perf_counter() - start) / N * 1e9)
    version = "%d.%d" % sys.version_info[:2]
    print(version, " ".join(f"{name}={value:.1f}" for name, value in best.items()))


main()
