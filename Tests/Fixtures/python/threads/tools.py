"""itertools and functools with threads: one shared count() hands out unique numbers without a lock (each next()
is a single step in C), a partial is each thread's target; then reduce, wraps, islice, repeat, chain, cycle."""
import functools
import itertools
import threading

ids = itertools.count(1)
taken = []
lock = threading.Lock()


def take(n, prefix):
    mine = [next(ids) for _ in range(n)]
    with lock:
        taken.extend(mine)


workers = [threading.Thread(target=functools.partial(take, 500, prefix="w")) for _ in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(len(taken), len(set(taken)), min(taken), max(taken))

print(list(itertools.islice(itertools.count(10, 5), 4)))
print(list(itertools.islice("abcdefg", 1, 6, 2)), list(itertools.islice(range(10), 3)))
print(list(itertools.repeat("x", 3)), list(itertools.chain([1, 2], (3,), "ab")))
letters = itertools.cycle("ab")
print([next(letters) for _ in range(5)])
print(functools.reduce(lambda a, b: a * b, range(1, 6)), functools.reduce(lambda a, b: a + b, [], 7))


def logged(func):
    @functools.wraps(func)
    def wrapper(*args):
        return func(*args)

    return wrapper


@logged
def double(x):
    """Twice x."""
    return 2 * x


print(double(21), double.__name__, double.__doc__, double.__wrapped__(4))
print(functools.partial(int, base=2)("101"), functools.partial(max, 3)(1, 7))
try:
    functools.reduce(max, [])
except TypeError as e:
    print("TypeError:", e)
try:
    itertools.islice(range(3), -1)
except ValueError as e:
    print("ValueError:", e)
