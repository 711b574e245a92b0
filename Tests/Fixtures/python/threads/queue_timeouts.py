"""A queue's get and put with a timeout: they wait that long, then raise queue.Empty or queue.Full."""
import queue
import threading
import time

q = queue.Queue(maxsize=1)
start = time.perf_counter()
try:
    q.get(timeout=0.02)
except queue.Empty:
    print("empty after", round(time.perf_counter() - start, 2))
q.put("first")
try:
    q.put("second", timeout=0.03)
except queue.Full:
    print("full after", round(time.perf_counter() - start, 2))


def late():
    time.sleep(0.05)
    q.get()


threading.Thread(target=late).start()
q.put("third", timeout=1)
print("put after", round(time.perf_counter() - start, 2), q.get(timeout=0), q.qsize())
try:
    q.get(block=False)
except queue.Empty:
    print("still empty")
