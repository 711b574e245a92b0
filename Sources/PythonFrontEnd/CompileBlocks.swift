import SchedulerEngine

/// A loop, `with` or `try` the generated code is inside: what `break`, `continue` and `return` must undo.
struct FrameBlock {
  enum Kind {
    case whileLoop, forLoop, tryExcept, finallyEnd, popValue, exceptionHandler
    /// The `finally` body, run again by a `return` or `break` that leaves the `try`.
    case finallyTry([PythonStatement])
    /// The line of the `with` statement, where its exit is called; an `async with` awaits its exit.
    case with(line: Int, isAsync: Bool)
    /// The name an `except ... as NAME` bound, which leaving the handler deletes.
    case handlerCleanup(String?)
  }
  var kind: Kind
  var top: Int = 0
  var exit: Int = 0

  var isLoop: Bool {
    switch kind {
    case .whileLoop, .forLoop: true
    default: false
    }
  }
}

/// `with`, `try` and what `break`, `continue` and `return` undo when they leave them (compiler_unwind_fblock).
extension CodeGenerator {
  // MARK: leaving blocks (compiler_unwind_fblock)

  /// Undoes the blocks from the innermost out, up to a loop when `toLoop` (which it returns, not undone).
  mutating func unwindStack(line: inout Int, preserve: Bool, toLoop: Bool) throws(CompileError)
    -> FrameBlock?
  {
    guard let top = blocks.last else { return nil }
    if toLoop && top.isLoop { return top }
    blocks.removeLast()
    defer { blocks.append(top) }
    try unwind(top, line: &line, preserve: preserve)
    return try unwindStack(line: &line, preserve: preserve, toLoop: toLoop)
  }

  mutating func unwind(_ block: FrameBlock, line: inout Int, preserve: Bool) throws(CompileError) {
    switch block.kind {
    case .whileLoop, .exceptionHandler: return
    case .forLoop:
      if preserve { code.emit("SWAP", 2, line: line) }
      code.emit("POP_TOP", line: line)
    case .tryExcept:
      code.emit("POP_BLOCK", line: line)
    case .finallyTry(let body):
      code.emit("POP_BLOCK", line: line)
      if preserve { blocks.append(FrameBlock(kind: .popValue)) }
      for statement in body { try self.statement(statement) }
      if preserve { blocks.removeLast() }
      line = -1
    case .finallyEnd:
      if preserve { code.emit("SWAP", 2, line: line) }
      code.emit("POP_TOP", line: line)
      if preserve { code.emit("SWAP", 2, line: line) }
      code.emit("POP_BLOCK", line: line)
      code.emit("POP_EXCEPT", line: line)
    case .with(let withLine, let isAsync):
      line = withLine
      code.emit("POP_BLOCK", line: line)
      if preserve { code.emit("SWAP", 2, line: line) }
      callExitWithNones(line: line)
      if isAsync { awaitExit(line: line) }
      code.emit("POP_TOP", line: line)
      line = -1
    case .handlerCleanup(let name):
      if name != nil { code.emit("POP_BLOCK", line: line) }
      if preserve { code.emit("SWAP", 2, line: line) }
      code.emit("POP_BLOCK", line: line)
      code.emit("POP_EXCEPT", line: line)
      if let name {
        loadConstant(.none, line: line)
        try nameOp(name, .store, line: line)
        try nameOp(name, .delete, line: line)
      }
    case .popValue:
      if preserve { code.emit("SWAP", 2, line: line) }
      code.emit("POP_TOP", line: line)
    }
  }

  mutating func callExitWithNones(line: Int) {
    for _ in 0..<3 { loadConstant(.none, line: line) }
    emitCall(2, line: line)
  }

  /// An `async with`'s `__aexit__` returned a coroutine: await it.
  mutating func awaitExit(line: Int) {
    code.emit("GET_AWAITABLE", 2, line: line)
    loadConstant(.none, line: line)
    yieldFrom(isAwait: true, line: line)
  }

  // MARK: with and try

  /// compiler_with and compiler_async_with: one item, then the rest inside it. `async with` awaits what
  /// `__aenter__` and `__aexit__` return.
  mutating func with(
    _ items: [WithItem], _ position: Int, _ body: [PythonStatement], line: Int, isAsync: Bool = false
  ) throws(CompileError) {
    let item = items[position]
    let block = code.newLabel()
    let final = code.newLabel()
    let exit = code.newLabel()
    let cleanup = code.newLabel()
    try expression(item.context)
    let at = item.context.location.line
    if isAsync {
      code.emit("BEFORE_ASYNC_WITH", line: at)
      code.emit("GET_AWAITABLE", 1, line: at)
      loadConstant(.none, line: at)
      yieldFrom(isAwait: true, line: at)
    } else {
      code.emit("BEFORE_WITH", line: at)
    }
    code.emit("SETUP_WITH", line: at, target: final)
    code.place(block)
    blocks.append(FrameBlock(kind: .with(line: line, isAsync: isAsync), top: block, exit: final))
    if let target = item.target { try store(target) } else { code.emit("POP_TOP", line: at) }
    if position + 1 == items.count {
      for statement in body { try self.statement(statement) }
    } else {
      try with(items, position + 1, body, line: line, isAsync: isAsync)
    }
    code.emit("POP_BLOCK", line: -1)
    blocks.removeLast()
    callExitWithNones(line: line)
    if isAsync { awaitExit(line: line) }
    code.emit("POP_TOP", line: line)
    code.emit("JUMP", line: line, target: exit)
    code.place(final)
    code.emit("SETUP_CLEANUP", line: line, target: cleanup)
    code.emit("PUSH_EXC_INFO", line: line)
    code.emit("WITH_EXCEPT_START", line: line)
    if isAsync { awaitExit(line: line) }
    let suppress = code.newLabel()
    jumpIfTop(true, to: suppress, line: -1)
    code.emit("RERAISE", 2, line: -1)
    // 3.11 puts the handler's own cleanup first and lets the suppressed case fall through to the exit.
    if before312 {
      code.place(cleanup)
      popExceptAndReraise()
    }
    code.place(suppress)
    code.emit("POP_TOP", line: -1)
    code.emit("POP_BLOCK", line: -1)
    code.emit("POP_EXCEPT", line: -1)
    code.emit("POP_TOP", line: -1)
    code.emit("POP_TOP", line: -1)
    if before312 { return code.place(exit) }
    let done = code.newLabel()
    code.emit(from313 ? "JUMP_NO_INTERRUPT" : "JUMP", line: -1, target: done)
    code.place(cleanup)
    popExceptAndReraise()
    code.place(done)
    code.place(exit)
  }

