"""collections.Counter: counting words, most_common, update and subtract (which add and take away counts), the
repr ordered by count, and partial counts of threads merged under a lock."""
from collections import Counter
import threading

words = "the cat and the hat and the bat sat".split()
c = Counter(words)
print(c)
print(c["the"], c["dog"], "dog" in c, len(c), c.most_common(2), sorted(c.elements())[:4])
c.update(["cat", "dog"])
c.update({"the": 2}, bat=5)
c.subtract(["and"])
print(c, c.total() if hasattr(c, "total") else sum(c.values()))
print(Counter(), Counter("abracadabra").most_common(3), isinstance(c, dict), type(c).__name__)
print(Counter({"x": 2, "y": 2, "z": 3}).most_common())

totals = Counter()
lock = threading.Lock()
chunks = [words[i::3] for i in range(3)]


def count(chunk):
    local = Counter(chunk)
    with lock:
        totals.update(local)


workers = [threading.Thread(target=count, args=(chunk,)) for chunk in chunks]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(totals == Counter(words), sorted(totals.items()))
