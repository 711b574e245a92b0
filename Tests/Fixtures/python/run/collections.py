items = [5, 3, 8, 1]
items.append(7)
items.insert(0, 9)
items.sort()
print(items, len(items), items[0], items[-1], items[1:3], items[::2], items[::-1])
items.pop()
items.remove(3)
print(items, items.index(5), items.count(5), sorted(items, reverse=True), list(reversed(items)))
words = ["pear", "fig", "banana", "kiwi"]
print(sorted(words), sorted(words, key=len), min(words, key=len), max(words, key=len))
squares = [n * n for n in range(6) if n % 2 == 0]
table = {w: len(w) for w in words}
letters = {c for w in words for c in w if c in "aeiou"}
print(squares, table, sorted(letters))
ages = {"ann": 31, "bob": 25}
ages["cid"] = 40
ages["ann"] += 1
del ages["bob"]
print(ages, ages.get("bob"), ages.get("bob", 0), "ann" in ages, list(ages.keys()), list(ages.values()))
for name, age in ages.items():
    print(name, "is", age)
for index, word in enumerate(words, start=1):
    print(index, word.upper(), word[0], word[-1], word.startswith("b"))
pairs = list(zip(words, range(3)))
print(pairs, dict(pairs), tuple(range(3)), set([1, 2, 2, 3]), len({1: 2}))
first, *middle, last = range(6)
a, b = 1, 2
a, b = b, a
print(first, middle, last, a, b)
text = "  Threads, locks,  and the GIL  "
print(text.strip(), text.split(), text.strip().split(", "), "-".join(["a", "b", "c"]), text.count("a"))
print("gil".upper().lower().replace("g", "G"), "x".ljust(3, ) + "|", "7".zfill(3), "{} + {} = {}".format(1, 2, 3))
print("{0}{1}{0}".format("ab", "c"), "{name} is {age:>4}".format(name="ann", age=32), "%r" % "q")
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [row[1] for row in matrix], sum(sum(row) for row in matrix))
