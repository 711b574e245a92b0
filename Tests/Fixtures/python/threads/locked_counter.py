import threading

counter = 0
lock = threading.Lock()


def work():
    global counter
    for _ in range(5000):
        with lock:
            value = counter
            counter = value + 1


threads = [threading.Thread(target=work, name=f"worker-{i}") for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
