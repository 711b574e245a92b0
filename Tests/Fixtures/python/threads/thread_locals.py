# threading.local: each thread sees its own attributes; a subclass's class attributes are every thread's defaults.
import threading

data = threading.local()
data.x = "main"


class Counter(threading.local):
    count = 0


counter = Counter()
seen = []


def work(name):
    data.x = name
    for _ in range(3):
        counter.count += 1
    seen.append((name, data.x, counter.count, hasattr(data, "y")))


threads = [threading.Thread(target=work, args=("t%d" % i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen), data.x, counter.count)
try:
    print(threading.local().missing)
except AttributeError as e:
    print("AttributeError", e)
