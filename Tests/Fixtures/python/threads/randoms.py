# random, seeded: the numbers CPython draws, whichever thread uses them. Workers sleep for distinct random times
# (drawn before they start), so they finish in the order of their sleeps.
import random
import threading
import time

random.seed(2026)
print(random.random(), random.randint(1, 6), random.choice(["red", "green", "blue"]))
deck = list(range(10))
random.shuffle(deck)
print(deck, random.sample(range(100), 5), round(random.uniform(-1, 1), 6))

finished = []
sleeps = [n * 0.02 for n in random.sample(range(1, 9), 4)]


def worker(name, delay):
    time.sleep(delay)
    finished.append((name, delay))


threads = [threading.Thread(target=worker, args=("w%d" % i, d)) for i, d in enumerate(sleeps)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(finished)

random.seed(7)
first = [random.randrange(1000) for _ in range(3)]
random.seed(7)
print(first == [random.randrange(1000) for _ in range(3)], random.getrandbits(16))
