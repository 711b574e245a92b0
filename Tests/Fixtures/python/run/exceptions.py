class InsufficientFunds(Exception):
    pass


class Ledger:
    def __init__(self):
        self.entries = []

    def __enter__(self):
        self.entries.append("open")
        return self

    def __exit__(self, kind, value, traceback):
        self.entries.append("close " + (kind.__name__ if kind else "cleanly"))
        return kind is KeyError


def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(f"need {amount - balance} more")
    return balance - amount


def attempt(balance, amount):
    try:
        left = withdraw(balance, amount)
    except InsufficientFunds as problem:
        print("refused:", problem, type(problem).__name__, problem.args)
        return -1
    else:
        print("ok, left", left)
        return left
    finally:
        print("attempt done")


print(attempt(10, 3), attempt(3, 10))
for value in ["7", "x", None, "0"]:
    try:
        print(100 // int(value))
    except (ValueError, TypeError) as error:
        print("not a number:", type(error).__name__, error)
    except ZeroDivisionError:
        print("zero!")
ledger = Ledger()
with ledger as book:
    book.entries.append("write")
with ledger:
    {}["missing"]
print(ledger.entries)
try:
    try:
        [][1]
    except IndexError:
        print("inner caught")
        raise
except LookupError as outer:
    print("outer caught", repr(outer), isinstance(outer, IndexError))
try:
    raise ValueError("first") from KeyError("cause")
except ValueError as e:
    print(e)
count = 0
while True:
    try:
        count += 1
        if count == 3:
            break
        continue
    finally:
        print("finally", count)
assert count == 3, "counted"
assert count == 4, f"count is {count}"
