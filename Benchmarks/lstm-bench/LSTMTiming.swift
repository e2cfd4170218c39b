import ArgumentParser

struct LSTMTiming: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lstm", abstract: "(not yet available)")
}