  mutating func popExceptAndReraise() {
    code.emit("COPY", 3, line: -1)
    code.emit("POP_EXCEPT", line: -1)
    code.emit("RERAISE", 1, line: -1)
  }

  mutating func tryExcept(
    _ body: [PythonStatement], _ handlers: [ExceptHandler], _ orElse: [PythonStatement], line: Int
  ) throws(CompileError) {
    let bodyLabel = code.newLabel()
    var except = code.newLabel()
    let end = code.newLabel()
    let cleanup = code.newLabel()
    code.emit("SETUP_FINALLY", line: line, target: except)
    code.place(bodyLabel)
    blocks.append(FrameBlock(kind: .tryExcept, top: bodyLabel))
    for statement in body { try self.statement(statement) }
    blocks.removeLast()
    code.emit("POP_BLOCK", line: -1)
    for statement in orElse { try self.statement(statement) }
    code.emit("JUMP", line: -1, target: end)
    code.place(except)
    code.emit("SETUP_CLEANUP", line: -1, target: cleanup)
    code.emit("PUSH_EXC_INFO", line: -1)
    blocks.append(FrameBlock(kind: .exceptionHandler))
    for (i, handler) in handlers.enumerated() {
      let at = handler.location.line
      if handler.type == nil && i < handlers.count - 1 {
        throw CompileError(location: handler.location, message: "default 'except:' must be last")
      }
      let next = code.newLabel()
      except = next
      if let type = handler.type {
        try expression(type)
        code.emit("CHECK_EXC_MATCH", line: at)
        code.emit("POP_JUMP_IF_FALSE", line: at, target: except)
      }
      if let name = handler.name {
        let cleanupEnd = code.newLabel()
        let cleanupBody = code.newLabel()
        try nameOp(name, .store, line: at)
        code.emit("SETUP_CLEANUP", line: at, target: cleanupEnd)
        code.place(cleanupBody)
        blocks.append(FrameBlock(kind: .handlerCleanup(name), top: cleanupBody))
        for statement in handler.body { try self.statement(statement) }
        blocks.removeLast()
        code.emit("POP_BLOCK", line: -1)
        code.emit("POP_BLOCK", line: -1)
        code.emit("POP_EXCEPT", line: -1)
        loadConstant(.none, line: -1)
        try nameOp(name, .store, line: -1)
        try nameOp(name, .delete, line: -1)
        // 3.13 leaves a handler without a check for a drop request.
        code.emit(from313 ? "JUMP_NO_INTERRUPT" : "JUMP", line: -1, target: end)
        code.place(cleanupEnd)
        loadConstant(.none, line: -1)
        try nameOp(name, .store, line: -1)
        try nameOp(name, .delete, line: -1)
        code.emit("RERAISE", 1, line: -1)
      } else {
        let cleanupBody = code.newLabel()
        code.emit("POP_TOP", line: at)
        code.place(cleanupBody)
        blocks.append(FrameBlock(kind: .handlerCleanup(nil), top: cleanupBody))
        for statement in handler.body { try self.statement(statement) }
        blocks.removeLast()
        code.emit("POP_BLOCK", line: -1)
        code.emit("POP_EXCEPT", line: -1)
        code.emit(from313 ? "JUMP_NO_INTERRUPT" : "JUMP", line: -1, target: end)
      }
      code.place(except)
    }
    blocks.removeLast()
    code.emit("RERAISE", 0, line: -1)
    code.place(cleanup)
    popExceptAndReraise()
    code.place(end)
  }

  mutating func tryFinally(
    _ body: [PythonStatement], _ handlers: [ExceptHandler], _ orElse: [PythonStatement],
    _ finally: [PythonStatement], line: Int
  ) throws(CompileError) {
    let bodyLabel = code.newLabel()
    let end = code.newLabel()
    let exit = code.newLabel()
    let cleanup = code.newLabel()
    code.emit("SETUP_FINALLY", line: line, target: end)
    code.place(bodyLabel)
    blocks.append(FrameBlock(kind: .finallyTry(finally), top: bodyLabel, exit: end))
    if handlers.isEmpty {
      for statement in body { try self.statement(statement) }
    } else {
      try tryExcept(body, handlers, orElse, line: line)
    }
    code.emit("POP_BLOCK", line: -1)
    blocks.removeLast()
    for statement in finally { try self.statement(statement) }
    code.emit("JUMP", line: -1, target: exit)
    code.place(end)
    code.emit("SETUP_CLEANUP", line: -1, target: cleanup)
    code.emit("PUSH_EXC_INFO", line: -1)
    blocks.append(FrameBlock(kind: .finallyEnd, top: end))
    for statement in finally { try self.statement(statement) }
    blocks.removeLast()
    code.emit("RERAISE", 0, line: -1)
    code.place(cleanup)
    popExceptAndReraise()
    code.place(exit)
  }
}
