import SchedulerEngine

/// Comprehensions: inlined into the enclosing code from 3.12 (PEP 709), functions of their own before;
/// generator expressions as functions.
extension CodeGenerator {
  // MARK: comprehensions

  /// compiler_comprehension. List, set and dict comprehensions run inline in the enclosing code (PEP 709),
  /// their variables saved and restored around them; a generator expression is a function of its own.
  mutating func comprehension(
    _ e: PythonExpression, kind: PythonExpression.ComprehensionKind?, element: PythonExpression,
    value: PythonExpression?, clauses: [ComprehensionClause]
  ) throws(CompileError) {
    let line = e.location.line
    guard let child = symbols.scope(at: e.location, tag: 2) else {
      throw CompileError(location: e.location, message: "internal: no scope for a comprehension")
    }
    if clauses.contains(where: \.isAsync) { throw unsupported("async comprehensions", e.location) }
    if kind == .generator || before312 {
      let functionName =
        switch kind {
        case .generator: "<genexpr>"
        case .list: "<listcomp>"
        case .set: "<setcomp>"
        case nil: "<dictcomp>"
        }
      var generator = CodeGenerator(
        scope: child, symbols: symbols, release: release, name: functionName,
        qualifiedName: childQualifiedName(functionName),
        firstLine: line)
      let compiled = try generator.comprehensionFunction(
        kind: kind, element: element, value: value, clauses: clauses, line: line)
      staticAttributes.formUnion(generator.staticAttributes)
      let flags = makeClosure(child, line: line)
      childCount += 1
      children[childCount] = compiled
      loadConstant(.code(name: functionName, id: childCount), line: line)
      makeFunction(flags, line: line)
      try iterableExpression(clauses[0].iterable)
      code.emit("GET_ITER", line: iterationLine(clauses[0], line))
      emitCall(0, line: line)
      return
    }
    try iterableExpression(clauses[0].iterable)
    code.emit("GET_ITER", line: iterationLine(clauses[0], line))
    // push_inlined_comprehension_state: the comprehension's own variables, saved on the stack.
    // In a class body even the hidden iterator `.0` is saved (in_class_block).
    let inClass = scope.kind == .classBody
    let own = child.names.filter {
      let flags = child.flags(of: $0)
      return (flags.contains(.assigned) && !flags.contains(.declaredNonlocal))
        || (inClass && flags.contains(.parameter))
    }
    let saved = comprehensionLocals
    inlinedComprehensions.append(child)
    for n in own {
      comprehensionLocals.insert(n)
      code.emit("LOAD_FAST_AND_CLEAR", localIndex(n), line: line)
    }
    var cleanup = 0
    var end = 0
    if !own.isEmpty {
      code.emit("SWAP", own.count + 1, line: line)
      cleanup = code.newLabel()
      end = code.newLabel()
      code.emit("SETUP_FINALLY", line: line, target: cleanup)
    }
    let build = kind == .list ? "BUILD_LIST" : kind == .set ? "BUILD_SET" : "BUILD_MAP"
    code.emit(build, 0, line: line)
    code.emit("SWAP", 2, line: line)
    try comprehensionClause(
      clauses, 0, depth: 0, element: element, value: value, kind: kind, iteratorOnStack: true, line: line)
    if !own.isEmpty {
      code.emit("POP_BLOCK", line: -1)
      code.emit("JUMP", line: -1, target: end)
      code.place(cleanup)
      code.emit("SWAP", 2, line: -1)
      code.emit("POP_TOP", line: -1)
      restoreComprehensionLocals(own, line: line)
      code.emit("RERAISE", 0, line: -1)
      code.place(end)
      restoreComprehensionLocals(own, line: line)
    }
    comprehensionLocals = saved
    inlinedComprehensions.removeLast()
  }

  mutating func restoreComprehensionLocals(_ own: [String], line: Int) {
    code.emit("SWAP", own.count + 1, line: line)
    for n in own.reversed() { code.emit("STORE_FAST_MAYBE_NULL", localIndex(n), line: line) }
  }

