# race_call.py with the update inside a lock, N = 50,000 per thread.
# giltutor: seed=2
import threading

N = 50_000
counter = 0
lock = threading.Lock()
start = threading.Barrier(2)


def f():
    pass


def add():
    global counter
    start.wait()  # both threads begin together
    for _ in range(N):
        with lock:
            x = counter
            f()
            counter = x + 1


threads = [threading.Thread(target=add, name=name) for name in ("a", "b")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter =", counter)
