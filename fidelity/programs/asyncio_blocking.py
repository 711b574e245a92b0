"""Tickers on an event loop, and one coroutine that computes without awaiting.

usage: asyncio_blocking.py TICKERS TICKS PERIOD BLOCK     prints {"worst_lateness": s}
The lateness of a tick is how long after its asyncio.sleep(PERIOD) should have ended the ticker runs again.
"""
import asyncio, json, sys, time

worst = 0.0


async def ticker(ticks, period):
    global worst
    for _ in range(ticks):
        due = time.perf_counter() + period
        await asyncio.sleep(period)
        worst = max(worst, time.perf_counter() - due)


async def hog(delay, block):
    await asyncio.sleep(delay)
    end = time.perf_counter() + block
    while time.perf_counter() < end:
        pass


async def run(tickers, ticks, period, block):
    jobs = [ticker(ticks, period) for _ in range(tickers)]
    if block > 0:
        jobs.append(hog(5 * period, block))
    await asyncio.gather(*jobs)


def main():
    tickers, ticks, period, block = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    asyncio.run(run(tickers, ticks, period, block))
    print(json.dumps({"worst_lateness": worst}))


main()