  /// A generator expression's function, or up to 3.11 a comprehension's: it iterates over its argument `.0`
  /// and yields each element, or returns the list, set or dict it built.
  mutating func comprehensionFunction(
    kind: PythonExpression.ComprehensionKind?, element: PythonExpression, value: PythonExpression?,
    clauses: [ComprehensionClause], line: Int
  ) throws(CompileError) -> CodeObject {
    isGenerator = kind == .generator
    // From 3.12 a generator's stray StopIteration becomes a RuntimeError in a handler of its own (3.11: in C).
    let wrapped = isGenerator && !before312
    let handler = code.newLabel()
    if wrapped { code.emit("SETUP_CLEANUP", line: -1, target: handler) }
    code.emit("RESUME", 0, line: line)
    if !isGenerator {
      code.emit(kind == .list ? "BUILD_LIST" : kind == .set ? "BUILD_SET" : "BUILD_MAP", 0, line: line)
    }
    try comprehensionClause(
      clauses, 0, depth: 0, element: element, value: value, kind: kind, iteratorOnStack: false, line: line)
    if !isGenerator {
      code.emit("RETURN_VALUE", line: line)
      return assemble()
    }
    loadConstant(.none, line: -1)
    code.emit("RETURN_VALUE", line: -1)
    if wrapped {
      code.place(handler)
      code.emit("CALL_INTRINSIC_1", 3, line: -1)
      code.emit("RERAISE", 1, line: -1)
    }
    return assemble()
  }

  /// Where a clause's iteration is: the comprehension's line up to 3.12, the iterable's from 3.13.
  func iterationLine(_ clause: ComprehensionClause, _ line: Int) -> Int {
    from313 ? clause.iterable.location.line : line
  }

  /// compiler_sync_comprehension_generator: one `for` clause and its conditions, the next clause inside.
  mutating func comprehensionClause(
    _ clauses: [ComprehensionClause], _ index: Int, depth: Int, element: PythonExpression, value: PythonExpression?,
    kind: PythonExpression.ComprehensionKind?, iteratorOnStack: Bool, line: Int
  ) throws(CompileError) {
    var start: Int? = code.newLabel()
    let ifCleanup = code.newLabel()
    let anchor = code.newLabel()
    let clause = clauses[index]
    var depth = depth
    if !iteratorOnStack {
      if index == 0 {
        code.emit("LOAD_FAST", 0, line: line)
      } else {
        var single: PythonExpression? = nil
        switch clause.iterable.kind {
        case .list(let items), .tuple(let items):
          if items.count == 1, case .starred = items[0].kind {} else if items.count == 1 { single = items[0] }
        default: break
        }
        if let single {
          try expression(single)
          start = nil
        } else {
          try iterableExpression(clause.iterable)
          code.emit("GET_ITER", line: iterationLine(clause, line))
        }
      }
    }
    if let start {
      depth += 1
      code.place(start)
      code.emit("FOR_ITER", line: iterationLine(clause, line), target: anchor)
    }
    try store(clause.target)
    for condition in clause.conditions { try jumpIf(condition, to: ifCleanup, when: false, line: line) }
    if index + 1 < clauses.count {
      try comprehensionClause(
        clauses, index + 1, depth: depth, element: element, value: value, kind: kind, iteratorOnStack: false,
        line: line)
    }
    // 3.11 places what follows the element at the comprehension's line (the line it was at before the element).
    let elementLine = before312 ? line : element.location.line
    if index + 1 >= clauses.count {
      switch kind {
      case .generator:
        try expression(element)
        code.emit("YIELD_VALUE", 0, line: elementLine)
        code.emit("RESUME", 1, line: elementLine)
        code.emit("POP_TOP", line: elementLine)
      case .list:
        try expression(element)
        code.emit("LIST_APPEND", depth + 1, line: elementLine)
      case .set:
        try expression(element)
        code.emit("SET_ADD", depth + 1, line: elementLine)
      case nil:
        try expression(element)
        try expression(value!)
        code.emit("MAP_ADD", depth + 1, line: elementLine)
      }
    }
    code.place(ifCleanup)
    if let start {
      code.emit("JUMP", line: elementLine, target: start)
      code.place(anchor)
      endFor()
    }
  }
}
