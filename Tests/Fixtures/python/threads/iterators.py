"""Iterator classes of the program's own (`__iter__` returning self, `__next__` raising StopIteration): in for
loops, next() with and without a default, list() and sum(), an iterable whose __iter__ returns another iterator
object, and one iterator shared by threads under a lock."""
import threading


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Deck:
    def __init__(self, cards):
        self.cards = cards

    def __iter__(self):
        return DeckIterator(self.cards)


class DeckIterator:
    def __init__(self, cards):
        self.cards = cards
        self.index = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.index >= len(self.cards):
            raise StopIteration
        card = self.cards[self.index]
        self.index += 1
        return card


for n in Countdown(3):
    print("countdown", n)
it = Countdown(2)
print(next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration:
    print("StopIteration")
print(list(Countdown(4)), sum(Countdown(10)), sorted(Countdown(3)))
deck = Deck(["A", "K", "Q"])
print([card for card in deck], list(deck), max(deck))
for i, card in enumerate(deck):
    if card == "K":
        break
    print(i, card)

tickets = Countdown(3000)
lock = threading.Lock()
taken = []


def take():
    while True:
        with lock:
            number = next(tickets, None)
        if number is None:
            return
        taken.append(number)


workers = [threading.Thread(target=take) for _ in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(len(taken), len(set(taken)), min(taken), max(taken))
