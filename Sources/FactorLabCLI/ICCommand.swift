import ArgumentParser

struct ICCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ic", abstract: "(not yet available)")
    func run() throws { throw ValidationError("'factorlab ic' is not available in this build yet") }
}
