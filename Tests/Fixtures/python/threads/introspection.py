"""What threading says of the threads running: active_count, enumerate, is_alive, current_thread."""
import threading
import time


def nap():
    time.sleep(0.05)


threads = [threading.Thread(target=nap) for _ in range(2)]
for t in threads:
    t.start()
print(threading.active_count(), [t.name for t in threading.enumerate()])
print([t.is_alive() for t in threads], threading.current_thread() is threading.main_thread())
for t in threads:
    t.join()
print(threading.active_count(), [t.is_alive() for t in threads])
