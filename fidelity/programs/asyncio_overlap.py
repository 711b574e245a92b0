"""Coroutines that await asyncio.sleep overlap on one event loop.

usage: asyncio_overlap.py TASKS REPEATS SECONDS     prints {"overlapped": s, "sequential": s}
The sequential time is the sum of the sleeps as time.sleep really takes them (measured on 20 of them).
"""
import asyncio, json, sys, time


async def sleeper(repeats, seconds):
    for _ in range(repeats):
        await asyncio.sleep(seconds)


async def run(tasks, repeats, seconds):
    await asyncio.gather(*(sleeper(repeats, seconds) for _ in range(tasks)))


def main():
    tasks, repeats, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    start = time.time()
    for _ in range(20):
        time.sleep(seconds)
    one = (time.time() - start) / 20
    start = time.time()
    asyncio.run(run(tasks, repeats, seconds))
    print(json.dumps({"overlapped": time.time() - start, "sequential": one * tasks * repeats}))


main()
