"""A context manager of the program's that takes a lock, and a constructor that starts and joins threads."""
import threading
import time


class Guard:
    def __init__(self, lock):
        self.lock = lock

    def __enter__(self):
        self.lock.acquire()
        return self

    def __exit__(self, kind, value, traceback):
        self.lock.release()
        return False


class Service:
    def __init__(self, n):
        self.results = []
        self.threads = [threading.Thread(target=self.work, args=(i,)) for i in range(n)]
        for t in self.threads:
            t.start()
        for t in self.threads:
            t.join()

    def work(self, i):
        time.sleep(0.02 * (3 - i))
        with Guard(lock):
            self.results.append(i)


lock = threading.Lock()
print(Service(3).results)
try:
    with Guard(lock):
        raise KeyError("inside")
except KeyError as e:
    print("KeyError", e, lock.locked())
