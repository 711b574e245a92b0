import time
import os.path
import concurrent.futures as cf
from threading import Thread, Lock as L
from . import sibling


def outer(n, scale=2):
    total = 0

    def add(k):
        nonlocal total
        total += k * scale
        return total

    for i in range(n):
        if add(i) > 100:
            break
    else:
        return None
    f = lambda x, y=1: x + y + n
    time.sleep(0.001)
    return f(total), total


def shapes(a, b, *rest, key=None, **options):
    first, *middle, last = a
    x = a[::2]
    y = a[1:]
    a[1:3] = b
    a.count += 1
    b[0] -= 2
    values = [a, b, 3]
    pair = {a, b}
    empty = {}
    named = {"x": 1}
    keyed = {"x": a, "y": b}
    print(f"{a!r:>10} {b=} {x:.{y}f}", -a, +b, ~a, not b)
    if (n := len(a)) > 3:
        raise ValueError("too long") from None
    del first, middle[0]
    return 1 < a < b < 3, a and b or None, "ab" * 3, 2 ** 8, 7 // 2, -7 % 3, 1 / 4
