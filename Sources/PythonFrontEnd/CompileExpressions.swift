import SchedulerEngine

/// Expressions (compiler_visit_expr) and conditions (compiler_jump_if).
extension CodeGenerator {
  // MARK: conditions (compiler_jump_if)

  mutating func jumpIf(_ e: PythonExpression, to label: Int, when condition: Bool, line: Int)
    throws(CompileError)
  {
    switch e.kind {
    case .unary(.not, let operand):
      try jumpIf(operand, to: label, when: !condition, line: line)
    case .boolean(let isAnd, let items):
      let isOr = !isAnd
      var next2 = label
      let separate = isOr != condition
      if separate { next2 = code.newLabel() }
      for item in items.dropLast() { try jumpIf(item, to: next2, when: isOr, line: line) }
      try jumpIf(items.last!, to: label, when: condition, line: line)
      if separate { code.place(next2) }
    case .conditional(let test, let body, let orElse):
      let end = code.newLabel()
      let next = code.newLabel()
      try jumpIf(test, to: next, when: false, line: line)
      try jumpIf(body, to: label, when: condition, line: line)
      code.emit("JUMP", line: -1, target: end)
      code.place(next)
      try jumpIf(orElse, to: label, when: condition, line: line)
      code.place(end)
    case .compare(let first, let chain) where chain.count > 1:
      let cleanup = code.newLabel()
      try expression(first)
      for comparison in chain.dropLast() {
        try expression(comparison.operand)
        code.emit("SWAP", 2, line: e.location.line)
        code.emit("COPY", 2, line: e.location.line)
        compareOp(comparison.op, line: e.location.line)
        jumpIfTop(false, to: cleanup, line: e.location.line)
      }
      try expression(chain.last!.operand)
      compareOp(chain.last!.op, line: e.location.line)
      jumpIfTop(condition, to: label, line: e.location.line)
      let end = code.newLabel()
      code.emit("JUMP", line: -1, target: end)
      code.place(cleanup)
      code.emit("POP_TOP", line: e.location.line)
      if !condition { code.emit("JUMP", line: -1, target: label) }
      code.place(end)
    default:
      try expression(e)
      jumpIfTop(condition, to: label, line: e.location.line)
    }
  }

  mutating func compareOp(_ op: CompareOperator, line: Int) {
    switch op {
    case .isSame: code.emit("IS_OP", 0, line: line)
    case .isNot: code.emit("IS_OP", 1, line: line)
    case .contains: code.emit("CONTAINS_OP", 0, line: line)
    case .notContains: code.emit("CONTAINS_OP", 1, line: line)
    default:
      // The comparison in the high bits and, from 3.12, the mask of outcomes it accepts in the low four.
      let index = [CompareOperator.less, .lessOrEqual, .equal, .notEqual, .greater, .greaterOrEqual].firstIndex(
        of: op)!
      let masks = [2, 10, 8, 7, 4, 12]
      if before312 { return code.emit("COMPARE_OP", index, line: line) }
      code.emit("COMPARE_OP", index << (from313 ? 5 : 4) | masks[index], line: line)
    }
  }

  // MARK: expressions

  /// The iterable of a `for` (or a test with `in`): a list display becomes a tuple (of constants, one constant),
  /// a set of constants a frozenset (ast_opt.c's fold_iter).
  mutating func iterableExpression(_ e: PythonExpression) throws(CompileError) {
    if case .list(let items) = e.kind, !items.contains(where: { if case .starred = $0.kind { true } else { false } }) {
      return try expression(PythonExpression(kind: .tuple(items), location: e.location))
    }
    if case .set(let items) = e.kind {
      let constants = items.compactMap(ConstantFolding.constant)
      if constants.count == items.count { return loadConstant(.frozenset(constants), line: e.location.line) }
    }
    try expression(e)
  }

