import threading
cv = threading.Condition()
items = []
def consume():
    with cv:
        while not items:
            cv.wait()
        print("consumed", items.pop())
def produce():
    with cv:
        items.append(42)
        cv.notify()
ts = [threading.Thread(target=consume), threading.Thread(target=produce)]
for t in ts: t.start()
for t in ts: t.join()
sem = threading.Semaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
l = threading.Lock()
print(l.acquire(), l.acquire(timeout=0.01), l.locked())
l.release()
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)
import sys
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
