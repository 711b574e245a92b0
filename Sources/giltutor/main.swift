// The `giltutor` executable: the commands are in Giltutor.swift and one file per subcommand.
Giltutor.main(ArgumentOrder.normalized(Array(CommandLine.arguments.dropFirst())))
