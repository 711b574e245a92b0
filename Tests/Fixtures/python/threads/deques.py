# collections.deque, and a deque handed between threads under a Condition, as producer/consumer examples do.
import threading
from collections import deque

d = deque([1, 2, 3], maxlen=4)
d.append(4)
d.append(5)
d.appendleft(0)
print(d, len(d), list(d), d[0], d[-1], d.count(2))
d.rotate(1)
print(d, d.pop(), d.popleft(), bool(deque()))
try:
    deque().popleft()
except IndexError as e:
    print(e)

items = deque()
cond = threading.Condition()
got = []


def consumer():
    for _ in range(6):
        with cond:
            while not items:
                cond.wait()
            got.append(items.popleft())


c = threading.Thread(target=consumer)
c.start()
for i in range(6):
    with cond:
        items.append(i * i)
        cond.notify()
c.join()
print(got, items)