  mutating func expression(_ e: PythonExpression) throws(CompileError) {
    let line = e.location.line
    if let folded = ConstantFolding.constant(e) {
      loadConstant(folded, line: line)
      return
    }
    switch e.kind {
    case .name(let n): try nameOp(n, .load, line: line)
    case .constant, .integer, .float, .string, .bytes: break  // folded above
    case .formatted(let pieces): try formatted(pieces, line: line)
    case .tuple(let items): try display(items, build: "BUILD_TUPLE", line: line)
    case .list(let items): try display(items, build: "BUILD_LIST", line: line)
    case .set(let items): try display(items, build: "BUILD_SET", line: line)
    case .dict(let entries):
      if entries.contains(where: { $0.key == nil }) { throw unsupported("'**' in a dict display", e.location) }
      let keys = entries.compactMap { $0.key.flatMap(ConstantFolding.constant) }
      if entries.count > 1 && keys.count == entries.count {
        for entry in entries { try expression(entry.value) }
        loadConstant(.tuple(keys), line: line)
        code.emit("BUILD_CONST_KEY_MAP", entries.count, line: line)
      } else {
        for entry in entries {
          try expression(entry.key!)
          try expression(entry.value)
        }
        code.emit("BUILD_MAP", entries.count, line: line)
      }
    case .binary(let left, let op, let right):
      try expression(left)
      try expression(right)
      code.emit("BINARY_OP", Self.binaryOrder[BinaryOperator.allCases.firstIndex(of: op)!], line: line)
    case .unary(let op, let operand):
      try expression(operand)
      switch op {
      case .negative: code.emit("UNARY_NEGATIVE", line: line)
      case .invert: code.emit("UNARY_INVERT", line: line)
      case .not:
        if from313 { code.emit("TO_BOOL", line: line) }
        code.emit("UNARY_NOT", line: line)
      case .positive: callIntrinsic(.unaryPositive, line: line)
      }
    case .boolean(let isAnd, let items):
      let end = code.newLabel()
      for item in items.dropLast() {
        try expression(item)
        // 3.11 keeps the value or pops it in one jump.
        if before312 {
          code.emit(isAnd ? "JUMP_IF_FALSE_OR_POP" : "JUMP_IF_TRUE_OR_POP", line: line, target: end)
          continue
        }
        code.emit("COPY", 1, line: line)
        jumpIfTop(!isAnd, to: end, line: line)
        code.emit("POP_TOP", line: line)
      }
      try expression(items.last!)
      code.place(end)
    case .compare(let first, let chain):
      try expression(first)
      if chain.count == 1 {
        if chain[0].op == .contains || chain[0].op == .notContains {
          try iterableExpression(chain[0].operand)
        } else {
          try expression(chain[0].operand)
        }
        compareOp(chain[0].op, line: line)
      } else {
        let cleanup = code.newLabel()
        for comparison in chain.dropLast() {
          try expression(comparison.operand)
          code.emit("SWAP", 2, line: line)
          code.emit("COPY", 2, line: line)
          compareOp(comparison.op, line: line)
          if before312 {
            code.emit("JUMP_IF_FALSE_OR_POP", line: line, target: cleanup)
            continue
          }
          code.emit("COPY", 1, line: line)
          jumpIfTop(false, to: cleanup, line: line)
          code.emit("POP_TOP", line: line)
        }
        try expression(chain.last!.operand)
        compareOp(chain.last!.op, line: line)
        let end = code.newLabel()
        code.emit("JUMP", line: -1, target: end)
        code.place(cleanup)
        code.emit("SWAP", 2, line: line)
        code.emit("POP_TOP", line: line)
        code.place(end)
      }
    case .call(let function, let arguments): try call(function, arguments, line: line)
    case .attribute(let object, let attribute):
      try expression(object)
      loadAttribute(attribute, line: e.attributeLine)
    case .subscript(let object, let index):
      let isSlice = try subscriptOperands(object, index, line: line)
      code.emit(isSlice ? "BINARY_SLICE" : "BINARY_SUBSCR", line: line)
    case .slice(let lower, let upper, let step):
      try sliceBound(lower, line: line)
      try sliceBound(upper, line: line)
      if let step {
        try expression(step)
        code.emit("BUILD_SLICE", 3, line: line)
      } else {
        code.emit("BUILD_SLICE", 2, line: line)
      }
    case .conditional(let test, let body, let orElse):
      let end = code.newLabel()
      let next = code.newLabel()
      try jumpIf(test, to: next, when: false, line: line)
      try expression(body)
      code.emit("JUMP", line: -1, target: end)
      code.place(next)
      try expression(orElse)
      code.place(end)
    case .namedExpression(let target, let value):
      try expression(value)
      code.emit("COPY", 1, line: line)
      try nameOp(target, .store, line: line)
    case .lambda(let parameters, let body):
      guard let child = symbols.scope(at: e.location, tag: 1) else {
        throw CompileError(location: e.location, message: "internal: no scope for lambda")
      }
      var flags = try defaults(parameters, line: line)
      var generator = CodeGenerator(
        scope: child, symbols: symbols, release: release, name: "<lambda>",
        qualifiedName: childQualifiedName("<lambda>"),
        firstLine: line)
      generator.configureParameters(parameters)
      let compiled = try generator.lambdaBody(body, line: line)
      staticAttributes.formUnion(generator.staticAttributes)
      flags |= makeClosure(child, line: line)
      childCount += 1
      children[childCount] = compiled
      loadConstant(.code(name: "<lambda>", id: childCount), line: line)
      makeFunction(flags, line: line)
    case .comprehension(let kind, let element, let clauses):
      try comprehension(e, kind: kind, element: element, value: nil, clauses: clauses)
    case .dictComprehension(let key, let value, let clauses):
      try comprehension(e, kind: nil, element: key, value: value, clauses: clauses)
    case .await(let value):
      try expression(value)
      code.emit("GET_AWAITABLE", 0, line: line)
      loadConstant(.none, line: line)
      yieldFrom(isAwait: true, line: line)
    case .yield(let value, let isFrom):
      if isFrom {
        try expression(value!)
        code.emit("GET_YIELD_FROM_ITER", line: line)
        loadConstant(.none, line: line)
        yieldFrom(isAwait: false, line: line)
      } else {
        if let value { try expression(value) } else { loadConstant(.none, line: line) }
        // 3.11's has no argument; 3.12's is the depth of handlers (set by the flow graph); 3.13's says a plain
        // yield.
        code.emit("YIELD_VALUE", 0, line: line)
        code.emit("RESUME", 1, line: line)
      }
    case .starred: throw CompileError(location: e.location, message: "can't use starred expression here")
    }
  }

