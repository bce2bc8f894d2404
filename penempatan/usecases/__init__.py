"""The use cases: what each command does (read, apply a scenario, solve, explain, write), as functions that the
CLI (`cli/`) and the web app (`web/`) both call, below both of them. `jobs` holds one function per command,
`stop` how a use case ends with a message, `lookup` finding a named employee or post, `problems` placing input
problems at their cell."""
