import ArgumentParser

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "(not yet available)")
    func run() throws { throw ValidationError("'factorlab merge' is not available in this build yet") }
}
