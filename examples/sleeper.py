"""Three threads that mostly sleep: time.sleep releases the GIL, so they hardly ever wait for it."""
import threading
import time


def nap(times):
    for _ in range(times):
        time.sleep(0.002)


threads = [threading.Thread(target=nap, args=(20,), name=f"sleeper-{i}") for i in (1, 2, 3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
