import threading
import time


def count(n):
    for i in range(n):
        got = yield i
        if got:
            print("got", got)
    return "done"


g = count(3)
print(next(g), g.send("x"), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
print(next(g, "exhausted"))


def delegate():
    r = yield from count(2)
    print("delegated", r)


print(list(delegate()))
print(sum(x * x for x in range(5)))
print([y for y in count(4) if y % 2])


class Sleeper:
    def __await__(self):
        yield "tick"
        return 5


async def inner():
    v = await Sleeper()
    return v + 1


async def outer():
    a = await inner()
    b = await inner()
    return a + b


c = outer()
print(type(c).__name__, type(g).__name__)
print(c.send(None))
print(c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("again:", e)


def slow_numbers(n):
    for i in range(n):
        time.sleep(0.01)
        yield i


results = []


def worker():
    for v in slow_numbers(3):
        results.append(v)


t = threading.Thread(target=worker)
t.start()
t.join()
print(results)
h = count(2)
h.close()
print(list(h))
try:
    iter(c)
except TypeError as e:
    print(e)


def thrower():
    try:
        yield 1
    except ValueError as e:
        yield "caught " + str(e)


th = thrower()
next(th)
print(th.throw(ValueError("boom")))
