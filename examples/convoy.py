"""The convoy effect: an I/O thread (short blocking waits) next to a CPU-bound one. Each time the I/O thread's
wait ends it must get the GIL back from the CPU-bound thread, which keeps it for a whole switch interval."""
import threading
import time


def cpu(n):
    while n > 0:
        n -= 1


def net(requests):
    for _ in range(requests):
        time.sleep(0.0002)  # stands for a 0.2 ms network round trip


worker = threading.Thread(target=cpu, args=(3_000_000,), name="cpu")
io = threading.Thread(target=net, args=(40,), name="net")
worker.start()
io.start()
io.join()
worker.join()
