# Two threads add to one global. On 3.12 the eval breaker is checked only at back-edges and calls, so a plain
# `counter += 1` is never cut between its load and its store; a call in between is a check point, and loses.
import sys
import threading

# A short switch interval makes many switches in a short run.
sys.setswitchinterval(0.0002)
N = 20000
counter = 0


def plain():
    global counter
    for _ in range(N):
        counter += 1


def step():
    pass


def with_call():
    global counter
    for _ in range(N):
        value = counter
        step()
        counter = value + 1


def run(target):
    global counter
    counter = 0
    threads = [threading.Thread(target=target) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter


print("plain", run(plain))
print("with a call", run(with_call))
