def h(a):
    if a is None:
        return 1
    elif not a:
        return 2
    while True:
        a -= 1
        if a < 0:
            break
    return a


def k(items):
    for i in items:
        if i == 3:
            continue
        print(i)
    else:
        print("done")
    total = 0
    while total < 10 or total > 100:
        total += 2
    else:
        total = -1
    return total if total else None


def m(x, y=2, *, z=3):
    assert x, "x must be true"
    a, b = b, a = x, y
    d = {"a": 1, "b": 2}
    d["a"] += 1
    s = x[1:2]
    del d["b"]
    return 0 < x <= 10 and y in [1, 2, 3]

# Set displays of constants: a frozenset constant, merged into a new set (or tested with in).
CONSTANT_SETS = (3 in {1, 2, 3}, {8, 16, 24, 32, 40}, [v for v in {40, 32, 8, 16}])
