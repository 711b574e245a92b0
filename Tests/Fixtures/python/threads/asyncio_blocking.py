# Ten tickers every 10 ms; one coroutine blocks the loop for 200 ms without awaiting.
import asyncio
import time

late = []


async def ticker():
    for _ in range(30):
        before = time.perf_counter()
        await asyncio.sleep(0.01)
        late.append(time.perf_counter() - before - 0.01)


async def blocker():
    await asyncio.sleep(0.05)
    time.sleep(0.2)


async def main():
    await asyncio.gather(blocker(), *[ticker() for _ in range(10)])
    print(f"worst tick lateness {max(late) * 1000:.0f} ms")


asyncio.run(main())
