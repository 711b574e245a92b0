"""Two threads count down: CPU-bound, so they take turns holding the GIL."""
import threading


def countdown(n):
    while n > 0:
        n -= 1


threads = []
for i in (1, 2):
    threads.append(threading.Thread(target=countdown, args=(2_000_000,), name=f"count-{i}"))
for t in threads:
    t.start()
for t in threads:
    t.join()
