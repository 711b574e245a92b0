import SchedulerEngine

/// What happened, in a sentence, in both languages: one set of event sentences for every output. `event` is the
/// short form the lessons' pictures print under the key and the talking stick ("net takes the GIL"); `explain` is
/// replay's full explanation of one event; `eventLabel` names a kind of event, as replay's search finds it.
extension Wording {
  /// The short sentence for an event of `kind` by `thread` (`other`: the thread it concerns, or ""), or nil for the
  /// kinds the pictures do not mention.
  public func event(_ kind: EventKind, thread: String, other: String) -> String? {
    switch kind {
    case .gilAcquire: pick("\(thread) takes the GIL", "\(thread) берёт GIL")
    case .gilDrop: pick("\(thread) gives the GIL up", "\(thread) отдаёт GIL")
    case .gilDropRequest: pick("\(thread) asks \(other) to drop the GIL", "\(thread) просит \(other) отдать GIL")
    case .gilRequest: pick("\(thread) asks for the GIL", "\(thread) хочет GIL")
    case .ioStart: pick("\(thread) starts I/O and hands the GIL back", "\(thread) уходит в ввод-вывод и отдаёт GIL")
    case .ioEnd: pick("\(thread) is back from I/O", "\(thread) вернулся из ввода-вывода")
    case .sleepStart: pick("\(thread) sleeps, GIL released", "\(thread) спит, GIL отпущен")
    case .nativeStart: pick("\(thread) runs C code without the GIL", "\(thread) выполняет C-код без GIL")
    case .threadStart: pick("\(thread) starts", "\(thread) запущен")
    case .threadFinish: pick("\(thread) finishes", "\(thread) завершён")
    default: nil
    }
  }

  /// `lock guard`, `event ready`, `queue jobs`: a synchronisation object with what it is.
  func objectName(_ object: LockDeclaration) -> String {
    let kind: String
    switch object.kind {
    case .lock: kind = pick("lock", "блокировку")
    case .rlock: kind = pick("rlock", "RLock")
    case .event: kind = pick("event", "событие")
    case .semaphore: kind = pick("semaphore", "семафор")
    case .queue: kind = pick("queue", "очередь")
    case .condition: kind = pick("condition", "условие")
    case .barrier: kind = pick("barrier", "барьер")
    case .threadPool: kind = pick("pool", "пул")
    case .list: kind = pick("list", "список")
    }
    return kind + " " + object.name
  }

