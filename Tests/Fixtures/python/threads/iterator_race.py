"""One iterator object of the program's shared by two threads without a lock: `self.current -= 1` in its `__next__` is
a load and a store, and a thread preempted between them writes back an old count, handing the same tickets out
again (3.8/3.9 check for a switch there; 3.10+ do not)."""
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


tickets = Countdown(200_000)
taken = []


def take():
    for number in tickets:
        taken.append(number)


workers = [threading.Thread(target=take) for _ in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(len(taken), len(set(taken)))
