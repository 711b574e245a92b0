"""collections.defaultdict: counting and grouping with a factory, its repr and errors, and a count shared by threads
under a lock."""
from collections import defaultdict
import collections
import threading

counts = defaultdict(int)
for word in "the cat and the hat and the bat".split():
    counts[word] += 1
print(counts)
print(sorted(counts.items()), len(counts), counts["dog"], "dog" in counts, counts.get("cow"))
groups = collections.defaultdict(list)
for n in range(10):
    groups[n % 3].append(n)
print(dict(groups), groups.default_factory, type(groups).__name__, isinstance(groups, dict))
plain = defaultdict(None, {"a": 1})
print(plain, plain.copy())
try:
    plain["b"]
except KeyError as e:
    print("KeyError:", e)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError:", e)
lengths = defaultdict(lambda: -1, x=3)
print(lengths["x"], lengths["y"], sorted(lengths))

lock = threading.Lock()
shared = defaultdict(int)


def count(n, key):
    for _ in range(n):
        with lock:
            shared[key] += 1


workers = [threading.Thread(target=count, args=(1000, k % 2)) for k in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(sorted(shared.items()))
