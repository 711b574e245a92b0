import SchedulerEngine

/// A parsed Python file: what CPython's `ast.parse` gives, for the grammar giltutor reads (a superset of its
/// subset, so that what lies outside the subset gets a message naming it rather than "invalid syntax").
public struct PythonModule: Sendable, Equatable {
  public var body: [PythonStatement]
  public var comments: [PythonComment]
  public var grammar: PythonGrammar
}

public struct PythonStatement: Sendable, Equatable {
  public var kind: Kind
  public var location: SourceLocation

  public indirect enum Kind: Sendable, Equatable {
    case expression(PythonExpression)
    /// `a = b = value`: every target gets the value.
    case assign(targets: [PythonExpression], value: PythonExpression)
    case augmentedAssign(target: PythonExpression, op: BinaryOperator, value: PythonExpression)
    case annotatedAssign(target: PythonExpression, annotation: PythonExpression, value: PythonExpression?)
    case function(FunctionDefinition)
    case classDefinition(name: String, bases: [PythonArgument], body: [PythonStatement], decorators: [PythonExpression])
    case returnValue(PythonExpression?)
    case global([String])
    case nonlocal([String])
    case ifElse(test: PythonExpression, body: [PythonStatement], orElse: [PythonStatement])
    case whileLoop(test: PythonExpression, body: [PythonStatement], orElse: [PythonStatement])
    case forLoop(
      target: PythonExpression, iterable: PythonExpression, body: [PythonStatement], orElse: [PythonStatement],
      isAsync: Bool)
    case breakLoop
    case continueLoop
    case pass
    case assert(test: PythonExpression, message: PythonExpression?)
    case tryBlock(
      body: [PythonStatement], handlers: [ExceptHandler], orElse: [PythonStatement], finally: [PythonStatement])
    case raise(exception: PythonExpression?, cause: PythonExpression?)
    case with(items: [WithItem], body: [PythonStatement], isAsync: Bool)
    /// `import a.b as c, d`.
    case importModules([ImportedName])
    /// `from a.b import c as d`; `level` counts the leading dots; no names: `import *`.
    case importFrom(module: String, level: Int, names: [ImportedName])
    case delete([PythonExpression])
    /// Python 2's `print a, b,` (`destination`: `print >>f, a`).
    case print(values: [PythonExpression], destination: PythonExpression?, newline: Bool)
    /// A statement outside the subset that the parser still recognises (`match`, `exec`, `type X = …`), by its
    /// keyword.
    case unsupported(String)
  }
}

public struct FunctionDefinition: Sendable, Equatable {
  public var name: String
  /// The line of `def` (the statement starts at its first decorator).
  public var keywordLine: Int
  public var parameters: [Parameter]
  public var body: [PythonStatement]
  public var decorators: [PythonExpression]
  public var isAsync: Bool
  public var returns: PythonExpression?
}

public struct Parameter: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case positionalOnlyMarker, positional, starArgs, keywordOnly, starStarKeywords
  }
  public var name: String
  public var kind: Kind
  public var defaultValue: PythonExpression?
  public var annotation: PythonExpression?
  public var location: SourceLocation
}

public struct ExceptHandler: Sendable, Equatable {
  /// nil: a bare `except:`.
  public var type: PythonExpression?
  public var name: String?
  public var body: [PythonStatement]
  public var location: SourceLocation
}

public struct WithItem: Sendable, Equatable {
  public var context: PythonExpression
  public var target: PythonExpression?
}

public struct ImportedName: Sendable, Equatable {
  public var name: String
  public var alias: String?
  public var location: SourceLocation
}

public enum BinaryOperator: String, Sendable, Equatable, CaseIterable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case floorDivide = "//"
  case modulo = "%"
  case power = "**"
  case matrixMultiply = "@"
  case leftShift = "<<"
  case rightShift = ">>"
  case bitAnd = "&"
  case bitOr = "|"
  case bitXor = "^"
}

public enum UnaryOperator: String, Sendable, Equatable {
  case negative = "-"
  case positive = "+"
  case invert = "~"
  case not = "not"
}

public enum CompareOperator: String, Sendable, Equatable {
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case isSame = "is"
  case isNot = "is not"
  case contains = "in"
  case notContains = "not in"
}

public struct PythonExpression: Sendable, Equatable {
  public var kind: Kind
  public var location: SourceLocation
  /// For an attribute, the line of its name, which may follow the object's (`a\n.b`): CPython places the
  /// attribute's load and store there.
  public var nameLine: Int? = nil

  public init(kind: Kind, location: SourceLocation, nameLine: Int? = nil) {
    self.kind = kind
    self.location = location
    self.nameLine = nameLine
  }

  /// The line of the instructions that use an attribute (update_start_location_to_match_attr).
  public var attributeLine: Int { nameLine ?? location.line }

  public enum Constant: Sendable, Equatable { case none, `true`, `false`, ellipsis }
  public enum ComprehensionKind: Sendable, Equatable { case list, set, generator }

  public indirect enum Kind: Sendable, Equatable {
    case name(String)
    case constant(Constant)
    case integer(Int64)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    /// An f-string: its literal pieces and replacement fields, in order.
    case formatted([FormattedPiece])
    case tuple([PythonExpression])
    case list([PythonExpression])
    case set([PythonExpression])
    /// `{k: v, **other}`: a nil key is a `**` spread.
    case dict([DictEntry])
    case comprehension(ComprehensionKind, element: PythonExpression, clauses: [ComprehensionClause])
    case dictComprehension(key: PythonExpression, value: PythonExpression, clauses: [ComprehensionClause])
    case binary(PythonExpression, BinaryOperator, PythonExpression)
    case unary(UnaryOperator, PythonExpression)
    /// `a and b and c` (`isAnd`) or `a or b`.
    case boolean(isAnd: Bool, [PythonExpression])
    /// `a < b <= c`: a chain.
    case compare(PythonExpression, [Comparison])
    case call(PythonExpression, [PythonArgument])
    case attribute(PythonExpression, String)
    case `subscript`(PythonExpression, PythonExpression)
    case slice(lower: PythonExpression?, upper: PythonExpression?, step: PythonExpression?)
    case conditional(test: PythonExpression, body: PythonExpression, orElse: PythonExpression)
    case lambda(parameters: [Parameter], body: PythonExpression)
    case await(PythonExpression)
    case yield(PythonExpression?, isFrom: Bool)
    /// `*rest` in a target or a display.
    case starred(PythonExpression)
    case namedExpression(target: String, value: PythonExpression)
  }
}

public struct Comparison: Sendable, Equatable {
  public var op: CompareOperator
  public var operand: PythonExpression
}

public struct DictEntry: Sendable, Equatable {
  public var key: PythonExpression?
  public var value: PythonExpression
}

public struct ComprehensionClause: Sendable, Equatable {
  public var target: PythonExpression
  public var iterable: PythonExpression
  public var conditions: [PythonExpression]
  public var isAsync: Bool
}

public struct PythonArgument: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case positional
    case keyword(String)
    case star, starStar
  }
  public var kind: Kind
  public var value: PythonExpression
}

public enum FormattedPiece: Sendable, Equatable {
  case literal(String)
  /// `{value!conversion:spec}`; `spec` is itself an f-string's pieces. `selfDocumenting`: `{x=}` prints `x=`.
  case field(value: PythonExpression, conversion: Character?, spec: [FormattedPiece], selfDocumenting: String?)
}
