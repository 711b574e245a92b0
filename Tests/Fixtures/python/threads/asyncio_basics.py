import asyncio
import time


async def worker(name, delay):
    await asyncio.sleep(delay)
    print(name, "done")
    return name


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        await asyncio.sleep(0.001)
    await q.put(None)


async def consumer(q):
    total = 0
    while True:
        item = await q.get()
        if item is None:
            return total
        total += item


def blocking(x):
    time.sleep(0.02)
    return x * 2


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(worker("a", 0.2), worker("b", 0.1), worker("c", 0.3))
    print(results, round(time.perf_counter() - start, 1))
    t = asyncio.create_task(worker("d", 0.01))
    print(await t, t.done(), t.get_name())
    q = asyncio.Queue(maxsize=2)
    _, total = await asyncio.gather(producer(q, 10), consumer(q))
    print("total", total)
    print(await asyncio.get_running_loop().run_in_executor(None, blocking, 21))
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.05)
    except asyncio.TimeoutError:
        print("timed out")
    ev = asyncio.Event()

    async def waiter():
        await ev.wait()
        return "woken"

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    ev.set()
    print(await w)
    lock = asyncio.Lock()
    order = []

    async def locked(n):
        await lock.acquire()
        try:
            order.append(n)
            await asyncio.sleep(0.001)
        finally:
            lock.release()

    await asyncio.gather(*[locked(n) for n in range(3)])
    print(order)
    bad = asyncio.create_task(worker("e", "x"))
    try:
        await bad
    except TypeError as e:
        print("error:", e)


asyncio.run(main())
