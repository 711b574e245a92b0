import threading

lock = threading.Lock()
results = {}


class Worker:
    """A worker that counts under a lock."""
    limit = 3
    squares = [n * n for n in range(limit)]

    def __init__(self, name, items=()):
        self.name = name
        self.items = list(items)
        self.count = 0

    def run(self):
        for item in self.items:
            with lock:
                if item is None:
                    continue
                if item < 0:
                    break
                self.count += item
                if self.count > 100:
                    return self.count
        try:
            value = 10 // self.count
        except ZeroDivisionError:
            value = 0
        except (TypeError, ValueError) as error:
            print("bad", error)
            raise
        else:
            value += 1
        finally:
            results[self.name] = self.count
        return value


def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1
    yield from range(3)


def tables(words):
    lengths = {w: len(w) for w in words if w}
    letters = {c for w in words for c in w}
    pairs = [(a, b) for a in range(3) for b in range(a)]
    adders = [lambda x, k=k: x + k for k in range(3)]
    with open("a") as a, open("b") as b:
        data = a.read() + b.read()
    try:
        for line in data:
            with lock:
                return line
    finally:
        print("done")
    return lengths, letters, pairs, adders


w = Worker("w", [1, 2, -1])
t = threading.Thread(target=w.run, name=w.name, daemon=True)
t.start()
t.join(timeout=1.5)
print(sum(numbers(5)), results, *tables(["ab", "c"]), sep=", ")
