# threading.Timer, queue.PriorityQueue and LifoQueue between threads, concurrent.futures.wait.
import concurrent.futures
import queue
import threading
import time

fired = []
timer = threading.Timer(0.05, fired.append, args=("fired",))
cancelled = threading.Timer(0.05, fired.append, args=("cancelled",))
timer.start()
cancelled.start()
cancelled.cancel()
timer.join()
cancelled.join()
print(fired, timer.name, cancelled.finished.is_set())

tasks = queue.PriorityQueue()
handled = []


def worker():
    while True:
        priority, name = tasks.get()
        if name is None:
            tasks.task_done()
            return
        handled.append((priority, name))
        tasks.task_done()


for priority, name in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]:
    tasks.put((priority, name))
consumer = threading.Thread(target=worker)
consumer.start()
tasks.join()
tasks.put((9, None))
consumer.join()
print(handled, tasks.empty())

stack = queue.LifoQueue(maxsize=2)
stack.put("a")
stack.put("b")
try:
    stack.put("c", block=False)
except queue.Full:
    print("full at", stack.qsize())
print(stack.get(), stack.get_nowait(), stack.empty())
try:
    stack.get(timeout=0.01)
except queue.Empty:
    print("empty")


def job(delay):
    time.sleep(delay)
    return delay


with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(job, d) for d in (0.3, 0.1, 0.2)]
    done, not_done = concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_COMPLETED)
    print([f.result() for f in done], len(not_done))
    done, not_done = concurrent.futures.wait(futures, timeout=0.15)
    print(len(done), len(not_done))
    done, not_done = concurrent.futures.wait(futures)
    print(sorted([f.result() for f in done]), len(not_done))
