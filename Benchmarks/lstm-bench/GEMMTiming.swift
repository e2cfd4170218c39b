import ArgumentParser

struct GEMMTiming: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gemm", abstract: "(not yet available)")
}
