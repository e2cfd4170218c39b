import ArgumentParser

struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "screen", abstract: "(not yet available)")
    func run() throws { throw ValidationError("'factorlab screen' is not available in this build yet") }
}
