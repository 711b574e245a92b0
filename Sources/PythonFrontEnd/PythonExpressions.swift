import SchedulerEngine

/// Expressions, by precedence from the lowest (the language reference, chapter 6, and its grammar).
extension PythonParserState {
  typealias Expr = PythonExpression

  mutating func nested() throws(SourceDiagnostic) {
    depth += 1
    if depth > Self.maximumDepth { throw errors.at(current.start, "too many nested parentheses") }
  }

  /// `a, *b, c` as a tuple, or a single expression when there is no comma.
  mutating func starExpressions() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    let first = try starExpression()
    guard current.isOp(",") else { return first }
    var items = [first]
    while accept(",") {
      if !startsExpression { break }
      items.append(try starExpression())
    }
    return Expr(kind: .tuple(items), location: start)
  }

  mutating func starExpression() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    if grammar == .python3, accept("*") { return Expr(kind: .starred(try bitOr()), location: start) }
    return try expression()
  }

  /// A comma-separated list of expressions, as `del` and Python 2's `exec` take them.
  mutating func expressionList(star: Bool) throws(SourceDiagnostic) -> [Expr] {
    var items = [star ? try starExpression() : try expression()]
    while accept(",") {
      if !startsExpression { break }
      items.append(star ? try starExpression() : try expression())
    }
    return items
  }

  /// Whether the current token can begin an expression (after a trailing comma it may not).
  var startsExpression: Bool {
    switch current.kind {
    case .string, .integer, .float: return true
    case .name(let word):
      return !isKeywordWord(word)
        || ["None", "True", "False", "not", "lambda", "await", "yield"].contains(word)
    case .op(let op): return ["(", "[", "{", "-", "+", "~", "*", "...", "**"].contains(op)
    default: return false
    }
  }

  /// A lone `*value` where a value is needed, not a display or a target.
  func rejectBareStarred(_ value: Expr) throws(SourceDiagnostic) {
    if case .starred = value.kind { throw errors.at(value.location, "cannot use starred expression here") }
  }

  func rejectUnpacking(_ element: Expr) throws(SourceDiagnostic) {
    if case .starred = element.kind {
      throw errors.at(element.location, "iterable unpacking cannot be used in comprehension")
    }
  }

  /// `x := value` where Python allows it, else an expression.
  mutating func namedExpression() throws(SourceDiagnostic) -> Expr {
    if case .name(let word) = current.kind, !isKeywordWord(word), next.isOp(":=") {
      let start = advance().start
      advance()
      return Expr(kind: .namedExpression(target: word, value: try expression()), location: start)
    }
    return try expression()
  }

  /// `body if test else orElse`, or a lambda, or a disjunction.
  mutating func expression() throws(SourceDiagnostic) -> Expr {
    try nested()
    defer { depth -= 1 }
    if isKeyword("lambda") { return try lambda() }
    let body = try disjunction()
    guard isKeyword("if") else { return body }
    advance()
    let test = try disjunction()
    guard acceptKeyword("else") else { throw errors.at(current.start, "expected 'else' after 'if' expression") }
    let orElse = try expression()
    return Expr(kind: .conditional(test: test, body: body, orElse: orElse), location: body.location)
  }

  mutating func lambda() throws(SourceDiagnostic) -> Expr {
    let start = advance().start
    let parameters = try parameterList(closing: ":", annotations: false)
    try expect(":")
    return Expr(kind: .lambda(parameters: parameters, body: try expression()), location: start)
  }

  mutating func disjunction() throws(SourceDiagnostic) -> Expr {
    let first = try conjunction()
    guard isKeyword("or") else { return first }
    var items = [first]
    while acceptKeyword("or") { items.append(try conjunction()) }
    return Expr(kind: .boolean(isAnd: false, items), location: first.location)
  }

  mutating func conjunction() throws(SourceDiagnostic) -> Expr {
    let first = try inversion()
    guard isKeyword("and") else { return first }
    var items = [first]
    while acceptKeyword("and") { items.append(try inversion()) }
    return Expr(kind: .boolean(isAnd: true, items), location: first.location)
  }

  mutating func inversion() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    if acceptKeyword("not") {
      try nested()
      defer { depth -= 1 }
      return Expr(kind: .unary(.not, try inversion()), location: start)
    }
    return try comparison()
  }

  mutating func comparison() throws(SourceDiagnostic) -> Expr {
    let first = try bitOr()
    var chain: [Comparison] = []
    while let op = comparisonOperator() {
      chain.append(Comparison(op: op, operand: try bitOr()))
    }
    return chain.isEmpty ? first : Expr(kind: .compare(first, chain), location: first.location)
  }

  /// Reads a comparison operator, if one comes.
  mutating func comparisonOperator() -> CompareOperator? {
    if case .op(let spelling) = current.kind {
      let op: CompareOperator? =
        switch spelling {
        case "==": .equal
        case "!=", "<>": .notEqual
        case "<": .less
        case "<=": .lessOrEqual
        case ">": .greater
        case ">=": .greaterOrEqual
        default: nil
        }
      if op != nil { advance() }
      return op
    }
    if isKeyword("in") {
      advance()
      return .contains
    }
    if isKeyword("not"), next.isName("in") {
      advance()
      advance()
      return .notContains
    }
    if isKeyword("is") {
      advance()
      return acceptKeyword("not") ? .isNot : .isSame
    }
    return nil
  }

  /// One level of left-associative binary operators: `operators` at this level, `operand` the next level up.
  mutating func binaryLevel(
    _ operators: [String: BinaryOperator], _ operand: (inout PythonParserState) throws(SourceDiagnostic) -> Expr
  ) throws(SourceDiagnostic) -> Expr {
    var left = try operand(&self)
    while case .op(let spelling) = current.kind, let op = operators[spelling] {
      advance()
      let right = try operand(&self)
      left = Expr(kind: .binary(left, op, right), location: left.location)
    }
    return left
  }

  mutating func bitOr() throws(SourceDiagnostic) -> Expr {
    try binaryLevel(["|": .bitOr]) { parser throws(SourceDiagnostic) in try parser.bitXor() }
  }

  mutating func bitXor() throws(SourceDiagnostic) -> Expr {
    try binaryLevel(["^": .bitXor]) { parser throws(SourceDiagnostic) in try parser.bitAnd() }
  }

  mutating func bitAnd() throws(SourceDiagnostic) -> Expr {
    try binaryLevel(["&": .bitAnd]) { parser throws(SourceDiagnostic) in try parser.shift() }
  }

  mutating func shift() throws(SourceDiagnostic) -> Expr {
    try binaryLevel(["<<": .leftShift, ">>": .rightShift]) { parser throws(SourceDiagnostic) in try parser.sum() }
  }

  mutating func sum() throws(SourceDiagnostic) -> Expr {
    try binaryLevel(["+": .add, "-": .subtract]) { parser throws(SourceDiagnostic) in try parser.term() }
  }

  mutating func term() throws(SourceDiagnostic) -> Expr {
    var operators: [String: BinaryOperator] = ["*": .multiply, "/": .divide, "//": .floorDivide, "%": .modulo]
    if grammar == .python3 { operators["@"] = .matrixMultiply }
    return try binaryLevel(operators) { parser throws(SourceDiagnostic) in try parser.factor() }
  }

  mutating func factor() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    let unary: UnaryOperator? =
      current.isOp("-") ? .negative : current.isOp("+") ? .positive : current.isOp("~") ? .invert : nil
    if let unary {
      advance()
      try nested()
      defer { depth -= 1 }
      return Expr(kind: .unary(unary, try factor()), location: start)
    }
    return try power()
  }

  mutating func power() throws(SourceDiagnostic) -> Expr {
    let base = try awaitPrimary()
    guard accept("**") else { return base }
    try nested()
    defer { depth -= 1 }
    return Expr(kind: .binary(base, .power, try factor()), location: base.location)
  }

  mutating func awaitPrimary() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    if grammar == .python3, acceptKeyword("await") {
      return Expr(kind: .await(try primary()), location: start)
    }
    return try primary()
  }

  /// An atom and its trailers: `.name`, `(arguments)`, `[subscript]`.
  mutating func primary() throws(SourceDiagnostic) -> Expr {
    var value = try atom()
    while true {
      if accept(".") {
        let nameLine = current.start.line
        value = Expr(kind: .attribute(value, try name()), location: value.location, nameLine: nameLine)
      } else if accept("(") {
        let arguments = try arguments()
        try expect(")")
        value = Expr(kind: .call(value, arguments), location: value.location)
      } else if accept("[") {
        let index = try subscriptList()
        try expect("]")
        value = Expr(kind: .subscript(value, index), location: value.location)
      } else {
        return value
      }
    }
  }

  /// What is between `[` and `]` after a value: an index, a slice, or a tuple of them.
  mutating func subscriptList() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    let first = try subscriptItem()
    guard current.isOp(",") else { return first }
    var items = [first]
    while accept(",") {
      if current.isOp("]") { break }
      items.append(try subscriptItem())
    }
    return Expr(kind: .tuple(items), location: start)
  }

  mutating func subscriptItem() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    var lower: Expr?
    if !current.isOp(":") {
      lower = try starOrNamed()
      guard current.isOp(":") else { return lower! }
    }
    advance()
    let endsPart = { (parser: PythonParserState) in
      parser.current.isOp(":") || parser.current.isOp("]") || parser.current.isOp(",")
    }
    let upper = endsPart(self) ? nil : try expression()
    var step: Expr?
    if accept(":"), !endsPart(self) { step = try expression() }
    return Expr(kind: .slice(lower: lower, upper: upper, step: step), location: start)
  }

  mutating func starOrNamed() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    if grammar == .python3, accept("*") { return Expr(kind: .starred(try bitOr()), location: start) }
    return try namedExpression()
  }

  /// A call's arguments, up to (not including) `)`.
  mutating func arguments() throws(SourceDiagnostic) -> [PythonArgument] {
    var arguments: [PythonArgument] = []
    var seenKeyword = false
    while !current.isOp(")") {
      let at = current.start
      if accept("**") {
        arguments.append(PythonArgument(kind: .starStar, value: try expression()))
        seenKeyword = true
      } else if accept("*") {
        arguments.append(PythonArgument(kind: .star, value: try expression()))
      } else if case .name(let word) = current.kind, !isKeywordWord(word), next.isOp("=") {
        advance()
        advance()
        arguments.append(PythonArgument(kind: .keyword(word), value: try expression()))
        seenKeyword = true
      } else {
        var value = try namedExpression()
        if isKeyword("for") || (current.isName("async") && next.isName("for")) {
          value = Expr(
            kind: .comprehension(.generator, element: value, clauses: try comprehensionClauses()),
            location: value.location)
          if !arguments.isEmpty || !current.isOp(")") {
            throw errors.at(value.location, "Generator expression must be parenthesized")
          }
        }
        if current.isOp("=") {
          throw errors.at(value.location, "expression cannot contain assignment, perhaps you meant \"==\"?")
        }
        if seenKeyword { throw errors.at(at, "positional argument follows keyword argument") }
        arguments.append(PythonArgument(kind: .positional, value: value))
      }
      if !accept(",") { break }
    }
    return arguments
  }

  /// `for target in iterable if condition …`, one clause or more.
  mutating func comprehensionClauses() throws(SourceDiagnostic) -> [ComprehensionClause] {
    var clauses: [ComprehensionClause] = []
    while true {
      let isAsync = grammar == .python3 && current.isName("async") && next.isName("for")
      if isAsync { advance() }
      guard acceptKeyword("for") else { break }
      let target = try targetList()
      guard acceptKeyword("in") else { throw errors.at(current.start, "expected 'in'") }
      let iterable = try disjunction()
      var conditions: [Expr] = []
      while acceptKeyword("if") { conditions.append(try disjunction()) }
      clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conditions, isAsync: isAsync))
    }
    return clauses
  }

  /// The targets of a `for`: below the comparisons, so that `in` ends them.
  mutating func targetList() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    let first = try targetAtom()
    guard current.isOp(",") else {
      try checkTarget(first, for: .forLoop)
      return first
    }
    var items = [first]
    while accept(",") {
      if isKeyword("in") || current.isOp("=") { break }
      items.append(try targetAtom())
    }
    let target = Expr(kind: .tuple(items), location: start)
    try checkTarget(target, for: .forLoop)
    return target
  }

  mutating func targetAtom() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    if grammar == .python3, accept("*") { return Expr(kind: .starred(try bitOr()), location: start) }
    return try bitOr()
  }

  mutating func yieldExpression() throws(SourceDiagnostic) -> Expr {
    let start = advance().start
    if acceptKeyword("from") { return Expr(kind: .yield(try expression(), isFrom: true), location: start) }
    let value = startsExpression ? try starExpressions() : nil
    return Expr(kind: .yield(value, isFrom: false), location: start)
  }

  // MARK: atoms

  mutating func atom() throws(SourceDiagnostic) -> Expr {
    let token = current
    let start = token.start
    switch token.kind {
    case .integer(let value):
      advance()
      return Expr(kind: .integer(value), location: start)
    case .float(let value):
      advance()
      return Expr(kind: .float(value), location: start)
    case .string:
      return try strings()
    case .name(let word):
      if grammar == .python3 {
        switch word {
        case "None":
          advance()
          return Expr(kind: .constant(.none), location: start)
        case "True":
          advance()
          return Expr(kind: .constant(.true), location: start)
        case "False":
          advance()
          return Expr(kind: .constant(.false), location: start)
        default: break
        }
      } else if word == "None" {
        advance()
        return Expr(kind: .constant(.none), location: start)
      }
      return Expr(kind: .name(try name()), location: start)
    case .op("..."):
      advance()
      return Expr(kind: .constant(.ellipsis), location: start)
    case .op("("):
      advance()
      try nested()
      defer { depth -= 1 }
      if accept(")") { return Expr(kind: .tuple([]), location: start) }
      if isKeyword("yield") {
        let value = try yieldExpression()
        try expect(")")
        return value
      }
      let first = try starOrNamed()
      if isKeyword("for") || (current.isName("async") && next.isName("for")) {
        try rejectUnpacking(first)
        let clauses = try comprehensionClauses()
        try expect(")")
        return Expr(kind: .comprehension(.generator, element: first, clauses: clauses), location: start)
      }
      guard current.isOp(",") else {
        try rejectBareStarred(first)
        try expect(")")
        return first
      }
      var items = [first]
      while accept(",") {
        if current.isOp(")") { break }
        items.append(try starOrNamed())
      }
      try expect(")")
      return Expr(kind: .tuple(items), location: start)
    case .op("["):
      advance()
      try nested()
      defer { depth -= 1 }
      if accept("]") { return Expr(kind: .list([]), location: start) }
      let first = try starOrNamed()
      if isKeyword("for") || (current.isName("async") && next.isName("for")) {
        try rejectUnpacking(first)
        let clauses = try comprehensionClauses()
        try expect("]")
        return Expr(kind: .comprehension(.list, element: first, clauses: clauses), location: start)
      }
      var items = [first]
      while accept(",") {
        if current.isOp("]") { break }
        items.append(try starOrNamed())
      }
      try expect("]")
      return Expr(kind: .list(items), location: start)
    case .op("{"):
      advance()
      try nested()
      defer { depth -= 1 }
      return try braces(start: start)
    default:
      throw invalid()
    }
  }

  /// After `{`: a dict, a set, or a comprehension of either.
  mutating func braces(start: SourceLocation) throws(SourceDiagnostic) -> Expr {
    if accept("}") { return Expr(kind: .dict([]), location: start) }
    var entries: [DictEntry] = []
    var items: [Expr] = []
    var isDict = false
    repeat {
      if current.isOp("}") { break }
      if accept("**") {
        isDict = true
        entries.append(DictEntry(key: nil, value: try bitOr()))
        continue
      }
      let first = try starOrNamed()
      if case .starred = first.kind, current.isOp(":") {
        throw errors.at(first.location, "cannot use a starred expression in a dictionary key")
      }
      if (entries.isEmpty && items.isEmpty) || isDict, accept(":") {
        isDict = true
        let value = try expression()
        if entries.isEmpty && (isKeyword("for") || (current.isName("async") && next.isName("for"))) {
          let clauses = try comprehensionClauses()
          try expect("}")
          return Expr(kind: .dictComprehension(key: first, value: value, clauses: clauses), location: start)
        }
        entries.append(DictEntry(key: first, value: value))
      } else if isDict {
        throw errors.at(current.start, "':' expected after dictionary key")
      } else {
        if items.isEmpty && (isKeyword("for") || (current.isName("async") && next.isName("for"))) {
          try rejectUnpacking(first)
          let clauses = try comprehensionClauses()
          try expect("}")
          return Expr(kind: .comprehension(.set, element: first, clauses: clauses), location: start)
        }
        items.append(first)
      }
    } while accept(",")
    try expect("}")
    return Expr(kind: isDict ? .dict(entries) : .set(items), location: start)
  }

  /// Adjacent string literals, joined into one value (`"a" "b"`), f-strings among them.
  mutating func strings() throws(SourceDiagnostic) -> Expr {
    let start = current.start
    var pieces: [FormattedPiece] = []
    var isBytes: Bool?
    var formatted = false
    while case .string(let literal) = current.kind {
      if let isBytes, isBytes != literal.isBytes {
        throw errors.at(current.start, "cannot mix bytes and nonbytes literals")
      }
      isBytes = literal.isBytes
      advance()
      if literal.isFormatted {
        formatted = true
        pieces += try formattedPieces(literal)
      } else {
        pieces.append(.literal(literal.text))
      }
    }
    if isBytes == true {
      let text = pieces.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
      return Expr(kind: .bytes(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }), location: start)
    }
    if !formatted {
      let text = pieces.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
      return Expr(kind: .string(text), location: start)
    }
    return Expr(kind: .formatted(Self.merged(pieces)), location: start)
  }

  /// Joins neighbouring literal pieces and drops empty ones.
  static func merged(_ pieces: [FormattedPiece]) -> [FormattedPiece] {
    var result: [FormattedPiece] = []
    for piece in pieces {
      if case .literal(let text) = piece {
        if text.isEmpty { continue }
        if case .literal(let before) = result.last {
          result[result.count - 1] = .literal(before + text)
          continue
        }
      }
      result.append(piece)
    }
    return result
  }
}
