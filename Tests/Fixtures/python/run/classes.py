class Account:
    """A bank account shared between threads."""
    rate = 0.5

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(amount)
        return self.balance

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"


class Savings(Account):
    def interest(self):
        return self.balance * self.rate


a = Account("ann")
a.deposit(10)
a.deposit(5)
s = Savings("bob", 100)
s.deposit(20)
print(a, s, a.history, s.interest(), isinstance(s, Account), isinstance(a, Savings))
print(str(a), [a, s], Account.rate, s.owner)
accounts = sorted([s, a], key=lambda acc: acc.balance)
print([acc.owner for acc in accounts])
print(undefined_name)
