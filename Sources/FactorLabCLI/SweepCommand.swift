import ArgumentParser

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sweep", abstract: "(not yet available)")
    func run() throws { throw ValidationError("'factorlab sweep' is not available in this build yet") }
}
