# Only the consumer and, after it, the main thread print: the output is the same in every real run.
import queue
import threading
import time

q = queue.Queue(maxsize=2)
done = threading.Event()
lock = threading.Lock()
total = 0

def producer():
    for i in range(5):
        q.put(i)
    q.put(None)

def consumer():
    global total
    while True:
        item = q.get()
        if item is None:
            break
        with lock:
            total += item
        time.sleep(0.001)
        print("got", item)
    done.set()

threading.Thread(target=producer, name="producer").start()
c = threading.Thread(target=consumer, name="consumer")
c.start()
print("waiting:", done.wait(1.0))
c.join()
print("total", total, threading.current_thread().name)
