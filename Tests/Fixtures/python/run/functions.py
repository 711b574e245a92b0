total = 0


def add(n, step=1, *, scale=1):
    global total
    total += n * step * scale
    return total


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def make_counter(start):
    count = start

    def tick(by=1):
        nonlocal count
        count += by
        return count

    return tick


def describe(*args, **kwargs):
    return f"{len(args)} args, keys {sorted(kwargs)}"


add(2)
add(3, 2)
add(1, scale=10)
print(total, fib(15), [fib(n) for n in range(10)])
tick = make_counter(10)
tick()
tick(5)
print(tick(), describe(1, 2, x=1, y=2), describe())
double = lambda x: x * 2
print(list(map if False else [double(v) for v in (1, 2, 3)]), (lambda *a: sum(a))(1, 2, 3))
countdown = 5
while countdown > 0:
    countdown -= 1
    if countdown == 3:
        continue
    if countdown == 1:
        break
    print("countdown", countdown)
else:
    print("never printed")
for n in range(3):
    pass
else:
    print("loop ended with", n)
