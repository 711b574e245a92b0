# 100 coroutines, each awaiting asyncio.sleep(0.05) five times: the loop overlaps their waits.
import asyncio
import time


async def job():
    for _ in range(5):
        await asyncio.sleep(0.05)


async def main():
    start = time.perf_counter()
    await asyncio.gather(*[job() for _ in range(100)])
    elapsed = time.perf_counter() - start
    print(f"{elapsed:.3f} s, {elapsed / (100 * 5 * 0.05):.4f} of sequential")


asyncio.run(main())