  /// compiler_add_yield_from: SEND until the awaited or delegated iterator is done, yielding what it yields.
  mutating func yieldFrom(isAwait: Bool, line: Int) {
    let send = code.newLabel()
    let fail = code.newLabel()
    let exit = code.newLabel()
    code.place(send)
    code.emit("SEND", line: line, target: exit)
    // 3.11: a throw() into the iterator is C's business (gen_throw), and SEND leaves only the result.
    if before312 {
      code.emit("YIELD_VALUE", line: line)
      code.emit("RESUME", isAwait ? 3 : 2, line: line)
      code.emit("JUMP_NO_INTERRUPT", line: line, target: send)
      code.place(exit)
      return
    }
    code.emit("SETUP_FINALLY", line: line, target: fail)
    code.emit("YIELD_VALUE", from313 ? 1 : 0, line: line)
    code.emit("POP_BLOCK", line: -1)
    code.emit("RESUME", isAwait ? 3 : 2, line: line)
    code.emit("JUMP_NO_INTERRUPT", line: line, target: send)
    code.place(fail)
    code.emit("CLEANUP_THROW", line: line)
    code.place(exit)
    code.emit("END_SEND", line: line)
  }

  /// Pushes what a subscript needs: the object and the index, or for `a[i:j]` the object and both bounds
  /// (3.12's BINARY_SLICE and STORE_SLICE). Returns whether it is such a slice.
  mutating func subscriptOperands(_ object: PythonExpression, _ index: PythonExpression, line: Int)
    throws(CompileError) -> Bool
  {
    try expression(object)
    // 3.11 builds a slice object for a subscript of any kind.
    guard !before312, case .slice(let lower, let upper, nil) = index.kind else {
      try expression(index)
      return false
    }
    try sliceBound(lower, line: line)
    try sliceBound(upper, line: line)
    return true
  }

