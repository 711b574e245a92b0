# Lists, dicts, sets, tuples, number formatting, errors' messages and rounding, as CPython prints them.
a = [3, 1, 2]
a.extend([5, 4]); a.insert(0, 9); a.remove(5); print(a, a.pop(), a.pop(0), a.count(1), a.index(2, 1), a[::-2], a[-1:], a * 2)
a.sort(key=lambda v: -v); print(a, sorted(a, key=str), list(reversed(a)), a.copy(), len(a), 2 in a, a[1:3], a[:-1])
a.reverse(); a.clear(); print(a, [1, 2, 3][1:], [[0] * 2 for _ in range(2)], [1, 2] == [1, 2], [1, [2]] + [3])
d = {"b": 2, "a": 1}
print(sorted(d), list(d.keys()), list(d.values()), d.get("z"), "a" in d, len(d), {k: v * 2 for k, v in d.items()})
d.update({"c": 3}, d=4); d.update(e=5); print(d, d.pop("z", None), d.popitem(), d)
s = {3, 1, 2}
print(sorted(s | {4}), sorted(s & {1, 5}), sorted(s - {1}), sorted(s ^ {1, 9}), {1, 2} <= {1, 2, 3}, sorted(s.union([7])), s.intersection({2}), sorted(s.difference({3})), len(s), sorted(s))
s.add(8); s.discard(100); s.remove(8); print(sorted(s), s.issubset({1, 2, 3, 4}), s.isdisjoint({9}))
t = (1, 2, 3, 2)
print(t.count(2), t.index(3), t[1:], t + (4,), tuple([1]), (1,) * 3, max(t), min(t), sum(t), t < (1, 3))
print(int(3.9), int(-3.9), float(3), round(1.234, 1), round(-0.5), round(1.5), 10 ** 3, 10 ** -2, 7 / 7, 2 ** 0.5, abs(-2.5))
print(f"{3:5d}|{3:<5d}|{-3:+d}|{1e6:.3e}|{0.000123:g}|{123456789:_}|{12.0:g}|{'x':*^7}|{3.0}|{1/3:.3f}")
print("%05.2f %s %r %c %i %e %g %o %X" % (3.14159, [1], "s", 65, 7, 12345.678, 0.00001, 8, 255))
print(1_000_000, 0b1010, 0o17, 0xFF, 1e3, -0.0, 5 % 3, -5 % 3, 5.5 % 2, 2 ** 31, 7 // -2, 3 * 1.1)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    {}["k"]
except KeyError as e:
    print("KeyError:", e)
try:
    int("x")
except ValueError as e:
    print("ValueError:", e)
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    None.x
except AttributeError as e:
    print("AttributeError:", e)
print(str(None), str(True), repr("it's"), repr('say "hi"'), str([1, "a", None]), str({"a": (1,)}), str({1.5}), repr(1e16), repr(123.0))
print(list(range(0)), list(range(5, 0, -2)), range(3), len(range(1, 10, 3)), 4 in range(5), list(zip([1, 2], "abc", (True, False))))
print(sorted([("b", 2), ("a", 2), ("c", 1)], key=lambda p: p[1]), sorted(["B", "a", "C"], key=str.lower), max([], default=0))
print(isinstance(3, (int, float)), issubclass(bool, int), callable(print), getattr([], "append") is not None)
print(divmod(-7, 2), divmod(7.5, 2), pow(3, 4), pow(2, -1), round(7, -1), round(15, -1), round(25, -1), int(True) + True)
print(hash(-1), hash(2**60), hash(1.5), hash((1, 2)), hash(()), hash(float("inf")), hash(True), hash(7), hash(-7), hash(0.1), hash((1, (2.5, -3))))
