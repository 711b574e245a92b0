"""Two threads count down from ten million each: CPU-bound, so they take turns holding the GIL."""
import threading


def countdown(n):
    while n > 0:
        n -= 1


threads = [threading.Thread(target=countdown, args=(2_000_000,), name=f"count-{i}") for i in (1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
