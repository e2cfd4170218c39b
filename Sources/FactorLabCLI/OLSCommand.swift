import ArgumentParser

struct OLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ols", abstract: "(not yet available)")
    func run() throws { throw ValidationError("'factorlab ols' is not available in this build yet") }
}
