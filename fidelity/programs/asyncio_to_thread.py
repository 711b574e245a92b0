"""Blocking calls handed to threads with asyncio.to_thread, beside a ticker on the same loop.

usage: asyncio_to_thread.py CALLS WAIT TICKS PERIOD
prints {"calls_done": s, "worst_lateness": s} (when the last call returned, from the start; the ticker's worst
lateness: how long after its asyncio.sleep(PERIOD) should have ended it ran again)
"""
import asyncio, json, sys, time

worst = 0.0


async def ticker(ticks, period):
    global worst
    for _ in range(ticks):
        due = time.perf_counter() + period
        await asyncio.sleep(period)
        worst = max(worst, time.perf_counter() - due)


async def fetch(wait):
    await asyncio.sleep(0.002)
    await asyncio.to_thread(time.sleep, wait)
    return time.perf_counter()


async def run(calls, wait, ticks, period):
    start = time.perf_counter()
    results = await asyncio.gather(ticker(ticks, period), *[fetch(wait) for _ in range(calls)])
    return max(results[1:]) - start


def main():
    calls, wait, ticks, period = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    done = asyncio.run(run(calls, wait, ticks, period))
    print(json.dumps({"calls_done": done, "worst_lateness": worst}))


main()
