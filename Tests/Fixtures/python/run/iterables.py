# Classes whose instances are iterable: __iter__ returning a built-in iterator, or a generator.
class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


class Countdown:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        n = self.start
        while n > 0:
            yield n
            n -= 1


bag = Bag("a", "b", "c")
print(list(bag), len(bag), [x.upper() for x in bag], sorted(bag, reverse=True))
for item in bag:
    print(item, end=" ")
print()
print(list(Countdown(4)), sum(Countdown(10)), max(Countdown(3)), "b" in list(bag))
a, b, c = bag
print(a, b, c, tuple(Countdown(2)), dict(zip(bag, Countdown(3))))
try:
    iter(5)
except TypeError as e:
    print(e)
