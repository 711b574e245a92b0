"""asyncio.Queue with workers, task_done and join, tasks cancelled and gathered, a Semaphore as async with."""
import asyncio


async def worker(name, q, done):
    while True:
        item = await q.get()
        await asyncio.sleep(0.001 * item)
        done.append((name, item))
        q.task_done()


async def main():
    q = asyncio.Queue()
    done = []
    workers = [asyncio.create_task(worker("w%d" % i, q, done)) for i in range(3)]
    for item in [5, 1, 3, 2, 4]:
        q.put_nowait(item)
    await q.join()
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print(sorted(done), [type(r).__name__ for r in results])
    sem = asyncio.Semaphore(2)
    active = []
    peak = [0]

    async def limited(n):
        async with sem:
            active.append(n)
            peak[0] = max(peak[0], len(active))
            await asyncio.sleep(0.001)
            active.remove(n)

    await asyncio.gather(*[limited(n) for n in range(6)])
    print("peak", peak[0], len(asyncio.all_tasks()))


asyncio.run(main())
