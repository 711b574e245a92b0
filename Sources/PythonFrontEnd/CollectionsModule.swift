extension PythonModules {
  /// `collections.deque`: Python code over a list where CPython's is C; each method that changes it is one call
  /// into the list (`append`, `pop`, `insert`), so it is as atomic between threads as CPython's, but it takes a
  /// Python method call's time. `defaultdict` and `Counter` are the engine's (dicts with a factory, or counting).
  /// The rest of `collections` is not modelled yet.
  static let collections = #"""
    from _giltutor_collections import Counter, defaultdict


    class deque:
        def __init__(self, iterable=(), maxlen=None):
            if maxlen is not None and maxlen < 0:
                raise ValueError("maxlen must be non-negative")
            self.maxlen = maxlen
            self._items = []
            for item in iterable:
                self.append(item)

        def append(self, item):
            self._items.append(item)
            if self.maxlen is not None and len(self._items) > self.maxlen:
                self._items.pop(0)

        def appendleft(self, item):
            self._items.insert(0, item)
            if self.maxlen is not None and len(self._items) > self.maxlen:
                self._items.pop()

        def pop(self):
            try:
                return self._items.pop()
            except IndexError:
                raise IndexError("pop from an empty deque")

        def popleft(self):
            try:
                return self._items.pop(0)
            except IndexError:
                raise IndexError("pop from an empty deque")

        def extend(self, iterable):
            for item in iterable:
                self.append(item)

        def extendleft(self, iterable):
            for item in iterable:
                self.appendleft(item)

        def clear(self):
            self._items.clear()

        def count(self, item):
            return self._items.count(item)

        def remove(self, item):
            self._items.remove(item)

        def rotate(self, n=1):
            if self._items:
                n %= len(self._items)
                self._items[:] = self._items[-n:] + self._items[:-n]

        def __len__(self):
            return len(self._items)

        def __iter__(self):
            return iter(list(self._items))

        def __getitem__(self, index):
            return self._items[index]

        def __repr__(self):
            if self.maxlen is None:
                return "deque(%r)" % (self._items,)
            return "deque(%r, maxlen=%d)" % (self._items, self.maxlen)

    """#
}
