"""Values, operators and printing, as a tutorial's first page uses them."""
counter = 0
for i in range(10):
    counter += i * 2
print("counter", counter, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 7 / 2, 1 / 3)
print(0.1 + 0.2, 1e16, 1.5e-7, 100.0, -0.0, 3 * 1.1, 10 / 4, 2 ** -1)
print(True + True, not 0, 3 > 2 > 1, 1 < 2 == 2, "a" < "b", [1, 2] < [1, 3], (1, 2) == (1, 2))
print(1 == 1.0, 5 is 5, None is None, "x" in "xyz", 3 in [1, 2, 3], 4 not in (1, 2))
name = "world"
print(f"hello {name}!", f"{3.14159:.2f}", f"{42:>6}|", f"{42:<6}|", f"{42:^6}|", f"{1234567:,}", f"{0.5:%}")
print(f"{name!r} {name=} {7:03d} {255:x} {255:X} {5:b} {3.0:g} {1e-5:.3e} {12345.678:.2g}")
print("%s has %d items costing %.2f" % ("cart", 3, 9.5), "%5s|%-5s|" % ("a", "b"), "%x" % 255)
print("a", "b", "c", sep="-", end="!\n")
print(repr("it's"), repr('say "hi"'), repr("tab\tnew\nline"), str(None), str(3.0), repr([1, "a", None]))
big = 1
for _ in range(40):
    big *= 2
print(big, -big, abs(-5), abs(-2.5), round(2.675, 2), round(0.5), round(1.5), int(3.9), int("42"), float("1.5"))
print(divmod if False else "no divmod", min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3]), sum([0.5, 0.25]))
