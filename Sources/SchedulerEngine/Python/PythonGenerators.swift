/// Generators and coroutines as CPython 3.12 runs them: calling a generator function makes its frame, which
/// RETURN_GENERATOR hands to a generator object; each resumption pushes that frame back on the thread that
/// resumes it, where it runs as any frame does (so it may take a lock or sleep) until YIELD_VALUE takes it off
/// again. `await` and `yield from` resume the awaited object from the awaiting frame (SEND), so a chain of
/// coroutines is re-entered from its outermost frame at every step, as in CPython.
extension PythonMachine {
  /// RETURN_GENERATOR: the call's frame becomes the generator's, and the generator is the call's result.
  func makeGenerator(_ thread: PythonThread, _ frame: PythonFrame) {
    let generator = PyGenerator(frame: frame, isCoroutine: frame.compiled.code.isCoroutine, address: nextAddress())
    frame.generator = generator
    thread.frames.removeLast()
    depth -= 1
    deliver(.generator(generator), on: thread)
  }

  /// YIELD_VALUE: the frame leaves the thread, and the value goes to whoever resumed it.
  func yield(_ thread: PythonThread, _ frame: PythonFrame) throws(PythonError) {
    guard let generator = frame.generator else { throw .unsupported("yield outside a generator") }
    let value = frame.pop()
    generator.state = .suspended
    thread.frames.removeLast()
    depth -= 1
    deliver(value, on: thread)
  }

  /// The value goes onto the caller's stack, or is what a run from Swift (`resumeFromSwift`) got.
  private func deliver(_ value: PyValue, on thread: PythonThread) {
    if let caller = thread.frames.last {
      caller.stack.append(value)
    } else {
      thread.returned = value
    }
  }

  /// A generator's frame returned `value` (it has left the thread): what that means for what resumed it.
  func generatorReturned(_ generator: PyGenerator, _ value: PyValue, _ thread: PythonThread) throws(PythonError) {
    generator.state = .finished
    guard let caller = thread.frames.last else {
      thread.returned = value
      return
    }
    switch generator.frame.resumedBy {
    case .call: throw stopIteration(value)
    case .send(let target, let replacesReceiver):
      if replacesReceiver { _ = caller.pop() }
      caller.stack.append(value)
      caller.ip = target
    case .forIter(let target):
      _ = caller.pop()
      caller.ip = target
    }
  }

  func stopIteration(_ value: PyValue) -> PythonError {
    let arguments: [PyValue] = if case .none = value { [] } else { [value] }
    return raising(PyException(type: exceptionTypes["StopIteration"]!, arguments: arguments))
  }

  /// Puts the generator's frame back on `thread` with `value` sent in (nil: an exception is thrown in next).
  func resume(
    _ generator: PyGenerator, with value: PyValue?, on thread: PythonThread, by resumption: PythonFrame.Resume
  ) throws(PythonError) {
    switch generator.state {
    case .running: throw raise("ValueError", "\(generator.kind) already executing")
    case .finished:
      if generator.isCoroutine { throw raise("RuntimeError", "cannot reuse already awaited coroutine") }
      // An exhausted generator returns None again.
      generator.frame.resumedBy = resumption
      try generatorReturned(generator, .none, thread)
      return
    case .created:
      if let value, !isNone(value) {
        throw raise("TypeError", "can't send non-None value to a just-started \(generator.kind)")
      }
    case .suspended: break
    }
    generator.state = .running
    generator.frame.resumedBy = resumption
    if let value { generator.frame.stack.append(value) }
    try push(generator.frame, on: thread)
  }

  /// SEND: resume the awaited or delegated-to object with the value on top; what it yields is this frame's to
  /// yield, what it returns is the result (at END_SEND).
  func send(_ thread: PythonThread, _ frame: PythonFrame, _ target: Int, replacesReceiver: Bool) throws(PythonError) {
    let value = frame.pop()
    switch frame.top() {
    case .generator(let generator):
      try resume(generator, with: value, on: thread, by: .send(target, replacesReceiver: replacesReceiver))
    case .iterator(let iterator):
      if let next = iterator.next() {
        frame.stack.append(next)
      } else {
        if replacesReceiver { _ = frame.pop() }
        frame.stack.append(.none)
        frame.ip = target
      }
    case let other: throw raise("TypeError", "'\(typeName(other))' object is not an iterator")
    }
  }

