import ArgumentParser

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "(not yet available)")
    func run() throws { throw ValidationError("'factorlab run' is not available in this build yet") }
}
