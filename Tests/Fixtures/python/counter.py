import threading
counter = 0
lock = threading.Lock()


def worker(n):
    global counter
    for i in range(n):
        counter += 1


def noop():
    pass


def call_between(n):
    global counter
    for _ in range(n):
        x = counter
        noop()
        counter = x + 1


t = threading.Thread(target=worker, args=(10,))
t.start()
t.join()
if counter > 5 and t:
    print("big", counter)
else:
    print(f"small {counter}")
