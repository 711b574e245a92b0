# Two threads add 1 to one global counter, N times each; then the main
# thread prints the count. Run it: python3 race.py
# giltutor: seed=2
import threading

N = 100_000
counter = 0
start = threading.Barrier(2)


def add():
    global counter
    start.wait()  # both threads begin together
    for _ in range(N):
        counter += 1


threads = [threading.Thread(target=add, name=name) for name in ("a", "b")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter =", counter)
