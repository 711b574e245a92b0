import threading


class Worker(threading.Thread):
    def __init__(self, n):
        threading.Thread.__init__(self, name=f"worker-{n}")
        self.n = n
        self.result = None

    def run(self):
        self.result = sum(range(self.n))


workers = [Worker(n) for n in (10, 100, 1000)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print([w.result for w in workers], [w.name for w in workers])
print(threading.main_thread().name, workers[0].is_alive())
