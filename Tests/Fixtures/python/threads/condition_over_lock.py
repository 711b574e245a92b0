# A bounded buffer as textbooks write it: one lock, two conditions over it (not empty, not full).
import threading

lock = threading.Lock()
not_empty = threading.Condition(lock)
not_full = threading.Condition(lock)
buffer = []
SIZE = 2
taken = []


def producer():
    for i in range(8):
        with not_full:
            while len(buffer) >= SIZE:
                not_full.wait()
            buffer.append(i)
            not_empty.notify()


def consumer():
    for _ in range(8):
        with not_empty:
            while not buffer:
                not_empty.wait()
            taken.append(buffer.pop(0))
            not_full.notify()


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(taken, buffer, lock.locked())

with not_empty:
    print("timed out:", not_empty.wait(0.01) is False, not_empty.wait_for(lambda: True, 0.01))
for call in (not_empty.wait, not_empty.notify):
    try:
        call()
    except RuntimeError as e:
        print("RuntimeError:", e)
