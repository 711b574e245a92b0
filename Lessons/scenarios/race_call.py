# race.py with a call between the read and the write of counter.
# giltutor: seed=2
import threading

N = 100_000
counter = 0
start = threading.Barrier(2)


def f():
    pass


def add():
    global counter
    start.wait()  # both threads begin together
    for _ in range(N):
        x = counter
        f()  # any Python function: its start is a check point
        counter = x + 1


threads = [threading.Thread(target=add, name=name) for name in ("a", "b")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter =", counter)
