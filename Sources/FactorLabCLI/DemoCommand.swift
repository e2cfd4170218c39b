import ArgumentParser

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "(not yet available)")
    func run() throws { throw ValidationError("'factorlab demo' is not available in this build yet") }
}