  /// One sentence about `e`: what happened, and what it means for the GIL at that moment.
  public func explain(_ e: TraceEvent, in trace: Trace) -> String {
    let t = name(Int(e.thread), trace)
    let other = name(Int(e.detail), trace)
    let process = e.thread >= 0 && Int(e.thread) < trace.threads.count ? trace.threads[Int(e.thread)].process : 0
    let holder = process < trace.gilSpans.count ? trace.gilHolder(process: process, at: e.time) : nil
    let model = trace.gilSpans.isEmpty ? InterpreterKind.LockModel.none : trace.scenario.lockModel
    let interval = duration(trace.scenario.switchInterval)
    let known = e.detail >= 0 && Int(e.detail) < trace.scenario.locks.count
    let object = known ? trace.scenario.locks[Int(e.detail)] : nil
    let lock = object.map { objectName($0) } ?? pick("a lock", "блокировку")
    let owned = object.map { $0.kind == .lock || $0.kind == .rlock || $0.kind == .condition } ?? true
    let task = e.detail >= 0 && Int(e.detail) < trace.tasks.count ? trace.tasks[Int(e.detail)].name : "?"
    switch e.kind {
    case .threadStart:
      return pick(
        "\(t) starts; it needs the GIL to run Python code",
        "\(t) запускается; чтобы выполнять код Python, ему нужен GIL")
    case .threadFinish:
      return pick("\(t) finishes and leaves the GIL to the others", "\(t) завершается и оставляет GIL другим")
    case .gilRequest:
      let cause = returnCause(e, in: trace, t)
      guard model != .none else { return cause + pick("\(t) is ready to run", "\(t) готов выполняться") }
      guard let holder else { return cause + pick("\(t) asks for the GIL; it is free", "\(t) просит GIL; он свободен") }
      guard holder != Int(e.thread) else {
        return cause + pick("\(t) asks for the GIL and gets it at once", "\(t) просит GIL и сразу его получает")
      }
      let h = name(holder, trace)
      if model == .oldGIL {
        return cause
          + pick(
            "\(t) asks for the GIL; \(h) holds it, so \(t) waits — the old GIL lets go every \(trace.scenario.checkInterval) ticks, and \(t) races for it then",
            "\(t) просит GIL; он у \(h), поэтому \(t) ждёт — старый GIL отпускается каждые \(trace.scenario.checkInterval) тиков, и тогда \(t) пробует его схватить"
          )
      }
      return cause
        + pick(
          "\(t) asks for the GIL; \(h) holds it, so \(t) waits — after \(interval) it will set the drop request",
          "\(t) просит GIL; он у \(h), поэтому \(t) ждёт — через \(interval) он выставит запрос на сброс")
    case .gilDropRequest:
      // A timed wait wakes late (timer slack, a core waking from idle): say so when that is more than a tenth.
      let thread = Int(e.thread)
      let since =
        thread >= 0 && thread < trace.spans.count
        ? trace.spans[thread].last { $0.start < e.time && $0.state == .waitingGIL }?.start : nil
      let waited = since.map { e.time - $0 } ?? trace.scenario.switchInterval
      if waited > trace.scenario.switchInterval + max(trace.scenario.switchInterval / 10, Time.microsecond) {
        return pick(
          "\(t) has waited \(duration(waited)) for the GIL (its timed wait of \(interval) woke late) and sets the drop request: \(other) must let go at its next check point",
          "\(t) ждал GIL \(duration(waited)) (его ожидание на \(interval) проснулось с опозданием) и выставляет запрос на сброс: \(other) отпустит его в ближайшей точке проверки"
        )
      }
      return pick(
        "\(t) has waited \(interval) for the GIL and sets the drop request: \(other) must let go at its next check point",
        "\(t) ждал GIL \(interval) и выставляет запрос на сброс: \(other) отпустит его в ближайшей точке проверки")
    case .gilDrop:
      if e.value == GILDropReason.requested.rawValue {
        return pick("\(t) sees the drop request and gives the GIL up", "\(t) видит запрос на сброс и отдаёт GIL")
      }
      if e.value == GILDropReason.periodic.rawValue {
        return pick(
          "\(t) lets the GIL go after \(trace.scenario.checkInterval) ticks, as the old GIL does",
          "\(t) отпускает GIL после \(trace.scenario.checkInterval) тиков, как делает старый GIL")
      }
      return pick("\(t) releases the GIL", "\(t) отпускает GIL")
    case .gilAcquire:
      if e.detail >= 0 && e.detail != Int32(e.thread) {
        return pick(
          "\(t) takes the GIL from \(other): a hand-off; now only \(t) runs Python code",
          "\(t) забирает GIL у \(other): передача; теперь код Python выполняет только \(t)")
      }
      return pick("\(t) takes the GIL and runs Python code", "\(t) берёт GIL и выполняет код Python")
    case .gilAcquireFailed:
      return pick(
        "\(t) woke up, but another thread took the GIL first; it goes back to waiting",
        "\(t) проснулся, но GIL уже взял другой поток; он снова ждёт")
    case .ioStart:
      return pick(
        "\(t) starts blocking I/O and releases the GIL: the others may run meanwhile",
        "\(t) начинает блокирующий ввод-вывод и отпускает GIL: пока он ждёт, могут работать другие")
    case .ioEnd:
      return pick(
        "\(t)'s I/O finished; it needs the GIL back to go on",
        "ввод-вывод \(t) закончился; чтобы продолжить, ему нужен GIL")
    case .sleepStart:
      return pick("\(t) calls time.sleep and releases the GIL", "\(t) вызывает time.sleep и отпускает GIL")
    case .sleepEnd:
      return pick("\(t) wakes up and needs the GIL back", "\(t) просыпается, и ему снова нужен GIL")
    case .nativeStart:
      return pick(
        "\(t) runs C code that releases the GIL: it runs alongside the others",
        "\(t) выполняет код на C, который отпускает GIL: он работает параллельно с другими")
    case .nativeEnd:
      return pick("\(t)'s C code is done; it needs the GIL back", "код на C в \(t) закончился; ему снова нужен GIL")
    case .builtinStart:
      return pick(
        "\(t) calls a C function that keeps the GIL: no other thread runs Python code until it returns",
        "\(t) вызывает функцию на C, которая держит GIL: пока она не вернётся, другие потоки не выполняют код Python")
    case .builtinEnd:
      return pick(
        "\(t)'s C function returns; the GIL can change hands again at the next check point",
        "функция на C в \(t) вернулась; GIL снова может перейти к другому в ближайшей точке проверки")
    case .computeStart, .computeEnd, .bytecode:
      guard e.kind == .bytecode, e.detail >= 0, Int(e.detail) < trace.instructions.count else {
        return pick("\(t) runs bytecode", "\(t) выполняет байт-код")
      }
      let instruction = trace.instructions[Int(e.detail)]
      let name = instruction.argrepr
      if instruction.opname.hasPrefix("STORE"), !name.isEmpty {
        return pick(
          "\(t) runs \(instruction.text): writes \(name) = \(e.value)",
          "\(t) выполняет \(instruction.text): записывает \(name) = \(e.value)")
      }
      if instruction.opname.hasPrefix("LOAD_GLOBAL") || instruction.opname.hasPrefix("LOAD_NAME") {
        return pick(
          "\(t) runs \(instruction.text): reads \(name) = \(e.value)",
          "\(t) выполняет \(instruction.text): читает \(name) = \(e.value)")
      }
      return pick("\(t) runs \(instruction.text)", "\(t) выполняет \(instruction.text)")
    case .lockWait where owned:
      return pick(
        "\(t) waits for \(lock), which another thread holds; it releases the GIL while it waits",
        "\(t) ждёт \(lock), которую держит другой поток; пока ждёт, GIL отпущен")
    case .lockWait:
      return pick(
        "\(t) waits on \(lock); it releases the GIL while it waits",
        "\(t) ждёт: \(lock); пока ждёт, GIL отпущен")
    case .lockAcquire:
      return pick("\(t) takes \(lock)", "\(t) захватывает \(lock)")
    case .lockRelease:
      return pick("\(t) releases \(lock)", "\(t) освобождает \(lock)")
    case .taskSwitch:
      return pick(
        "the event loop in \(t) switches to task \(task)", "цикл событий в \(t) переключается на задачу \(task)")
    case .taskAwait:
      return pick(
        "task \(task) awaits; the loop in \(t) runs other tasks meanwhile",
        "задача \(task) ждёт (await); цикл в \(t) тем временем выполняет другие задачи")
    case .taskFinish:
      return pick("task \(task) finishes", "задача \(task) завершена")
    case .osPreempt:
      return pick(
        "the OS takes \(t)'s core away: its time slice ended or another thread woke up",
        "ОС забирает ядро у \(t): квант времени кончился или проснулся другой поток")
    case .osDispatch:
      return pick("the OS gives \(t) a core again", "ОС снова даёт \(t) ядро")
    case .signalArrived:
      return pick(
        "SIGINT (Ctrl-C) arrives: the C handler only notes it; \(t), the main thread, raises KeyboardInterrupt at its next check point with the GIL (a wait it is in is interrupted first)",
        "приходит SIGINT (Ctrl-C): обработчик на C только отмечает его; \(t), главный поток, выбросит KeyboardInterrupt в ближайшей точке проверки с GIL (ожидание, в котором он стоит, сначала прерывается)"
      )
    case .worldStopped:
      return pick(
        "\(t) starts a garbage collection and stops the world: without a GIL, every other thread pauses at its next check point, or before it runs Python again",
        "\(t) начинает сборку мусора и останавливает мир: без GIL каждый другой поток встаёт на паузу в ближайшей точке проверки или перед тем, как снова выполнять код Python"
      )
    case .worldRestarted:
      return pick(
        "\(t)'s collection is done: the world starts again and the paused threads go on",
        "сборка мусора в \(t) закончена: мир запускается снова, потоки на паузе продолжают")
    case .bytecodeRun:
      let count = NumberText.grouped(Int64(max(e.detail, 0)), language)
      let span = duration(e.value)
      return pick(
        "\(t) runs \(count) instructions in \(span), nothing else happening to it (this long trace keeps them as one stretch)",
        "\(t) выполняет отрезок байт-кода (инструкций: \(count)) за \(span), больше с ним ничего не происходит (длинная трасса хранит отрезок одним событием)"
      )
    }
  }

