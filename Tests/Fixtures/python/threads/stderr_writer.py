"""Lines written to stderr beside a CPU-bound thread. stderr is line-buffered, so every line is a write(2), made
with the GIL released: the CPU-bound thread may take the GIL then, and keep it for a switch interval."""
import sys
import threading
import time


def spin(n):
    while n > 0:
        n -= 1


def write_lines(count, took):
    start = time.perf_counter()
    for i in range(count):
        sys.stderr.write(f"line {i}\n")
    took.append(time.perf_counter() - start)


took = []
alone = threading.Thread(target=write_lines, args=(2000, took))
alone.start()
alone.join()
cpu = threading.Thread(target=spin, args=(3_000_000,))
writer = threading.Thread(target=write_lines, args=(2000, took))
cpu.start()
writer.start()
writer.join()
cpu.join()
print(f"2000 lines alone: {took[0] * 1000:.1f} ms; beside a CPU-bound thread: {took[1] * 1000:.1f} ms")
