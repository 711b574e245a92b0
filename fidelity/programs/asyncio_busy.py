"""An event loop that never waits (each step computes, then awaits asyncio.sleep(0)), alone and beside a thread
that computes without end.

usage: asyncio_busy.py STEPS WORK     prints {"alone": s, "beside": s}
Each step spins WORK seconds of Python before its await.
"""
import asyncio, json, sys, threading, time


async def busy(steps, work):
    for _ in range(steps):
        end = time.perf_counter() + work
        while time.perf_counter() < end:
            pass
        await asyncio.sleep(0)


def loop_time(steps, work):
    started = time.perf_counter()
    asyncio.run(busy(steps, work))
    return time.perf_counter() - started


def main():
    steps, work = int(sys.argv[1]), float(sys.argv[2])
    alone = loop_time(steps, work)
    stop = []

    def cpu():
        while not stop:
            pass

    thread = threading.Thread(target=cpu)
    thread.start()
    time.sleep(0.02)
    beside = loop_time(steps, work)
    stop.append(True)
    thread.join()
    print(json.dumps({"alone": alone, "beside": beside}))


main()