  /// "net's recv finished; " when a GIL request follows the end of a wait of the same thread at the same moment.
  private func returnCause(_ e: TraceEvent, in trace: Trace, _ t: String) -> String {
    var i = trace.firstEvent(after: e.time) - 1
    var budget = 16
    while i >= 0 && budget > 0 && trace.events[i].time == e.time {
      let previous = trace.events[i]
      if previous.thread == e.thread {
        switch previous.kind {
        case .ioEnd: return pick("\(t)'s I/O finished; ", "ввод-вывод \(t) закончился; ")
        case .sleepEnd: return pick("\(t) woke up; ", "\(t) проснулся; ")
        case .nativeEnd: return pick("\(t)'s C code is done; ", "код на C в \(t) закончился; ")
        default: break
        }
      }
      i -= 1
      budget -= 1
    }
    return ""
  }

  private func name(_ index: Int, _ trace: Trace) -> String {
    index >= 0 && index < trace.threads.count ? trace.threads[index].name : "?"
  }

  /// A short name for an event kind, as `/` searches for it.
  public func eventLabel(_ kind: EventKind) -> String {
    switch kind {
    case .threadStart: pick("thread start", "запуск потока")
    case .threadFinish: pick("thread finish", "завершение потока")
    case .gilRequest: pick("GIL request", "запрос GIL")
    case .gilDropRequest: pick("GIL drop request", "запрос на сброс GIL")
    case .gilDrop: pick("GIL release", "GIL отпущен")
    case .gilAcquire: pick("GIL taken, hand-off", "GIL взят, передача")
    case .gilAcquireFailed: pick("GIL missed", "GIL упущен")
    case .ioStart: pick("I/O start", "начало ввода-вывода")
    case .ioEnd: pick("I/O end", "конец ввода-вывода")
    case .sleepStart: pick("sleep start", "засыпает")
    case .sleepEnd: pick("sleep end", "просыпается")
    case .nativeStart: pick("C code start (no GIL)", "начало кода на C (без GIL)")
    case .nativeEnd: pick("C code end", "конец кода на C")
    case .builtinStart: pick("builtin start (GIL held)", "начало встроенной функции (GIL занят)")
    case .builtinEnd: pick("builtin end", "конец встроенной функции")
    case .computeStart: pick("compute start", "начало вычислений")
    case .computeEnd: pick("compute end", "конец вычислений")
    case .bytecode: pick("bytecode", "байт-код")
    case .lockWait: pick("lock wait", "ожидание блокировки")
    case .lockAcquire: pick("lock taken", "блокировка взята")
    case .lockRelease: pick("lock released", "блокировка освобождена")
    case .taskSwitch: pick("task switch", "переключение задачи")
    case .taskAwait: pick("task await", "await задачи")
    case .taskFinish: pick("task finish", "завершение задачи")
    case .osPreempt: pick("OS preemption", "вытеснение ОС")
    case .osDispatch: pick("OS dispatch", "ОС даёт ядро")
    case .signalArrived: pick("signal (Ctrl-C)", "сигнал (Ctrl-C)")
    case .worldStopped: pick("stop-the-world", "остановка мира")
    case .worldRestarted: pick("world restarted", "мир запущен снова")
    case .bytecodeRun: pick("bytecode stretch (lean trace)", "отрезок байт-кода (сжатая трасса)")
    }
  }
}
