import ArgumentParser

struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "risk", abstract: "(not yet available)")
    func run() throws { throw ValidationError("'factorlab risk' is not available in this build yet") }
}
