"""The built-ins over iterables, numbers, characters and attributes."""


class Point:
    def __init__(self, x):
        self.x = x


words = ["pear", "fig", "apple"]
print(any(len(w) > 4 for w in words), all([w for w in words]), any([]), all([]))
print(list(map(len, words)), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(None, [0, 1, "", "x", None])), list(filter(lambda w: "p" in w, words)))
it = iter(words)
print(next(it), next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration:
    print("stop")
print(pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(-3, 3, 7), pow(7, 2, -5), divmod(17, 5), divmod(-17, 5))
print(chr(65), chr(0x1F9F5), ord("a"), ord("é"), hex(255), hex(-255), bin(10), oct(8), hex(True))
p = Point(3)
setattr(p, "y", 4)
print(getattr(p, "x"), getattr(p, "y"), getattr(p, "z", None), hasattr(p, "x"), hasattr(p, "z"))
print(callable(len), callable(Point), callable(p), callable(3), callable(lambda: 0))
try:
    chr(-1)
except ValueError as e:
    print(e)
try:
    ord("ab")
except TypeError as e:
    print(e)
try:
    getattr(p, "z")
except AttributeError as e:
    print(e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(e)
try:
    next([1])
except TypeError as e:
    print(e)
try:
    map(len)
except TypeError as e:
    print(e)
print(int("101", 2), int("ff", 16), int("0x1f", 0), int("z", 36), int(" -12 ", 10), int("0b11", base=2))
for text, base in (("9", 8), ("12", 1), ("", 10)):
    try:
        int(text, base)
    except ValueError as e:
        print("ValueError:", e)
try:
    int(5, 2)
except TypeError as e:
    print("TypeError:", e)
