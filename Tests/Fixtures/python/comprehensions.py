limit = 3
matrix = [[r * limit + c for c in range(limit)] for r in range(limit)]
flat = [x for row in matrix for x in row if x % 2]
index = {name: i for i, name in enumerate(["a", "b"])}
total = sum(x * x for x in flat)


def grid(n):
    cells = [(r, c) for r in range(n) for c in range(r)]
    nested = [[r + c for c in range(n)] for r in range(n)]
    return cells, nested, {c: [r for r in range(c)] for c in range(n)}


class Table:
    size = 2
    rows = [[0] * 2 for _ in range(2)]
