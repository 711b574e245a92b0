"""A queue's get and put with a timeout: they wait that long, then raise queue.Empty or queue.Full."""
# (Times long enough, and printed to a tenth of a second, that a loaded machine prints the same.)
import queue
import threading
import time

q = queue.Queue(maxsize=1)
start = time.perf_counter()
try:
    q.get(timeout=0.2)
except queue.Empty:
    print("empty after", round(time.perf_counter() - start, 1))
q.put("first")
try:
    q.put("second", timeout=0.3)
except queue.Full:
    print("full after", round(time.perf_counter() - start, 1))


def late():
    time.sleep(0.5)
    q.get()


threading.Thread(target=late).start()
q.put("third", timeout=1)
print("put after", round(time.perf_counter() - start, 1), q.get(timeout=0), q.qsize())
try:
    q.get(block=False)
except queue.Empty:
    print("still empty")
