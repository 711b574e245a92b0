# Sets in the order CPython's hash table keeps them: displays, adds, removals, resizes, the operators.
print({3, 1, 2}, {10, 2, 33, 4}, set(range(20, 0, -3)), {-1, -2, 0}, {1.5, 2.5, 0.5}, {(1, 2), (0, 1), (2, 0)})
s = set()
for i in [100, 7, 64, 8, 15, 1000, 3]:
    s.add(i)
print(s, s | {5}, s & {7, 8, 1000}, s - {7}, s ^ {7, 9})
s.discard(64); s.add(72); print(s, s.pop(), s)
print(set([5, 3, 1, 3]), {True, 0, 1.0, 2}, {x * x for x in range(8)}, sorted({9, 1}), len({1, 1.0, True}))
big = set(range(0, 200, 7)); print(big)
print(frozenset([3, 1]) if False else {8, 16, 24, 32, 40})