  mutating func sliceBound(_ bound: PythonExpression?, line: Int) throws(CompileError) {
    if let bound { try expression(bound) } else { loadConstant(.none, line: line) }
  }

  /// A list, tuple or set display; three constants or more in a list or set are loaded as one tuple.
  mutating func display(_ items: [PythonExpression], build: String, line: Int) throws(CompileError) {
    if items.contains(where: { if case .starred = $0.kind { true } else { false } }) {
      let (add, extend) = build == "BUILD_SET" ? ("SET_ADD", "SET_UPDATE") : ("LIST_APPEND", "LIST_EXTEND")
      try starUnpack(
        items, pushed: 0, build: build == "BUILD_TUPLE" ? "BUILD_LIST" : build, add: add, extend: extend,
        tuple: build == "BUILD_TUPLE", line: line)
      return
    }
    let constants = items.compactMap(ConstantFolding.constant)
    if build != "BUILD_TUPLE" && items.count > 2 && constants.count == items.count {
      code.emit(build, 0, line: line)
      loadConstant(build == "BUILD_SET" ? .frozenset(constants) : .tuple(constants), line: line)
      code.emit(build == "BUILD_LIST" ? "LIST_EXTEND" : "SET_UPDATE", 1, line: line)
      return
    }
    for item in items { try expression(item) }
    code.emit(build, items.count, line: line)
  }

  /// An f-string (compiler_joined_str): its pieces, neighbouring texts joined as CPython's parser joins them
  /// (`{x=}` brings the text `x=`), then BUILD_STRING unless there is only one.
  mutating func formatted(_ pieces: [FormattedPiece], line: Int) throws(CompileError) {
    enum Value {
      case text(String)
      case field(PythonExpression, Int, [FormattedPiece])
    }
    var values: [Value] = []
    func addText(_ text: String) {
      if case .text(let before) = values.last {
        values[values.count - 1] = .text(before + text)
      } else if !text.isEmpty {
        values.append(.text(text))
      }
    }
    for piece in pieces {
      switch piece {
      case .literal(let text): addText(text)
      case .field(let value, let conversion, let spec, let selfDocumenting):
        if let selfDocumenting { addText(selfDocumenting) }
        var flags = 0
        switch conversion {
        case "s": flags = 1
        case "r": flags = 2
        case "a": flags = 3
        default: flags = selfDocumenting != nil && spec.isEmpty ? 2 : 0
        }
        values.append(.field(value, flags, spec))
      }
    }
    for value in values {
      switch value {
      case .text(let text): loadConstant(.string(text), line: line)
      case .field(let expression, var flags, let spec):
        try self.expression(expression)
        if from313 {
          // The conversion first, then the spec: CONVERT_VALUE, FORMAT_SIMPLE or FORMAT_WITH_SPEC.
          if flags != 0 { code.emit("CONVERT_VALUE", flags, line: line) }
          if spec.isEmpty {
            code.emit("FORMAT_SIMPLE", line: line)
          } else {
            try formatted(spec, line: line)
            code.emit("FORMAT_WITH_SPEC", line: line)
          }
          continue
        }
        if !spec.isEmpty {
          try formatted(spec, line: line)
          flags |= 4
        }
        code.emit("FORMAT_VALUE", flags, line: line)
      }
    }
    if values.isEmpty { loadConstant(.string(""), line: line) }
    if values.count > 1 { code.emit("BUILD_STRING", values.count, line: line) }
  }

  /// Whether `e` is a name the module imports (`import threading`): CPython does not call its attributes as
  /// methods.
  func isImportedModule(_ e: PythonExpression) -> Bool {
    guard case .name(let n) = e.kind else { return false }
    // 3.13 gives a module-level comprehension's names the comprehension's symbols while it compiles it, which
    // do not say imported.
    if from313 && scope.kind == .module && !inlinedComprehensions.isEmpty { return false }
    return symbols.module.flags(of: n).contains(.imported)
  }
}
