import SchedulerEngine

/// Calls (compiler_call): method calls, keyword names, and `*args`/`**kwargs` (CALL_FUNCTION_EX).
extension CodeGenerator {
  /// A call (compiler_call): a method call (`obj.m(...)`) loads the method with its self; anything else pushes
  /// a NULL first.
  mutating func call(_ function: PythonExpression, _ arguments: [PythonArgument], line: Int)
    throws(CompileError)
  {
    if case .name("super") = function.kind { throw unsupported("super()", function.location) }
    // A method call, unless the object is a module imported at the top (is_import_originated).
    if case .attribute(let object, let method) = function.kind, !isImportedModule(object),
      !arguments.contains(where: { $0.kind == .star || $0.kind == .starStar })
    {
      try expression(object)
      loadMethod(method, line: function.attributeLine)
      // The call is placed on the method's line too when the name is on a later line than the call's start.
      try callArguments(arguments, extra: 0, line: function.attributeLine)
      return
    } else {
      // The NULL that stands for no self: below the callable up to 3.12, above it from 3.13.
      if !from313 { code.emit("PUSH_NULL", line: function.location.line) }
      try expression(function)
      if from313 { code.emit("PUSH_NULL", line: function.location.line) }
    }
    try callArguments(arguments, extra: 0, line: line)
  }

  /// The arguments and the CALL (compiler_call_helper): keyword names go in KW_NAMES just before CALL (3.12), or
  /// on the stack for CALL_KW (3.13).
  /// `extra`: arguments already pushed (a class's body function and name).
  mutating func callArguments(_ arguments: [PythonArgument], extra: Int, line: Int) throws(CompileError) {
    if arguments.contains(where: { $0.kind == .star || $0.kind == .starStar }) {
      try starCall(arguments, extra: extra, line: line)
      return
    }
    var keywords: [String] = []
    for argument in arguments {
      try expression(argument.value)
      if case .keyword(let name) = argument.kind { keywords.append(name) }
    }
    if !keywords.isEmpty && from313 {
      loadConstant(.tuple(keywords.map { .string($0) }), line: line)
      return code.emit("CALL_KW", arguments.count + extra, line: line)
    }
    if !keywords.isEmpty {
      code.emit("KW_NAMES", constants.index(of: .tuple(keywords.map { .string($0) })), line: line)
    }
    emitCall(arguments.count + extra, line: line)
  }

  /// A call with `*args` or `**kwargs` (ex_call): the positional arguments in a tuple, the keywords in a dict,
  /// then CALL_FUNCTION_EX.
  mutating func starCall(_ arguments: [PythonArgument], extra: Int, line: Int) throws(CompileError) {
    let positional = arguments.filter { $0.kind == .positional || $0.kind == .star }
    let keywords = arguments.filter { $0.kind != .positional && $0.kind != .star }
    if extra == 0 && positional.count == 1 && positional[0].kind == .star {
      try expression(positional[0].value)
    } else {
      let items = positional.map { argument in
        argument.kind == .star
          ? PythonExpression(kind: .starred(argument.value), location: argument.value.location) : argument.value
      }
      try starUnpack(
        items, pushed: extra, build: "BUILD_LIST", add: "LIST_APPEND", extend: "LIST_EXTEND", tuple: true, line: line)
    }
    if !keywords.isEmpty {
      var haveDict = false
      var seen: [PythonArgument] = []
      for argument in keywords {
        if argument.kind == .starStar {
          if !seen.isEmpty {
            try subKeywords(seen, line: line)
            if haveDict { code.emit("DICT_MERGE", 1, line: line) }
            haveDict = true
            seen = []
          }
          if !haveDict {
            code.emit("BUILD_MAP", 0, line: line)
            haveDict = true
          }
          try expression(argument.value)
          code.emit("DICT_MERGE", 1, line: line)
        } else {
          seen.append(argument)
        }
      }
      if !seen.isEmpty {
        try subKeywords(seen, line: line)
        if haveDict { code.emit("DICT_MERGE", 1, line: line) }
      }
    }
    code.emit("CALL_FUNCTION_EX", keywords.isEmpty ? 0 : 1, line: line)
  }

  /// Named keyword arguments as a dict (compiler_subkwargs).
  mutating func subKeywords(_ keywords: [PythonArgument], line: Int) throws(CompileError) {
    let names: [PythonConstant] = keywords.map {
      if case .keyword(let name) = $0.kind { .string(name) } else { .none }
    }
    if keywords.count > 1 {
      for keyword in keywords { try expression(keyword.value) }
      loadConstant(.tuple(names), line: line)
      code.emit("BUILD_CONST_KEY_MAP", keywords.count, line: line)
    } else {
      for (keyword, name) in zip(keywords, names) {
        loadConstant(name, line: line)
        try expression(keyword.value)
      }
      code.emit("BUILD_MAP", keywords.count, line: line)
    }
  }

  /// starunpack_helper: a display or an argument list with `*` items, built up and extended.
  mutating func starUnpack(
    _ items: [PythonExpression], pushed: Int, build: String, add: String, extend: String, tuple: Bool, line: Int
  ) throws(CompileError) {
    let hasStar = items.contains { if case .starred = $0.kind { true } else { false } }
    if !hasStar {
      for item in items { try expression(item) }
      code.emit(tuple ? "BUILD_TUPLE" : build, items.count + pushed, line: line)
      return
    }
    var built = false
    for (i, item) in items.enumerated() {
      if case .starred(let inner) = item.kind {
        if !built {
          code.emit(build, i + pushed, line: line)
          built = true
        }
        try expression(inner)
        code.emit(extend, 1, line: line)
      } else {
        try expression(item)
        if built { code.emit(add, 1, line: line) }
      }
    }
    if tuple { callIntrinsic(.listToTuple, line: line) }
  }
}
