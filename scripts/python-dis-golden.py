#!/usr/bin/env python3
"""Prints dis of a Python file in the normalised form giltutor's compiler tests compare: each code object
("== <module>.f"), then per instruction its line (where one starts), opname, argument and argument text; jumps
name the index of the instruction they go to, code objects only their name.

usage: python3.12 scripts/python-dis-golden.py FILE.py > Tests/Fixtures/python/dis-3.12/FILE.txt
       python3.12 scripts/python-dis-golden.py --json < sources.json > listings.json
       python3.12 scripts/python-dis-golden.py --text FILE.py     (dis.dis as giltutor --dis prints it)
       python3.12 scripts/python-dis-golden.py --table FILE.py    (each code object's exception table)
"""
import dis, sys, types


def listing(code, out, path=""):
    instructions = list(dis.get_instructions(code))
    index = {i.offset: k for k, i in enumerate(instructions)}
    name = path + code.co_name
    out.append("== " + name)
    for i in instructions:
        jump = i.opcode in dis.hasjrel or i.opcode in dis.hasjabs
        text = i.argrepr
        if jump:
            text = "to #%d" % index[i.argval]
        elif isinstance(i.argval, types.CodeType):
            text = "<code %s>" % i.argval.co_name
        arg = "" if i.arg is None or jump else " %d" % i.arg
        # 3.13 made starts_line a flag and put the number in line_number.
        starts = i.starts_line if sys.version_info < (3, 13) else (i.line_number if i.starts_line else None)
        line = starts if starts else ""
        out.append("%4s %s%s%s" % (line, i.opname, arg, " (" + text + ")" if text else ""))
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            listing(constant, out, name + ".")


def dis_text(path):
    """dis.dis as CPython prints it, less what giltutor does not print: code objects' addresses and the
    exception tables."""
    import io, re
    out = io.StringIO()
    dis.dis(compile(open(path).read(), path, "exec"), file=out)
    text = re.sub(r" at 0x[0-9a-f]+", "", out.getvalue())
    kept, skipping = [], False
    for line in text.split("\n"):
        if line == "ExceptionTable:":
            skipping = True
            if kept and kept[-1] == "":
                kept.pop()
            continue
        if skipping and line.startswith("  "):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept)


def exception_tables(code, out, path=""):
    """Each code object's exception table: start and end offsets, the handler's offset, the depth, lasti."""
    name = path + code.co_name
    out.append("== " + name)
    for entry in dis._parse_exception_table(code):
        out.append("%d %d %d %d %s" % (entry.start, entry.end, entry.target, entry.depth, entry.lasti))
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            exception_tables(constant, out, name + ".")


if __name__ == "__main__":
    if sys.argv[1] == "--table":
        out = []
        exception_tables(compile(open(sys.argv[2]).read(), sys.argv[2], "exec"), out)
        print("\n".join(out))
    elif sys.argv[1] == "--text":
        sys.stdout.write(dis_text(sys.argv[2]))
    elif sys.argv[1] == "--json":
        # Many programs at once: a JSON list of sources on stdin, a JSON list of listings (or null where the
        # program does not compile) on stdout.
        import json, warnings
        warnings.simplefilter("ignore")
        results = []
        for source in json.load(sys.stdin):
            try:
                out = []
                listing(compile(source, "m.py", "exec"), out)
                results.append("\n".join(out))
            except (SyntaxError, ValueError):
                results.append(None)
        print(json.dumps(results))
    else:
        source = open(sys.argv[1]).read()
        out = []
        listing(compile(source, sys.argv[1], "exec"), out)
        print("\n".join(out))