  /// GET_AWAITABLE: a coroutine, or what an object's `__await__` returns (a generator, for asyncio's futures).
  func awaitable(_ value: PyValue) throws(PythonError) -> PyValue {
    switch value {
    case .generator(let generator) where generator.isCoroutine:
      if generator.state == .running { throw raise("RuntimeError", "coroutine is being awaited already") }
      return value
    case .instance(let instance):
      if let method = instance.type.lookup("__await__") {
        let result = try call(method, [value], [])
        if case .generator(let generator) = result, !generator.isCoroutine { return result }
        if case .iterator = result { return result }
        throw raise("TypeError", "__await__() returned non-iterator of type '\(typeName(result))'")
      }
    default: break
    }
    throw raise("TypeError", "'\(typeName(value))' object can't be awaited")
  }

  /// A call that resumes a generator from a frame (`next(g)`, `g.send(v)`, `g.__next__()`, `g.throw(e)`): its
  /// frame goes on this thread, so that it may wait. False when the call is not one of these.
  func resumeInline(
    _ thread: PythonThread, _ callable: PyValue, _ arguments: [PyValue], _ keywords: [(String, PyValue)]
  ) throws(PythonError) -> Bool {
    guard keywords.isEmpty else { return false }
    switch callable {
    case .builtin(let builtin) where builtin.name == "next" && arguments.count == 1:
      if case .instance(let instance) = arguments[0], case .function(let next)? = instance.type.lookup("__next__") {
        // `next(it)` of an iterator class of the program's: its `__next__` in a frame of its own.
        try callFromFrame(thread, .function(next), arguments, [])
        return true
      }
      guard case .generator(let generator) = arguments[0], !generator.isCoroutine else { return false }
      try resume(generator, with: PyValue.none, on: thread, by: .call)
    case .builtinMethod(.generator(let generator), "send") where arguments.count == 1:
      try resume(generator, with: arguments[0], on: thread, by: .call)
    case .builtinMethod(.generator(let generator), "__next__") where arguments.isEmpty:
      try resume(generator, with: PyValue.none, on: thread, by: .call)
    case .builtinMethod(.generator(let generator), "throw") where arguments.count == 1:
      try throwInto(generator, arguments[0], on: thread)
    default: return false
    }
    return true
  }

  /// `g.throw(e)`: the exception is raised where the generator is suspended.
  func throwInto(_ generator: PyGenerator, _ value: PyValue, on thread: PythonThread) throws(PythonError) {
    let exception = try exception(from: value)
    if generator.state == .finished || generator.state == .created {
      generator.state = .finished
      throw raising(exception)
    }
    try resume(generator, with: nil, on: thread, by: .call)
    try unwind(thread, raising(exception))
  }

  /// What one resumption from Swift gave: a yielded value, or the generator's return value.
  enum Resumed {
    case yielded(PyValue)
    case returned(PyValue)
  }

  /// Resumes the generator on a thread of its own, from a built-in (`list(g)`, `sum(g)`, `g.send(v)` called by
  /// one): it runs until it yields or returns. It may not wait there.
  func resumeFromSwift(_ generator: PyGenerator, sending value: PyValue?, throwing: PyValue? = nil)
    throws(PythonError) -> Resumed
  {
    if generator.state == .finished {
      if generator.isCoroutine { throw raise("RuntimeError", "cannot reuse already awaited coroutine") }
      return .returned(.none)
    }
    let thread = PythonThread(number: active.number)
    nestedRuns += 1
    defer { nestedRuns -= 1 }
    if let throwing {
      try throwInto(generator, throwing, on: thread)
    } else {
      try resume(generator, with: value, on: thread, by: .call)
    }
    while try step(thread) {}
    let result = thread.returned ?? .none
    return generator.state == .finished ? .returned(result) : .yielded(result)
  }

  /// Every value a generator yields, from Swift.
  func drain(_ generator: PyGenerator) throws(PythonError) -> [PyValue] {
    if generator.isCoroutine { throw raise("TypeError", "'coroutine' object is not iterable") }
    var items: [PyValue] = []
    while case .yielded(let value) = try resumeFromSwift(generator, sending: PyValue.none) { items.append(value) }
    return items
  }

  /// A generator's methods called from Swift (or with arguments a frame's call does not resume inline).
  func generatorMethod(_ generator: PyGenerator, _ name: String, _ args: [PyValue]) throws(PythonError) -> PyValue {
    let result: Resumed
    switch name {
    case "send": result = try resumeFromSwift(generator, sending: args[0])
    case "__next__": result = try resumeFromSwift(generator, sending: PyValue.none)
    case "throw": result = try resumeFromSwift(generator, sending: nil, throwing: args[0])
    default:
      // close(): the generator is done (its `finally` blocks are not run: GeneratorExit is not modelled).
      if generator.state == .running { throw raise("ValueError", "\(generator.kind) already executing") }
      generator.state = .finished
      return .none
    }
    switch result {
    case .yielded(let value): return value
    case .returned(let value): throw stopIteration(value)
    }
  }
}
