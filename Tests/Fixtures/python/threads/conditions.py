"""Condition.wait_for with and without a timeout, and notify(n) waking n waiters."""
import threading
import time

cv = threading.Condition()
ready = []
woken = []


def waiter(i):
    with cv:
        cv.wait()
        woken.append(i)


def consumer():
    with cv:
        got = cv.wait_for(lambda: len(ready) >= 2)
        print("consumer saw", sorted(ready), got)


threads = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
time.sleep(0.01)
with cv:
    cv.notify(2)
time.sleep(0.01)
print("after notify(2):", len(woken))
with cv:
    cv.notify_all()
for t in threads:
    t.join()
print("after notify_all:", len(woken))

c = threading.Thread(target=consumer)
c.start()
for item in ("a", "b"):
    time.sleep(0.01)
    with cv:
        ready.append(item)
        cv.notify()
c.join()
start = time.perf_counter()
with cv:
    print("timed out:", cv.wait_for(lambda: False, timeout=0.2), round(time.perf_counter() - start, 1))
